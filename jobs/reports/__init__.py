"""Managers' reports (laporan): each builder turns the user's scope and the chosen filters into a
`Report`; `report_make` writes it as PDF or XLSX."""

from django.utils import translation

from ..choices import JobKind
from .document import Report, Table, report_pdf, report_xlsx
from .management import ending, evaluations, overdue, portfolio
from .periodic import periodic, periodic_dprd

BUILDERS = {
    JobKind.REPORT_PORTFOLIO: portfolio,
    JobKind.REPORT_ENDING: ending,
    JobKind.REPORT_OVERDUE: overdue,
    JobKind.REPORT_EVALUATIONS: evaluations,
    JobKind.REPORT_YEARLY: periodic,
    JobKind.REPORT_DPRD: periodic_dprd,
}

__all__ = ["BUILDERS", "Report", "Table", "portfolio", "report_make", "report_pdf", "report_xlsx"]


def report_make(kind: str, user, params: dict) -> tuple[bytes, str]:
    """Build and write one report in the format asked for; returns (content, file name)."""
    with translation.override("id"):
        report = BUILDERS[kind](user, params)
        if params.get("format") == "xlsx":
            return report_xlsx(report), f"{report.slug}.xlsx"
        return report_pdf(report, kind=kind, parameters=params), f"{report.slug}.pdf"
