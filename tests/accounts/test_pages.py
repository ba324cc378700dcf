"""Login, logout, passwords, profile and language: the account pages every user meets."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User


@pytest.mark.django_db
def test_anonymous_home_goes_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_login_page_is_indonesian_and_logs_in(client, staff_user):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert 'lang="id"' in page.text
    assert "Lupa kata sandi?" in page.text
    response = client.post(reverse("accounts:login"), {"username": "staf_uji", "password": "sandi-uji-123"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(response.url).url == reverse("dashboard")


@pytest.mark.django_db
def test_wrong_password_is_refused_in_indonesian(client, staff_user):
    response = client.post(reverse("accounts:login"), {"username": "staf_uji", "password": "salah"})
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.text  # Django's own Indonesian message
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_is_a_post(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_change(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "sandi-uji-123",
            "new_password1": "Kerja-sama-2026!",
            "new_password2": "Kerja-sama-2026!",
        },
    )
    assert response.url == reverse("accounts:password_change_done")
    staff_user.refresh_from_db()
    assert staff_user.check_password("Kerja-sama-2026!")


@pytest.mark.django_db
def test_password_reset_by_email(client, staff_user):
    response = client.post(reverse("accounts:password_reset"), {"email": staff_user.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi Kemitraan"
    assert "Kami menerima permintaan untuk mengatur ulang kata sandi" in message.body
    assert message.alternatives and "Buat kata sandi baru" in message.alternatives[0][0]
    assert '<html lang="id">' in message.alternatives[0][0]
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Atur kata sandi baru" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sandi-baru-2026!", "new_password2": "Sandi-baru-2026!"},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    staff_user.refresh_from_db()
    assert staff_user.check_password("Sandi-baru-2026!")


@pytest.mark.django_db
def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@example.test"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_profile_saves_preferred_language_and_switches_the_page(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Sari",
            "last_name": "",
            "email": staff_user.email,
            "phone": "",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=staff_user.pk).preferred_language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("accounts:profile"))
    assert 'lang="en"' in page.text


@pytest.mark.django_db
def test_language_switch_persists_on_the_user(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/profil/"})
    assert response.status_code == 302
    assert User.objects.get(pk=staff_user.pk).preferred_language == "en"
    # A new session on another device (no cookie) follows the saved preference.
    other = type(client)()
    other.force_login(User.objects.get(pk=staff_user.pk))
    assert 'lang="en"' in other.get(reverse("accounts:profile")).text


@pytest.mark.django_db
def test_partner_user_home_does_not_show_the_dashboard(client, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    assert client.get(reverse("dashboard")).status_code == 404


@pytest.mark.django_db
def test_base_layout_has_skip_link_and_role_navigation(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("dashboard")).text
    assert 'href="#main"' in page
    assert 'id="main"' in page
    assert "navbar-toggler" in page
    assert reverse("accounts:profile") in page
