"""What waits for a decision, for the managers' (pimpinan's) dashboard: TKKSD reviews and approvals
waiting, overdue obligations by partner and by OPD, and benefits realised against planned this year
(agreements ending within 90 days: `selectors.agreements_ending_soon`, the same as the list's
`ending_within_days`). Each figure is read in one query however many agreements there are, and
each comes with the query string of the agreement list that shows the agreements behind it (the list's
FilterSet reads the same conditions: agreements/filtersets.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import OUTCOMES, ApprovalResult, OccurrenceStatus, Stage, TkksdDecision
from .models import Agreement, Approval, BenefitRealisation, BenefitShare, ObligationOccurrence

# A TKKSD review that lets preparation go on; any other decision (revise, not feasible) sends the
# proposal back, and it waits for a new review.
TKKSD_PASSED = (TkksdDecision.FEASIBLE, TkksdDecision.FEASIBLE_WITH_NOTES)
# Agreements whose benefits flow: signed and running, or being evaluated.
BENEFIT_STAGES = (Stage.IMPLEMENTATION, Stage.EVALUATION)


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    query: str  # the agreement list's query string for this row


def waiting_for_tkksd_q() -> Q:
    """Agreements in preparation without a TKKSD review that lets them go on."""
    passed = Q(tkksd_reviews__decision__in=TKKSD_PASSED)
    return Q(stage=Stage.PREPARATION) & ~Q(pk__in=Agreement.objects.filter(passed).values("pk"))


def waiting_for_approval_q() -> Q:
    """Agreements still running with an approval asked for and not yet decided."""
    pending = Approval.objects.filter(result=ApprovalResult.PENDING).values("agreement_id")
    return Q(pk__in=pending) & ~Q(stage__in=OUTCOMES)


def overdue_unit_expression(prefix=""):
    """The OPD an obligation is counted for: its own, else the agreement's leading one."""
    return Coalesce(
        f"{prefix}obligation__responsible_unit_id", f"{prefix}obligation__agreement__lead_unit_id"
    )


def _running_in(year: int) -> Q:
    """Agreements whose benefits flow in `year`: implemented or evaluated, their term reaching it."""
    return (
        Q(stage__in=BENEFIT_STAGES)
        & (Q(start_date__isnull=True) | Q(start_date__year__lte=year))
        & Q(end_date__year__gte=year)
    )


def benefit_year_q(year: int) -> Q:
    """Agreements whose benefits count in `year`: running then with a benefit planned in Rupiah, or
    with a realisation dated in it."""
    planned = BenefitShare.objects.filter(amount__isnull=False).values("benefit__agreement_id")
    realised = BenefitRealisation.objects.filter(realised_on__year=year).values("benefit__agreement_id")
    return (_running_in(year) & Q(pk__in=planned)) | Q(pk__in=realised)


def _overdue_by(occurrences, group, name, parameter) -> list[Row]:
    rows = (
        occurrences.order_by()
        .annotate(group=group, name=name)
        .values("group", "name")
        .annotate(n=Count("obligation_id", distinct=True))
        .order_by("-n", "name", "group")
    )
    return [Row(r["name"], r["n"], f"{parameter}={r['group']}") for r in rows if r["group"] is not None]


def decisions(user, *, today=None) -> dict:
    """The managers' figures over the live agreements `user` may read, in six queries."""
    today = today or timezone.localdate()
    year = today.year
    agreements = Agreement.objects.visible_to(user).live()
    overdue = ObligationOccurrence.objects.visible_to(user).filter(
        status=OccurrenceStatus.OVERDUE, obligation__agreement__archived_at__isnull=True
    )
    planned = BenefitShare.objects.filter(
        benefit__agreement__in=agreements.filter(_running_in(year)).values("pk")
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    realised = BenefitRealisation.objects.filter(
        benefit__agreement__in=agreements.values("pk"), realised_on__year=year
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return {
        "waiting_tkksd": Row("", agreements.filter(waiting_for_tkksd_q()).count(), "waiting=tkksd"),
        "waiting_approval": Row("", agreements.filter(waiting_for_approval_q()).count(), "waiting=approval"),
        "overdue_by_partner": _overdue_by(
            overdue,
            F("obligation__party__partner_id"),
            F("obligation__party__partner__name"),
            "overdue_partner",
        ),
        "overdue_by_unit": _overdue_by(
            overdue,
            overdue_unit_expression(),
            Coalesce("obligation__responsible_unit__name", "obligation__agreement__lead_unit__name"),
            "overdue_unit",
        ),
        "benefit_year": year,
        "benefit_planned": planned,
        "benefit_realised": realised,
        "benefit_percent": round(realised * 100 / planned) if planned else None,
        "benefit_query": f"benefit_year={year}",
    }
