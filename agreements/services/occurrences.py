"""Occurrences generated from an obligation's schedule and the dates in force."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ..choices import OccurrenceStatus
from ..models import Obligation, ObligationOccurrence
from ..schedule import due_dates, period_label
from ..shown import bump
from .due_facts import lock_agreements, refresh_due_facts


def _is_untouched(occurrence) -> bool:
    return occurrence.status == OccurrenceStatus.UPCOMING and not occurrence.has_evidence


def occurrences_regenerate_many(obligations, *, end_date, actor=None, reason=None) -> tuple[int, int]:
    """Bring the occurrences of these obligations (of one agreement) in line with their schedules and
    `end_date` (the agreement's, for obligations without their own until date): one read, one bulk
    write. Occurrences that have evidence or a status other than upcoming are never touched.

    The caller holds the agreement's lock (agreement_save's, or the UPDATE of its end date) and
    refreshes its due facts (`refresh_due_facts`) once its writes are done. Returns how many
    occurrences were created and removed.
    """
    obligations = list(obligations)
    existing = defaultdict(dict)
    rows = (
        ObligationOccurrence.objects.filter(obligation__in=[o.pk for o in obligations])
        .select_for_update()
        .order_by("pk")
        .annotate_evidence()
    )
    for occurrence in rows:
        existing[occurrence.obligation_id][occurrence.due_date] = occurrence
    today = timezone.localdate()
    created, removed = [], 0
    for obligation in obligations:
        wanted = set(
            due_dates(obligation.frequency, obligation.first_due_date, obligation.until_date or end_date)
        )
        have = existing[obligation.pk]
        for due, occurrence in have.items():
            if due not in wanted and _is_untouched(occurrence):
                occurrence._history_user = actor
                occurrence._change_reason = reason
                occurrence.delete()
                removed += 1
        created += [
            ObligationOccurrence(
                obligation=obligation,
                due_date=due,
                period_label=period_label(obligation.frequency, due),
                status=OccurrenceStatus.OVERDUE if due < today else OccurrenceStatus.UPCOMING,
            )
            for due in sorted(wanted - have.keys())
        ]
    if created:
        bulk_create_with_history(
            created, ObligationOccurrence, default_user=actor, default_change_reason=reason
        )
        # bulk_create sends no signals (agreements/shown.py)
        bump(sorted({obligation.agreement_id for obligation in obligations}))
    return len(created), removed


@transaction.atomic
def occurrences_regenerate(*, obligation: Obligation, actor=None) -> int:
    """Bring one obligation's occurrences in line with its schedule; returns how many were created."""
    lock_agreements([obligation.agreement_id])
    created, _removed = occurrences_regenerate_many(
        [obligation], end_date=obligation.agreement.end_date, actor=actor
    )
    refresh_due_facts([obligation.agreement_id])
    return created


def occurrences_follow_end_date(agreement, actor=None, reason=None) -> None:
    """After the agreement's end date moved (an addendum): the obligations that follow it."""
    occurrences_regenerate_many(
        Obligation.objects.filter(agreement=agreement, until_date__isnull=True).order_by("pk"),
        end_date=agreement.end_date,
        actor=actor,
        reason=reason,
    )
    refresh_due_facts([agreement.pk])
