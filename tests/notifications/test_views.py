"""The inbox, its navbar badge and the email preferences."""

import pytest
from django.urls import reverse

from notifications.models import Notification, NotificationPreference
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_inbox_is_own_and_badge_counts_unread(client, staff_user):
    other = UserFactory()
    for i in range(3):
        Notification.objects.create(user=staff_user, title=f"Pengingat {i}", link="/kerja-sama/1/")
    Notification.objects.create(user=other, title="Milik orang lain")
    client.force_login(staff_user)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Pengingat 2" in html and "Milik orang lain" not in html
    assert 'text-bg-warning">3<' in html
    mine = Notification.objects.filter(user=staff_user).first()
    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/kerja-sama/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    theirs = Notification.objects.get(user=other)
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=staff_user, read_at__isnull=True).exists()


def test_inbox_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    Notification.objects.create(user=staff_user, title="Satu")
    client.get(reverse("notifications:list"))
    # session, user, badge count, page count, page rows, roles (navbar)
    with django_assert_num_queries(6):
        client.get(reverse("notifications:list"))
    for i in range(20):
        Notification.objects.create(user=staff_user, title=f"N {i}")
    with django_assert_num_queries(6):
        client.get(reverse("notifications:list"))


def test_preferences_form_saves(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"email_occurrence_after": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=staff_user)
    assert preference.email_occurrence_after and not preference.email_occurrence_before


def test_the_notices_of_evidence_have_their_own_email_preferences(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "bukti diverifikasi atau ditolak" in page and "bukti baru menunggu verifikasi" in page
    client.post(reverse("notifications:preferences"), {"email_occurrence_verdict": "on"})
    preference = NotificationPreference.objects.get(user=staff_user)
    assert preference.wants_email("occurrence_verdict") and not preference.wants_email("evidence_submitted")
