"""Staff invite portal users; the link is single-use and expires; staff can deactivate a user."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.roles import Role, roles_of
from agreements.models import Agreement
from portal.calendar import calendar_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "Kopi-Tubruk-Jember-77"


def invite(client, staff_user, django_capture_on_commit_callbacks, **target):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:invite") + "?" + "&".join(f"{k}={v}" for k, v in target.items()),
            {"email": "Siti@Mitra.example", "full_name": "Siti Aminah", **target},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return Invitation.objects.get()


def link_from_mail():
    (message,) = mail.outbox
    return re.search(r"https?://\S+", message.body).group(0).split("8000", 1)[-1].split("testserver", 1)[-1]


def test_invited_partner_user_sets_password_and_sees_their_portal(
    client, world, django_capture_on_commit_callbacks
):
    invitation = invite(
        client, world.staff_user, django_capture_on_commit_callbacks, partner=world.partner.pk
    )
    assert invitation.email == "siti@mitra.example"
    path = link_from_mail()
    assert path == reverse("portal:invitation_accept", args=[invitation.token])
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="siti@mitra.example")
    assert roles_of(user) == {Role.PARTNER}
    assert user.memberships.get().partner == world.partner
    assert client.login(username="siti@mitra.example", password=PASSWORD)
    assert world.agreement in Agreement.objects.visible_to(user)
    assert client.get(reverse("portal:home")).status_code == 200
    client.logout()
    used = client.get(path)
    assert used.status_code == 410
    assert "sudah dipakai" in used.content.decode()
    assert client.post(path, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert User.objects.filter(email="siti@mitra.example").count() == 1


def test_opd_invitation_gives_the_officer_role(client, world, django_capture_on_commit_callbacks):
    invitation = invite(client, world.staff_user, django_capture_on_commit_callbacks, unit=world.unit.pk)
    client.post(
        reverse("portal:invitation_accept", args=[invitation.token]),
        {"password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(username="siti@mitra.example")
    assert roles_of(user) == {Role.OPD_OFFICER}
    assert user.memberships.get().organisation_unit == world.unit


def test_expired_link_says_so(client, world):
    invitation = Invitation.objects.create(
        email="lama@mitra.example",
        partner=world.partner,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.get(reverse("portal:invitation_accept", args=[invitation.token]))
    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()
    assert client.get(reverse("portal:invitation_accept", args=["tidak-ada-undangan-ini"])).status_code == 404


def test_weak_password_is_refused_by_django_validators(client, world):
    invitation = Invitation.objects.create(email="lemah@mitra.example", partner=world.partner)
    url = reverse("portal:invitation_accept", args=[invitation.token])
    response = client.post(url, {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "terlalu umum" in response.content.decode() or "seluruhnya angka" in response.content.decode()
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert "Kedua kata sandi tidak sama." in response.content.decode()
    assert not User.objects.filter(username="lemah@mitra.example").exists()


def test_only_staff_may_invite_or_deactivate(client, world):
    for user in (world.partner_user, world.opd_user):
        client.force_login(user)
        assert client.get(reverse("portal:invite") + f"?partner={world.partner.pk}").status_code == 404
        assert client.post(reverse("portal:user_deactivate", args=[world.partner_user.pk])).status_code == 404
    world.partner_user.refresh_from_db()
    assert world.partner_user.is_active


def test_deactivated_user_cannot_log_in_and_feed_stops(client, world):
    token = calendar_token_for(world.partner_user)
    feed = reverse("portal:calendar_feed", args=[token.token])
    assert client.get(feed).status_code == 200
    client.force_login(world.staff_user)
    page = client.get(reverse("portal:invite") + f"?partner={world.partner.pk}")
    assert world.partner_user.email in page.content.decode()
    response = client.post(reverse("portal:user_deactivate", args=[world.partner_user.pk]))
    assert response.status_code == 302
    client.logout()
    world.partner_user.refresh_from_db()
    assert not world.partner_user.is_active
    assert world.partner_user.memberships.get().valid_until < world.today
    assert not client.login(username=world.partner_user.username, password="sandi-uji-123")
    assert client.get(feed).status_code == 404
    assert not Agreement.objects.visible_to(world.partner_user).exists()
