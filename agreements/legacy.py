"""What the legacy entry of an agreement says (issue 10, item 11), for the gates and the checklist.

`legacy_steps(agreement)` is the set of step codes (agreements.models.legacy.LegacyStepCode — the codes
of the compliance checklist) that happened outside the system; a gate treats such a step as done.
It reads a prefetched `legacy_entry__steps` when there is one.
"""

from django.core.exceptions import ObjectDoesNotExist

from .choices import Stage
from .models.legacy import LegacyStepCode

# The steps an agreement has passed once it stands past each stage (for the data migration and as the
# default ticks of the legacy entry page).
PREPARATION_STEPS = (
    LegacyStepCode.INITIATIVE_LETTER,
    LegacyStepCode.PROPOSAL,
    LegacyStepCode.PARTNER_LEGALITY,
    LegacyStepCode.BENEFIT_STUDY,
    LegacyStepCode.TKKSD_REVIEW,
    LegacyStepCode.DRAFT_MOU,
)
SIGNING_STEPS = (
    LegacyStepCode.SIGN_MOU,
    LegacyStepCode.APPROVAL_DPRD,
    LegacyStepCode.LEGAL_REVIEW,
    LegacyStepCode.SIGN_OPERATIONAL,
    LegacyStepCode.VALIDATE_SIGNED,
)


def legacy_entry(agreement):
    try:
        return agreement.legacy_entry
    except ObjectDoesNotExist:
        return None


def legacy_steps(agreement) -> set[str]:
    """The codes of the steps that happened outside the system; empty for an agreement entered new."""
    entry = legacy_entry(agreement)
    if entry is None:
        return set()
    return {step.step for step in entry.steps.all()}


def steps_passed(stage) -> tuple:
    """The steps an agreement standing at `stage` has passed (preparation passes none)."""
    if stage == Stage.SIGNING:
        return PREPARATION_STEPS
    if stage in (Stage.IMPLEMENTATION, Stage.EVALUATION, Stage.COMPLETED):
        return PREPARATION_STEPS + SIGNING_STEPS
    return ()
