"""A report as data — charts and tables of raw values, and for reports sent out of the building a cover
letter — and the two files made from the same data: `report_pdf` (the one place a Report is rendered
to PDF) and `report_xlsx`."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.charts import bar_chart
from core.exports import xlsx_row
from core.templatetags.formatting import rupiah, tanggal

from ..choices import Audience
from ..issuing import issue_pdf

TEXT, CODE, INT, MONEY, DATE, DECIMAL = "text", "code", "int", "money", "date", "decimal"

# Numbers right-aligned; money, dates and agreement numbers kept on one line — but a number longer
# than LONG_CODE characters may break anywhere rather than push its table past the page edge.
CSS = {INT: "num", MONEY: "num", DECIMAL: "num", DATE: "nowrap", CODE: "code"}
LONG_CODE = 24
XLSX_FORMATS = {MONEY: '"Rp" #,##0', DATE: "DD-MM-YYYY", DECIMAL: "0.00", INT: "0"}


@dataclass
class Table:
    title: str
    columns: list[tuple[str, str]]  # (label, kind)
    rows: list[list] = field(default_factory=list)
    note: str = ""
    # Many columns: printed on a landscape page with a smaller type, every text cell wrapping.
    wide: bool = False

    def formatted_rows(self):
        """Rows of (text, CSS class)."""
        return [
            [
                (_format(value, kind), _css(kind, value))
                for value, (_label, kind) in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]

    def header(self):
        return [(label, CSS.get(kind, "")) for label, kind in self.columns]


@dataclass
class Chart:
    title: str
    pairs: list[tuple[str, float]]
    money: bool = False


@dataclass
class Signatory:
    title: str
    name: str
    nip: str = ""


@dataclass
class Letter:
    """The cover letter (surat pengantar) on the first page of a report sent out of the building."""

    place_date: str
    addressee: list[str]
    subject: str
    body: list[str]
    signatory: Signatory
    copies: list[str] = field(default_factory=list)
    enclosure: str = ""


@dataclass
class Report:
    title: str
    subtitle: str = ""
    filters: list[tuple[str, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    slug: str = "laporan"
    letter: Letter | None = None
    letterhead_unit: str = ""


def _css(kind, value) -> str:
    if kind == CODE and len(str(value or "")) > LONG_CODE:
        return "code-long"
    return CSS.get(kind, "")


def _format(value, kind):
    if value is None or value == "":
        return "—"
    if kind == MONEY:
        return rupiah(value)
    if kind == DATE:
        return tanggal(value)
    if kind == DECIMAL:
        return f"{Decimal(value):.2f}".replace(".", ",")
    if kind == INT:
        return f"{int(value):,}".replace(",", ".")
    return str(value)


def report_pdf(report: Report, *, kind: str, parameters: dict | None = None) -> bytes:
    """The one place a Report becomes a PDF: issued (jobs.issuing — recorded, with its verification QR
    code, sealed) for managers, so of the internal audience."""
    charts = [
        (chart.title, bar_chart(chart.title, chart.pairs, money=chart.money))
        for chart in report.charts
        if chart.pairs
    ]
    context = {"report": report, "charts": charts, "generated_at": timezone.now()}
    if report.letterhead_unit:
        context["letterhead_unit"] = report.letterhead_unit
    return issue_pdf("pdf/report.html", context, kind=kind, audience=Audience.INTERNAL, parameters=parameters)


def _letter_rows(letter: Letter):
    yield [letter.place_date]
    yield [_("Kepada")]
    yield from ([line] for line in letter.addressee)
    yield [_("Perihal"), letter.subject]
    if letter.enclosure:
        yield [_("Lampiran"), letter.enclosure]
    yield from ([paragraph] for paragraph in letter.body)
    yield [letter.signatory.title]
    yield [letter.signatory.name]
    if letter.signatory.nip:
        yield [_("NIP. %(nip)s") % {"nip": letter.signatory.nip}]
    if letter.copies:
        yield [_("Tembusan")]
        yield from ([line] for line in letter.copies)


def report_xlsx(report: Report) -> bytes:
    """A cover sheet (title, period, the cover letter), then one sheet per table with raw numbers and
    dates under number formats, so that a spreadsheet adds the same figures the PDF prints."""
    book = Workbook()
    cover = book.active
    cover.title = _("Ringkasan")[:31]
    cover.append(xlsx_row([report.title]))
    cover["A1"].font = Font(bold=True, size=13)
    if report.subtitle:
        cover.append(xlsx_row([report.subtitle]))
    for label, value in report.filters:
        cover.append(xlsx_row([label, value]))
    if report.letter:
        cover.append([])
        for row in _letter_rows(report.letter):
            cover.append(xlsx_row(row))
    cover.column_dimensions["A"].width = 60
    for index, table in enumerate(report.tables, start=1):
        sheet = book.create_sheet(f"{index} {table.title}"[:31].replace("/", "-"))
        sheet.append(xlsx_row(label for label, _kind in table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(xlsx_row(float(v) if isinstance(v, Decimal) else v for v in row))
        for col, (_label, kind) in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=col).column_letter
            sheet.column_dimensions[letter].width = 40 if kind == TEXT else 18
            fmt = XLSX_FORMATS.get(kind)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                if fmt:
                    cell.number_format = fmt
                elif kind == TEXT:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
