"""The periodic report on regional cooperation (laporan pelaksanaan kerja sama daerah), for a year or a
semester: to the governor or the Minister (by the home government's level), or to the DPRD's chair
with the approvals the DPRD gave and those pending.

Every figure follows the reporting rules (agreements.reporting) over the user's scope. The queries are
set-based: their number does not grow with the number of agreements (tests pin it).
"""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.choices import (
    ApprovalKind,
    ApprovalResult,
    BenefitKind,
    Category,
    InstrumentKind,
    OccurrenceStatus,
)
from agreements.models import (
    Agreement,
    AgreementParty,
    Approval,
    BenefitRealisation,
    ObligationOccurrence,
)
from agreements.reporting import (
    Period,
    counted,
    ended_q,
    in_progress,
    in_progress_q,
    running_in,
    running_q,
    signed_binding_texts,
    signed_q,
    with_signing,
    with_term,
)
from core.templatetags.formatting import tanggal
from evaluations.choices import Recommendation
from evaluations.models import Challenge, Evaluation

from .document import CODE, DATE, INT, MONEY, TEXT, Chart, Report, Table
from .letter import Sender, cover_letter

RECOMMENDATIONS = dict(Recommendation.choices)
# The listings stop here (a region has a few hundred agreements); the counts never do.
MAX_ROWS = 2000
MONEY_SUM = DecimalField(max_digits=20, decimal_places=2)


def _realised(period: Period, **conditions):
    """The amount realised from an agreement's benefits in the period, as a subquery."""
    rows = BenefitRealisation.objects.filter(
        benefit__agreement=OuterRef("pk"),
        realised_on__gte=period.start,
        realised_on__lte=period.end,
        **conditions,
    )
    total = rows.order_by().values("benefit__agreement").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total[:1], output_field=MONEY_SUM), Decimal(0), output_field=MONEY_SUM)


def _latest_evaluation(field):
    return Subquery(
        Evaluation.objects.filter(agreement=OuterRef("pk")).order_by("-evaluated_on", "-pk").values(field)[:1]
    )


def _running_agreements(agreements, period: Period):
    """The running agreements with everything their row prints, in a fixed number of queries."""
    problems = Challenge.objects.filter(reported_on__lte=period.end).filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gte=period.start)
    )
    return (
        running_in(agreements, period)
        .select_related("lead_unit")
        .annotate(
            realised=_realised(period),
            local_revenue=_realised(period, benefit__kind=BenefitKind.LOCAL_REVENUE),
            evaluated_on=_latest_evaluation("evaluated_on"),
            evaluation_recommendation=_latest_evaluation("recommendation"),
        )
        .prefetch_related(
            "government_affairs",
            # Whether the DPRD must approve reads the funding rows (the APBD trigger is computed).
            "funding_sources",
            Prefetch(
                "instruments",
                signed_binding_texts().order_by("signing_date", "pk").prefetch_related("party_numbers"),
                to_attr="binding_texts",
            ),
            Prefetch("approvals", Approval.objects.filter(kind=ApprovalKind.DPRD), to_attr="dprd_approvals"),
            Prefetch("challenges", problems.order_by("reported_on", "pk"), to_attr="period_problems"),
            Prefetch(
                "parties",
                AgreementParty.objects.filter(partner__is_home_government=False).select_related("partner"),
                to_attr="counterparts",
            ),
        )
        .order_by("category", "number", "pk")
    )


def _texts(agreement, kinds) -> str:
    """ "180/12/2025, 435.1/07 · 10 Maret 2025" for each signed text of the kinds."""
    return "; ".join(
        " · ".join(
            part
            for part in (", ".join(n.number for n in text.party_numbers.all()), tanggal(text.signing_date))
            if part and part != "—"
        )
        or str(text)
        for text in agreement.binding_texts
        if text.kind in kinds
    )


def _dprd(agreement) -> str:
    approvals = agreement.dprd_approvals
    if not approvals:
        return _("Diperlukan, belum diajukan") if agreement.requires_dprd_approval else _("Tidak diperlukan")
    return "; ".join(
        " ".join(
            part
            for part in (
                approval.get_result_display(),
                tanggal(approval.decided_on) if approval.decided_on else "",
                approval.letter_number,
            )
            if part
        )
        for approval in approvals
    )


def _problems(agreement) -> str:
    return "; ".join(
        f"{problem.description} — {problem.get_status_display()}"
        + (f": {problem.resolution}" if problem.resolution else "")
        for problem in agreement.period_problems
    )


def _evaluation(agreement) -> str:
    if not agreement.evaluated_on:
        return ""
    label = RECOMMENDATIONS.get(agreement.evaluation_recommendation, "")
    return f"{tanggal(agreement.evaluated_on)}: {label}"


def _agreement_columns():
    return [
        (_("Nomor"), CODE), (_("Kerja sama"), TEXT), (_("Mitra"), TEXT), (_("Urusan pemerintahan"), TEXT),
        (_("Perangkat daerah"), TEXT), (_("MoU: nomor · tanggal"), TEXT),
        (_("PKS / perjanjian: nomor · tanggal"), TEXT), (_("Persetujuan DPRD"), TEXT), (_("Nilai (Rp)"), MONEY),
        (_("Realisasi manfaat (Rp)"), MONEY), (_("PAD (Rp)"), MONEY), (_("Kendala dan tindak lanjut"), TEXT),
        (_("Evaluasi terakhir dan rekomendasi"), TEXT),
    ]  # fmt: skip


def _agreement_row(a) -> list:
    return [
        a.number, a.title, ", ".join(p.partner.name for p in a.counterparts),
        ", ".join(g.name for g in a.government_affairs.all()), _unit(a),
        _texts(a, {InstrumentKind.MOU}),
        _texts(a, {InstrumentKind.PKS, InstrumentKind.KPBU_AGREEMENT, InstrumentKind.ASSET_AGREEMENT}),
        _dprd(a), a.estimated_value, a.realised, a.local_revenue, _problems(a), _evaluation(a),
    ]  # fmt: skip


def _counts(agreements, period: Period, today: date) -> dict:
    """Every count of the summary in one aggregate query."""
    return with_signing(with_term(counted(agreements)), period).aggregate(
        running=Count("pk", filter=running_q(period)),
        signed=Count("pk", filter=signed_q()),
        ended=Count("pk", filter=ended_q(period, today)),
        in_progress=Count("pk", filter=in_progress_q()),
    )


def _by_category(agreements, period: Period) -> list:
    """(category, count, value) of the running agreements, one grouped query."""
    rows = (
        running_in(agreements, period)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"), total=Coalesce(Sum("estimated_value"), Decimal(0)))
    )
    found = {r["category"]: (r["n"], r["total"]) for r in rows}
    return [[str(label), *found[value]] for value, label in Category.choices if value in found]


def _summary_rows(counts: dict, occurrences: dict, evaluations: int) -> list:
    late = occurrences.get(OccurrenceStatus.OVERDUE, 0) + occurrences.get(OccurrenceStatus.NOT_FULFILLED, 0)
    return [
        [_("Kerja sama berjalan dalam periode"), counts["running"]],
        [_("Kerja sama ditandatangani dalam periode (MoU, PKS, perjanjian KPBU/aset)"), counts["signed"]],
        [_("Kerja sama berakhir dalam periode"), counts["ended"]],
        [_("Usulan kerja sama dalam proses"), counts["in_progress"]],
        [_("Kewajiban jatuh tempo dalam periode"), sum(occurrences.values())],
        [_("Kewajiban terpenuhi"), occurrences.get(OccurrenceStatus.FULFILLED, 0)],
        [_("Kewajiban terlambat / tidak terpenuhi"), late],
        [_("Evaluasi dilakukan dalam periode"), evaluations],
    ]


def _unit(agreement) -> str:
    return agreement.lead_unit.name if agreement.lead_unit else ""


def _approval_rows(approvals) -> list:
    return [
        [a.agreement.number, a.agreement.title, a.submitted_on, a.letter_number, a.decided_on,
         a.get_result_display()]
        for a in approvals
    ]  # fmt: skip


def _approval_columns():
    return [
        (_("Nomor"), CODE), (_("Kerja sama"), TEXT), (_("Diajukan"), DATE), (_("Nomor surat"), CODE),
        (_("Diputuskan"), DATE), (_("Hasil"), TEXT),
    ]  # fmt: skip


def _dprd_tables(agreements, period: Period) -> list[Table]:
    """The approvals the DPRD gave in the period, and those still waiting for its decision."""
    approvals = Approval.objects.filter(
        agreement__in=counted(agreements).values("pk"), kind=ApprovalKind.DPRD
    )
    approvals = approvals.select_related("agreement").order_by("decided_on", "submitted_on", "pk")
    given = approvals.filter(
        result=ApprovalResult.APPROVED, decided_on__gte=period.start, decided_on__lte=period.end
    )
    return [
        Table(
            _("Persetujuan DPRD yang diberikan dalam periode ini"), _approval_columns(), _approval_rows(given)
        ),
        Table(
            _("Persetujuan DPRD yang menunggu keputusan"),
            _approval_columns(),
            _approval_rows(approvals.filter(result=ApprovalResult.PENDING)),
        ),
    ]


def _periodic(user, params, *, dprd: bool, today: date | None) -> Report:
    today = today or timezone.localdate()
    period = Period.from_params(params, today)
    agreements = Agreement.objects.visible_to(user)
    sender = Sender.current()
    counts = _counts(agreements, period, today)
    status_counts = _occurrence_counts(agreements, period)
    evaluations = Evaluation.objects.filter(
        agreement__in=counted(agreements).values("pk"),
        evaluated_on__gte=period.start,
        evaluated_on__lte=period.end,
    ).count()
    category_rows = _by_category(agreements, period)
    running = list(_running_agreements(agreements, period)[:MAX_ROWS])
    proposals = [
        [a.number, a.title, a.get_category_display(), _unit(a), a.get_stage_display(), a.estimated_value]
        for a in in_progress(agreements).select_related("lead_unit").order_by("created_at", "pk")[:MAX_ROWS]
    ]
    title = (
        _("Laporan Kerja Sama Daerah kepada DPRD — %(p)s")
        if dprd
        else _("Laporan Pelaksanaan Kerja Sama Daerah %(p)s")
    ) % {"p": period.label}
    tables = [
        Table(
            _("Ikhtisar"),
            [(_("Uraian"), TEXT), (_("Jumlah"), INT)],
            _summary_rows(counts, status_counts, evaluations),
        ),
        Table(
            _("Kerja sama berjalan per kategori"),
            [(_("Kategori"), TEXT), (_("Jumlah"), INT), (_("Nilai (Rp)"), MONEY)],
            category_rows,
        ),
        Table(
            _("Kerja sama berjalan dalam periode"),
            _agreement_columns(),
            [_agreement_row(a) for a in running],
            wide=True,
        ),
        Table(
            _("Usulan kerja sama dalam proses (per %(d)s)") % {"d": tanggal(today)},
            [
                (_("Nomor"), CODE),
                (_("Judul"), TEXT),
                (_("Kategori"), TEXT),
                (_("Perangkat daerah"), TEXT),
                (_("Tahap"), TEXT),
                (_("Nilai (Rp)"), MONEY),
            ],
            proposals,
        ),  # fmt: skip
    ]
    if dprd:
        tables += _dprd_tables(agreements, period)
    subject = _("laporan kerja sama daerah") if dprd else _("laporan pelaksanaan kerja sama daerah")
    return Report(
        slug=f"{'laporan-kerja-sama-dprd' if dprd else 'laporan-pelaksanaan-kerja-sama'}-{period.slug}",
        title=title,
        subtitle=_("Disampaikan kepada %(a)s") % {"a": sender.recipient(dprd=dprd)},
        filters=[(_("Periode"), f"{period.label} ({tanggal(period.start)} – {tanggal(period.end)})")],
        charts=[
            Chart(_("Kerja sama berjalan per kategori"), [(r[0], r[1]) for r in category_rows]),
            Chart(
                _("Nilai kerja sama berjalan per kategori"), [(r[0], r[2]) for r in category_rows], money=True
            ),
        ],
        tables=tables,
        letter=cover_letter(sender, subject=subject, period_label=period.label, today=today, dprd=dprd),
        letterhead_unit=sender.letterhead_unit,
    )


def _occurrence_counts(agreements, period: Period) -> dict:
    rows = ObligationOccurrence.objects.filter(
        obligation__agreement__in=counted(agreements).values("pk"),
        due_date__gte=period.start,
        due_date__lte=period.end,
    )
    return {r["status"]: r["n"] for r in rows.values("status").annotate(n=Count("pk"))}


def periodic(user, params, today: date | None = None) -> Report:
    """The yearly or semester report to the governor or the Minister."""
    return _periodic(user, params, dprd=False, today=today)


def periodic_dprd(user, params, today: date | None = None) -> Report:
    """The same facts for the DPRD's chair, with the DPRD's approvals given and pending."""
    return _periodic(user, params, dprd=True, today=today)
