"""The main menu asks the permission module: every entry a user sees opens (no 404 or 403 behind a
menu item), and what a role may not open is not offered — e.g. managers (pimpinan) no longer see the
verification queue, which is for staff."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<ul class="navbar-nav me-auto[^"]*">(.*?)</ul>', re.S)
LINK = re.compile(r'<a class="nav-link[^"]*" href="([^"]+)"')

EXPECTED = {
    "staff_user": {
        "dashboard",
        "agreements:list",
        "imports:upload",
        "registry:partner_list",
        "registry:unit_list",
        "registry:object_list",
        "portal:verification_queue",
        "jobs:reports",
    },  # fmt: skip
    "admin_user": {
        "dashboard",
        "agreements:list",
        "imports:upload",
        "registry:partner_list",
        "registry:unit_list",
        "registry:object_list",
        "portal:verification_queue",
        "jobs:reports",
    },  # fmt: skip
    "manager_user": {
        "dashboard",
        "agreements:list",
        "registry:partner_list",
        "registry:unit_list",
        "registry:object_list",
        "jobs:reports",
    },  # fmt: skip
    "opd_user": {"portal:home"},
    "partner_user": {"portal:home"},
}


def _menu(client, user):
    client.force_login(user)
    html = client.get(reverse("accounts:profile")).content.decode()
    return LINK.findall(MENU.search(html).group(1))


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_menu_entry_opens_and_none_is_missing(client, request, role):
    user = request.getfixturevalue(role)
    links = _menu(client, user)
    assert set(links) == {reverse(name) for name in EXPECTED[role]}
    for href in links:
        assert client.get(href).status_code == 200, href


def test_the_verification_queue_is_not_offered_to_managers(client, manager_user):
    queue = reverse("portal:verification_queue")
    assert queue not in _menu(client, manager_user)
    assert client.get(queue).status_code == 404
