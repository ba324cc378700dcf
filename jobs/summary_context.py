"""What the agreement summary (ringkasan kerja sama) shows to one audience, read in a fixed number of
queries whatever the size of the agreement.

The main part is for a head of region to read in a minute: each list is cut at a length that keeps the
parties' version of an agreement of up to 10 parties and 30 obligations within two A4 pages, and what is
cut goes to the annex. Internal and government readers also get every occurrence of every obligation in
the annex (docs/decisions/0062-one-minute-summary.md).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.audience import shows_internal_items, shows_internal_notes
from agreements.models import (
    Agreement,
    AgreementParty,
    Approval,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    Contribution,
    InstrumentNumber,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    StageTransition,
    TkksdReview,
)
from agreements.rollup import rollup_of, with_rollup
from evaluations.choices import ChallengeStatus
from evaluations.models import Challenge, Evaluation, Indicator, Observation

# Rows of each list in the main part; the rest of the list goes to the annex.
MAIN_ROWS = {
    "parties": 10,
    "instruments": 4,
    "approvals": 5,
    "risks": 6,
    "benefits": 5,
    "obligations": 30,
    "indicators": 6,
    "challenges": 4,
}
# Free texts longer than this are cut in the main part and given in full in the annex.
MAIN_TEXT_CHARS = 320
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Rows:
    """A list cut for the main part: `main` is printed there, `rest` in the annex."""

    main: list
    rest: list

    @classmethod
    def cut(cls, rows, name):
        limit = MAIN_ROWS[name]
        return cls(main=rows[:limit], rest=rows[limit:])

    @property
    def total(self) -> int:
        return len(self.main) + len(self.rest)


def _for(queryset, audience):
    """A child queryset as `audience` reads it: internal items for internal and government readers,
    only what is shared with the parties for the rest."""
    return queryset if shows_internal_items(audience) else queryset.shared_with_parties()


def achieved_percent(baseline, target, value):
    """How far a measured value has come towards its target, in percent: from the baseline when there
    is one (so that a target below the baseline, a reduction, reads the same way), else from zero."""
    if value is None or target is None:
        return None
    if baseline is not None and target != baseline:
        return (value - baseline) / (target - baseline) * HUNDRED
    return value / target * HUNDRED if target else None


def _texts(agreement):
    """(label, text, cut) for the agreement's free texts: `cut` when the main part shortens it."""
    texts = [
        (_("Maksud dan tujuan"), agreement.purpose),
        (_("Objek"), agreement.object_description),
        (_("Ruang lingkup"), agreement.scope),
    ]
    return [(label, text, len(text) > MAIN_TEXT_CHARS) for label, text in texts if text]


def _party_splits(parties, risks, benefits, contributions):
    """Per party: the part of the total risk score it bears (each risk weighted by likelihood × impact),
    its average share of the benefits split by percent, what it receives of the benefits split by
    amount, and the estimated value of what it brings."""
    rows = {
        party.pk: {"party": party, "risk_weight": Decimal(0), "benefit_percents": [], "amount": None}
        for party in parties
    }
    total_weight = Decimal(0)
    for risk in risks:
        shares = risk.shares.all()
        if not shares:
            continue
        total_weight += risk.score
        for share in shares:
            if share.party_id in rows:
                rows[share.party_id]["risk_weight"] += share.percent * risk.score / HUNDRED
    percent_benefits = 0
    for benefit in benefits:
        shares = benefit.shares.all()
        percent_benefits += any(share.percent is not None for share in shares)
        for share in shares:
            row = rows.get(share.party_id)
            if row is None:
                continue
            if share.percent is not None:
                row["benefit_percents"].append(share.percent)
            elif share.amount is not None:
                row["amount"] = (row["amount"] or 0) + share.amount
    brought = {}
    for contribution in contributions:
        brought.setdefault(contribution.party_id, []).append(contribution)
    result = []
    for row in rows.values():
        percents = row["benefit_percents"]
        result.append(
            {
                "party": row["party"],
                "risk": row["risk_weight"] / total_weight * HUNDRED if total_weight else None,
                # A party without a share in a benefit split by percent has 0 % of it.
                "benefit": sum(percents) / percent_benefits if percent_benefits else None,
                "amount": row["amount"],
                "contributions": brought.get(row["party"].pk, []),
            }
        )
    return result


# The bars of the split table's chart column, in SVG user units (integers: no locale in attributes).
CHART_SPAN = 100


def with_split_bars(splits):
    """Each party's bar widths for its part of the risk and of the benefits, on one scale from zero
    to the largest part of any party, so that the column reads as one small bar chart."""
    values = [split[key] for split in splits for key in ("risk", "benefit") if split[key] is not None]
    largest = max(values, default=HUNDRED) or HUNDRED
    for split in splits:
        split["risk_bar"] = round((split["risk"] or 0) * CHART_SPAN / largest)
        split["benefit_bar"] = round((split["benefit"] or 0) * CHART_SPAN / largest)
    return splits


def _percents_by_party(item, party_rows):
    """A risk's or a benefit's split as one percent per party (None where the party has no share), for
    the parties of the main part and for the rest: a benefit split by amount reads as each party's
    part of the planned total."""
    by_party = {}
    for share in item.shares.all():
        if share.percent is not None:
            by_party[share.party_id] = share.percent
        elif getattr(item, "planned", None):
            by_party[share.party_id] = share.amount / item.planned * HUNDRED
    return Rows(
        main=[by_party.get(party.pk) for party in party_rows.main],
        rest=[by_party.get(party.pk) for party in party_rows.rest],
    )


def _obligations(agreement, audience):
    queryset = with_rollup(_for(Obligation.objects.filter(agreement=agreement), audience)).select_related(
        "party", "responsible_unit"
    )
    if shows_internal_items(audience):
        # The annex lists every occurrence: one more query, for internal and government readers only.
        queryset = queryset.prefetch_related(
            Prefetch("occurrences", queryset=ObligationOccurrence.objects.order_by("due_date", "pk"))
        )
    obligations = list(queryset.order_by("first_due_date", "pk"))
    for obligation in obligations:
        obligation.rollup = rollup_of(obligation)
    return obligations


def _benefits(agreement, audience):
    realised = (
        BenefitRealisation.objects.filter(benefit=OuterRef("pk"))
        .order_by()
        .values("benefit")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    benefits = list(
        _for(Benefit.objects.filter(agreement=agreement), audience)
        .annotate(realised=Subquery(realised, output_field=DecimalField(max_digits=20, decimal_places=2)))
        .prefetch_related(Prefetch("shares", queryset=BenefitShare.objects.select_related("party")))
        .order_by("pk")
    )
    for benefit in benefits:
        amounts = [share.amount for share in benefit.shares.all() if share.amount is not None]
        benefit.planned = sum(amounts) if amounts else None
        benefit.realised_percent = (
            benefit.realised / benefit.planned * HUNDRED if benefit.planned and benefit.realised else None
        )
    return benefits


def _indicators(agreement, audience):
    latest = Observation.objects.filter(indicator=OuterRef("pk")).order_by("-observed_on", "-pk")
    indicators = list(
        _for(Indicator.objects.filter(agreement=agreement), audience)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_period=Subquery(latest.values("period_label")[:1]),
        )
        .order_by("pk")
    )
    for indicator in indicators:
        indicator.achieved = achieved_percent(indicator.baseline, indicator.target, indicator.latest_value)
    return indicators


def summary_context(agreement_id: int, audience: str) -> dict:
    """Everything the summary shows for one audience (tests pin the number of queries)."""
    agreement = Agreement.objects.for_detail().get(pk=agreement_id)
    parties = list(
        AgreementParty.objects.filter(agreement=agreement).select_related("partner").order_by("order")
    )
    instruments = list(
        agreement.instruments.prefetch_related(
            Prefetch(
                "party_numbers",
                queryset=InstrumentNumber.objects.select_related("party").order_by("party__order"),
            )
        ).order_by("signing_date", "pk")
    )
    risks = list(
        _for(Risk.objects.filter(agreement=agreement), audience)
        .prefetch_related(Prefetch("shares", queryset=RiskShare.objects.select_related("party")))
        .order_by("pk")
    )
    risks.sort(key=lambda risk: -risk.score)  # the heaviest first: they are the ones the main part keeps
    benefits = _benefits(agreement, audience)
    party_rows = Rows.cut(parties, "parties")
    for item in (*risks, *benefits):
        item.percents = _percents_by_party(item, party_rows)
    contributions = list(
        _for(Contribution.objects.filter(agreement=agreement), audience)
        .select_related("party")
        .order_by("party__order", "pk")
    )
    splits = with_split_bars(_party_splits(parties, risks, benefits, contributions))
    obligations = _obligations(agreement, audience)
    # The parties read the approvals and the TKKSD decision they signed on, never their notes (0062).
    approvals = list(Approval.objects.filter(agreement=agreement).order_by("kind", "decided_on", "pk"))
    tkksd = TkksdReview.objects.filter(agreement=agreement).order_by("-review_date", "-pk").first()
    challenges = list(
        _for(Challenge.objects.filter(agreement=agreement), audience)
        .exclude(status=ChallengeStatus.RESOLVED)
        .order_by("-reported_on", "-pk")
    )
    evaluation = (
        _for(Evaluation.objects.filter(agreement=agreement), audience)
        .order_by("-evaluated_on", "-pk")
        .first()
    )
    internal = shows_internal_items(audience)
    texts = _texts(agreement)
    realised = [b.realised for b in benefits if b.realised is not None]
    planned = [b.planned for b in benefits if b.planned is not None]
    lists = {
        "parties": party_rows,
        "instruments": Rows.cut(instruments, "instruments"),
        "approvals": Rows.cut(approvals, "approvals"),
        "risks": Rows.cut(risks, "risks"),
        "benefits": Rows.cut(benefits, "benefits"),
        "obligations": Rows.cut(obligations, "obligations"),
        "indicators": Rows.cut(_indicators(agreement, audience), "indicators"),
        "challenges": Rows.cut(challenges, "challenges"),
    }
    has_cut_text = any(cut for _label, _text, cut in texts)
    return {
        **lists,
        # Internal and government readers always have the annex: it lists every occurrence.
        "has_annex": internal or has_cut_text or any(rows.rest for rows in lists.values()),
        "agreement": agreement,
        "audience": audience,
        "shows_internal_items": internal,
        "shows_internal_notes": shows_internal_notes(audience),
        "texts": texts,
        "has_cut_text": has_cut_text,
        "related_units": list(agreement.related_units.all()),
        "tkksd": tkksd,
        "splits": Rows.cut(splits, "parties"),
        "benefits_planned": sum(planned) if planned else None,
        "benefits_realised": sum(realised) if realised else None,
        "evaluation": evaluation,
        "transitions": (
            list(StageTransition.objects.filter(agreement=agreement).select_related("actor"))
            if internal
            else []
        ),
        "generated_at": timezone.now(),
    }
