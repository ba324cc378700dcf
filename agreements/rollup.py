"""The obligation roll-up: each obligation as one line — next open due date and how many of its
occurrences are in each status — computed in the database. One definition, read by the agreement page,
the summary PDF and the lists, so the three never disagree about what is overdue or next."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q, QuerySet

from .choices import OPEN_OCCURRENCE_STATUSES, OccurrenceStatus


def _count_name(status: str) -> str:
    return f"rollup_{status}"


def with_rollup(obligations: QuerySet) -> QuerySet:
    """`obligations` annotated with the roll-up: one grouped join over the occurrences, however many
    obligations and occurrences there are. Read the result with `rollup_of(obligation)`."""
    counts = {
        _count_name(status): Count("occurrences", filter=Q(occurrences__status=status), distinct=True)
        for status in OccurrenceStatus.values
    }
    return obligations.annotate(
        rollup_total=Count("occurrences", distinct=True),
        rollup_next_due=Min(
            "occurrences__due_date", filter=Q(occurrences__status__in=OPEN_OCCURRENCE_STATUSES)
        ),
        **counts,
    )


@dataclass(frozen=True)
class Rollup:
    total: int
    next_due: date | None
    counts: dict[str, int]

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def fulfilled(self) -> int:
        return self.count(OccurrenceStatus.FULFILLED)

    @property
    def submitted(self) -> int:
        return self.count(OccurrenceStatus.SUBMITTED)

    @property
    def overdue(self) -> int:
        return self.count(OccurrenceStatus.OVERDUE)

    @property
    def rejected(self) -> int:
        return self.count(OccurrenceStatus.REJECTED)

    @property
    def open(self) -> int:
        return sum(self.count(status) for status in OPEN_OCCURRENCE_STATUSES)


def rollup_of(obligation) -> Rollup:
    """The roll-up of an obligation loaded through `with_rollup`."""
    return Rollup(
        total=obligation.rollup_total,
        next_due=obligation.rollup_next_due,
        counts={status: getattr(obligation, _count_name(status)) for status in OccurrenceStatus.values},
    )
