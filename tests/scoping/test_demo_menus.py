"""Every demo user, on the seeded demo data, opens every link of their navigation bar (the main menu,
the notifications and the user menu): no entry answers 403 or 404. Staff find the import there."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.users import USERS
from tests.seeded import seeded_fixture

pytestmark = pytest.mark.django_db
_seeded = seeded_fixture()

NAVBAR = re.compile(r'<nav class="navbar.*?</nav>', re.S)
HREF = re.compile(r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"#]+)"')


def _navbar_links(client) -> list[str]:
    html = client.get(reverse("accounts:profile")).content.decode()
    return HREF.findall(NAVBAR.search(html).group(0))


@pytest.mark.parametrize("username", [username for username, *_rest in USERS])
def test_every_navigation_link_of_every_demo_user_opens(client, seeded, username):
    client.force_login(get_user_model().objects.get(username=username))
    links = _navbar_links(client)
    assert reverse("accounts:profile") in links
    answers = {href: client.get(href).status_code for href in links}
    assert answers == dict.fromkeys(links, 200)
    offers_import = reverse("imports:upload") in links
    assert offers_import == (username in {"admin", "staf"})
