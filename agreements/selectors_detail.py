"""Reads for the staff agreement page: the agreement with everything below it, its risk matrix and
its merged change history — each in a fixed number of queries, whatever the number of rows."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from core.templatetags.formatting import nilai, tanggal

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
from .rollup import rollup_of, with_rollup

HISTORY_LIMIT = 60  # entries shown; each model contributes at most twice as many records to diff against


def _parties(user):
    party = AgreementParty.objects.visible_to(user).select_related("partner")
    return [Prefetch("parties", queryset=party.order_by("order"))]


def _overview(user):
    return [
        "government_affairs",
        Prefetch("funding_sources", queryset=FundingSource.objects.visible_to(user).order_by("year", "pk")),
        Prefetch("renewals", queryset=Agreement.objects.visible_to(user).order_by("pk")),
    ]


def _party_tab(user):
    return [
        *_parties(user),
        Prefetch(
            "contributions", queryset=Contribution.objects.visible_to(user).select_related("party__partner")
        ),
    ]


def _instruments(user):
    return [
        *_parties(user),
        Prefetch(
            "instruments",
            queryset=Instrument.objects.visible_to(user)
            .select_related("parent", "validated_by")
            .prefetch_related("party_numbers__party__partner", "documents"),
        ),
    ]


def _process(user):
    """What the checklist, the next stage's gate and the stage's own records read."""
    return [
        *_parties(user),
        Prefetch("transitions", queryset=StageTransition.objects.visible_to(user).select_related("actor")),
        Prefetch(
            "checklist_ticks", queryset=ChecklistTick.objects.visible_to(user).select_related("done_by")
        ),
        Prefetch(
            "tkksd_reviews", queryset=TkksdReview.objects.visible_to(user).select_related("recorded_by")
        ),
        Prefetch("instruments", queryset=Instrument.objects.visible_to(user).prefetch_related("documents")),
        Prefetch("documents", queryset=Document.objects.visible_to(user)),
    ]


def _risks(user):
    share = RiskShare.objects.visible_to(user).select_related("party__partner")
    benefit_share = BenefitShare.objects.visible_to(user).select_related("party__partner")
    realisation = BenefitRealisation.objects.visible_to(user).select_related("party__partner", "proof")
    return [
        Prefetch(
            "risks",
            queryset=Risk.objects.visible_to(user).order_by("pk").prefetch_related(Prefetch("shares", share)),
        ),
        Prefetch(
            "benefits",
            queryset=Benefit.objects.visible_to(user)
            .order_by("pk")
            .prefetch_related(Prefetch("shares", benefit_share), Prefetch("realisations", realisation)),
        ),
    ]


def _documents(user):
    return [
        Prefetch(
            "documents",
            queryset=Document.objects.visible_to(user).select_related("instrument", "uploaded_by"),
        )
    ]


def _nothing(user):
    return []


# What each section of the page reads beyond the agreement itself (the tabs of agreements/views/detail.py).
# The panels other apps place in a section bring their own prefetches (AGREEMENT_PAGE).
TAB_PREFETCHES = {
    "ringkasan": _overview,
    "pihak": _party_tab,
    "naskah": _instruments,
    "persetujuan": _process,
    "kewajiban": _nothing,
    "risiko": _risks,
    "dokumen": _documents,
    "riwayat": _nothing,
}


def agreement_for_detail(user, pk, tab="ringkasan") -> Agreement | None:
    """The agreement with what section `tab` of its page shows, prefetched; None outside the user's
    scope. Each section reads only its own rows, so opening one never pays for the others."""
    prefetch = TAB_PREFETCHES.get(tab, _nothing)
    queryset = (
        Agreement.objects.visible_to(user)
        .for_detail()
        .prefetch_related(*prefetch(user), *AGREEMENT_PAGE.prefetches(user, place=tab))
    )
    return queryset.filter(pk=pk).first()


# What a section shows of the agreement's own relations; read only when a section is rendered.
HEAD_RELATIONS = ("lead_unit", "cooperation_object", "renews", "created_by")


def agreement_head(user, pk) -> Agreement | None:
    """The agreement's own row alone, None outside the user's scope: enough for the page's header and
    for the key of its cached section (views/detail.py). Its relations are left to `prefetch_section`:
    joined here they tripled the cost of a page served from the cache (bench/README.md)."""
    return Agreement.objects.visible_to(user).filter(pk=pk).first()


def prefetch_section(user, agreement, tab) -> Agreement:
    """Read what section `tab` shows onto an agreement from `agreement_head`: the same reads as
    `agreement_for_detail`, for a section that is not in the cache."""
    joined = Agreement.objects.visible_to(user).select_related(*HEAD_RELATIONS).get(pk=agreement.pk)
    for name in HEAD_RELATIONS:  # one query for the four, whichever of them are set
        Agreement._meta.get_field(name).set_cached_value(agreement, getattr(joined, name))
    prefetch = TAB_PREFETCHES.get(tab, _nothing)
    prefetch_related_objects(
        [agreement], "related_units", *prefetch(user), *AGREEMENT_PAGE.prefetches(user, place=tab)
    )
    return agreement


def obligations_with_rollup(user, agreement) -> list:
    """The agreement's obligations with their roll-up (rollup.py: next open due date, counts per
    status) in one grouped query; the page's header and its obligations section read the same list."""
    obligations = (
        Obligation.objects.visible_to(user)
        .filter(agreement_id=agreement.pk)
        .select_related("party__partner", "responsible_unit")
        .order_by("first_due_date", "pk")
    )
    return [(obligation, rollup_of(obligation)) for obligation in with_rollup(obligations)]


def occurrences_of(user, obligation_pk):
    """(obligation, its occurrences in due order) in the user's scope; (None, None) outside it."""
    obligation = (
        Obligation.objects.visible_to(user).select_related("agreement").filter(pk=obligation_pk).first()
    )
    if obligation is None:
        return None, None
    occurrences = ObligationOccurrence.objects.visible_to(user).filter(obligation=obligation)
    return obligation, occurrences.order_by("due_date", "pk")


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
    return nilai(value)  # dates as "22 November 2026", numbers as "1.250.000"


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


def history_entries(agreement, limit=HISTORY_LIMIT, offset=0):
    """The merged change history of the agreement and its children, newest first; `offset` entries
    skipped (the older pages of the page's history section).

    One query per kind of child. Changed fields come from simple-history's diff_against between a
    record and the previous record of the same object, when that one is among those read.
    """
    entries = []
    for model, condition in _history_sources(agreement):
        records = list(
            model.history.filter(**condition)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: (offset + limit) * 2]
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
    return entries[offset : offset + limit]
