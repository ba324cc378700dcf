"""Evidence in a real browser (Playwright on Debian's Chromium): partner users and OPD officers submit
it on the portal, staff judge it in the queue (htmx, in place), the submitter reads the verdict.
axe-core checks every page on the way (tests/browser/support.py)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from agreements.services import obligation_create
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.portal.files import minimal_pdf
from tests.registry.factories import (
    HomeGovernmentFactory,
    MembershipFactory,
    OrganisationUnitFactory,
    PartnerFactory,
)

from .support import assert_accessible, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OBLIGATION = "Laporan kualitas air triwulan"


@pytest.fixture
def water(tmp_path):
    """An agreement between the home government (led by Dinas PU) and a partner with one user;
    a quarterly report due from the partner, a site survey due from the OPD; a staff member."""
    today = timezone.localdate()
    unit = OrganisationUnitFactory(name="Dinas Pekerjaan Umum")
    partner = PartnerFactory(name="CV Sumber Air Lestari")
    MembershipFactory(user=UserFactory(username="mitra_browser", roles=[Role.PARTNER]), partner=partner)
    MembershipFactory(
        user=UserFactory(username="opd_browser", roles=[Role.OPD_OFFICER]), organisation_unit=unit
    )
    UserFactory(username="staf_verifikasi", roles=[Role.STAFF])
    agreement = AgreementFactory(
        title="Pengelolaan Air Bersih Desa", lead_unit=unit, end_date=today + datetime.timedelta(days=400)
    )
    home = AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1)
    party = AgreementPartyFactory(agreement=agreement, partner=partner, order=2)
    due = today + datetime.timedelta(days=10)
    obligation_create(agreement=agreement, actor=None, party=party, title=OBLIGATION, first_due_date=due)
    obligation_create(
        agreement=agreement,
        actor=None,
        party=home,
        title="Survei lokasi sumur bor",
        first_due_date=today + datetime.timedelta(days=20),
        responsible_unit=unit,
    )
    evidence = tmp_path / "laporan-kualitas-air.pdf"
    evidence.write_bytes(minimal_pdf("Laporan kualitas air"))
    return evidence


def submit_evidence(page, title, evidence, note):
    """From the portal's home: open the occurrence, upload the file with a note, see it submitted."""
    visit(page, f"{page.base}/portal/")
    with page.expect_navigation():
        page.get_by_role("link", name=title).first.click()
    assert_accessible(page)
    page.set_input_files("#id_files", str(evidence))
    page.fill("#id_note", note)
    submit(page, "main form button[type=submit]")
    expect(page.locator("#occurrence-status")).to_contain_text("Diajukan")
    assert_accessible(page)


def judge(page, title, decision, note):
    """Staff: the first queue row for `title` gets the verdict in place; returns that row."""
    visit(page, f"{page.base}/portal/verifikasi/")
    row = page.locator("#verification-queue tbody tr", has_text=title).first
    expect(row).to_contain_text("laporan-kualitas-air.pdf")
    row.locator("input[name=note]").fill(note)
    row.get_by_role("button", name=decision).click()
    return row


def test_partner_evidence_rejected_then_resubmitted_and_verified(new_page, water):
    partner_page, staff_page = new_page(), new_page()
    log_in(partner_page, partner_page.base, "mitra_browser")
    log_in(staff_page, staff_page.base, "staf_verifikasi")

    visit(partner_page, f"{partner_page.base}/portal/")
    expect(partner_page.locator("#upcoming")).to_contain_text(OBLIGATION)
    expect(partner_page.locator("body")).to_contain_text("Pengelolaan Air Bersih Desa")
    submit_evidence(partner_page, OBLIGATION, water, "Hasil uji laboratorium terlampir")
    expect(partner_page.locator("main")).to_contain_text("laporan-kualitas-air.pdf")

    # Staff send it back with the reason: the row answers in place.
    row = judge(staff_page, OBLIGATION, "Tolak", "Tanda tangan kepala laboratorium belum ada")
    expect(staff_page.locator("#verification-queue")).to_contain_text("Ditolak")
    assert_accessible(staff_page)

    # The partner reads the rejection and its reason on the occurrence, and may submit again.
    partner_page.reload()
    expect(partner_page.locator("#occurrence-status")).to_contain_text("Ditolak")
    expect(partner_page.locator("#verdict")).to_contain_text("Tanda tangan kepala laboratorium belum ada")
    assert_accessible(partner_page)
    submit_evidence(partner_page, OBLIGATION, water, "Versi bertanda tangan")

    row = judge(staff_page, OBLIGATION, "Verifikasi", "Bukti lengkap dan sah")
    expect(row).to_contain_text("Terpenuhi")
    assert_accessible(staff_page)

    partner_page.reload()
    expect(partner_page.locator("#occurrence-status")).to_contain_text("Terpenuhi")
    expect(partner_page.locator("#verdict")).to_contain_text("Bukti lengkap dan sah")
    visit(partner_page, f"{partner_page.base}/portal/")
    expect(partner_page.locator("#recent")).to_contain_text("Terpenuhi")


def test_opd_officer_submits_evidence_for_the_units_obligation(new_page, water):
    page = new_page()
    log_in(page, page.base, "opd_browser")
    visit(page, f"{page.base}/portal/")
    expect(page.locator("main")).to_contain_text("Survei lokasi sumur bor")
    submit_evidence(page, "Survei lokasi sumur bor", water, "Foto dan koordinat titik bor")
    expect(page.locator("main")).to_contain_text("laporan-kualitas-air.pdf")

    staff_page = new_page()
    log_in(staff_page, staff_page.base, "staf_verifikasi")
    visit(staff_page, f"{staff_page.base}/portal/verifikasi/")
    expect(staff_page.locator("#verification-queue")).to_contain_text("Survei lokasi sumur bor")
