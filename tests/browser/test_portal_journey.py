"""A partner user and a staff member in a real browser (Playwright on Debian's Chromium).

The partner logs in, sees their obligations on the portal, uploads a real PDF as evidence; staff verify
it in the queue (htmx, in place); the partner sees it fulfilled (Terpenuhi) with the comment.
Screenshots go to test-artifacts/.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from accounts.roles import Role
from agreements.services import obligation_create
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.portal.files import minimal_pdf
from tests.registry.factories import HomeGovernmentFactory, MembershipFactory, PartnerFactory
from tests.security.browser import record_csp_violations

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PASSWORD = "sandi-uji-123"


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        browser.csp_violations = []
        try:
            yield browser
        finally:
            browser.close()
        assert not browser.csp_violations, "\n".join(browser.csp_violations)


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    record_csp_violations(page, into=browser.csp_violations)
    return page


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-{name}.png"), full_page=True)


def log_in(page, base, username):
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_partner_submits_evidence_and_sees_it_fulfilled(browser, live_server, tmp_path):
    today = timezone.localdate()
    partner = PartnerFactory(name="CV Sumber Air Lestari")
    partner_user = UserFactory(username="mitra_browser", roles=[Role.PARTNER])
    MembershipFactory(user=partner_user, partner=partner)
    UserFactory(username="staf_verifikasi", roles=[Role.STAFF])
    agreement = AgreementFactory(
        title="Pengelolaan Air Bersih Desa", end_date=today + datetime.timedelta(days=400)
    )
    AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1)
    party = AgreementPartyFactory(agreement=agreement, partner=partner, order=2)
    obligation_create(
        agreement=agreement,
        actor=None,
        party=party,
        title="Laporan kualitas air triwulan",
        first_due_date=today + datetime.timedelta(days=10),
    )
    evidence = tmp_path / "laporan-kualitas-air.pdf"
    evidence.write_bytes(minimal_pdf("Laporan kualitas air"))

    # The partner logs in and sees their obligation.
    partner_page = new_page(browser)
    log_in(partner_page, live_server.url, "mitra_browser")
    partner_page.goto(f"{live_server.url}/portal/")
    expect(partner_page.locator("#upcoming")).to_contain_text("Laporan kualitas air triwulan")
    expect(partner_page.locator("body")).to_contain_text("Pengelolaan Air Bersih Desa")
    shot(partner_page, "01-home")

    # … opens it and uploads a PDF with a note.
    with partner_page.expect_navigation():
        partner_page.get_by_role("link", name="Laporan kualitas air triwulan").click()
    partner_page.set_input_files("#id_files", str(evidence))
    partner_page.fill("#id_note", "Hasil uji laboratorium terlampir")
    shot(partner_page, "02-evidence-form")
    with partner_page.expect_navigation():
        partner_page.get_by_role("button", name="Kirim bukti").click()
    expect(partner_page.locator("#occurrence-status")).to_contain_text("Diajukan")
    expect(partner_page.locator("main")).to_contain_text("laporan-kualitas-air.pdf")
    shot(partner_page, "03-submitted")

    # Staff verify it in the queue, in place.
    staff_page = new_page(browser)
    log_in(staff_page, live_server.url, "staf_verifikasi")
    staff_page.goto(f"{live_server.url}/portal/verifikasi/")
    row = staff_page.locator("#verification-queue tbody tr").first
    expect(row).to_contain_text("Laporan kualitas air triwulan")
    expect(row).to_contain_text("laporan-kualitas-air.pdf")
    shot(staff_page, "04-queue")
    row.locator("input[name=note]").fill("Bukti lengkap dan sah")
    row.get_by_role("button", name="Verifikasi").click()
    expect(staff_page.locator("#verification-queue tbody tr").first).to_contain_text("Terpenuhi")
    shot(staff_page, "05-verified")

    # The partner sees the verdict and the comment.
    partner_page.reload()
    expect(partner_page.locator("#occurrence-status")).to_contain_text("Terpenuhi")
    expect(partner_page.locator("#verdict")).to_contain_text("Bukti lengkap dan sah")
    partner_page.goto(f"{live_server.url}/portal/")
    expect(partner_page.locator("#recent")).to_contain_text("Terpenuhi")
    shot(partner_page, "06-fulfilled")
