"""Who may open the staff registry pages: partner and OPD users get 404, managers read but never change,
anonymous visitors are sent to the login page."""

import pytest
from django.urls import reverse

from tests.registry.factories import (
    ContactFactory,
    CooperationObjectFactory,
    OrganisationUnitFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def _urls(partner, contact, unit, cooperation_object):
    read = [
        reverse("registry:partner_list"),
        reverse("registry:partner_export"),
        reverse("registry:partner_detail", args=[partner.pk]),
        reverse("registry:unit_list"),
        reverse("registry:object_list"),
    ]
    change = [
        reverse("registry:partner_create"),
        reverse("registry:partner_edit", args=[partner.pk]),
        reverse("registry:contact_create", args=[partner.pk]),
        reverse("registry:contact_edit", args=[contact.pk]),
        reverse("registry:unit_create"),
        reverse("registry:unit_edit", args=[unit.pk]),
        reverse("agreements:unit_transfer", args=[unit.pk]),
        reverse("registry:object_create"),
        reverse("registry:object_edit", args=[cooperation_object.pk]),
    ]
    post_only = [
        reverse("registry:partner_archive", args=[partner.pk]),
        reverse("registry:partner_restore", args=[partner.pk]),
    ]
    return read, change, post_only


@pytest.fixture
def world(partner):
    return _urls(
        partner, ContactFactory(partner=partner), OrganisationUnitFactory(), CooperationObjectFactory()
    )


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_get_404_everywhere(client, request, world, who):
    client.force_login(request.getfixturevalue(who))
    read, change, post_only = world
    for url in read + change:
        assert client.get(url).status_code == 404, url
    for url in change + post_only:
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_manager_reads_without_edit_buttons_and_cannot_change(client, manager_user, world, partner):
    client.force_login(manager_user)
    read, change, post_only = world
    for url in read:
        assert client.get(url).status_code == 200, url
    detail = client.get(reverse("registry:partner_detail", args=[partner.pk])).text
    assert reverse("registry:partner_edit", args=[partner.pk]) not in detail
    assert reverse("registry:partner_archive", args=[partner.pk]) not in detail
    assert reverse("registry:partner_create") not in client.get(reverse("registry:partner_list")).text
    for url in change:
        assert client.get(url).status_code == 403, url
    for url in change + post_only:
        assert client.post(url, {"name": "Diubah pimpinan"}).status_code == 403, url
    partner.refresh_from_db()
    assert partner.name != "Diubah pimpinan" and partner.archived_at is None


def test_anonymous_goes_to_login(client, world):
    read, change, _ = world
    for url in read + change:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url


def test_staff_sees_edit_buttons(client, staff_user, partner):
    PartnerFactory()
    client.force_login(staff_user)
    detail = client.get(reverse("registry:partner_detail", args=[partner.pk])).text
    assert reverse("registry:partner_edit", args=[partner.pk]) in detail
