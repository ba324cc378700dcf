"""Managers' reports (laporan): each builds a `Report` — charts and tables of raw values — from
set-based aggregate queries; `report_pdf` and `report_xlsx` turn any Report into a file."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from agreements.choices import OUTCOMES, WORKING_STAGES, Category, OccurrenceStatus, Stage
from agreements.models import Agreement, AgreementParty, ObligationOccurrence
from core.charts import bar_chart
from core.exports import xlsx_row
from core.pdf import render_pdf
from core.templatetags.formatting import rupiah, tanggal
from evaluations.choices import CRITERIA, Recommendation
from evaluations.models import Evaluation
from registry.choices import Sector

from .choices import JobKind

TEXT, CODE, INT, MONEY, DATE, DECIMAL = "text", "code", "int", "money", "date", "decimal"


CSS = {INT: "num", MONEY: "num", DECIMAL: "num", DATE: "nowrap", CODE: "nowrap"}


@dataclass
class Table:
    title: str
    columns: list[tuple[str, str]]  # (label, kind)
    rows: list[list] = field(default_factory=list)
    note: str = ""

    def formatted_rows(self):
        """Rows of (text, CSS class): numbers right-aligned; numbers, codes and dates kept on one line."""
        return [
            [
                (_format(value, kind), CSS.get(kind, ""))
                for value, (_label, kind) in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]

    def header(self):
        return [(label, CSS.get(kind, "")) for label, kind in self.columns]


@dataclass
class Report:
    title: str
    subtitle: str = ""
    filters: list[tuple[str, str]] = field(default_factory=list)
    charts: list[tuple[str, list[tuple[str, float]]]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    slug: str = "laporan"


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


def _agreements(user):
    return Agreement.objects.visible_to(user).live()


def _label(choices, value):
    return str(dict(choices).get(value, value or _("(kosong)")))


def _grouped(queryset, key, choices=None):
    """(label, count, total value) per value of `key`, one aggregate query."""
    rows = (
        queryset.values(key)
        .annotate(n=Count("pk", distinct=True), total=Coalesce(Sum("estimated_value"), Decimal(0)))
        .order_by("-n", key)
    )
    return [
        [
            (_label(choices, r[key]) if choices else (r[key] or _("(tanpa perangkat daerah)"))),
            r["n"],
            r["total"],
        ]
        for r in rows
    ]


def _group_columns(first):
    return [(first, TEXT), (_("Jumlah"), INT), (_("Nilai (Rp)"), MONEY)]


def portfolio(user, params) -> Report:
    """The portfolio by stage, category, partner sector and OPD, with values in Rupiah."""
    qs = _agreements(user)
    filters = []
    if params.get("stage"):
        qs = qs.filter(stage=params["stage"])
        filters.append((_("Tahap"), _label(Stage.choices, params["stage"])))
    if params.get("category"):
        qs = qs.filter(category=params["category"])
        filters.append((_("Kategori"), _label(Category.choices, params["category"])))
    by_stage = _grouped(qs, "stage", Stage.choices)
    by_category = _grouped(qs, "category", Category.choices)
    by_unit = _grouped(qs, "lead_unit__name")
    sectors = (
        AgreementParty.objects.filter(agreement__in=qs.values("pk"), partner__is_home_government=False)
        .values("partner__sector")
        .annotate(n=Count("agreement", distinct=True))
        .order_by("-n")
    )
    by_sector = [[_label(Sector.choices, r["partner__sector"]), r["n"]] for r in sectors]
    totals = qs.aggregate(n=Count("pk"), total=Coalesce(Sum("estimated_value"), Decimal(0)))
    return Report(
        slug="portofolio",
        title=_("Laporan Portofolio Kerja Sama"),
        subtitle=_("%(n)s kerja sama, perkiraan nilai %(v)s")
        % {"n": totals["n"], "v": rupiah(totals["total"])},
        filters=filters,
        charts=[
            (_("Jumlah kerja sama per tahap"), [(r[0], r[1]) for r in by_stage]),
            (_("Nilai kerja sama per kategori (Rp)"), [(r[0], float(r[2])) for r in by_category]),
        ],
        tables=[
            Table(_("Menurut tahap"), _group_columns(_("Tahap")), by_stage),
            Table(_("Menurut kategori"), _group_columns(_("Kategori")), by_category),
            Table(_("Menurut sektor mitra"), [(_("Sektor"), TEXT), (_("Jumlah kerja sama"), INT)], by_sector),
            Table(_("Menurut perangkat daerah"), _group_columns(_("Perangkat daerah")), by_unit),
        ],
    )


def ending(user, params) -> Report:
    """Agreements in a working stage whose end date falls in the next N days."""
    days = int(params.get("days") or 90)
    today = timezone.localdate()
    qs = (
        _agreements(user)
        .filter(stage__in=WORKING_STAGES, end_date__gte=today, end_date__lte=today + timedelta(days=days))
        .select_related("lead_unit")
        .order_by("end_date", "pk")
    )
    rows = [
        [a.number, a.title, a.lead_unit.name if a.lead_unit else "", a.end_date, (a.end_date - today).days,
         a.estimated_value]
        for a in qs[:2000]
    ]  # fmt: skip
    buckets = [
        (_("≤ 30 hari"), 0, 30),
        (_("31–60 hari"), 31, 60),
        (_("61–90 hari"), 61, 90),
        (_("> 90 hari"), 91, 10**6),
    ]
    chart = [(label, sum(1 for r in rows if lo <= r[4] <= hi)) for label, lo, hi in buckets]
    return Report(
        slug="akan-berakhir",
        title=_("Kerja Sama yang Akan Berakhir"),
        subtitle=_("Dalam %(d)s hari ke depan: %(n)s kerja sama") % {"d": days, "n": len(rows)},
        filters=[(_("Jangka"), _("%(d)s hari") % {"d": days})],
        charts=[(_("Sisa waktu"), chart)],
        tables=[
            Table(
                _("Daftar kerja sama"),
                [(_("Nomor"), CODE), (_("Judul"), TEXT), (_("Perangkat daerah"), TEXT), (_("Berakhir"), DATE),
                 (_("Sisa hari"), INT), (_("Nilai (Rp)"), MONEY)],
                rows,
            )
        ],
    )  # fmt: skip


def overdue(user, params) -> Report:
    """Overdue obligation occurrences by OPD and by partner, and the list of the oldest."""
    qs = ObligationOccurrence.objects.filter(
        status=OccurrenceStatus.OVERDUE, obligation__agreement__in=_agreements(user).values("pk")
    )
    unit = Coalesce("obligation__responsible_unit__name", "obligation__agreement__lead_unit__name")
    by_unit = [
        [r["unit"] or _("(tanpa perangkat daerah)"), r["n"]]
        for r in qs.annotate(unit=unit).values("unit").annotate(n=Count("pk")).order_by("-n", "unit")
    ]
    by_partner = [
        [r["obligation__party__partner__name"], r["n"]]
        for r in qs.values("obligation__party__partner__name").annotate(n=Count("pk")).order_by("-n")
    ]
    today = timezone.localdate()
    oldest = [
        [o.obligation.agreement.number, o.obligation.title, o.obligation.party.partner.name, o.due_date,
         (today - o.due_date).days]
        for o in qs.select_related("obligation__agreement", "obligation__party__partner").order_by("due_date")[:500]
    ]  # fmt: skip
    return Report(
        slug="kewajiban-terlambat",
        title=_("Kewajiban Terlambat"),
        subtitle=_("%(n)s jatuh tempo terlambat") % {"n": sum(r[1] for r in by_unit)},
        charts=[(_("Terlambat per perangkat daerah"), [(r[0], r[1]) for r in by_unit[:15]])],
        tables=[
            Table(_("Menurut perangkat daerah"), [(_("Perangkat daerah"), TEXT), (_("Jumlah"), INT)], by_unit),
            Table(_("Menurut mitra"), [(_("Mitra"), TEXT), (_("Jumlah"), INT)], by_partner),
            Table(
                _("Jatuh tempo terlambat (terlama lebih dulu)"),
                [(_("Nomor"), CODE), (_("Kewajiban"), TEXT), (_("Pihak"), TEXT), (_("Jatuh tempo"), DATE),
                 (_("Hari terlambat"), INT)],
                oldest,
            ),
        ],
    )  # fmt: skip


def _evaluations(user, year):
    qs = Evaluation.objects.filter(agreement__in=_agreements(user).values("pk"))
    return qs.filter(evaluated_on__year=year) if year else qs


def evaluations(user, params) -> Report:
    """Evaluation results: recommendations, average score per criterion, and each evaluation."""
    year = int(params["year"]) if params.get("year") else None
    qs = _evaluations(user, year)
    by_rec = [
        [_label(Recommendation.choices, r["recommendation"]), r["n"]]
        for r in qs.values("recommendation").annotate(n=Count("pk")).order_by("-n")
    ]
    averages = qs.aggregate(**{name: Avg(name) for name, _label in CRITERIA})
    criteria = [[str(label), averages[name]] for name, label in CRITERIA]
    rows = [
        [e.agreement.number, e.agreement.title, e.get_period_type_display(), e.evaluated_on,
         e.get_evaluator_role_display(), e.average_score, e.get_recommendation_display()]
        for e in qs.select_related("agreement").order_by("-evaluated_on", "pk")[:1000]
    ]  # fmt: skip
    return Report(
        slug="hasil-evaluasi",
        title=_("Hasil Evaluasi Kerja Sama"),
        subtitle=(_("Tahun %(y)s") % {"y": year}) if year else _("Semua tahun"),
        charts=[(_("Rekomendasi"), [(r[0], r[1]) for r in by_rec])],
        tables=[
            Table(_("Rekomendasi"), [(_("Rekomendasi"), TEXT), (_("Jumlah"), INT)], by_rec),
            Table(_("Nilai rata-rata per kriteria (1–5)"), [(_("Kriteria"), TEXT), (_("Rata-rata"), DECIMAL)], criteria),
            Table(
                _("Daftar evaluasi"),
                [(_("Nomor"), CODE), (_("Judul"), TEXT), (_("Periode"), TEXT), (_("Tanggal"), DATE),
                 (_("Oleh"), TEXT), (_("Rata-rata"), DECIMAL), (_("Rekomendasi"), TEXT)],
                rows,
            ),
        ],
    )  # fmt: skip


def yearly(user, params) -> Report:
    """The yearly report on regional cooperation to the governor / Ministry of Home Affairs."""
    year = int(params.get("year") or timezone.localdate().year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = _agreements(user)
    active = qs.filter(
        Q(start_date__lte=end) | Q(start_date__isnull=True),
        Q(end_date__gte=start) | Q(end_date__isnull=True),
        stage__in=(Stage.IMPLEMENTATION, Stage.EVALUATION, *OUTCOMES),
    )
    signed = qs.filter(signed_date__year=year)
    occurrences = ObligationOccurrence.objects.filter(
        obligation__agreement__in=qs.values("pk"), due_date__gte=start, due_date__lte=end
    )
    status_counts = {r["status"]: r["n"] for r in occurrences.values("status").annotate(n=Count("pk"))}
    summary = [
        [_("Kerja sama ditandatangani tahun ini"), signed.count()],
        [_("Kerja sama berjalan dalam tahun ini"), active.count()],
        [_("Kerja sama berakhir dalam tahun ini"), qs.filter(end_date__year=year).count()],
        [_("Kewajiban jatuh tempo"), sum(status_counts.values())],
        [_("Kewajiban terpenuhi"), status_counts.get(OccurrenceStatus.FULFILLED, 0)],
        [_("Kewajiban terlambat / tidak terpenuhi"),
         status_counts.get(OccurrenceStatus.OVERDUE, 0) + status_counts.get(OccurrenceStatus.NOT_FULFILLED, 0)],
        [_("Evaluasi dilakukan"), _evaluations(user, year).count()],
    ]  # fmt: skip
    by_category = _grouped(active, "category", Category.choices)
    parties = {}
    active_rows = list(active.order_by("category", "number", "pk")[:2000])
    for party in (
        AgreementParty.objects.filter(
            agreement__in=[a.pk for a in active_rows], partner__is_home_government=False
        )
        .select_related("partner")
        .order_by("order")
    ):
        parties.setdefault(party.agreement_id, []).append(party.partner.name)
    listing = [
        [a.number, a.title, a.get_category_display(), ", ".join(parties.get(a.pk, [])), a.start_date, a.end_date,
         a.get_stage_display(), a.estimated_value]
        for a in active_rows
    ]  # fmt: skip
    return Report(
        slug=f"laporan-pelaksanaan-kerja-sama-{year}",
        title=_("Laporan Pelaksanaan Kerja Sama Daerah Tahun %(y)s") % {"y": year},
        subtitle=_("Disampaikan kepada Gubernur / Menteri Dalam Negeri"),
        filters=[(_("Tahun"), str(year))],
        charts=[
            (_("Kerja sama berjalan per kategori"), [(r[0], r[1]) for r in by_category]),
            (_("Status kewajiban yang jatuh tempo"),
             [(_label(OccurrenceStatus.choices, k), v) for k, v in sorted(status_counts.items())]),
        ],  # fmt: skip
        tables=[
            Table(_("Ikhtisar"), [(_("Uraian"), TEXT), (_("Jumlah"), INT)], summary),
            Table(_("Kerja sama berjalan per kategori"), _group_columns(_("Kategori")), by_category),
            Table(
                _("Daftar kerja sama berjalan"),
                [(_("Nomor"), CODE), (_("Judul"), TEXT), (_("Kategori"), TEXT), (_("Mitra"), TEXT),
                 (_("Mulai"), DATE), (_("Berakhir"), DATE), (_("Tahap"), TEXT), (_("Nilai (Rp)"), MONEY)],
                listing,
            ),
        ],
    )  # fmt: skip


BUILDERS = {
    JobKind.REPORT_PORTFOLIO: portfolio,
    JobKind.REPORT_ENDING: ending,
    JobKind.REPORT_OVERDUE: overdue,
    JobKind.REPORT_EVALUATIONS: evaluations,
    JobKind.REPORT_YEARLY: yearly,
}


def report_pdf(report: Report) -> bytes:
    charts = [(title, bar_chart(title, pairs)) for title, pairs in report.charts if pairs]
    return render_pdf("pdf/report.html", {"report": report, "charts": charts, "generated_at": timezone.now()})


def report_xlsx(report: Report) -> bytes:
    """One sheet per table (after a cover sheet), raw numbers and dates with number formats."""
    book = Workbook()
    cover = book.active
    cover.title = _("Ringkasan")[:31]
    cover.append(xlsx_row([report.title]))
    cover["A1"].font = Font(bold=True, size=13)
    if report.subtitle:
        cover.append(xlsx_row([report.subtitle]))
    for label, value in report.filters:
        cover.append(xlsx_row([label, value]))
    for index, table in enumerate(report.tables, start=1):
        sheet = book.create_sheet(f"{index} {table.title}"[:31].replace("/", "-"))
        sheet.append(xlsx_row(label for label, _kind in table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(xlsx_row(float(v) if isinstance(v, Decimal) else v for v in row))
        for col, column in enumerate(table.columns, start=1):
            kind = column[1]
            letter = sheet.cell(row=1, column=col).column_letter
            sheet.column_dimensions[letter].width = 40 if kind == TEXT else 18
            fmt = {MONEY: '"Rp" #,##0', DATE: "DD-MM-YYYY", DECIMAL: "0.00", INT: "0"}.get(kind)
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                    cell.number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_make(kind: str, user, params: dict) -> tuple[bytes, str]:
    """Build and write one report in the format asked for; returns (content, file name)."""
    with translation.override("id"):
        report = BUILDERS[kind](user, params)
        if params.get("format") == "xlsx":
            return report_xlsx(report), f"{report.slug}.xlsx"
        return report_pdf(report), f"{report.slug}.pdf"
