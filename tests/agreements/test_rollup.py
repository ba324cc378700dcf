"""The obligation roll-up against a hand count: one line per obligation, one query for any number."""

import datetime

import pytest

from agreements.choices import OccurrenceStatus
from agreements.models import Obligation
from agreements.rollup import rollup_of, with_rollup
from tests.agreements.factories import AgreementPartyFactory, ObligationFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

S = OccurrenceStatus


def _obligation(party, statuses_by_due):
    obligation = ObligationFactory(party=party)
    for due, status in statuses_by_due:
        OccurrenceFactory(obligation=obligation, due_date=due, status=status)
    return obligation


def test_counts_and_next_due_match_a_hand_count(django_assert_num_queries):
    party = AgreementPartyFactory()
    d = datetime.date
    monthly = _obligation(
        party,
        [
            (d(2026, 1, 31), S.FULFILLED),
            (d(2026, 2, 28), S.FULFILLED),
            (d(2026, 3, 31), S.OVERDUE),
            (d(2026, 4, 30), S.SUBMITTED),
            (d(2026, 5, 31), S.UPCOMING),
            (d(2026, 6, 30), S.UPCOMING),
            (d(2026, 7, 31), S.WAIVED),
        ],
    )
    done = _obligation(party, [(d(2026, 1, 15), S.FULFILLED)])
    empty = ObligationFactory(party=party)

    with django_assert_num_queries(1):
        rows = {o.pk: rollup_of(o) for o in with_rollup(Obligation.objects.filter(agreement=party.agreement))}

    m = rows[monthly.pk]
    # By hand: 7 occurrences; 2 fulfilled, 1 overdue, 1 submitted, 2 upcoming, 1 waived; the earliest
    # open one (overdue counts as open) is 31 March.
    assert (m.total, m.fulfilled, m.overdue, m.submitted, m.open) == (7, 2, 1, 1, 3)
    assert m.count(S.WAIVED) == 1
    assert m.next_due == d(2026, 3, 31)
    assert (rows[done.pk].total, rows[done.pk].fulfilled, rows[done.pk].next_due) == (1, 1, None)
    assert (rows[empty.pk].total, rows[empty.pk].open, rows[empty.pk].next_due) == (0, 0, None)


def test_one_query_however_many_obligations(django_assert_num_queries):
    party = AgreementPartyFactory()
    for _ in range(5):
        _obligation(party, [(datetime.date(2026, 1, day), S.UPCOMING) for day in range(1, 11)])
    with django_assert_num_queries(1):
        rows = [rollup_of(o) for o in with_rollup(Obligation.objects.filter(agreement=party.agreement))]
    assert [r.total for r in rows] == [10] * 5
    assert all(r.next_due == datetime.date(2026, 1, 1) for r in rows)
