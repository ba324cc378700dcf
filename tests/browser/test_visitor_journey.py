"""Reading Kemitraan in a real browser: the public register without an account, the switch to English
and back, and a phone's width on the agreement page and the portal. axe-core checks every page on the
way (tests/browser/support.py)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.agreements.builders import furnished_agreement
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import HomeGovernmentFactory, MembershipFactory, PartnerFactory

from .conftest import PHONE
from .support import log_in, sideways_scroll, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_searches_the_public_register_and_downloads_it(page):
    home = HomeGovernmentFactory()
    for title, partner, public in (
        ("Pengembangan Pasar Rakyat", "PT Pasar Sejahtera", True),
        ("Beasiswa Vokasi Daerah", "Politeknik Negeri Contoh", True),
        ("Kajian Internal Aset", "PT Rahasia Internal", False),
    ):
        agreement = AgreementFactory(title=title, is_public=public)
        AgreementPartyFactory(agreement=agreement, partner=home, order=1)
        AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name=partner), order=2)

    visit(page, f"{page.base}/publik/")
    register = page.locator("main table")
    expect(register).to_contain_text("Pengembangan Pasar Rakyat")
    expect(register).to_contain_text("Beasiswa Vokasi Daerah")
    expect(register).not_to_contain_text("Kajian Internal Aset")

    page.get_by_label("Cari", exact=True).fill("Politeknik")
    submit(page, "main form[role=search] button[type=submit]")
    expect(register).to_contain_text("Beasiswa Vokasi Daerah")
    expect(register).not_to_contain_text("Pengembangan Pasar Rakyat")

    with page.expect_navigation():
        page.get_by_role("link", name="Beasiswa Vokasi Daerah").click()
    expect(page.locator("h1")).to_have_text("Beasiswa Vokasi Daerah")
    visit(page, page.url)

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Beasiswa Vokasi Daerah" in csv and "Pengembangan Pasar Rakyat" not in csv


def switch_language(page, language):
    """The switch sits in the user's menu: open it, choose, apply."""
    page.locator("header .dropdown-toggle").click()
    page.select_option("#language-switch", language)
    submit(page, "header form:has(#language-switch) button[type=submit]")


def test_language_switch_to_english_and_back(page):
    UserFactory(username="staf_bahasa", roles=[Role.STAFF])
    log_in(page, page.base, "staf_bahasa")
    visit(page, f"{page.base}/dasbor/")
    expect(page.locator("h1")).to_have_text("Dasbor")

    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit(page, page.url)
    # The choice is the user's: it holds on the next page too.
    visit(page, f"{page.base}/mitra/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)

    switch_language(page, "id")
    expect(page.locator("h1")).to_have_text("Mitra")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    visit(page, page.url)


def test_agreement_page_and_portal_fit_a_phone(new_page):
    staff = UserFactory(username="staf_ponsel", roles=[Role.STAFF])
    agreement = furnished_agreement(staff, size=3, title="Kerja Sama Pengelolaan Kawasan Wisata Terpadu")
    partner = agreement.parties.order_by("order").last().partner
    MembershipFactory(user=UserFactory(username="mitra_ponsel", roles=[Role.PARTNER]), partner=partner)

    staff_page = new_page(viewport=PHONE)
    log_in(staff_page, staff_page.base, "staf_ponsel")
    for path in (
        agreement.get_absolute_url(),
        f"{agreement.get_absolute_url()}ubah/",
        "/kerja-sama/",
        "/dasbor/",
    ):
        visit(staff_page, f"{staff_page.base}{path}")
        assert sideways_scroll(staff_page) <= 0, (
            f"{path}: {sideways_scroll(staff_page)} px sideways at 390 px"
        )

    partner_page = new_page(viewport=PHONE)
    log_in(partner_page, partner_page.base, "mitra_ponsel")
    visit(partner_page, f"{partner_page.base}/portal/")
    assert sideways_scroll(partner_page) <= 0, f"portal: {sideways_scroll(partner_page)} px sideways"
    with partner_page.expect_navigation():
        partner_page.locator("main").get_by_role("link", name=agreement.title).first.click()
    visit(partner_page, partner_page.url)
    assert sideways_scroll(partner_page) <= 0, f"portal agreement: {sideways_scroll(partner_page)} px"
