"""Recording the steps the law names (issue 10, item 4): approvals, benefit studies, legal reviews,
offer or request letters, disputes with their stages, and asset handovers.

Like every part service: the agreement's version is raised (a stale `expected_version` refuses),
the record is validated (`full_clean`: dates after today are refused) and saved with history, and
every reference — a document, an addendum, a party — must belong to the same agreement.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import apply_changes, refuse, save_validated

from ..choices import DISPUTE_STAGE_ORDER, DisputeOutcome, DisputeStageKind, InstrumentKind
from ..models import (
    Agreement,
    Approval,
    BenefitStudy,
    Dispute,
    DisputeStage,
    Handover,
    InitiativeLetter,
    LegalReview,
)
from .versioning import bump_version

# Fields that name another row of the agreement, per model.
OWN_ROWS = {
    Approval: ("document", "instrument"),
    BenefitStudy: ("document",),
    LegalReview: ("document", "instrument"),
    InitiativeLetter: ("document", "answer_document"),
    Dispute: ("raised_by",),
    Handover: ("document", "from_party", "to_party"),
}


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _check_own(record, agreement_id):
    problems = {}
    for name in OWN_ROWS[type(record)]:
        row = getattr(record, name)
        if row is not None and row.agreement_id != agreement_id:
            problems[name] = [_("Pilih dari kerja sama ini.")]
    instrument = getattr(record, "instrument", None) if isinstance(record, Approval) else None
    if instrument is not None and instrument.kind != InstrumentKind.ADDENDUM:
        problems["instrument"] = [_("Persetujuan ulang hanya untuk adendum.")]
    if problems:
        raise ValidationError(problems)


def _create(model, agreement: Agreement, actor, expected_version, data):
    bump_version(agreement, expected_version)
    record = model(agreement=agreement, recorded_by=_user(actor), **data)
    _check_own(record, agreement.pk)
    return save_validated(record, actor)


def _update(record, actor, expected_version, data):
    bump_version(record.agreement, expected_version)
    for name, value in data.items():
        setattr(record, name, value)
    _check_own(record, record.agreement_id)
    return apply_changes(record, actor, data)


def _delete(record, actor, expected_version):
    bump_version(record.agreement, expected_version)
    record._history_user = actor
    record.delete()


# --- approvals --------------------------------------------------------------------------------


@transaction.atomic
def approval_create(*, agreement, actor, expected_version=None, **data) -> Approval:
    return _create(Approval, agreement, actor, expected_version, data)


@transaction.atomic
def approval_update(*, approval: Approval, actor, expected_version=None, **data) -> Approval:
    return _update(approval, actor, expected_version, data)


@transaction.atomic
def approval_delete(*, approval: Approval, actor, expected_version=None) -> None:
    _delete(approval, actor, expected_version)


# --- benefit studies --------------------------------------------------------------------------


@transaction.atomic
def benefit_study_create(*, agreement, actor, expected_version=None, **data) -> BenefitStudy:
    return _create(BenefitStudy, agreement, actor, expected_version, data)


@transaction.atomic
def benefit_study_update(*, study: BenefitStudy, actor, expected_version=None, **data) -> BenefitStudy:
    return _update(study, actor, expected_version, data)


@transaction.atomic
def benefit_study_delete(*, study: BenefitStudy, actor, expected_version=None) -> None:
    _delete(study, actor, expected_version)


# --- legal reviews ----------------------------------------------------------------------------


@transaction.atomic
def legal_review_create(*, agreement, actor, expected_version=None, **data) -> LegalReview:
    return _create(LegalReview, agreement, actor, expected_version, data)


@transaction.atomic
def legal_review_update(*, review: LegalReview, actor, expected_version=None, **data) -> LegalReview:
    return _update(review, actor, expected_version, data)


@transaction.atomic
def legal_review_delete(*, review: LegalReview, actor, expected_version=None) -> None:
    _delete(review, actor, expected_version)


# --- offer and request letters ----------------------------------------------------------------


@transaction.atomic
def initiative_letter_create(*, agreement, actor, expected_version=None, **data) -> InitiativeLetter:
    return _create(InitiativeLetter, agreement, actor, expected_version, data)


@transaction.atomic
def initiative_letter_update(
    *, letter: InitiativeLetter, actor, expected_version=None, **data
) -> InitiativeLetter:
    return _update(letter, actor, expected_version, data)


@transaction.atomic
def initiative_letter_delete(*, letter: InitiativeLetter, actor, expected_version=None) -> None:
    _delete(letter, actor, expected_version)


# --- handovers --------------------------------------------------------------------------------


@transaction.atomic
def handover_create(*, agreement, actor, expected_version=None, **data) -> Handover:
    return _create(Handover, agreement, actor, expected_version, data)


@transaction.atomic
def handover_update(*, handover: Handover, actor, expected_version=None, **data) -> Handover:
    return _update(handover, actor, expected_version, data)


@transaction.atomic
def handover_delete(*, handover: Handover, actor, expected_version=None) -> None:
    _delete(handover, actor, expected_version)


# --- disputes ---------------------------------------------------------------------------------


@transaction.atomic
def dispute_create(*, agreement, actor, expected_version=None, **data) -> Dispute:
    return _create(Dispute, agreement, actor, expected_version, data)


@transaction.atomic
def dispute_update(*, dispute: Dispute, actor, expected_version=None, **data) -> Dispute:
    return _update(dispute, actor, expected_version, data)


@transaction.atomic
def dispute_delete(*, dispute: Dispute, actor, expected_version=None) -> None:
    _delete(dispute, actor, expected_version)


def _stage_order_problem(dispute, stage) -> str | None:
    """Musyawarah first; facilitation by the governor or the minister once it failed; arbitration or
    court once facilitation failed. A settled dispute takes no further stage."""
    earlier = [s for s in dispute.stages.order_by("started_on", "pk") if s.pk != stage.pk]
    if not earlier:
        if stage.kind != DisputeStageKind.DELIBERATION:
            return _("Penyelesaian perselisihan dimulai dengan musyawarah.")
        return None
    last = earlier[-1]
    if last.outcome == DisputeOutcome.ONGOING:
        return _("Tahap %(stage)s belum selesai; catat hasilnya dahulu.") % {"stage": last.get_kind_display()}
    if last.outcome == DisputeOutcome.SETTLED:
        return _("Perselisihan sudah selesai dengan kesepakatan pada tahap %(stage)s.") % {
            "stage": last.get_kind_display()
        }
    rank, last_rank = DISPUTE_STAGE_ORDER[stage.kind], DISPUTE_STAGE_ORDER[last.kind]
    if rank not in (last_rank, last_rank + 1) or (rank == last_rank and stage.kind == last.kind):
        return _("Setelah %(last)s, tahap berikutnya adalah %(next)s.") % {
            "last": last.get_kind_display(),
            "next": {
                1: _("fasilitasi gubernur atau menteri"),
                2: _("fasilitasi lain, arbitrase atau pengadilan"),
                3: _("arbitrase atau pengadilan"),
            }[last_rank],
        }
    if stage.started_on and last.ended_on and stage.started_on < last.ended_on:
        return _("Tahap ini tidak boleh dimulai sebelum tahap sebelumnya selesai.")
    return None


@transaction.atomic
def dispute_stage_add(*, dispute: Dispute, actor, expected_version=None, **data) -> DisputeStage:
    bump_version(dispute.agreement, expected_version)
    stage = DisputeStage(dispute=dispute, recorded_by=_user(actor), **data)
    _check_own_stage(stage, dispute)
    problem = _stage_order_problem(dispute, stage)
    if problem:
        refuse(problem)
    return save_validated(stage, actor)


@transaction.atomic
def dispute_stage_update(*, stage: DisputeStage, actor, expected_version=None, **data) -> DisputeStage:
    bump_version(stage.dispute.agreement, expected_version)
    for name, value in data.items():
        setattr(stage, name, value)
    _check_own_stage(stage, stage.dispute)
    return apply_changes(stage, actor, data)


def _check_own_stage(stage, dispute):
    if stage.document is not None and stage.document.agreement_id != dispute.agreement_id:
        refuse(_("Dokumen harus dari kerja sama ini."))
