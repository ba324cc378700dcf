"""Importing partners and agreements: a good file is applied whole; every malformed file gets its clear
message and nothing at all is imported."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from agreements.imports.columns import SHEETS
from agreements.imports.services import import_run, normalise_name
from agreements.imports.template import template_xlsx
from agreements.models import Agreement, AgreementParty, Benefit, Obligation, Risk
from registry.models import Partner
from tests.agreements.factories import AgreementFactory
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db

HEADERS = {s.name: s.names for s in SHEETS}


def good_rows():
    return {
        "Mitra": [
            ["PT Maju Jaya", "Maju", "swasta", "private_company", "1234567890123", "", "", "", ""],
            ["Universitas Contoh", "", "academic", "Perguruan Tinggi", "", "", "", "", ""],
        ],
        "Kerja Sama": [
            [
                "KS1",
                "IMP/001/2026",
                "Pengelolaan Pasar",
                "ksdpk",
                "",
                "2026-01-01",
                "31/12/2027",
                "1.500.000,00",
                "",
                "",
                "",
                "ya",
            ],
        ],
        "Pihak": [["KS1", "Maju Jaya", "pelaksana", "", ""], ["KS1", "Universitas Contoh", "", "", ""]],
        "Kewajiban": [
            [
                "KS1",
                "PT Maju Jaya",
                "Laporan triwulan",
                "reporting",
                "quarterly",
                "2026-03-31",
                "Pasal 4",
                "ya",
            ]
        ],
        "Risiko": [
            ["KS1", "R1", "demand", "Permintaan rendah", 3, 4, "PT Maju Jaya", 60],
            ["KS1", "R1", "demand", "Permintaan rendah", 3, 4, "Universitas Contoh", 40],
        ],
        "Manfaat": [
            ["KS1", "M1", "profit_share", "PT Maju Jaya", 70],
            ["KS1", "M1", "profit_share", "Universitas Contoh", 30],
        ],
    }


def xlsx(rows=None, headers=None):
    rows = good_rows() if rows is None else rows
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, data in rows.items():
        sheet = workbook.create_sheet(name)
        sheet.append((headers or {}).get(name, HEADERS[name]))
        for row in data:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def counts():
    return [m.objects.count() for m in (Partner, Agreement, AgreementParty, Obligation, Risk, Benefit)]


def messages(result):
    return [(p.sheet, p.row, p.column, p.message) for p in result.problems]


def test_good_file_dry_run_changes_nothing_then_import_applies_all(staff_user):
    before = counts()
    dry = import_run("data.xlsx", xlsx(), staff_user, dry_run=True)
    assert dry.ok, messages(dry)
    assert dry.created == {
        "partners": 2,
        "agreements": 1,
        "parties": 2,
        "obligations": 1,
        "risks": 1,
        "benefits": 1,
    }
    assert counts() == before
    real = import_run("data.xlsx", xlsx(), staff_user, dry_run=False)
    assert real.ok and real.applied
    agreement = Agreement.objects.get(number="IMP/001/2026")
    assert str(agreement.estimated_value) == "1500000.00"
    assert agreement.parties.count() == 2
    assert sorted(s.percent for s in Risk.objects.get(agreement=agreement).shares.all()) == [40, 60]
    assert agreement.obligations.get().occurrences.exists()


def test_existing_partner_is_reported_and_reused_not_created_twice(staff_user):
    PartnerFactory(name="PT. MAJU-JAYA")
    result = import_run("data.xlsx", xlsx(), staff_user, dry_run=False)
    assert result.ok, messages(result)
    assert Partner.objects.filter(name__icontains="maju").count() == 1
    assert any("sudah terdaftar" in n.message for n in result.notices)


def test_normalised_name():
    assert normalise_name("PT. Maju-Jaya, Tbk") == normalise_name("maju jaya") == "majujaya"
    assert normalise_name("CV Sinar") == "sinar"


def assert_refused(result, before, *fragments):
    assert not result.ok and not result.applied
    text = " ".join(p.message for p in result.problems)
    for fragment in fragments:
        assert fragment in text, text
    assert counts() == before


def test_missing_and_unknown_columns(staff_user):
    before = counts()
    headers = {"Mitra": ["nama", "sektor", "warna"]}
    result = import_run(
        "x.xlsx", xlsx({"Mitra": [["PT A", "private", "merah"]]}, headers), staff_user, dry_run=False
    )
    assert_refused(result, before, "Kolom wajib tidak ada: jenis", "Kolom tidak dikenal: warna")
    assert result.problems[0].sheet == "Mitra" and result.problems[0].row == 1


def test_bad_dates(staff_user):
    before = counts()
    rows = good_rows()
    rows["Kerja Sama"][0][5] = "31 Februari"
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before, "Tanggal '31 Februari' tidak valid")
    assert ("Kerja Sama", 2, "tanggal_mulai") in [(p.sheet, p.row, p.column) for p in result.problems]


def test_unknown_partner(staff_user):
    before = counts()
    rows = good_rows()
    rows["Pihak"][1][1] = "Koperasi Tidak Ada"
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before, "Mitra 'Koperasi Tidak Ada' tidak ditemukan")


def test_split_not_100(staff_user):
    before = counts()
    rows = good_rows()
    rows["Risiko"][1][7] = 30
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before, "Jumlah porsi 90 %, harus tepat 100 %")
    assert [(p.sheet, p.column) for p in result.problems] == [("Risiko", "persen")]


def test_duplicate_rows(staff_user):
    before = counts()
    rows = good_rows()
    rows["Mitra"].append(list(rows["Mitra"][0]))
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before, "sama dengan baris 2 (duplikat dalam berkas)")
    assert result.problems[0].row == 4


def test_empty_file(staff_user):
    before = counts()
    assert_refused(import_run("x.xlsx", b"", staff_user, dry_run=False), before, "Berkas kosong")
    empty_sheets = xlsx({"Mitra": []})
    assert_refused(
        import_run("x.xlsx", empty_sheets, staff_user, dry_run=False), before, "tidak berisi baris data"
    )


def test_png_renamed_xlsx(staff_user):
    before = counts()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert_refused(import_run("foto.xlsx", png, staff_user, dry_run=False), before, "bukan spreadsheet XLSX")
    assert_refused(import_run("foto.csv", png, staff_user, dry_run=False), before, "bukan spreadsheet")


def test_service_rule_refusal_rolls_back_earlier_rows(staff_user):
    """The first rows are good, a later one breaks a model rule: nothing stays."""
    before = counts()
    rows = good_rows()
    rows["Kerja Sama"].append(
        ["KS2", "", "Kedua", "ksdd", "", "2027-01-01", "2026-01-01", "", "", "", "", ""]
    )
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before, "Tanggal berakhir tidak boleh sebelum tanggal mulai")


def test_csv_partners(staff_user):
    text = "nama;nama_singkat;sektor;jenis;nib;npwp;alamat;email;telepon\nCV Sinar Abadi;;swasta;Badan Usaha Swasta;;;;;\n"
    result = import_run("mitra.csv", text.encode(), staff_user, dry_run=False)
    assert result.ok, messages(result)
    assert Partner.objects.filter(name="CV Sinar Abadi").exists()


def test_csv_bad_choice_names_the_row_and_column(staff_user):
    before = counts()
    text = "nama,nama_singkat,sektor,jenis,nib,npwp,alamat,email,telepon\nA,,luar angkasa,bumn,,,,,\n"
    result = import_run("mitra.csv", text.encode(), staff_user, dry_run=False)
    assert_refused(result, before, "Nilai 'luar angkasa' tidak dikenal")
    assert (result.problems[0].sheet, result.problems[0].row, result.problems[0].column) == (
        "Mitra",
        2,
        "sektor",
    )


def test_template_has_a_sheet_per_entity_with_headers():
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == [s.name for s in SHEETS]
    for sheet in SHEETS:
        assert [c.value for c in workbook[sheet.name][1]] == sheet.names


def test_import_pages_staff_only_and_dry_run_then_apply(client, staff_user, partner_user):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(partner_user)
    assert client.get(reverse("imports:upload")).status_code == 403
    assert client.get(reverse("imports:template")).status_code == 403
    client.force_login(staff_user)
    assert client.get(reverse("imports:template")).status_code == 200
    before = counts()
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", xlsx())})
    assert response.status_code == 200
    assert counts() == before
    key = response.context["key"]
    response = client.post(reverse("imports:apply"), {"key": key})
    assert response.status_code == 200
    assert Agreement.objects.filter(number="IMP/001/2026").exists()
    after = counts()
    # the file is imported once: applying it again answers with the first import's counts
    again = client.post(reverse("imports:apply"), {"key": key})
    assert again.status_code == 200 and "sudah diimpor sebelumnya" in again.content.decode()
    assert again.context["result"]["created"] == response.context["result"]["created"]
    assert counts() == after
    # a key that is not the user's own is unknown
    assert client.post(reverse("imports:apply"), {"key": "0" * 32}).status_code == 404
    assert client.post(reverse("imports:apply"), {"key": "../x"}).status_code == 404


def test_import_page_shows_row_errors(client, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    rows = good_rows()
    rows["Kerja Sama"][0][5] = "kemarin"
    client.force_login(staff_user)
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", xlsx(rows))})
    assert response.status_code == 400
    html = response.content.decode()
    assert "tanggal_mulai" in html and "Tanggal &#x27;kemarin&#x27; tidak valid" in html


def test_a_refused_agreement_row_is_reported_once_not_again_by_the_rows_that_name_it(staff_user):
    """K1's row has a bad date: its parties, obligations, risks and benefits are left out without a
    second message ("kode 'K1' tidak ada"), and so are the rows naming a partner whose row was refused."""
    rows = good_rows()
    rows["Kerja Sama"][0][0] = "K1"
    rows["Kerja Sama"][0][5] = "31 Februari"
    for sheet in ("Pihak", "Kewajiban", "Risiko", "Manfaat"):
        for row in rows[sheet]:
            row[0] = "K1"
    rows["Mitra"][1][2] = "luar angkasa"  # Universitas Contoh, named by the other sheets too
    before = counts()
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False)
    assert_refused(result, before)
    assert messages(result) == [
        ("Mitra", 3, "sektor", result.problems[0].message),
        ("Kerja Sama", 2, "tanggal_mulai", result.problems[1].message),
    ]
    assert "tidak ada" not in " ".join(p.message for p in result.problems)


def test_a_kode_no_row_defines_is_still_reported(staff_user):
    rows = good_rows()
    rows["Kewajiban"][0][0] = "KS9"
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=True)
    assert messages(result) == [
        ("Kewajiban", 2, "kode_kerja_sama", "Kerja sama dengan kode 'KS9' tidak ada di sheet Kerja Sama.")
    ]


def test_indonesian_thousands_are_numbers(staff_user):
    from decimal import Decimal

    from agreements.imports.columns import AGREEMENTS, CellError, read_cell

    value = next(c for c in AGREEMENTS.columns if c.name == "perkiraan_nilai")
    assert read_cell(value, "750.000.000") == Decimal("750000000")
    assert read_cell(value, "Rp 1.250.000,50") == Decimal("1250000.50")
    assert read_cell(value, "2.5") == Decimal("2.5")  # not groups of three: a decimal point
    with pytest.raises(CellError):
        read_cell(value, "7.50.000")
    rows = good_rows()
    rows["Kerja Sama"][0][7] = "750.000.000"
    assert import_run("x.xlsx", xlsx(rows), staff_user, dry_run=False).applied
    assert Agreement.objects.get(number="IMP/001/2026").estimated_value == Decimal("750000000")


def test_a_bad_choice_lists_the_indonesian_labels(staff_user):
    rows = good_rows()
    rows["Kewajiban"][0][4] = "setiap hari"
    result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=True)
    (problem,) = result.problems
    assert (problem.sheet, problem.column) == ("Kewajiban", "jadwal")
    assert "Sekali, Bulanan, Triwulanan, Semesteran, Tahunan" in problem.message
    assert "monthly" not in problem.message


def test_model_rules_name_their_column_without_a_query_per_row(staff_user, django_assert_max_num_queries):
    from django.core.validators import EmailValidator

    """Validators, check constraints and uniqueness, checked for every row at once: the dry run of a
    file with 200 agreements reads the registry and the stored numbers, not a row at a time."""
    AgreementFactory(number="SUDAH/ADA")
    rows = good_rows()
    rows["Mitra"].append(["Koperasi Surel", "", "swasta", "cooperative", "", "", "", "bukan-email", ""])
    rows["Risiko"][0][4] = 7
    base = rows["Kerja Sama"][0]
    rows["Kerja Sama"] += [
        ["KS2", "SUDAH/ADA", *base[2:]],
        ["KS3", "IMP/001/2026", *base[2:]],  # the same number as KS1, in the same file
        ["KS4", "", "Mundur", "ksdd", "", "2027-01-01", "2026-01-01", "", "", "", "", ""],
        *[[f"B{n}", f"B/{n}", "Banyak", "ksdd", "", "", "", "", "", "", "", ""] for n in range(200)],
    ]
    with django_assert_max_num_queries(8):
        result = import_run("x.xlsx", xlsx(rows), staff_user, dry_run=True)
    found = {(p.sheet, p.row, p.column): p.message for p in result.problems}
    assert found.pop(("Mitra", 4, "email")) == str(EmailValidator.message)  # the model field's own
    assert found.pop(("Kerja Sama", 3, "nomor")) == "Nomor registrasi ini sudah dipakai kerja sama lain."
    assert found.pop(("Kerja Sama", 4, "nomor")) == "Nomor registrasi ini sudah dipakai kerja sama lain."
    assert found.pop(("Kerja Sama", 5, "")) == "Tanggal berakhir tidak boleh sebelum tanggal mulai."
    assert "5" in found.pop(("Risiko", 2, "kemungkinan"))
    assert found == {}


def test_rows_are_counted_without_reading_the_cells():
    from agreements.imports.reading import count_rows

    assert count_rows(xlsx()) == 10
    many = {"Mitra": [[f"PT {n}", "", "swasta", "private_company", "", "", "", "", ""] for n in range(1234)]}
    assert count_rows(xlsx(many)) == 1234
    assert count_rows(b"nama;sektor\nA;swasta\n\nB;swasta\n;;\n") == 2
    assert count_rows(b"PK\x03\x04 not a zip") == 0


def test_a_failed_apply_changes_nothing_says_why_and_stays_failed(client, staff_user):
    """Clean at the dry run, refused when applied (the number was taken meanwhile): nothing is written,
    the page says why in Bahasa Indonesia, and applying again imports nothing either."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from jobs.models import CheckedImport

    client.force_login(staff_user)
    key = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", xlsx())}).context[
        "key"
    ]
    AgreementFactory(number="IMP/001/2026")
    before = counts()
    for _attempt in range(2):
        response = client.post(reverse("imports:apply"), {"key": key})
        page = response.content.decode()
        assert response.status_code == 400 and counts() == before
        assert "Impor dibatalkan; tidak ada data yang disimpan." in page
        assert "Nomor registrasi ini sudah dipakai kerja sama lain." in page and "nomor" in page
    checked = CheckedImport.objects.get(key=key)
    assert checked.state == "failed" and checked.applied_at is not None
    assert checked.error.startswith("Impor dibatalkan; tidak ada data yang disimpan.\nKerja Sama, baris 2")
    assert client.get(reverse("imports:detail", args=[key])).status_code == 200


def test_someone_elses_checked_file_is_a_404(client, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.accounts.factories import UserFactory

    client.force_login(staff_user)
    key = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", xlsx())}).context[
        "key"
    ]
    before = counts()
    client.force_login(UserFactory(roles=["staff"]))
    assert client.post(reverse("imports:apply"), {"key": key}).status_code == 404
    assert client.get(reverse("imports:detail", args=[key])).status_code == 404
    assert counts() == before
    client.force_login(staff_user)
    assert client.get(reverse("imports:detail", args=[key])).status_code == 200
