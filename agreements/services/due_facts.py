"""An agreement's due facts, precomputed from its occurrences (issue 14, docs/decisions/0064).

`Agreement.overdue_count` (how many of its occurrences are overdue) and `Agreement.next_due_on` (the
earliest due date among its open occurrences) let the lists and the dashboard filter and count without
joining every overdue occurrence. They are a pure function of the occurrences' status and due dates, so
every write that changes those calls `refresh_due_facts` with the agreements concerned, in the same
transaction. A test checks after each such service that the stored facts equal a fresh computation.

Concurrency: every writer locks the agreements (in id order) before it changes their occurrences, and
the refresh recomputes in a statement that starts after that lock is held. Under READ COMMITTED each
statement sees what was committed before it began, so whichever writer refreshes last sees the other's
committed occurrences, and the stored facts never miss a change made concurrently.
"""

from django.db import transaction
from django.db.models import Count, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

from registry.register_cache import register_changed

from ..choices import OPEN_OCCURRENCE_STATUSES, OccurrenceStatus
from ..models import Agreement, ObligationOccurrence

# Agreements per statement: bounds the parameters of one query (SQLite allows 32,766) and the rows
# locked by one statement.
BATCH = 2000


def due_facts_expressions() -> dict:
    """The facts of the agreement in the outer query, as expressions for `update()` or `annotate()`:
    one correlated subquery per fact, served by the occurrences' obligation index."""
    of_agreement = (
        ObligationOccurrence.objects.filter(obligation__agreement_id=OuterRef("pk"))
        .order_by()
        .values("obligation__agreement_id")
    )
    overdue = of_agreement.filter(status=OccurrenceStatus.OVERDUE).annotate(n=Count("pk")).values("n")
    next_due = (
        of_agreement.filter(status__in=OPEN_OCCURRENCE_STATUSES).annotate(d=Min("due_date")).values("d")
    )
    return {"overdue_count": Coalesce(Subquery(overdue), 0), "next_due_on": Subquery(next_due)}


def batches(agreement_ids) -> list[list[int]]:
    """These ids, distinct and sorted, in lists of at most BATCH."""
    ids = sorted({int(pk) for pk in agreement_ids if pk is not None})
    return [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]


@transaction.atomic(savepoint=False)
def lock_agreements(agreement_ids) -> list[int]:
    """Lock these agreements' rows in id order (a no-op on SQLite, which writes one transaction at a
    time): taken before their occurrences change, so two writers of one agreement wait for each other
    instead of each refreshing from what it alone saw. Returns the ids that exist."""
    locked = []
    for batch in batches(agreement_ids):
        locked += (
            Agreement.objects.filter(pk__in=batch)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
    return locked


@transaction.atomic(savepoint=False)
def lock_agreement_of(occurrence) -> int | None:
    """Lock the agreement of this occurrence, in one query; returns its id."""
    owner = ObligationOccurrence.objects.filter(pk=occurrence.pk).values("obligation__agreement_id")
    return Agreement.objects.filter(pk__in=owner).select_for_update().values_list("pk", flat=True).first()


@transaction.atomic(savepoint=False)  # the caller's transaction, or one of its own
def refresh_due_facts(agreement_ids) -> None:
    """Recompute the due facts of these agreements from their occurrences: per batch of 2,000, one
    lock (see the module's docstring) and one UPDATE with the facts as subqueries, portable to
    PostgreSQL and SQLite. Neither the version nor updated_at moves: the facts are derived, not edited,
    and they are left out of the agreement's history."""
    for batch in batches(agreement_ids):
        lock_agreements(batch)
        Agreement.objects.filter(pk__in=batch).update(**due_facts_expressions())
    register_changed()  # lists filter on the facts (registry/register_cache.py)


def agreement_ids_of_occurrences(occurrences) -> list[int]:
    """The agreements of these occurrences (a queryset), in one query."""
    return list(occurrences.order_by().values_list("obligation__agreement_id", flat=True).distinct())
