"""Login throttling (django-axes) with an Indonesian lockout page; secure cookies in production."""

import importlib
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login_with_a_clear_page(client, partner_user):
    url = reverse("accounts:login")
    for _attempt in range(2):
        response = client.post(url, {"username": partner_user.username, "password": "salah"})
        assert response.status_code == 200
    locked = client.post(url, {"username": partner_user.username, "password": "salah"})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    # Even the right password is refused while locked.
    again = client.post(url, {"username": partner_user.username, "password": "sandi-uji-123"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_production_settings_mark_cookies_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "uji-rahasia-produksi")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.delenv("CSRF_COOKIE_SECURE", raising=False)
    sys.modules.pop("kemitraan.settings.production", None)
    production = importlib.import_module("kemitraan.settings.production")
    try:
        assert production.SESSION_COOKIE_SECURE is True
        assert production.CSRF_COOKIE_SECURE is True
        assert production.SESSION_COOKIE_HTTPONLY is True
        assert production.DEBUG is False
        assert production.AUTH_PASSWORD_VALIDATORS
    finally:
        sys.modules.pop("kemitraan.settings.production", None)
