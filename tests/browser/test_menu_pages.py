"""Every page each role reaches from the page header opens and passes axe-core (WCAG 2.1 AA, no
serious or critical violation), on a world with a furnished agreement that every role has a part in."""

import pytest

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.agreements.builders import furnished_agreement
from tests.registry.factories import MembershipFactory

from .support import log_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER_LINKS = """() => [...new Set([...document.querySelectorAll("header a[href^='/']")]
  .map((link) => link.getAttribute("href")))]"""


@pytest.fixture
def people():
    staff = UserFactory(username="staf_menu", roles=[Role.STAFF])
    agreement = furnished_agreement(staff, size=2, title="Kerja Sama Menu")
    UserFactory(username="pimpinan_menu", roles=[Role.MANAGER])
    opd = UserFactory(username="opd_menu", roles=[Role.OPD_OFFICER])
    MembershipFactory(user=opd, organisation_unit=agreement.lead_unit)
    partner = UserFactory(username="mitra_menu", roles=[Role.PARTNER])
    MembershipFactory(user=partner, partner=agreement.parties.order_by("order").first().partner)
    return agreement


@pytest.mark.parametrize(
    ("username", "own_page"),
    [
        ("staf_menu", "{agreement}"),
        ("pimpinan_menu", "{agreement}"),
        ("opd_menu", "/portal/agreements/{pk}/"),
        ("mitra_menu", "/portal/agreements/{pk}/"),
    ],
)
def test_every_header_link_opens_and_is_accessible(page, people, username, own_page):
    log_in(page, page.base, username)
    icon = page.request.get(page.base + page.locator("link[rel=icon]").get_attribute("href"))
    assert icon.ok and icon.headers["content-type"] == "image/svg+xml"  # no page asks for a missing icon
    links = page.evaluate(HEADER_LINKS)
    assert len(links) >= 3, links
    for href in [*links, own_page.format(agreement=people.get_absolute_url(), pk=people.pk)]:
        visit(page, f"{page.base}{href}")
