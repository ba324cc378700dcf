"""The conditions behind the managers' figures, as filters of a queryset already scoped to its reader
(`Agreement.objects.visible_to(user)`): agreements/selectors_decisions.py counts with them and the
agreement list's FilterSet filters with them, so a figure and the list its link opens never disagree.
Their subqueries only narrow the scoped queryset they are applied to."""

from django.db.models import Q
from django.db.models.functions import Coalesce

from .choices import OUTCOMES, ApprovalResult, Stage, TkksdDecision
from .models import Agreement, Approval, BenefitRealisation, BenefitShare

# A TKKSD review that lets preparation go on; any other decision (revise, not feasible) sends the
# proposal back, and it waits for a new review.
TKKSD_PASSED = (TkksdDecision.FEASIBLE, TkksdDecision.FEASIBLE_WITH_NOTES)
# Agreements whose benefits flow: signed and running, or being evaluated.
BENEFIT_STAGES = (Stage.IMPLEMENTATION, Stage.EVALUATION)


def waiting_for_tkksd_q() -> Q:
    """Agreements in preparation without a TKKSD review that lets them go on."""
    passed = Q(tkksd_reviews__decision__in=TKKSD_PASSED)
    return Q(stage=Stage.PREPARATION) & ~Q(pk__in=Agreement.objects.filter(passed).values("pk"))


def waiting_for_approval_q() -> Q:
    """Agreements still running with an approval asked for and not yet decided."""
    pending = Approval.objects.filter(result=ApprovalResult.PENDING).values("agreement_id")
    return Q(pk__in=pending) & ~Q(stage__in=OUTCOMES)


def overdue_unit_expression():
    """The OPD an occurrence's obligation is counted for: its own, else the agreement's leading one."""
    return Coalesce("obligation__responsible_unit_id", "obligation__agreement__lead_unit_id")


def running_in(year: int) -> Q:
    """Agreements whose benefits flow in `year`: implemented or evaluated, their term reaching it."""
    return (
        Q(stage__in=BENEFIT_STAGES)
        & (Q(start_date__isnull=True) | Q(start_date__year__lte=year))
        & Q(end_date__year__gte=year)
    )


def benefit_year_q(year: int) -> Q:
    """Agreements whose benefits count in `year`: running then with a benefit planned in Rupiah, or
    with a realisation dated in it."""
    planned = BenefitShare.objects.filter(amount__isnull=False).values("benefit__agreement_id")
    realised = BenefitRealisation.objects.filter(realised_on__year=year).values("benefit__agreement_id")
    return (running_in(year) & Q(pk__in=planned)) | Q(pk__in=realised)
