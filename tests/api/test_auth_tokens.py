"""API tokens: stored as hashes, shown once, expiring, revocable, ended by a password change or a
deactivation (with the user's sessions), and accepted by the download views with the page's scope."""

import hashlib
import importlib
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import token_create, user_deactivate
from agreements import services
from agreements.choices import DocumentType, Visibility
from jobs.models import AgreementSummary
from tests.agreements.builders import PDF_BYTES, pdf_upload
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-123"


def bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def me(key):
    return bearer(key).get(reverse("api:me"))


def test_a_token_is_stored_as_a_hash_and_works(staff_user):
    token, key = token_create(user=staff_user, name="skrip laporan")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.prefix, token.password_stamp, token.name}
    assert token.expires_at - token.created_at == timedelta(days=90)
    response = me(key)
    assert response.status_code == 200 and response.json()["username"] == staff_user.username
    token.refresh_from_db()
    assert token.last_used_at is not None


@override_settings(API_TOKEN_TTL_DAYS=7)
def test_the_lifetime_is_configurable(staff_user):
    token, _key = token_create(user=staff_user)
    assert token.expires_at - token.created_at == timedelta(days=7)


def test_an_expired_token_is_401(staff_user):
    token, key = token_create(user=staff_user)
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=91), expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = me(key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "kedaluwarsa" in response.json()["detail"]


def test_a_revoked_token_is_401(staff_user):
    token, key = token_create(user=staff_user)
    other, other_key = token_create(user=staff_user)
    assert bearer(other_key).delete(reverse("api:me-token-detail", args=[token.pk])).status_code == 204
    assert me(key).status_code == 401
    assert me(other_key).status_code == 200


def test_a_token_of_another_user_cannot_be_revoked(staff_user, partner_user):
    token, key = token_create(user=staff_user)
    _mine, partner_key = token_create(user=partner_user)
    assert bearer(partner_key).delete(reverse("api:me-token-detail", args=[token.pk])).status_code == 404
    assert me(key).status_code == 200


def test_a_password_change_ends_tokens_and_the_other_sessions(staff_user):
    _token, key = token_create(user=staff_user)
    here, elsewhere = Client(), Client()
    here.force_login(staff_user)
    elsewhere.force_login(staff_user)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200
    changed = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "sandi-baru-456!", "new_password2": "sandi-baru-456!"},
    )
    assert changed.status_code == 302
    assert me(key).status_code == 401
    assert elsewhere.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:login"))
    assert here.get(reverse("accounts:profile")).status_code == 200  # the session that changed it stays
    # A token made after the change works.
    staff_user.refresh_from_db()
    assert me(token_create(user=staff_user)[1]).status_code == 200


def test_a_password_set_elsewhere_ends_tokens_too(staff_user):
    _token, key = token_create(user=staff_user)
    staff_user.set_password("sandi-dari-admin-789")
    staff_user.save(update_fields=["password"])
    assert me(key).status_code == 401


def test_a_deactivated_user_loses_tokens_and_sessions(staff_user):
    token, key = token_create(user=staff_user)
    browser = Client()
    browser.force_login(staff_user)
    user_deactivate(user=staff_user, actor=staff_user)
    assert me(key).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(staff_user.pk)
    ]
    assert browser.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:login"))


def test_an_inactive_user_is_refused_even_without_the_service(staff_user):
    _token, key = token_create(user=staff_user)
    staff_user.is_active = False
    staff_user.save(update_fields=["is_active"])
    assert me(key).status_code == 401


def test_unticking_active_in_the_admin_deactivates(client, admin_user, staff_user):
    _token, key = token_create(user=staff_user)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [staff_user.pk]},
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert not staff_user.is_active
    assert me(key).status_code == 401


def test_the_token_endpoint_lists_without_keys_and_makes_a_new_one(staff_user):
    _token, key = token_create(user=staff_user, name="lama")
    client = bearer(key)
    listed = client.get(reverse("api:me-token")).json()
    assert [row["name"] for row in listed] == ["lama"]
    assert key not in str(listed) and listed[0]["state"] == "active"
    created = client.post(reverse("api:me-token"), {"name": "baru"}, format="json")
    assert created.status_code == 201
    new_key = created.json()["token"]
    assert new_key != key and created.json()["name"] == "baru"
    assert me(new_key).status_code == 200
    assert me(key).status_code == 200  # making one does not revoke the others
    assert new_key not in str(client.get(reverse("api:me-token")).json())


@pytest.mark.parametrize("body", [["nama"], "nama", {"name": "x" * 101}])
def test_a_token_request_that_is_not_a_name_is_refused_and_makes_nothing(staff_user, body):
    _token, key = token_create(user=staff_user, name="lama")
    response = bearer(key).post(reverse("api:me-token"), body, format="json")
    assert response.status_code == 400
    assert [row["name"] for row in bearer(key).get(reverse("api:me-token")).json()] == ["lama"]


def test_the_profile_panel_shows_a_new_key_once_and_revokes(client, partner_user):
    client.force_login(partner_user)
    created = client.post(reverse("api:me-token-panel"), {"name": "integrasi"}).content.decode()
    token = ApiToken.objects.get(user=partner_user)
    key = created.split('id="api-token-new"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert hashlib.sha256(key.encode()).hexdigest() == token.key_hash
    listed = client.get(reverse("api:me-token-panel")).content.decode()
    assert "integrasi" in listed and token.prefix in listed and key not in listed
    client.post(reverse("api:me-token-panel-revoke", args=[token.pk]))
    assert me(key).status_code == 401
    assert "integrasi" not in client.get(reverse("api:me-token-panel")).content.decode()


@override_settings(KEMITRAAN_REQUIRE_2FA_FOR_STAFF=True)
def test_with_two_step_sign_in_a_token_cannot_make_tokens_but_a_verified_session_can(client, staff_user):
    _token, key = token_create(user=staff_user)
    refused = bearer(key).post(reverse("api:me-token"), {}, format="json")
    assert refused.status_code == 403
    assert "verifikasi dua langkah" in refused.json()["detail"]
    assert bearer(key).get(reverse("api:me")).status_code == 200  # reading with it is unaffected

    client.post(reverse("accounts:login"), {"username": staff_user.username, "password": PASSWORD})
    assert client.post(reverse("api:me-token-panel"))["Location"].startswith(
        reverse("accounts:two_factor_setup")
    )
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=staff_user)
    client.post(reverse("accounts:two_factor_setup"), {"code": f"{TOTP(device.bin_key).token():06d}"})
    made = client.post(reverse("api:me-token"), {"name": "dari sesi"}, content_type="application/json")
    assert made.status_code == 201
    assert me(made.json()["token"]).status_code == 200


@override_settings(KEMITRAAN_REQUIRE_2FA_FOR_STAFF=True)
def test_a_token_is_not_held_back_by_an_unverified_session(client, staff_user):
    _token, key = token_create(user=staff_user)
    client.force_login(staff_user)
    assert client.get(reverse("api:me"))["Location"].startswith(reverse("accounts:two_factor_setup"))
    with_token = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")
    assert with_token.status_code == 200


def test_the_command_prints_a_working_key(staff_user):
    out = StringIO()
    call_command(
        "api_token_create",
        staff_user.username,
        "--name",
        "cron",
        "--days",
        "30",
        stdout=out,
        stderr=StringIO(),
    )
    key = out.getvalue().strip()
    assert me(key).status_code == 200
    token = ApiToken.objects.get(user=staff_user)
    assert (token.name, token.expires_at - token.created_at) == ("cron", timedelta(days=30))


def test_old_authtoken_keys_are_carried_over_with_an_expiry(staff_user):
    """Databases made before ApiToken hold DRF's plain keys: the migration hashes them and empties
    the old table, and the clients' keys keep working until they expire."""
    migration = importlib.import_module("accounts.migrations.0005_carry_over_drf_tokens")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz, user_id bigint)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now(), %s)", ["a" * 40, staff_user.pk])
    with connection.schema_editor() as editor:
        migration.carry_over(apps, editor)
    assert me("a" * 40).status_code == 200
    token = ApiToken.objects.get(user=staff_user)
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)


# Downloads: a token reads exactly what its user reads on the page.


def _document(staff_user, agreement, visibility):
    return services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("naskah.pdf"),
        title="Naskah",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=visibility,
    )


def test_a_partner_token_downloads_its_agreements_shared_documents_only(staff_user, partner, partner_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    shared = _document(staff_user, agreement, Visibility.PARTIES)
    internal = _document(staff_user, agreement, Visibility.INTERNAL)
    elsewhere = _document(staff_user, AgreementFactory(), Visibility.PARTIES)
    _token, key = token_create(user=partner_user)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(reverse("agreements:document_download", args=[shared.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert client.get(reverse("agreements:document_download", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("agreements:document_download", args=[internal.pk])).status_code == 404
    # Without the token the shared document is not public.
    assert Client().get(reverse("agreements:document_download", args=[shared.pk])).status_code == 404


def test_a_bad_token_on_a_download_is_401(staff_user):
    document = _document(staff_user, AgreementFactory(), Visibility.INTERNAL)
    token, key = token_create(user=staff_user)
    url = reverse("agreements:document_download", args=[document.pk])
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(url).status_code == 200
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    refused = Client(HTTP_AUTHORIZATION=f"Token {key}").get(url)
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Token"


def _summary(agreement, audience):
    summary = AgreementSummary(agreement=agreement, version=1, audience=audience, sha256="a" * 64, size=8)
    summary.file.save("ringkasan.pdf", pdf_upload("ringkasan.pdf"), save=False)
    summary.save()
    return summary


def test_a_partner_token_downloads_the_parties_summary_not_the_internal_one(partner, partner_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    parties = _summary(agreement, "parties")
    internal = _summary(agreement, "internal")
    other = _summary(AgreementFactory(), "parties")
    _token, key = token_create(user=partner_user)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(reverse("jobs:summary_download", args=[parties.pk])).status_code == 200
    assert client.get(reverse("jobs:summary_download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("jobs:summary_download", args=[other.pk])).status_code == 404
    # Without a token (or a session) the download asks for a login, as before.
    assert (
        Client()
        .get(reverse("jobs:summary_download", args=[parties.pk]))["Location"]
        .startswith(reverse("accounts:login"))
    )
