"""A staff member's day in a real browser (Playwright on Debian's Chromium).

Log in, create a partner, create an agreement with three parties from different sectors, obligations,
a risk split 50/30/20 (after a refused 90 % split) and a benefit split between two parties; add the
signed PKS and upload its file; advance from preparation through signing to implementation; find the
change in the history. axe-core checks every page on the way (tests/browser/support.py).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from registry.choices import PartnerType, Sector
from tests.accounts.factories import UserFactory
from tests.agreements.builders import PDF_BYTES
from tests.domain.law import verified
from tests.registry.factories import PartnerFactory

from .conftest import PHONE
from .support import assert_accessible, log_in, sideways_scroll, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_tab(page, slug):
    """Open a section of the agreement page (htmx loads it in place)."""
    page.locator(f".agreement-tabs [data-tab={slug}]").click()
    expect(page.locator(f"#bagian [data-section={slug}]")).to_be_visible()
    expect(page.locator(f".agreement-tabs [data-tab={slug}]")).to_have_attribute("aria-current", "page")


def advance(page):
    """A change of stage also renders the agreement's PDF summary (eagerly, in tests): allow for it."""
    open_tab(page, "persetujuan")
    submit(page, "#tahap form button.btn-success", timeout=120_000)


def add_row(page, prefix, expected_name):
    """Click the section's add button (htmx) and wait for the new row."""
    page.locator(f'button[name="_add"][value="{prefix}"]').click()
    expect(page.locator(f'[name="{expected_name}"]')).to_be_visible()


def test_staff_journey(page):
    staff = UserFactory(username="staf_browser", roles=["staff"])
    PartnerFactory(
        name="Pemerintah Kota Contoh",
        sector=Sector.PUBLIC,
        partner_type=PartnerType.CITY,
        is_home_government=True,
    )
    verified(
        PartnerFactory(
            name="Universitas Contoh", sector=Sector.ACADEMIC, partner_type=PartnerType.UNIVERSITY
        ),
        staff,
    )

    # Log in.
    page.goto(f"{page.base}/masuk/")
    assert_accessible(page)
    log_in(page, page.base, "staf_browser")

    # Create a private company (its sector follows from its type).
    page.goto(f"{page.base}/mitra/baru/")
    page.fill("#id_name", "PT Sampah Bersih")
    page.select_option("#id_partner_type", PartnerType.PRIVATE_COMPANY)
    assert_accessible(page)
    submit(page, "main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("PT Sampah Bersih")
    assert_accessible(page)
    # Its legality, checked on its NIB, is recorded on the partner (issue 10).
    page.locator("#legalitas a", has_text="Catat verifikasi legalitas").click()
    page.select_option("#id_document_kind", "nib")
    page.fill("#id_document_number", "9120001234567")
    page.fill("#id_verified_on", "2026-01-05")
    assert_accessible(page)
    submit(page, "main form button[type=submit]")
    expect(page.locator("#legalitas")).to_contain_text("9120001234567")

    # The agreement: fields, three parties, obligations, a risk and a benefit — on one page.
    page.goto(f"{page.base}/kerja-sama/baru/")
    page.fill("#id_title", "Pengelolaan Sampah Terpadu Berbasis Riset")
    page.select_option("#id_category", "ksdpk")
    page.fill("#id_start_date", "2026-01-01")
    page.fill("#id_end_date", "2027-12-31")
    page.fill("#id_estimated_value", "1250000000")
    add_row(page, "parties", "parties-2-partner")
    for index, name in enumerate(["Pemerintah Kota Contoh", "PT Sampah Bersih", "Universitas Contoh"]):
        page.select_option(f"#id_parties-{index}-partner", label=name)
    page.check('input[name="parties-0-roles"][value="lead"]')
    page.check('input[name="parties-1-roles"][value="implementer"]')
    page.fill("#id_parties-0-signatory_name", "Wali Kota Contoh")

    add_row(page, "obligations", "obligations-0-title")
    page.select_option("#id_obligations-0-party_partner", label="PT Sampah Bersih")
    page.fill("#id_obligations-0-title", "Laporan pengelolaan triwulanan")
    page.select_option("#id_obligations-0-frequency", "quarterly")
    page.fill("#id_obligations-0-first_due_date", "2026-03-31")
    add_row(page, "obligations", "obligations-1-title")
    page.select_option("#id_obligations-1-party_partner", label="Pemerintah Kota Contoh")
    page.fill("#id_obligations-1-title", "Penyediaan lahan TPS")
    page.fill("#id_obligations-1-first_due_date", "2026-02-28")

    add_row(page, "risks", "risks-0-event")
    page.select_option("#id_risks-0-category", "financial")
    page.fill("#id_risks-0-event", "Pendanaan operasional terlambat")
    page.select_option("#id_risks-0-likelihood", "3")
    page.select_option("#id_risks-0-impact", "4")
    add_row(page, "risks-0-shares", "risks-0-shares-2-partner")
    for index, (name, percent) in enumerate(
        [("Pemerintah Kota Contoh", "50"), ("PT Sampah Bersih", "30"), ("Universitas Contoh", "10")]
    ):
        page.select_option(f"#id_risks-0-shares-{index}-partner", label=name)
        page.fill(f"#id_risks-0-shares-{index}-percent", percent)
    risk_total = page.locator("#section-risks [data-split-total]").first
    expect(risk_total).to_have_text("Jumlah: 90 % — harus 100 %")

    add_row(page, "benefits", "benefits-0-kind")
    page.select_option("#id_benefits-0-kind", "profit_share")
    page.select_option("#id_benefits-0-shares-0-partner", label="Pemerintah Kota Contoh")
    page.fill("#id_benefits-0-shares-0-percent", "60")
    page.select_option("#id_benefits-0-shares-1-partner", label="PT Sampah Bersih")
    page.fill("#id_benefits-0-shares-1-percent", "40")
    expect(page.locator("#section-benefits [data-split-total]").first).to_have_text("Jumlah: 100 %")
    assert_accessible(page)

    # The 90 % split is refused at its row; everything typed is still there.
    submit(page, 'button[name="_save"]')
    expect(page.locator("#section-risks [data-testid=row-error]")).to_contain_text(
        "Jumlah porsi 90 %, harus tepat 100 %."
    )
    expect(page.locator("#id_obligations-1-title")).to_have_value("Penyediaan lahan TPS")
    assert_accessible(page)
    page.fill("#id_risks-0-shares-2-percent", "20")
    expect(risk_total).to_have_text("Jumlah: 100 %")
    submit(page, 'button[name="_save"]')

    expect(page.locator("h1")).to_have_text("Pengelolaan Sampah Terpadu Berbasis Riset")
    expect(page.locator("#ringkasan")).to_contain_text("Rp 1.250.000.000")
    detail_url = page.url
    open_tab(page, "pihak")
    expect(page.locator("#pihak")).to_contain_text("Pihak Ketiga")
    open_tab(page, "risiko")
    expect(page.locator("#risiko")).to_contain_text("Universitas Contoh: 20 %")
    assert page.url == f"{detail_url}?tab=risiko"  # the section is linkable
    assert_accessible(page)

    # Preparation → signing: refused until TKKSD finds it feasible and the benefit study is on record.
    advance(page)
    expect(page.locator(".messages")).to_contain_text("Belum ada pembahasan TKKSD dengan rekomendasi layak.")
    page.goto(f"{detail_url}tkksd/")
    page.fill("#id_review_date", "2026-01-06")
    page.select_option("#id_decision", "feasible")
    assert_accessible(page)
    submit(page, "main form button[type=submit]")
    page.goto(f"{detail_url}proses/kajian/baru/")
    page.fill("#id_study_date", "2026-01-07")
    page.select_option("#id_recommendation", "recommended")
    assert_accessible(page)
    submit(page, "main form button[type=submit]")
    expect(page.locator("#kepatuhan")).to_contain_text("Kajian manfaat")
    advance(page)
    expect(page.locator("[data-testid=stage]")).to_have_text("Penandatanganan")

    # Implementation is refused until a signed PKS with its file exists; the page says why.
    advance(page)
    expect(page.locator(".messages")).to_contain_text("Belum ada naskah operasional")
    expect(page.locator("[data-testid=stage]")).to_have_text("Penandatanganan")

    # The kesepakatan bersama comes before the PKS for a KSDPK.
    open_tab(page, "naskah")
    page.locator("#naskah a", has_text="Tambah naskah").click()
    page.select_option("#id_kind", "mou")
    page.select_option("#id_status", "signed")
    page.fill("#id_signing_date", "2026-01-10")
    submit(page, "main form button[type=submit]")

    page.locator("#naskah a", has_text="Tambah naskah").click()
    page.select_option("#id_kind", "pks")
    page.select_option("#id_status", "signed")
    page.fill("#id_signing_date", "2026-01-15")
    page.fill("#id_signing_place", "Jember")
    page.fill("#id_start_date", "2026-01-15")
    page.fill("#id_end_date", "2027-12-31")
    page.locator("input[id^=id_number_]").first.fill("180/01/PKS/2026")
    assert_accessible(page)
    submit(page, "main form button[type=submit]")

    open_tab(page, "dokumen")
    page.locator("#dokumen a", has_text="Unggah dokumen").click()
    page.set_input_files(
        "#id_file",
        files=[{"name": "PKS-ditandatangani.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.fill("#id_title", "PKS bertanda tangan")
    page.select_option("#id_doc_type", "signed_copy")
    page.select_option("#id_visibility", "parties")
    page.select_option("#id_instrument", label="Perjanjian Kerja Sama (PKS)")
    assert_accessible(page)
    submit(page, "main form button[type=submit]")
    expect(page.locator("#dokumen")).to_contain_text("PKS bertanda tangan")

    # Signing → implementation, and the change is in the history.
    advance(page)
    expect(page.locator("[data-testid=stage]")).to_have_text("Pelaksanaan")
    open_tab(page, "riwayat")
    history = page.locator("[data-testid=history]")
    expect(history).to_contain_text("Tahap: Penandatanganan → Pelaksanaan")
    expect(history).to_contain_text("Tahap: Persiapan → Penandatanganan")
    assert_accessible(page)

    # The document downloads with its bytes intact.
    open_tab(page, "dokumen")
    with page.expect_download() as download:
        page.locator("#dokumen").get_by_role("link", name="PKS bertanda tangan", exact=True).click()
    assert Path(download.value.path()).read_bytes() == PDF_BYTES

    # At a phone's width the agreement page does not scroll sideways.
    page.set_viewport_size(PHONE)
    page.goto(detail_url)
    assert sideways_scroll(page) <= 0, f"horizontal scroll of {sideways_scroll(page)}px at 390px"

    # The editor opens with every saved row and split, and fits a phone too.
    page.goto(f"{detail_url}ubah/")
    expect(page.locator("#id_risks-0-shares-2-percent")).to_have_value("20.00")
    expect(page.locator("#section-risks [data-split-total]").first).to_have_text("Jumlah: 100 %")
    assert sideways_scroll(page) <= 0, f"horizontal scroll of {sideways_scroll(page)}px on the editor"
    assert_accessible(page)


def test_editor_works_without_javascript(new_page):
    """The add-row buttons submit the form and it comes back with one more row; saving still works."""
    UserFactory(username="staf_tanpa_js", roles=["staff"])
    PartnerFactory(
        name="Pemerintah Kota Contoh",
        sector=Sector.PUBLIC,
        partner_type=PartnerType.CITY,
        is_home_government=True,
    )
    PartnerFactory(name="Universitas Contoh", sector=Sector.ACADEMIC, partner_type=PartnerType.UNIVERSITY)
    PartnerFactory(name="PT Sampah Bersih", sector=Sector.PRIVATE)
    page = new_page(java_script_enabled=False)
    log_in(page, page.base, "staf_tanpa_js")
    page.goto(f"{page.base}/kerja-sama/baru/")
    page.fill("#id_title", "Kerja sama tanpa JavaScript")
    page.select_option("#id_category", "ksdpk")  # the parties a KSDPK allows
    submit(page, 'button[name="_add"][value="parties"]')
    expect(page.locator("#id_title")).to_have_value("Kerja sama tanpa JavaScript")
    for index, name in enumerate(["Pemerintah Kota Contoh", "PT Sampah Bersih", "Universitas Contoh"]):
        page.select_option(f"#id_parties-{index}-partner", label=name)
    submit(page, 'button[name="_add"][value="risks"]')
    page.select_option("#id_risks-0-category", "legal")
    page.fill("#id_risks-0-event", "Perubahan peraturan")
    page.select_option("#id_risks-0-likelihood", "2")
    page.select_option("#id_risks-0-impact", "5")
    page.select_option("#id_risks-0-shares-0-partner", label="Pemerintah Kota Contoh")
    page.fill("#id_risks-0-shares-0-percent", "100")
    submit(page, 'button[name="_save"]')
    expect(page.locator("#pihak")).to_contain_text("Pihak Ketiga")
    expect(page.locator("#risiko")).to_contain_text("Pemerintah Kota Contoh: 100 %")
