"""The personal iCal feed of due dates, at a secret URL, and regenerating that secret.

The feed has no login: the token in the URL is the credential. An unknown or retired token, or the
token of a deactivated user, answers 404 — the same as a URL that never existed.
"""

import datetime

import icalendar
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import CalendarToken, _new_token
from core.converters import is_token
from core.headers import content_disposition

from .selectors import calendar_occurrences


def calendar_token_for(user) -> CalendarToken:
    """The user's token, created on first use."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_regenerate(*, user) -> CalendarToken:
    """Give the user a new secret; the old URL stops working at once."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    if token is None:
        return CalendarToken.objects.create(user=user)
    token.token = _new_token()
    token.save(update_fields=["token", "created_at"])
    return token


def feed_url(token: CalendarToken) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:calendar_feed", args=[token.token])


def occurrence_uid(occurrence) -> str:
    return f"occurrence-{occurrence.pk}@kemitraan"


def build_calendar(user) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kemitraan//Jatuh Tempo//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Jatuh tempo Kemitraan"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    site = settings.SITE_URL.rstrip("/")
    for occurrence in calendar_occurrences(user):
        obligation = occurrence.obligation
        agreement = obligation.agreement
        event = icalendar.Event()
        event.add("uid", occurrence_uid(occurrence))
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.due_date)
        event.add("dtend", occurrence.due_date + datetime.timedelta(days=1))
        event.add("summary", _("Jatuh tempo: %(t)s") % {"t": obligation.title})
        event.add(
            "description",
            _("%(agreement)s\nStatus: %(status)s")
            % {"agreement": agreement, "status": occurrence.get_status_display()},
        )
        event.add("url", site + reverse("portal:occurrence_submit", args=[occurrence.pk]))
        calendar.add_component(event)
    return calendar


@require_GET
def calendar_feed(request, token):
    """The feed itself (portal:calendar_feed)."""
    if not is_token(token):
        raise Http404
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    response = HttpResponse(build_calendar(found.user).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition("kemitraan.ics", attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response
