"""What waits for a decision, for the managers' (pimpinan's) dashboard: TKKSD reviews and approvals
waiting, overdue obligations by partner and by OPD, and benefits realised against planned this year
(agreements ending within 90 days: `selectors.agreements_ending_soon`, the same as the list's
`ending_within_days`). Each figure is read in one query however many agreements there are, and
each comes with the query string of the agreement list that shows the agreements behind it (the list's
FilterSet reads the same conditions: agreements/filtersets.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import OccurrenceStatus
from .decision_conditions import (
    overdue_unit_expression,
    running_in,
    waiting_for_approval_q,
    waiting_for_tkksd_q,
)
from .models import Agreement, BenefitRealisation, BenefitShare, ObligationOccurrence


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    query: str  # the agreement list's query string for this row


# A ranking shows the partners (or OPDs) with the most overdue obligations; the rest are one link away
# (the list's "has overdue"). A province with thousands of late partners gets a readable dashboard.
RANKED = 10


def _overdue_by(occurrences, group, name, parameter) -> list[Row]:
    """The first RANKED groups by overdue obligations, and one more row if there are more (the caller
    cuts it off and shows the link instead)."""
    rows = (
        occurrences.order_by()
        .annotate(group=group, name=name)
        .filter(group__isnull=False)
        .values("group", "name")
        .annotate(n=Count("obligation_id", distinct=True))
        .order_by("-n", "name", "group")[: RANKED + 1]
    )
    return [Row(r["name"], r["n"], f"{parameter}={r['group']}") for r in rows]


def decisions(user, *, today=None) -> dict:
    """The managers' figures over the live agreements `user` may read, in six queries."""
    today = today or timezone.localdate()
    year = today.year
    agreements = Agreement.objects.visible_to(user).live()
    overdue = ObligationOccurrence.objects.visible_to(user).filter(
        status=OccurrenceStatus.OVERDUE, obligation__agreement__archived_at__isnull=True
    )
    planned = BenefitShare.objects.visible_to(user).filter(
        benefit__agreement__in=agreements.filter(running_in(year)).values("pk")
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    realised = BenefitRealisation.objects.visible_to(user).filter(
        benefit__agreement__in=agreements.values("pk"), realised_on__year=year
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    by_partner = _overdue_by(
        overdue, F("obligation__party__partner_id"), F("obligation__party__partner__name"), "overdue_partner"
    )
    by_unit = _overdue_by(
        overdue,
        overdue_unit_expression(),
        Coalesce("obligation__responsible_unit__name", "obligation__agreement__lead_unit__name"),
        "overdue_unit",
    )
    return {
        "waiting_tkksd": Row("", agreements.filter(waiting_for_tkksd_q()).count(), "waiting=tkksd"),
        "waiting_approval": Row("", agreements.filter(waiting_for_approval_q()).count(), "waiting=approval"),
        "overdue_by_partner": by_partner[:RANKED],
        "overdue_by_partner_more": len(by_partner) > RANKED,
        "overdue_by_unit": by_unit[:RANKED],
        "overdue_by_unit_more": len(by_unit) > RANKED,
        "overdue_query": "has_overdue=true",
        "benefit_year": year,
        "benefit_planned": planned,
        "benefit_realised": realised,
        "benefit_percent": round(realised * 100 / planned) if planned else None,
        "benefit_query": f"benefit_year={year}",
    }
