"""Portal routes: partner and OPD home, shared agreement view, evidence, staff queue, invitations,
and the calendar feed (its secret URL needs no login)."""

from django.urls import path

import core.converters  # noqa: F401  (registers the <token:…> converter)
from portal.calendar import calendar_feed

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("kerja-sama/<int:pk>/", views.agreement_detail, name="agreement"),
    # The English path of earlier links (e-mails already sent, bookmarks) keeps working.
    path("agreements/<int:pk>/", views.agreement_old_path),
    path("jatuh-tempo/<int:pk>/bukti/", views.occurrence_submit_view, name="occurrence_submit"),
    path("verifikasi/", views.verification_queue, name="verification_queue"),
    path("verifikasi/<int:pk>/", views.occurrence_verdict, name="occurrence_verdict"),
    path("undangan/", views.invite, name="invite"),
    path("undangan/terima/<token:token>/", views.invitation_accept, name="invitation_accept"),
    path("pengguna/<int:pk>/nonaktifkan/", views.user_deactivate, name="user_deactivate"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender/<token:token>.ics", calendar_feed, name="calendar_feed"),
]
