"""The managers' working reports — portfolio, ending soon, overdue obligations, evaluation results —
each a `Report` built from set-based aggregate queries over the user's scope."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.choices import WORKING_STAGES, Category, OccurrenceStatus, Stage
from agreements.models import Agreement, AgreementParty, ObligationOccurrence
from core.templatetags.formatting import rupiah
from evaluations.choices import CRITERIA, Recommendation
from evaluations.models import Evaluation
from registry.choices import Sector

from .document import CODE, DATE, DECIMAL, INT, MONEY, TEXT, Chart, Report, Table


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
            Chart(_("Jumlah kerja sama per tahap"), [(r[0], r[1]) for r in by_stage]),
            Chart(_("Nilai kerja sama per kategori"), [(r[0], r[2]) for r in by_category], money=True),
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
        charts=[Chart(_("Sisa waktu"), chart)],
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
        charts=[Chart(_("Terlambat per perangkat daerah"), [(r[0], r[1]) for r in by_unit[:15]])],
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
        charts=[Chart(_("Rekomendasi"), [(r[0], r[1]) for r in by_rec])],
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
