"""The reporting rules against a hand count: one agreement in each situation, at a frozen date."""

import pytest

from agreements.models import Agreement
from agreements.reporting import Period, ended_in, in_progress, running_in, signed_in

from .reporting_world import FROZEN, HAND_COUNT, RUNNING_2025, build_world

pytestmark = pytest.mark.django_db


def _counts(period):
    agreements = Agreement.objects.all()
    return {
        "running": running_in(agreements, period).count(),
        "signed": signed_in(agreements, period).count(),
        "ended": ended_in(agreements, period, FROZEN).count(),
        "in_progress": in_progress(agreements).count(),
    }


@pytest.mark.parametrize("year_semester", list(HAND_COUNT))
def test_every_count_matches_the_hand_count(year_semester):
    build_world()
    year, semester = year_semester
    assert _counts(Period(year, semester)) == HAND_COUNT[year_semester]


def test_the_running_agreements_are_the_ones_counted_by_hand():
    build_world()
    running = running_in(Agreement.objects.all(), Period(2025))
    assert {a.number.split("/")[1] for a in running} == RUNNING_2025


def test_an_agreement_ended_in_a_period_was_running_in_it():
    build_world()
    agreements = Agreement.objects.all()
    for semester in (None, 1, 2):
        period = Period(2025, semester)
        ended = set(ended_in(agreements, period, FROZEN).values_list("pk", flat=True))
        assert ended <= set(running_in(agreements, period).values_list("pk", flat=True))


def test_a_term_still_to_run_has_not_ended():
    world = build_world()
    period = Period(2025, 2)
    assert not ended_in(Agreement.objects.filter(pk=world["G"].pk), period, FROZEN).exists()
    # Seen after its end, the same term has ended.
    later = period.end
    assert ended_in(Agreement.objects.filter(pk=world["G"].pk), period, later).exists()


def test_periods_and_their_bounds():
    assert (Period(2025, 1).start.isoformat(), Period(2025, 1).end.isoformat()) == (
        "2025-01-01",
        "2025-06-30",
    )
    assert (Period(2025, 2).start.isoformat(), Period(2025, 2).end.isoformat()) == (
        "2025-07-01",
        "2025-12-31",
    )
    assert Period(2025).label == "Tahun 2025"
    assert Period(2025, 2).label == "Semester II Tahun 2025"
    assert Period.from_params({"year": "2024", "semester": "1"}, FROZEN) == Period(2024, 1)
    assert Period.from_params({}, FROZEN) == Period(2025)
    with pytest.raises(ValueError):
        Period(2025, 3)
