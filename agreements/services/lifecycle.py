"""Moving an agreement through its stages (DESIGN.md §3, as the law runs it: issue 10).

A gate is what is needed to *enter* a stage. Every refusal names, in plain words, what is missing;
every move is recorded as a StageTransition (actor None means the system). The law's rules — who may
be a party, which approvals, which steps — are read from agreements.rules with the rules in force
(`ProcessRules`).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ConflictError, GateRefused, apply_changes, refuse, save_validated
from core.templatetags.formatting import tanggal

from .. import signals
from ..checklist import MANUAL_CODES
from ..choices import (
    OPERATIONAL_INSTRUMENTS,
    OUTCOMES,
    WORKING_STAGES,
    ApprovalKind,
    ApprovalResult,
    Category,
    ClosureReason,
    DocumentType,
    InstrumentKind,
    SplitMethod,
    Stage,
)
from ..legacy import legacy_steps
from ..models import Agreement, Approval, ChecklistTick, Document, ProcessRules, StageTransition, TkksdReview
from ..rules import records
from ..rules.approvals import agreement_level_problems
from ..rules.categories import category_party_problems, counterpart_problems
from ..splits import format_percent
from .versioning import bump_version


def _split_reasons(agreement, rules):
    reasons = []
    risks_required = agreement.category == Category.KPBU or rules.risk_split_required_outside_kpbu
    for risk in agreement.risks.prefetch_related("shares") if risks_required else []:
        total = sum((s.percent for s in risk.shares.all()), Decimal(0))
        if total != 100:
            reasons.append(
                _("Alokasi risiko '%(r)s' belum lengkap (%(t)s %% dari 100 %%).")
                % {"r": risk.event, "t": format_percent(total)}
            )
    for benefit in agreement.benefits.filter(split_method=SplitMethod.PERCENT).prefetch_related("shares"):
        total = sum((s.percent or 0 for s in benefit.shares.all()), Decimal(0))
        if total != 100:
            reasons.append(
                _("Pembagian manfaat '%(b)s' belum lengkap (%(t)s %% dari 100 %%).")
                % {"b": benefit.get_kind_display(), "t": format_percent(Decimal(total))}
            )
    return reasons


def _instrument_ready(instrument):
    has_file = any(d.doc_type == DocumentType.SIGNED_COPY for d in instrument.documents.all())
    has_dates = bool(
        instrument.signing_date
        and (instrument.start_date or instrument.agreement.start_date)
        and (instrument.end_date or instrument.agreement.end_date)
    )
    return instrument.is_signed and has_file and has_dates


def _implementation_reasons(agreement, rules, outside):
    """Entering implementation. A step the legacy entry says happened outside the system counts as
    done (agreements.legacy); a text signed outside it still needs the agreement's dates."""
    reasons = []
    instruments = list(agreement.instruments.prefetch_related("documents"))
    operational = [i for i in instruments if i.kind in OPERATIONAL_INSTRUMENTS]
    mous = [i for i in instruments if i.kind == InstrumentKind.MOU]
    signed_step = "sign_mou" if agreement.is_framework else "sign_operational"
    if signed_step in outside and agreement.start_date and agreement.end_date:
        pass
    elif agreement.is_framework:
        if not any(_instrument_ready(i) for i in mous + operational):
            reasons.append(
                _(
                    "Belum ada kesepakatan bersama yang ditandatangani dengan berkas naskah bertanda tangan dan tanggal berlaku."
                )
            )
    elif not any(_instrument_ready(i) for i in operational):
        reasons.append(
            _(
                "Belum ada naskah operasional (PKS, perjanjian KPBU atau pemanfaatan aset) yang ditandatangani, "
                "dengan berkas naskah bertanda tangan dan tanggal mulai serta berakhir."
            )
        )
    reasons += agreement_level_problems(agreement, rules)
    problem = None if "sign_mou" in outside else records.mou_first_problem(agreement, rules)
    if problem:
        reasons.append(problem)
    if rules.legal_review_required and "legal_review" not in outside:
        problem = records.legal_review_problem(agreement)
        if problem:
            reasons.append(problem)
    return reasons


def _preparation_reasons(agreement, rules, outside):
    """Entering signing (item 1 of issue 10): the right parties with their legality verified, a
    feasible TKKSD review, the partner's proposal when it took the initiative, the benefit study,
    and complete splits. A step the legacy entry says happened outside the system counts as done."""
    parties = list(agreement.parties.select_related("partner"))
    reasons = []
    if len(parties) < 2:
        reasons.append(_("Kerja sama memerlukan sekurang-kurangnya dua pihak."))
    reasons += counterpart_problems(agreement, parties, rules)
    reasons += category_party_problems(agreement, parties, rules)
    if "partner_legality" not in outside:
        reasons += records.legality_problem_list(agreement)
    for code, problem in (
        ("tkksd_review", records.tkksd_problem),
        ("proposal", records.proposal_problem),
        ("benefit_study", lambda a: records.benefit_study_problem(a, rules)),
    ):
        found = None if code in outside else problem(agreement)
        if found:
            reasons.append(found)
    reasons += _split_reasons(agreement, rules)
    return reasons


def gate_reasons(agreement: Agreement, target: str, rules: ProcessRules | None = None) -> list[str]:
    """Why `agreement` cannot enter `target` — empty when it can."""
    rules = rules or ProcessRules.current()
    outside = legacy_steps(agreement)
    reasons = []
    if target == Stage.SIGNING:
        reasons += _preparation_reasons(agreement, rules, outside)
    elif target == Stage.IMPLEMENTATION:
        reasons += _implementation_reasons(agreement, rules, outside)
    elif target == Stage.COMPLETED and (found := records.final_evaluation_problem(agreement)):
        reasons.append(found)
    return reasons


def _next_stage(stage):
    index = WORKING_STAGES.index(stage)
    return WORKING_STAGES[index + 1] if index + 1 < len(WORKING_STAGES) else None


def _move(agreement, actor, to_stage, note="", **changes):
    from_stage = agreement.stage
    bump_version(agreement)
    apply_changes(agreement, actor, {"stage": to_stage, "version": agreement.version, **changes})
    StageTransition.objects.create(
        agreement=agreement, from_stage=from_stage, to_stage=to_stage, actor=actor, note=note
    )
    _on_stage_changed(agreement)
    return agreement


def _on_stage_changed(agreement):
    """Hook for work that follows a change of stage (e.g. a new PDF summary), after commit."""
    signals.stage_changed.send(sender=Agreement, agreement_ids=[agreement.pk])


def _locked(agreement, expected_version=None):
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current.version)
    return current


@transaction.atomic
def agreement_advance(*, agreement: Agreement, actor, note="", expected_version=None) -> Agreement:
    """Move to the next working stage when its gate allows."""
    agreement = _locked(agreement, expected_version)
    if agreement.stage not in WORKING_STAGES or _next_stage(agreement.stage) is None:
        refuse(
            _("Tahap '%(s)s' tidak dapat dilanjutkan; tutup kerja sama dengan hasilnya.")
            % {"s": agreement.get_stage_display()}
        )
    target = _next_stage(agreement.stage)
    reasons = gate_reasons(agreement, target)
    if reasons:
        raise GateRefused(reasons)
    return _move(agreement, actor, target, note)


@transaction.atomic
def agreement_set_stage_directly(*, agreement: Agreement, actor, stage: str, note="") -> Agreement:
    """Enter an agreement signed before the system existed at its current stage.

    Every gate on the way is checked, so the data each stage requires must already be given.
    """
    agreement = _locked(agreement)
    if stage not in WORKING_STAGES:
        refuse(_("Tahap tujuan tidak dikenal."))
    if agreement.stage != Stage.PREPARATION or agreement.transitions.exists():
        refuse(
            _(
                "Hanya kerja sama yang baru dicatat (masih di tahap persiapan) yang dapat langsung ditetapkan tahapnya."
            )
        )
    reasons = []
    for target in WORKING_STAGES[1 : WORKING_STAGES.index(stage) + 1]:
        reasons += gate_reasons(agreement, target)
    if reasons:
        raise GateRefused(reasons)
    return _move(agreement, actor, stage, note or _("Dicatat langsung pada tahap berjalan."))


NOTICE_OUTCOMES = (Stage.TERMINATED, Stage.REVOKED)


def _closure_problems(agreement, outcome, reason, closed_on, notice, rules):
    problems = []
    if closed_on > timezone.localdate():
        problems.append(_("Tanggal pengakhiran tidak boleh setelah hari ini."))
    if (
        agreement.start_date
        and closed_on < agreement.start_date
        and outcome
        not in (
            Stage.REJECTED,
            Stage.CANCELLED,
        )
    ):
        problems.append(_("Tanggal pengakhiran tidak boleh sebelum tanggal mulai kerja sama."))
    if reason and reason not in rules.termination_reasons:
        problems.append(_("Alasan pengakhiran ini tidak termasuk aturan yang berlaku."))
    if outcome in (Stage.TERMINATED, Stage.REVOKED) and not reason:
        problems.append(
            _("Pilih alasan pengakhiran sesuai peraturan.")
            if outcome == Stage.TERMINATED
            else _("Pencabutan memerlukan alasan sesuai peraturan.")
        )
    if reason == ClosureReason.TERM_ENDED and not (agreement.end_date and agreement.end_date <= closed_on):
        problems.append(
            _("Jangka waktu belum berakhir (berakhir %(date)s); pilih alasan lain.")
            % {"date": tanggal(agreement.end_date)}
        )
    if outcome in NOTICE_OUTCOMES and outcome in rules.notice_required_for and notice is None:
        problems.append(_("Lampirkan surat pemberitahuan pengakhiran."))
    if notice is not None and notice.agreement_id != agreement.pk:
        problems.append(_("Surat pemberitahuan harus dokumen kerja sama ini."))
    return problems


@transaction.atomic
def agreement_close(
    *,
    agreement: Agreement,
    actor,
    outcome: str,
    reason: str = "",
    note: str = "",
    closed_on=None,
    notice: Document | None = None,
) -> Agreement:
    """End an agreement with an outcome, on `closed_on` (today by default).

    Completion needs a final evaluation; early termination and revocation a reason (and, where the
    rules say so, the notice letter); "jangka waktu berakhir" only once the term has really ended.
    """
    agreement = _locked(agreement)
    rules = ProcessRules.current()
    closed_on = closed_on or timezone.localdate()
    if outcome not in OUTCOMES:
        refuse(_("Hasil akhir tidak dikenal."))
    if agreement.stage in OUTCOMES:
        refuse(_("Kerja sama ini sudah ditutup."))
    if reason and reason not in ClosureReason.values:
        refuse(_("Alasan pengakhiran tidak dikenal."))
    if outcome == Stage.COMPLETED:
        if agreement.stage != Stage.EVALUATION:
            refuse(_("Kerja sama hanya dapat diselesaikan dari tahap evaluasi."))
        reasons = gate_reasons(agreement, Stage.COMPLETED, rules)
        if reasons:
            raise GateRefused(reasons)
        if not reason:
            if not (agreement.end_date and agreement.end_date <= closed_on):
                refuse(_("Kerja sama selesai sebelum jangka waktunya berakhir: pilih alasannya."))
            reason = ClosureReason.TERM_ENDED
    elif outcome == Stage.REJECTED and agreement.stage != Stage.PREPARATION:
        refuse(_("Hanya usulan pada tahap persiapan yang dapat ditolak."))
    problems = _closure_problems(agreement, outcome, reason, closed_on, notice, rules)
    if problems:
        refuse(problems)
    return _move(
        agreement,
        actor,
        outcome,
        note,
        closure_reason=reason,
        closure_note=note,
        closed_on=closed_on,
        closure_notice=notice,
    )


@transaction.atomic
def agreement_reopen(*, agreement: Agreement, actor, note: str) -> Agreement:
    """Undo a closure: back to the stage the agreement was in when it was closed."""
    agreement = _locked(agreement)
    if agreement.stage not in OUTCOMES:
        refuse(_("Kerja sama ini belum ditutup."))
    if not (note or "").strip():
        refuse(_("Tuliskan alasan membuka kembali kerja sama."))
    last = agreement.transitions.filter(to_stage=agreement.stage).order_by("-created_at", "-pk").first()
    back_to = last.from_stage if last and last.from_stage in WORKING_STAGES else Stage.EVALUATION
    return _move(
        agreement,
        actor,
        back_to,
        note,
        closure_reason="",
        closure_note="",
        closed_on=None,
        closure_notice=None,
    )


@transaction.atomic
def checklist_tick(*, agreement: Agreement, actor, step: str) -> ChecklistTick:
    if step not in MANUAL_CODES:
        refuse(_("Langkah ini dicentang otomatis dari data, bukan dengan tangan."))
    return save_validated(ChecklistTick(agreement=agreement, step=step, done_by=actor), actor)


@transaction.atomic
def checklist_untick(*, agreement: Agreement, actor, step: str) -> None:
    for tick in ChecklistTick.objects.filter(agreement=agreement, step=step):
        tick._history_user = actor
        tick.delete()


@transaction.atomic
def tkksd_review_record(*, agreement: Agreement, actor, expected_version=None, **data) -> TkksdReview:
    """A TKKSD review with its decision; the latest one decides whether signing may begin."""
    bump_version(agreement, expected_version)
    return save_validated(TkksdReview(agreement=agreement, recorded_by=actor, **data), actor)


@transaction.atomic
def dprd_approval_record(*, agreement: Agreement, actor, approval_date, reference="") -> Agreement:
    """The DPRD's approval, as an Approval record (the gates read these) and on the agreement's own
    fields (which the overview and the API show)."""
    if not approval_date:
        refuse(_("Isi tanggal persetujuan DPRD."))
    bump_version(agreement)
    save_validated(
        Approval(
            agreement=agreement,
            kind=ApprovalKind.DPRD,
            letter_number=reference,
            decided_on=approval_date,
            result=ApprovalResult.APPROVED,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        ),
        actor,
    )
    return apply_changes(
        agreement,
        actor,
        {
            "dprd_approval_date": approval_date,
            "dprd_approval_reference": reference,
            "version": agreement.version,
        },
    )
