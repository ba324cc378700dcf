"""Each stage's sub-steps (GLOSSARY.md): ticked from data where data exists, by hand otherwise.

Only the gates in lifecycle.py block a move; the checklist shows progress.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import OPERATIONAL_INSTRUMENTS, ApprovalKind, InstrumentKind, InstrumentStatus, Stage
from .legacy import legacy_steps
from .models import ProcessRules
from .rules import records
from .rules.approvals import BEFORE_ADDENDUM, approval_needs, need_state


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    derived: object = None  # callable(agreement) -> bool, or None for a step ticked by hand


def _has_object(a):
    return bool(a.cooperation_object_id or a.object_description)


def _signed(kinds):
    return lambda a: any(i.kind in kinds and i.is_signed for i in a.instruments.all())


def _drafted(kinds):
    return lambda a: any(i.kind in kinds for i in a.instruments.all())


def _validated(a):
    return any(i.status == InstrumentStatus.VALIDATED for i in a.instruments.all())


def _tkksd(a):
    # The latest review must say layak (or layak dengan catatan): a "tidak layak" does not tick it.
    return records.tkksd_problem(a) is None or "tkksd_review" in legacy_steps(a)


def _proposal(a):
    return records.proposal_problem(a) is None or "proposal" in legacy_steps(a)


def _legality(a):
    return not records.legality_problem_list(a) or "partner_legality" in legacy_steps(a)


def _dprd(a):
    approvals = list(a.approvals.all())
    needs = [
        n
        for n in approval_needs(a, ProcessRules.current())
        if n.kind == ApprovalKind.DPRD and n.before != BEFORE_ADDENDUM
    ]
    return all(need_state(n, approvals)[0] == "approved" or n.code in legacy_steps(a) for n in needs)


def _evaluated(a):
    return a.evaluations.exists()


def _final_evaluation(a):
    return a.evaluations.filter(period_type="final").exists()


STEPS = {
    Stage.PREPARATION: [
        Step("identify_object", _("Identifikasi objek"), _has_object),
        Step("proposal", _("Proposal / KAK"), _proposal),
        Step("partner_legality", _("Verifikasi legalitas mitra"), _legality),
        Step("tkksd_review", _("Pembahasan TKKSD"), _tkksd),
        Step("draft_mou", _("Penyusunan kesepakatan bersama"), _drafted({InstrumentKind.MOU})),
    ],
    Stage.SIGNING: [
        Step("sign_mou", _("Penandatanganan kesepakatan bersama"), _signed({InstrumentKind.MOU})),
        Step("dprd_approval", _("Persetujuan DPRD (jika disyaratkan)"), _dprd),
        Step("draft_pks", _("Penyusunan PKS"), _drafted(OPERATIONAL_INSTRUMENTS)),
        Step("sign_pks", _("Penandatanganan PKS"), _signed(OPERATIONAL_INSTRUMENTS)),
        Step("validate_signed", _("Validasi naskah bertanda tangan (paraf, meterai, stempel)"), _validated),
    ],
    Stage.IMPLEMENTATION: [
        Step("run_obligations", _("Pelaksanaan kewajiban")),
        Step("periodic_reporting", _("Pelaporan berkala")),
        Step("addendum", _("Adendum"), _drafted({InstrumentKind.ADDENDUM})),
    ],
    Stage.EVALUATION: [
        Step("monitoring", _("Monitoring dan evaluasi"), _evaluated),
        Step("recommendation", _("Rekomendasi akhir"), _final_evaluation),
        Step("renewal_or_closure", _("Perpanjangan atau pengakhiran")),
    ],
}
MANUAL_CODES = {step.code for steps in STEPS.values() for step in steps if step.derived is None}


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    done: bool
    by_hand: bool
    done_by: object = None
    done_at: object = None


def checklist(agreement, stage=None):
    """The items of a stage (default: the agreement's current stage) with their state."""
    ticks = {t.step: t for t in agreement.checklist_ticks.select_related("done_by")}
    items = []
    for step in STEPS.get(stage or agreement.stage, []):
        if step.derived is not None:
            items.append(ChecklistItem(step.code, step.label, bool(step.derived(agreement)), False))
        else:
            tick = ticks.get(step.code)
            items.append(
                ChecklistItem(
                    step.code,
                    step.label,
                    tick is not None,
                    True,
                    tick and tick.done_by,
                    tick and tick.done_at,
                )
            )
    return items
