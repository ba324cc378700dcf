"""Which approvals an agreement needs, and whether they are on record.

DPRD approval when the agreement "membebani masyarakat dan daerah" and/or its cost is "belum
teranggarkan dalam APBD tahun anggaran berjalan" (PP 28/2018), and for cooperation abroad where the
rules in force say so; the central government's approvals per category (`ProcessRules`). They are
due before the MoU for the categories the rules name (cooperation abroad) and for framework (MoU-only)
agreements, before the operational text (PKS) otherwise; a letter of intent binds no one and needs none. An addendum that adds a burden or a cost
re-opens the DPRD question for itself.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.templatetags.formatting import tanggal

from ..choices import OPERATIONAL_INSTRUMENTS, ApprovalKind, ApprovalResult, InstrumentKind
from ..legacy import legacy_steps
from ..models import Approval, ProcessRules

BEFORE_MOU = "mou"
BEFORE_OPERATIONAL = "operational"
BEFORE_ADDENDUM = "addendum"
KIND_LABELS = dict(ApprovalKind.choices)


@dataclass(frozen=True)
class ApprovalNeed:
    kind: str
    before: str  # BEFORE_MOU, BEFORE_OPERATIONAL or BEFORE_ADDENDUM
    why: tuple  # the triggers, in the regulation's words
    instrument_id: int | None = None  # the addendum a re-opened approval is for

    @property
    def label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def code(self) -> str:
        """The step's code in the compliance checklist and the legacy entry (approval_dprd, …)."""
        return f"approval_{self.kind}"


def met_outside(need, agreement) -> bool:
    """An approval of the agreement itself that its legacy entry says was given outside the system."""
    return need.before != BEFORE_ADDENDUM and need.code in legacy_steps(agreement)


def dprd_triggers(agreement, rules: ProcessRules) -> list[str]:
    why = []
    if rules.dprd_when_burdens and agreement.burdens_public:
        why.append(_("membebani masyarakat dan daerah"))
    if rules.dprd_when_not_budgeted and agreement.not_budgeted:
        why.append(_("belum teranggarkan dalam APBD tahun anggaran berjalan"))
    if rules.dprd_for_foreign and agreement.is_foreign:
        why.append(_("kerja sama dengan pihak luar negeri"))
    return why


def _when(agreement, rules) -> str:
    if agreement.is_framework or agreement.category in rules.approvals_before_mou:
        return BEFORE_MOU
    return BEFORE_OPERATIONAL


def approval_needs(agreement, rules: ProcessRules | None = None, instruments=None) -> list[ApprovalNeed]:
    """Every approval the agreement needs, in the order they are usually sought."""
    rules = rules or ProcessRules.current()
    before = _when(agreement, rules)
    needs = []
    why = dprd_triggers(agreement, rules)
    if why:
        needs.append(ApprovalNeed(ApprovalKind.DPRD, before, tuple(why)))
    for kind in rules.central_approvals.get(agreement.category, []):
        needs.append(ApprovalNeed(kind, before, (agreement.get_category_display(),)))
    instruments = agreement.instruments.all() if instruments is None else instruments
    for instrument in instruments:
        if instrument.kind == InstrumentKind.ADDENDUM and instrument.adds_burden:
            needs.append(
                ApprovalNeed(
                    ApprovalKind.DPRD,
                    BEFORE_ADDENDUM,
                    (_("adendum menambah beban atau biaya"),),
                    instrument_id=instrument.pk,
                )
            )
    return needs


def latest_for(need: ApprovalNeed, approvals) -> Approval | None:
    """The latest record of the approval a need asks for (the newest decision counts)."""
    matching = [a for a in approvals if a.kind == need.kind and a.instrument_id == need.instrument_id]
    if not matching:
        return None
    return max(matching, key=lambda a: (a.decided_on or a.submitted_on or a.created_at.date(), a.pk))


def need_state(need, approvals, by_date=None) -> tuple[str, Approval | None]:
    """("approved" | "pending" | "refused" | "missing" | "late", the record)."""
    record = latest_for(need, approvals)
    if record is None:
        return "missing", None
    if record.result == ApprovalResult.REFUSED:
        return "refused", record
    if record.result == ApprovalResult.PENDING:
        return "pending", record
    if by_date is not None and record.decided_on and record.decided_on > by_date:
        return "late", record
    return "approved", record


def need_problem(need, state, record, by_date=None) -> str | None:
    """The refusal for a need in `state`, naming what is missing; None when it is approved."""
    label = need.label
    why = "; ".join(str(w) for w in need.why)
    if state == "missing":
        return _("%(kind)s disyaratkan (%(why)s) tetapi belum dicatat.") % {"kind": label, "why": why}
    if state == "pending":
        return _("%(kind)s masih menunggu keputusan (surat %(letter)s).") % {
            "kind": label,
            "letter": record.letter_number or "—",
        }
    if state == "refused":
        return _("%(kind)s ditolak pada %(date)s; kerja sama tidak dapat ditandatangani tanpanya.") % {
            "kind": label,
            "date": tanggal(record.decided_on),
        }
    if state == "late":
        return _("%(kind)s baru diputuskan pada %(date)s, setelah tanggal penandatanganan %(signing)s.") % {
            "kind": label,
            "date": tanggal(record.decided_on),
            "signing": tanggal(by_date),
        }
    return None


def _applies_to(need, instrument) -> bool:
    if need.before == BEFORE_ADDENDUM:
        return instrument.pk is not None and need.instrument_id == instrument.pk
    if instrument.kind in OPERATIONAL_INSTRUMENTS:
        return True
    if instrument.kind == InstrumentKind.MOU:
        return need.before == BEFORE_MOU
    return False


def signing_problems(agreement, instrument, signing_date, rules: ProcessRules | None = None) -> list[str]:
    """Why `instrument` may not be signed on `signing_date` for want of an approval."""
    rules = rules or ProcessRules.current()
    instruments = list(agreement.instruments.all())
    if instrument.pk is None or instrument not in instruments:
        instruments.append(instrument)
    approvals = list(agreement.approvals.all())
    problems = []
    for need in approval_needs(agreement, rules, instruments):
        if not _applies_to(need, instrument) or met_outside(need, agreement):
            continue
        state, record = need_state(need, approvals, by_date=signing_date)
        problem = need_problem(need, state, record, by_date=signing_date)
        if problem:
            problems.append(problem)
    return problems


def agreement_level_problems(agreement, rules: ProcessRules | None = None) -> list[str]:
    """The approvals the agreement itself needs (not those of its addenda) that are not approved."""
    rules = rules or ProcessRules.current()
    approvals = list(agreement.approvals.all())
    problems = []
    for need in approval_needs(agreement, rules):
        if need.before == BEFORE_ADDENDUM or met_outside(need, agreement):
            continue
        state, record = need_state(need, approvals)
        problem = need_problem(need, state, record)
        if problem:
            problems.append(problem)
    return problems
