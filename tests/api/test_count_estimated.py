"""API lists count exactly up to core.api_base.EXACT_COUNT_UP_TO rows; past that the total is
PostgreSQL's estimate and says so (`count_estimated`), so a page of a million rows does not count them
all. The cap is lowered here so that a handful of rows crosses it."""

import datetime

import pytest

from core import api_base
from tests.agreements.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_a_short_list_is_counted_exactly(api_as, staff_user, world):
    body = api_as(staff_user).get("/api/v1/occurrences/").json()
    assert (body["count"], body["count_estimated"]) == (2, False)
    assert len(body["results"]) == 2


def test_past_the_cap_the_count_is_an_estimate_marked_as_such(
    api_as, staff_user, world, monkeypatch, django_assert_num_queries
):
    for day in (1, 2, 3):
        OccurrenceFactory(obligation=world["shared"], due_date=datetime.date(2027, 1, day))
    monkeypatch.setattr(api_base, "EXACT_COUNT_UP_TO", 2)
    client = api_as(staff_user)
    client.get("/api/v1/occurrences/")  # the token's last use is recorded once
    # Token and user, roles, the capped count, the planner's estimate, the page, its documents.
    with django_assert_num_queries(6):
        body = client.get("/api/v1/occurrences/?page_size=2").json()
    assert body["count_estimated"] is True
    assert body["count"] >= 3  # never below the rows the capped count saw
    assert len(body["results"]) == 2
    assert body["next"]
