"""Two-step sign-in: staff must set up an authenticator when the setting is on, everyone may; codes
from the app or one-time recovery codes; wrong codes are refused, slowed down and counted by axes."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from core.pdf import html_to_pdf
from tests.accounts.factories import UserFactory
from tests.pdf.pdftools import qr_codes_on_page

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-123"
REQUIRED = override_settings(KEMITRAAN_REQUIRE_2FA_FOR_STAFF=True)


def code_for(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def login(client, user, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def authenticator_for(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def setup_with_app(client):
    """What a staff member does on the set-up page: read the secret, type the app's code."""
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    return device, client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})


@REQUIRED
def test_staff_without_authenticator_is_sent_to_set_it_up_before_any_page(client, staff_user):
    response = login(client, staff_user)
    assert response.status_code == 302
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert "next=%2Fdasbor%2F" in dashboard["Location"]
    for name in ("accounts:profile", "agreements:list"):
        assert client.get(reverse(name))["Location"].startswith(reverse("accounts:two_factor_setup"))
    # The admin and htmx fragments are covered too; logging out and static files are not held back.
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:two_factor_setup"))
    fragment = client.get(reverse("agreements:list"), headers={"HX-Request": "true"})
    assert fragment.status_code == 204
    assert fragment["HX-Redirect"].startswith(reverse("accounts:two_factor_setup"))
    assert client.get("/healthz").status_code in (200, 503)
    assert client.post(reverse("accounts:logout")).status_code == 302


@pytest.mark.pdf
def test_the_set_up_qr_code_reads_as_the_authenticator_link(staff_user):
    """What a phone's authenticator app scans: the QR code drawn on the page, decoded by a real decoder
    from the rendered pixels, is the device's otpauth:// link."""
    device = two_factor.authenticator_pending(staff_user)
    page = html_to_pdf(f"<html><body><div style='width:60mm'>{two_factor.qr_svg(device)}</div></body></html>")
    assert qr_codes_on_page(page) == [device.config_url]


@REQUIRED
def test_setup_shows_a_local_qr_code_and_the_secret_then_the_code_opens_the_dashboard(client, staff_user):
    login(client, staff_user)
    page = client.get(reverse("accounts:two_factor_setup"), {"next": "/dasbor/"})
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    qr = html[html.index('id="qr-code"') :]
    assert qr.index("<svg") < qr.index("<path") < qr.index("</svg>")  # drawn inline, by the app itself
    assert 'src="http' not in html and "otpauth" not in html  # no outside image service sees the secret
    assert two_factor.secret_text(device) in html
    assert "Peran Anda wajib memakai verifikasi dua langkah" in html

    confirmed = client.post(
        reverse("accounts:two_factor_setup"), {"code": code_for(device), "next": "/dasbor/"}
    )
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(reverse("accounts:two_factor_recovery_codes"))
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(confirmed["Location"]).content.decode()
    codes = re.findall(r'<li class="col">(\w+)</li>', codes_page)
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=staff_user).values_list("token", flat=True)
    )
    # Shown once: the page does not show them again.
    again = client.get(reverse("accounts:two_factor_recovery_codes")).content.decode()
    assert not any(code in again for code in codes)
    assert "10 kode pemulihan" in again
    assert client.get(reverse("dashboard")).status_code == 200


@REQUIRED
def test_a_wrong_code_at_setup_is_refused_in_bahasa(client, staff_user):
    login(client, staff_user)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post(reverse("accounts:two_factor_setup"), {"code": wrong})
    assert response.status_code == 400
    assert "Kode tidak cocok" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("dashboard")).status_code == 302


def test_user_with_authenticator_is_not_signed_in_by_the_password_alone(client, staff_user):
    device = authenticator_for(staff_user)
    response = login(client, staff_user)
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("accounts:login"))

    wrong = "000000" if code_for(device) != "000000" else "111111"
    refused = client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert refused.status_code == 400
    assert "Kode tidak cocok atau sudah pernah dipakai." in refused.content.decode()
    assert "_auth_user_id" not in client.session

    device.throttle_reset()
    verified = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert verified.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_login_page_sends_the_second_step_on_to_next(client, staff_user):
    device = authenticator_for(staff_user)
    client.post(
        reverse("accounts:login") + "?next=/kerja-sama/",
        {"username": staff_user.username, "password": PASSWORD, "next": "/kerja-sama/"},
    )
    verified = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert verified["Location"] == "/kerja-sama/"


def test_a_recovery_code_works_once(client, staff_user):
    authenticator_for(staff_user)
    code = two_factor.recovery_codes_regenerate(staff_user)[0]
    login(client, staff_user)
    response = client.post(reverse("accounts:two_factor_verify"), {"code": code.upper()}, follow=True)
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert "Sisa kode: 9" in response.content.decode()

    other = client.__class__()
    login(other, staff_user)
    reused = other.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert reused.status_code == 400
    assert "_auth_user_id" not in other.session


def test_repeated_wrong_codes_must_wait(client, partner_user):
    device = authenticator_for(partner_user)
    login(client, partner_user)
    right = code_for(device)
    wrong = "000000" if right != "000000" else "111111"
    client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    # Even the right code is not checked during the wait after a miss (django-otp's back-off).
    throttled = client.post(reverse("accounts:two_factor_verify"), {"code": right})
    assert throttled.status_code == 400
    assert "Tunggu sebentar" in throttled.content.decode()
    assert "_auth_user_id" not in client.session


@REQUIRED
def test_partner_user_without_authenticator_is_not_forced(client, partner_user):
    response = login(client, partner_user)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner_user.pk)
    landing = client.get(reverse("home"), follow=True)
    assert landing.status_code == 200
    assert reverse("accounts:two_factor_setup") not in [url for url, _code in landing.redirect_chain]
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_any_user_may_turn_it_on_from_the_profile_and_off_again(client, partner_user):
    client.force_login(partner_user)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:two_factor_setup") in profile
    device, confirmed = setup_with_app(client)
    assert confirmed.status_code == 302
    assert two_factor.has_authenticator(partner_user)
    assert "Aktif" in client.get(reverse("accounts:profile")).content.decode()
    client.post(reverse("accounts:two_factor_turn_off"))
    assert not two_factor.has_authenticator(partner_user)
    assert not StaticToken.objects.filter(device__user=partner_user).exists()


@REQUIRED
def test_required_staff_cannot_turn_it_off(client, staff_user):
    login(client, staff_user)
    setup_with_app(client)
    response = client.post(reverse("accounts:two_factor_turn_off"), follow=True)
    assert "wajib untuk peran Anda" in response.content.decode()
    assert two_factor.has_authenticator(staff_user)


def test_setting_it_up_ends_the_users_other_sessions(client, partner_user):
    other = client.__class__()
    other.force_login(partner_user)
    client.force_login(partner_user)
    setup_with_app(client)
    assert other.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("accounts:profile")).status_code == 200


@REQUIRED
def test_an_unverified_session_with_an_authenticator_is_asked_for_the_code(client, staff_user):
    device = authenticator_for(staff_user)
    client.force_login(staff_user)  # e.g. a session older than the setting
    redirected = client.get(reverse("dashboard"))
    assert redirected["Location"].startswith(reverse("accounts:two_factor_verify"))
    verified = client.post(
        reverse("accounts:two_factor_verify") + "?next=/dasbor/",
        {"code": code_for(device), "next": "/dasbor/"},
    )
    assert verified["Location"] == "/dasbor/"
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_admin_login_form_is_replaced_by_the_two_step_login(client, admin_user):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fadmin%2Faccounts%2Fuser%2F"
    posted = client.post("/admin/login/", {"username": admin_user.username, "password": PASSWORD})
    assert posted["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


@REQUIRED
def test_the_django_admin_needs_a_verified_session(client, admin_user):
    login(client, admin_user)
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:two_factor_setup"))
    setup_with_app(client)
    assert client.get("/admin/").status_code == 200


@REQUIRED
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_password_lockout_still_counts_per_user_and_address(client, staff_user):
    for _attempt in range(2):
        assert login(client, staff_user, password="salah").status_code == 200
    assert login(client, staff_user, password="salah").status_code == 429
    locked = login(client, staff_user)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out for this user.
    assert login(client.__class__(), staff_user, REMOTE_ADDR="192.0.2.7").status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_codes_count_as_failed_logins_and_lock_out(client, staff_user):
    device = authenticator_for(staff_user)
    right = code_for(device)
    wrong = "000000" if right != "000000" else "111111"
    login(client, staff_user)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": wrong}).status_code == 400
    assert client.post(reverse("accounts:two_factor_verify"), {"code": wrong}).status_code == 400
    locked = client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    # The half-finished sign-in is gone, and the password no longer starts a new one.
    assert client.post(reverse("accounts:two_factor_verify"), {"code": right})["Location"] == reverse(
        "accounts:login"
    )
    assert login(client, staff_user).status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_right_password_does_not_reset_the_count_of_wrong_codes(client, staff_user):
    device = authenticator_for(staff_user)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    for _round in range(2):
        login(client, staff_user)
        client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    login(client, staff_user)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": wrong}).status_code == 429


def test_the_second_step_expires(client, staff_user):
    device = authenticator_for(staff_user)
    login(client, staff_user)
    session = client.session
    session["kemitraan_2fa_pending"]["at"] -= 301
    session.save()
    response = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_recovery_codes_can_be_made_anew(client, partner_user):
    client.force_login(partner_user)
    setup_with_app(client)
    old = set(StaticToken.objects.filter(device__user=partner_user).values_list("token", flat=True))
    page = client.post(reverse("accounts:two_factor_recovery_codes"), follow=True).content.decode()
    new = set(re.findall(r'<li class="col">(\w+)</li>', page))
    assert len(new) == 10 and not new & old
    assert new == set(StaticToken.objects.filter(device__user=partner_user).values_list("token", flat=True))


def test_other_users_are_untouched_by_the_setting_off(client):
    staff = UserFactory(roles=["staff"])
    login(client, staff)
    assert client.get(reverse("dashboard")).status_code == 200
