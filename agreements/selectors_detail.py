"""Reads for the staff agreement page: the agreement with everything below it, its risk matrix and
its merged change history — each in a fixed number of queries, whatever the number of rows."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.templatetags.formatting import tanggal

from .models import (
    Agreement,
    AgreementParty,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    ChecklistTick,
    Contribution,
    Document,
    FundingSource,
    Instrument,
    InstrumentNumber,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    StageTransition,
    TkksdReview,
)
from .models.parties import ORDINALS
from .panels import AGREEMENT_PAGE

HISTORY_LIMIT = 60  # entries shown; each model contributes at most twice as many records to diff against


def agreement_for_detail(user, pk) -> Agreement | None:
    """The agreement with every child the page shows, prefetched; None outside the user's scope."""
    party = AgreementParty.objects.visible_to(user).select_related("partner")
    queryset = (
        Agreement.objects.visible_to(user)
        .for_detail()
        .prefetch_related(
            Prefetch("parties", queryset=party.order_by("order")),
            "government_affairs",
            Prefetch(
                "funding_sources", queryset=FundingSource.objects.visible_to(user).order_by("year", "pk")
            ),
            Prefetch(
                "obligations",
                queryset=Obligation.objects.visible_to(user)
                .select_related("party__partner", "responsible_unit")
                .prefetch_related(
                    Prefetch(
                        "occurrences",
                        queryset=ObligationOccurrence.objects.visible_to(user).order_by("due_date", "pk"),
                    )
                ),
            ),
            Prefetch(
                "risks",
                queryset=Risk.objects.visible_to(user)
                .order_by("pk")
                .prefetch_related(
                    Prefetch(
                        "shares", queryset=RiskShare.objects.visible_to(user).select_related("party__partner")
                    )
                ),
            ),
            Prefetch(
                "benefits",
                queryset=Benefit.objects.visible_to(user)
                .order_by("pk")
                .prefetch_related(
                    Prefetch(
                        "shares",
                        queryset=BenefitShare.objects.visible_to(user).select_related("party__partner"),
                    ),
                    Prefetch(
                        "realisations",
                        queryset=BenefitRealisation.objects.visible_to(user).select_related(
                            "party__partner", "proof"
                        ),
                    ),
                ),
            ),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.visible_to(user).select_related("party__partner"),
            ),
            Prefetch(
                "instruments",
                queryset=Instrument.objects.visible_to(user)
                .select_related("parent", "validated_by")
                .prefetch_related("party_numbers__party__partner", "documents"),
            ),
            Prefetch(
                "documents",
                queryset=Document.objects.visible_to(user).select_related("instrument", "uploaded_by"),
            ),
            Prefetch(
                "transitions", queryset=StageTransition.objects.visible_to(user).select_related("actor")
            ),
            Prefetch(
                "checklist_ticks", queryset=ChecklistTick.objects.visible_to(user).select_related("done_by")
            ),
            Prefetch(
                "tkksd_reviews", queryset=TkksdReview.objects.visible_to(user).select_related("recorded_by")
            ),
            Prefetch("renewals", queryset=Agreement.objects.visible_to(user).order_by("pk")),
            *AGREEMENT_PAGE.prefetches(user),
        )
    )
    return queryset.filter(pk=pk).first()


def risk_matrix(risks):
    """Rows of likelihood 5 → 1, each with impact 1 → 5 cells holding (number, risk) and a level."""
    numbered = list(enumerate(risks, start=1))
    rows = []
    for likelihood in range(5, 0, -1):
        cells = []
        for impact in range(1, 6):
            score = likelihood * impact
            level = "danger" if score >= 15 else "warning" if score >= 8 else "success"
            here = [(n, r) for n, r in numbered if r.likelihood == likelihood and r.impact == impact]
            cells.append({"impact": impact, "risks": here, "level": level, "score": score})
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


# --- history -----------------------------------------------------------------------------------

IGNORED_FIELDS = {"updated_at", "created_at", "version", "related_units", "id"}


def _history_sources(agreement):
    """(model, filter) for the agreement and every kind of child whose changes staff want to see."""
    pk = agreement.pk
    risk_ids = Risk.history.filter(agreement_id=pk).values("id")
    benefit_ids = Benefit.history.filter(agreement_id=pk).values("id")
    return [
        (Agreement, {"id": pk}),
        (AgreementParty, {"agreement_id": pk}),
        (Obligation, {"agreement_id": pk}),
        (Risk, {"agreement_id": pk}),
        (RiskShare, {"risk_id__in": risk_ids}),
        (Benefit, {"agreement_id": pk}),
        (BenefitShare, {"benefit_id__in": benefit_ids}),
        (BenefitRealisation, {"benefit_id__in": benefit_ids}),
        (Contribution, {"agreement_id": pk}),
        (Instrument, {"agreement_id": pk}),
        (InstrumentNumber, {"instrument_id__in": Instrument.history.filter(agreement_id=pk).values("id")}),
        (Document, {"agreement_id": pk}),
        (TkksdReview, {"agreement_id": pk}),
        (ChecklistTick, {"agreement_id": pk}),
        *AGREEMENT_PAGE.history_sources(agreement),
    ]


def _label(record):
    """A short name of the changed object, read from the historical row itself (no queries)."""
    for attr in ("title", "event", "name", "description", "number", "note"):
        value = getattr(record, attr, "")
        if value:
            return str(value)[:80]
    if getattr(record, "realised_on", None):
        return tanggal(record.realised_on)
    for attr in ("kind", "decision", "category", "period_type"):
        display = getattr(record, f"get_{attr}_display", None)
        if display:
            return str(display())
    if hasattr(record, "order"):
        return str(ORDINALS.get(record.order, _("Pihak ke-%(n)s") % {"n": record.order}))
    if hasattr(record, "percent"):
        return f"{record.percent} %"
    return str(getattr(record, "step", ""))


def _display(record, field, value):
    display = getattr(record, f"get_{field.name}_display", None) if field.choices else None
    if display is not None:
        labels = dict(field.flatchoices)
        return str(labels.get(value, value))
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return f"#{value}"
    return str(value)


def _changes(record, previous, model):
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=IGNORED_FIELDS)
    result = []
    for change in delta.changes:
        try:
            field = model._meta.get_field(change.field)
        except Exception:  # a field that no longer exists on the model
            continue
        result.append(
            {
                "field": field.verbose_name,
                "old": _display(record, field, change.old),
                "new": _display(record, field, change.new),
            }
        )
    return result


def history_entries(agreement, limit=HISTORY_LIMIT):
    """The merged change history of the agreement and its children, newest first.

    One query per kind of child. Changed fields come from simple-history's diff_against between a
    record and the previous record of the same object, when that one is among those read.
    """
    entries = []
    for model, condition in _history_sources(agreement):
        records = list(
            model.history.filter(**condition)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: limit * 2]
        )
        previous_of = {}
        for record in reversed(records):  # oldest first: remember each object's previous record
            record._previous = previous_of.get(record.id)
            previous_of[record.id] = record
        for record in records:
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "type": record.history_type,
                    "model": model._meta.verbose_name,
                    "label": _label(record),
                    "changes": _changes(record, record._previous, model)
                    if record.history_type == "~"
                    else [],
                    "reason": record.history_change_reason or "",
                }
            )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]
