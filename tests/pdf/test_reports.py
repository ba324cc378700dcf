"""Every managers' report as PDF (charts drawn, pages not blank, expected values in the text) and
as XLSX (values readable by a spreadsheet)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from agreements.choices import Category, InstrumentKind, InstrumentStatus, OccurrenceStatus, Stage
from evaluations.choices import EvaluatorRole, PeriodType, Recommendation
from evaluations.models import Evaluation
from jobs.choices import JobKind
from jobs.reports import BUILDERS, report_make
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

from .pdftools import assert_pages_not_blank, pdf_text, pdf_words

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture
def portfolio():
    today = timezone.localdate()
    unit = OrganisationUnitFactory(name="Dinas Perhubungan")
    ending = AgreementFactory(
        number="KS/AKHIR/2026", title="Terminal Terpadu", stage=Stage.IMPLEMENTATION, lead_unit=unit,
        category=Category.KPBU, estimated_value=Decimal("2500000000"), signed_date=today,
        start_date=today - datetime.timedelta(days=300), end_date=today + datetime.timedelta(days=20),
    )  # fmt: skip
    # Running by the reporting rules: its PKS is signed.
    ending.instruments.create(kind=InstrumentKind.PKS, status=InstrumentStatus.SIGNED, signing_date=today)
    AgreementFactory(
        number="KS/LAIN/2026", stage=Stage.PREPARATION, category=Category.KSDD,
        estimated_value=Decimal("750000000"),
    )  # fmt: skip
    party = AgreementPartyFactory(agreement=ending, partner=PartnerFactory(name="PT Terminal Jaya"), order=2)
    obligation = ObligationFactory(agreement=ending, party=party, responsible_unit=unit, title="Setoran retribusi",
                                   first_due_date=today - datetime.timedelta(days=10))  # fmt: skip
    OccurrenceFactory(obligation=obligation, status=OccurrenceStatus.OVERDUE)
    Evaluation.objects.create(
        agreement=ending, period_type=PeriodType.YEAR, period_label=str(today.year), evaluated_on=today,
        evaluator_role=EvaluatorRole.TKKSD, score_objectives=4, score_timeliness=2,
        recommendation=Recommendation.IMPROVE,
    )  # fmt: skip
    return ending


EXPECTED = {
    JobKind.REPORT_PORTFOLIO: ["Laporan Portofolio Kerja Sama", "Rp 3.250.000.000", "KPBU", "Dinas Perhubungan", "Swasta"],
    JobKind.REPORT_ENDING: ["Kerja Sama yang Akan Berakhir", "KS/AKHIR/2026", "Rp 2.500.000.000", "20"],
    JobKind.REPORT_OVERDUE: ["Kewajiban Terlambat", "Dinas Perhubungan", "PT Terminal Jaya", "Setoran retribusi"],
    JobKind.REPORT_EVALUATIONS: ["Hasil Evaluasi Kerja Sama", "Diperbaiki", "KS/AKHIR/2026", "3,00"],
    JobKind.REPORT_YEARLY: ["Laporan Pelaksanaan Kerja Sama Daerah Tahun", "Menteri Dalam Negeri", "Terminal Terpadu",
                            "PT Terminal Jaya"],
    JobKind.REPORT_DPRD: ["Laporan Kerja Sama Daerah kepada DPRD", "Ketua Dewan Perwakilan Rakyat Daerah",
                          "Terminal Terpadu", "Persetujuan DPRD yang menunggu keputusan"],
}  # fmt: skip


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_report_pdf(kind, portfolio, manager_user):
    content, name = report_make(kind, manager_user, {"format": "pdf", "year": timezone.localdate().year})
    assert name.endswith(".pdf")
    assert_pages_not_blank(content)
    assert "Halaman 1 dari" in pdf_text(content)
    words = pdf_words(content)
    for expected in EXPECTED[kind]:
        assert expected in words, expected


def test_report_pdf_charts_have_no_script(portfolio, manager_user):
    from core.charts import bar_chart
    from jobs.reports import portfolio as build

    report = build(manager_user, {})
    for chart in report.charts:
        svg = bar_chart(chart.title, chart.pairs, money=chart.money)
        assert "<script" not in svg and "http" not in svg.split(">", 1)[1].replace("http://www.w3.org", "")


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_report_xlsx(kind, portfolio, manager_user):
    content, name = report_make(kind, manager_user, {"format": "xlsx", "year": timezone.localdate().year})
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(content))
    values = [
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    ]
    assert any(v.startswith(EXPECTED[kind][0]) for v in values)


def test_portfolio_xlsx_keeps_rupiah_as_numbers(portfolio, manager_user):
    content, _name = report_make(JobKind.REPORT_PORTFOLIO, manager_user, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(content)).worksheets[1]  # by stage
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sum(r[2] for r in rows) == 3250000000
    assert sheet.cell(row=2, column=3).number_format == '"Rp" #,##0'
