"""The iCal feed: exactly the user's due dates, at a secret URL that can be replaced."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from agreements.choices import OccurrenceStatus
from portal.calendar import calendar_token_for

from .conftest import occurrence

pytestmark = pytest.mark.django_db


def feed_events(client, user):
    token = calendar_token_for(user)
    response = client.get(reverse("portal:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def expected(*obligations):
    return {f"occurrence-{occurrence(o).pk}@kemitraan": occurrence(o).due_date for o in obligations}


def test_partner_feed_has_exactly_their_shared_due_dates(client, world):
    assert feed_events(client, world.partner_user) == expected(world.upcoming, world.overdue)


def test_opd_feed_has_exactly_their_opd_duties(client, world):
    assert feed_events(client, world.opd_user) == expected(world.opd_duty)


def test_staff_feed_has_open_due_dates_in_the_window(client, world):
    wanted = expected(world.upcoming, world.overdue, world.opd_duty, world.foreign)
    far = world.upcoming.occurrences.create(
        due_date=world.today + datetime.timedelta(days=400), status=OccurrenceStatus.UPCOMING
    )
    done = occurrence(world.internal)
    done.status = OccurrenceStatus.FULFILLED
    done.save()
    events = feed_events(client, world.staff_user)
    assert events == wanted
    assert f"occurrence-{far.pk}@kemitraan" not in events


def test_regenerating_retires_the_old_url_at_once(client, world):
    old = calendar_token_for(world.partner_user).token
    client.force_login(world.partner_user)
    page = client.get(reverse("portal:calendar"))
    assert old in page.content.decode()
    client.post(reverse("portal:calendar"))
    new = calendar_token_for(world.partner_user).token
    assert new != old
    client.logout()
    assert client.get(reverse("portal:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("portal:calendar_feed", args=[new])).status_code == 200
    assert client.get(reverse("portal:calendar_feed", args=["tebakan-yang-tidak-ada"])).status_code == 404
