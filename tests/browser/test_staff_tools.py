"""Staff's other tools in a real browser: importing a spreadsheet (dry run, errors, apply), two people
saving the same agreement, and entering a partner with the keyboard alone. axe-core checks every
page on the way (tests/browser/support.py)."""

import copy

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from agreements.models import Agreement
from registry.models import Partner
from tests.accounts.factories import UserFactory
from tests.agreements.builders import furnished_agreement
from tests.imports.test_import import good_rows, xlsx

from .support import assert_accessible, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def staff(db):
    return UserFactory(username="staf_browser", roles=[Role.STAFF])


def upload(page, name, data):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": data}])
    submit(page, "main form button[type=submit]")
    assert_accessible(page)


def test_import_dry_run_reports_errors_then_applies_a_good_file(page, staff):
    log_in(page, page.base, staff.username)
    visit(page, f"{page.base}/kerja-sama/impor/")
    with page.expect_download() as template:
        page.get_by_role("link", name="Unduh templat XLSX").click()
    assert template.value.suggested_filename == "templat-impor-kemitraan.xlsx"

    # A file with a date nobody can read: every problem is listed and nothing is saved.
    broken = copy.deepcopy(good_rows())
    broken["Kerja Sama"][0][5] = "tanggal 1"
    upload(page, "kerja-sama-salah.xlsx", xlsx(broken))
    expect(page.locator(".alert-danger")).to_contain_text("Berkas belum dapat diimpor")
    expect(page.locator("main")).to_contain_text("tanggal 1")
    expect(page.get_by_role("button", name="Impor sekarang")).to_have_count(0)
    assert not Agreement.objects.filter(title="Pengelolaan Pasar").exists()

    # The corrected file: the dry run says what will be created; importing applies it.
    page.get_by_role("link", name="Unggah berkas lain").click()
    upload(page, "kerja-sama.xlsx", xlsx())
    expect(page.locator(".alert-success")).to_contain_text("Semua baris valid")
    assert not Agreement.objects.filter(title="Pengelolaan Pasar").exists()
    submit(page, "main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Impor selesai")
    assert_accessible(page)
    agreement = Agreement.objects.get(title="Pengelolaan Pasar")
    assert agreement.parties.count() == 2 and agreement.obligations.count() == 1

    visit(page, f"{page.base}{agreement.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Pengelolaan Pasar")


def test_two_staff_saving_the_same_agreement(new_page, staff):
    UserFactory(username="staf_kedua", roles=[Role.STAFF])
    agreement = furnished_agreement(staff, title="Kerja Sama Bersama")
    edit = f"{agreement.get_absolute_url()}ubah/"
    first, second = new_page(), new_page()
    for page, username in ((first, staff.username), (second, "staf_kedua")):
        log_in(page, page.base, username)
        visit(page, f"{page.base}{edit}")

    first.fill("#id_title", "Judul dari staf pertama")
    submit(first, 'button[name="_save"]')
    expect(first.locator("h1")).to_have_text("Judul dari staf pertama")

    # The second form was opened on the old version: refused, nothing overwritten, the typing kept.
    second.fill("#id_title", "Judul dari staf kedua")
    submit(second, 'button[name="_save"]')
    expect(second.locator("[data-testid=conflict]")).to_contain_text("telah diubah oleh orang lain")
    expect(second.locator("#id_title")).to_have_value("Judul dari staf kedua")
    assert_accessible(second)
    agreement.refresh_from_db()
    assert agreement.title == "Judul dari staf pertama"


FOCUS_OUTLINE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, selector, limit=40):
    """Press Tab until `selector` has the focus; every control on the way shows a focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_OUTLINE), "focus not visible on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} not reached in {limit} presses of Tab")


def test_partner_entered_with_the_keyboard_alone(page, staff):
    log_in(page, page.base, staff.username)
    visit(page, f"{page.base}/mitra/baru/")

    # The first Tab shows the skip link; it leads past the menu to the form.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    tab_to(page, "#id_name")
    page.keyboard.type("Koperasi Tani Makmur")
    tab_to(page, "#id_partner_type")
    page.keyboard.type("Kop")  # a select takes the first option starting with what is typed
    expect(page.locator("#id_partner_type")).to_have_value("cooperative")
    tab_to(page, "#id_email")
    page.keyboard.type("kontak@tanimakmur.test")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Koperasi Tani Makmur")
    assert_accessible(page)
    partner = Partner.objects.get(name="Koperasi Tani Makmur")
    assert (partner.partner_type, partner.email) == ("cooperative", "kontak@tanimakmur.test")
