"""Obligations, their generated occurrences, and evidence submission and verification."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.services import apply_changes, refuse

from .. import signals
from ..choices import (
    NOT_YET_DUE_STATUSES,
    OPEN_OCCURRENCE_STATUSES,
    DocumentType,
    OccurrenceStatus,
    Visibility,
)
from ..models import Obligation, ObligationOccurrence
from ..shown import bump
from .documents import document_upload
from .due_facts import (
    agreement_ids_of_occurrences,
    lock_agreement_of,
    lock_agreements,
    refresh_due_facts,
)
from .due_facts import batches as due_facts_batches
from .rows import RowChange, refreshed, save_one_row

# Evidence may be handed in for any open occurrence, a rejected one included (GLOSSARY.md: Ditolak).
SUBMITTABLE = OPEN_OCCURRENCE_STATUSES


@transaction.atomic
def obligation_create(*, agreement, actor, expected_version=None, **data) -> Obligation:
    """A new obligation with its occurrences; `party` is an AgreementParty of this agreement."""
    return save_one_row(agreement, actor, expected_version, "obligations", RowChange(fields=data))


@transaction.atomic
def obligation_update(*, obligation: Obligation, actor, expected_version=None, **data) -> Obligation:
    """Change the given fields; the occurrences follow when the schedule changed."""
    saved = save_one_row(
        obligation.agreement, actor, expected_version, "obligations", RowChange(id=obligation.pk, fields=data)
    )
    return refreshed(obligation, saved)


@transaction.atomic
def obligation_delete(*, obligation: Obligation, actor, expected_version=None) -> None:
    """Remove an obligation whose occurrences are all untouched (no evidence, no status)."""
    save_one_row(
        obligation.agreement, actor, expected_version, "obligations", RowChange(id=obligation.pk, delete=True)
    )


@transaction.atomic
def occurrence_submit(*, occurrence: ObligationOccurrence, actor, note="", files=()) -> ObligationOccurrence:
    """Evidence for an occurrence: files and a note. It then waits for staff's verdict."""
    occurrence, agreement_id = _locked(occurrence)
    if occurrence.status not in SUBMITTABLE:
        refuse(
            _("Jatuh tempo berstatus '%(s)s' tidak dapat diajukan.") % {"s": occurrence.get_status_display()}
        )
    if not files and not occurrence.documents.exists():
        refuse(_("Lampirkan setidaknya satu berkas bukti."))
    agreement = occurrence.obligation.agreement
    for upload in files:
        document_upload(
            agreement=agreement,
            actor=actor,
            upload=upload,
            title=_("Bukti: %(t)s (%(d)s)") % {"t": occurrence.obligation.title, "d": occurrence.due_date},
            doc_type=DocumentType.EVIDENCE,
            visibility=Visibility.PARTIES
            if occurrence.obligation.shared_with_parties
            else Visibility.INTERNAL,
            occurrence=occurrence,
            bump=False,
        )
    occurrence = apply_changes(
        occurrence,
        actor,
        {
            "status": OccurrenceStatus.SUBMITTED,
            "submission_note": note,
            "submitted_by": actor,
            "submitted_at": timezone.now(),
            "verification_note": "",
            "verified_by": None,
            "verified_at": None,
        },
    )
    refresh_due_facts([agreement_id])
    _announce(occurrence, "submitted")
    return occurrence


def _locked(occurrence):
    """The occurrence read again under lock, its agreement locked first (the order every writer of
    occurrences takes: agreements/services/due_facts.py)."""
    agreement_id = lock_agreement_of(occurrence)
    return ObligationOccurrence.objects.select_for_update().get(pk=occurrence.pk), agreement_id


def _announce(occurrence, event):
    """Tell the apps above (notifications) what happened, naming the history record of the change: one
    event, one notice per reader, however often a receiver runs."""
    signals.occurrence_event.send(
        sender=ObligationOccurrence,
        occurrence_id=occurrence.pk,
        event=event,
        history_id=occurrence.history.order_by("-history_id").values_list("history_id", flat=True)[0],
    )


def _verdict(occurrence, actor, status, note, event):
    occurrence, agreement_id = _locked(occurrence)
    if occurrence.status != OccurrenceStatus.SUBMITTED:
        refuse(_("Hanya jatuh tempo yang sudah diajukan yang dapat diverifikasi."))
    occurrence = apply_changes(
        occurrence,
        actor,
        {"status": status, "verification_note": note, "verified_by": actor, "verified_at": timezone.now()},
    )
    refresh_due_facts([agreement_id])
    _announce(occurrence, event)
    return occurrence


@transaction.atomic
def occurrence_verify(*, occurrence, actor, note="") -> ObligationOccurrence:
    return _verdict(occurrence, actor, OccurrenceStatus.FULFILLED, note, "verified")


@transaction.atomic
def occurrence_reject(*, occurrence, actor, note) -> ObligationOccurrence:
    """Send the evidence back: the occurrence is *Ditolak*, open again for a new submission with its due
    date unchanged; the daily run marks it overdue once that date has passed. The rejected evidence and
    the comment stay on it."""
    if not (note or "").strip():
        refuse(_("Tuliskan alasan penolakan agar pihak yang mengajukan tahu apa yang harus diperbaiki."))
    return _verdict(occurrence, actor, OccurrenceStatus.REJECTED, note, "rejected")


@transaction.atomic
def occurrence_set_status(*, occurrence, actor, status, note="") -> ObligationOccurrence:
    """Staff's manual status change (e.g. waived, not fulfilled)."""
    agreement_id = lock_agreement_of(occurrence)
    occurrence = apply_changes(occurrence, actor, {"status": status, "verification_note": note})
    refresh_due_facts([agreement_id])
    return occurrence


def occurrences_mark_overdue(today=None) -> int:
    """Upcoming, in-progress and rejected occurrences past their due date become overdue; submitted
    ones wait for their verdict.

    Only the occurrences that newly fall due are loaded (a day's worth), and each change is kept in
    the history as made by the system. Their agreements are locked first and their due facts
    refreshed after, 2,000 agreements per transaction.
    """
    today = today or timezone.localdate()
    falling_due = ObligationOccurrence.objects.filter(status__in=NOT_YET_DUE_STATUSES, due_date__lt=today)
    marked = 0
    for batch in due_facts_batches(agreement_ids_of_occurrences(falling_due)):
        marked += _mark_overdue(falling_due, batch)
    return marked


@transaction.atomic
def _mark_overdue(falling_due, agreement_ids) -> int:
    lock_agreements(agreement_ids)
    now = timezone.now()
    due = list(falling_due.filter(obligation__agreement_id__in=agreement_ids).order_by("pk"))
    for occurrence in due:
        occurrence.status = OccurrenceStatus.OVERDUE
        occurrence.updated_at = now
    bulk_update_with_history(
        due,
        ObligationOccurrence,
        ["status", "updated_at"],
        batch_size=1000,
        default_change_reason="overdue (system)",
    )
    refresh_due_facts(agreement_ids)
    # Written in bulk, without signals: the pages of those agreements change, so their counters rise.
    obligation_ids = sorted({occurrence.obligation_id for occurrence in due})
    if obligation_ids:
        bump(Obligation.objects.filter(pk__in=obligation_ids).values("agreement_id"))
    return len(due)
