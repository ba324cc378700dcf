"""A manager (pimpinan) in a real browser: the dashboard, then a PDF report requested and downloaded.
axe-core checks every page on the way (tests/browser/support.py)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from agreements.services import obligation_create
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

from .support import log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_opens_the_dashboard_and_downloads_a_report(page):
    today = timezone.localdate()
    UserFactory(username="pimpinan_browser", roles=[Role.MANAGER])
    agreement = AgreementFactory(
        title="Kerja Sama Parkir Elektronik", end_date=today + datetime.timedelta(days=30)
    )
    AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1)
    party = AgreementPartyFactory(
        agreement=agreement, partner=PartnerFactory(name="PT Parkir Pintar"), order=2
    )
    obligation_create(
        agreement=agreement,
        actor=None,
        party=party,
        title="Setoran retribusi parkir",
        first_due_date=today + datetime.timedelta(days=5),
    )

    log_in(page, page.base, "pimpinan_browser")
    visit(page, f"{page.base}/dasbor/")
    expect(page.locator("h1")).to_have_text("Dasbor")
    expect(page.locator("main")).to_contain_text("Kerja Sama Parkir Elektronik")

    visit(page, f"{page.base}/pekerjaan/laporan/")
    portfolio = page.locator("section.card", has_text="Portofolio")
    submit(page, "section.card:has-text('Portofolio') button[type=submit]", timeout=60_000)
    expect(portfolio).to_have_count(0)  # the job's own page
    visit(page, page.url)
    with page.expect_download() as download:
        page.locator("main").get_by_role("link", name="Unduh").first.click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
