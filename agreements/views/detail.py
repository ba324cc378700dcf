"""The staff agreement page: a header (number, title, stage, next due date, open problems, the actions
the user may take) over one section at a time.

Each section has its own URL (`/kerja-sama/<pk>/bagian/<slug>/`) that htmx loads into the page, and
the page itself renders the section named by `?tab=`, so a section is linkable and works without
JavaScript. Other apps add their panels to a section by placing them there (`AGREEMENT_PAGE`, place =
the section's slug); each section reads only its own rows.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can

from ..checklist import checklist
from ..choices import OUTCOMES, WORKING_STAGES, Stage
from ..panels import AGREEMENT_PAGE
from ..section_cache import cached_fragment, cached_value
from ..selectors_detail import (
    agreement_head,
    history_entries,
    obligations_with_rollup,
    occurrences_of,
    prefetch_section,
    risk_matrix,
)
from ..services import gate_reasons
from .common import internal_only

OCCURRENCES_PER_PAGE = 12
HISTORY_PER_PAGE = 20
HISTORY_PAGES = 15  # older entries than 300 are in the admin's history


@dataclass(frozen=True)
class Tab:
    slug: str
    label: Promise
    templates: tuple[str, ...] = ()  # the section's own partials; panels placed at `slug` follow


PARTIALS = "agreements/partials/"
TABS = (
    Tab("ringkasan", _("Ringkasan"), (PARTIALS + "detail_overview.html",)),
    Tab("pihak", _("Para pihak"), (PARTIALS + "detail_parties.html",)),
    Tab("naskah", _("Naskah"), (PARTIALS + "detail_instruments.html",)),
    Tab("persetujuan", _("Persetujuan & tahapan"), (PARTIALS + "detail_stage.html",)),
    Tab("kewajiban", _("Hak & kewajiban"), (PARTIALS + "detail_obligations.html",)),
    Tab("risiko", _("Risiko & manfaat"), (PARTIALS + "detail_risks.html", PARTIALS + "detail_benefits.html")),
    Tab("dokumen", _("Dokumen"), (PARTIALS + "detail_documents.html",)),
    Tab("monev", _("Monev")),
    Tab("kendala", _("Kendala")),
    Tab("riwayat", _("Riwayat"), (PARTIALS + "detail_history.html",)),
)
TAB_BY_SLUG = {tab.slug: tab for tab in TABS}
DEFAULT_TAB = TABS[0].slug


def _tabs():
    """The sections that have something to show: their own partials, or a panel an app placed there."""
    placed = AGREEMENT_PAGE.places()
    return [tab for tab in TABS if tab.templates or tab.slug in placed]


def _next_stage(stage):
    if stage not in WORKING_STAGES or stage == WORKING_STAGES[-1]:
        return None
    return WORKING_STAGES[WORKING_STAGES.index(stage) + 1]


def _may(user):
    actions = ("change", "advance", "close", "reopen", "archive", "renew")
    may = {name: can(user, f"agreement.{name}") for name in actions}
    may.update(
        upload=can(user, "document.upload"),
        tkksd=can(user, "tkksd.record"),
        evaluate=can(user, "evaluation.record"),
    )
    return may


def _page_number(request, name, last):
    value = request.GET.get(name, "1")
    number = int(value) if value.isdigit() else 1
    return min(max(number, 1), last)


# --- what each section adds to the page's context ------------------------------------------------


def _stage_context(request, agreement, may):
    next_stage = _next_stage(agreement.stage)
    return {
        "checklist": checklist(agreement),
        "next_stage": next_stage,
        "next_stage_label": dict(Stage.choices).get(next_stage),
        "next_stage_reasons": gate_reasons(agreement, next_stage) if next_stage and may["advance"] else [],
        "may_set_stage": may["advance"]
        and agreement.stage == Stage.PREPARATION
        and not agreement.transitions.all(),
    }


def _risk_context(request, agreement, may):
    risks = list(agreement.risks.all())
    return {"risks": risks, "matrix": risk_matrix(risks)}


def _history_context(request, agreement, may):
    page = _page_number(request, "halaman", HISTORY_PAGES)
    entries = history_entries(agreement, limit=HISTORY_PER_PAGE + 1, offset=(page - 1) * HISTORY_PER_PAGE)
    return {
        "history": entries[:HISTORY_PER_PAGE],
        "history_page": page,
        "history_older": page + 1 if len(entries) > HISTORY_PER_PAGE and page < HISTORY_PAGES else None,
        "history_newer": page - 1 if page > 1 else None,
    }


SECTION_CONTEXT = {
    "persetujuan": _stage_context,
    "risiko": _risk_context,
    "riwayat": _history_context,
    "pihak": lambda request, agreement, may: {"parties": agreement.parties.all()},
}


def _problems(rollup) -> dict:
    due = [r.next_due for _o, r in rollup if r.next_due]
    return {
        "next_due": min(due) if due else None,
        "overdue": sum(r.overdue for _o, r in rollup),
        "rejected": sum(r.rejected for _o, r in rollup),
    }


# The query-string values a section's HTML depends on (normalised), part of its cache key.
SECTION_PARAMS = {"riwayat": lambda request: (_page_number(request, "halaman", HISTORY_PAGES),)}


def _section_html(request, agreement, tab, rollup):
    """The section below the header, from the cache (agreements/section_cache.py) or rendered: its own
    rows are read only when it is rendered."""

    def render_section(extra):
        prefetch_section(request.user, agreement, tab)
        may = _may(request.user)
        context = {
            "agreement": agreement,
            "may": may,
            "tab": TAB_BY_SLUG[tab],
            "is_closed": agreement.stage in OUTCOMES,
            # the header's roll-up, which only the obligations section lists
            "obligations": rollup() if tab == "kewajiban" else [],
            "panels": AGREEMENT_PAGE.render(request, agreement, place=tab).get(tab, []),
        }
        section = SECTION_CONTEXT.get(tab)
        if section is not None:
            context.update(section(request, agreement, may))
        context.update(extra)
        return render_to_string("agreements/partials/detail_section.html", context, request=request)

    params = SECTION_PARAMS.get(tab, lambda request: ())(request)
    return cached_fragment(request, agreement, "section", (tab, *params), render_section)


def _rollup_once(request, agreement):
    read = []

    def rollup():
        if not read:
            read.append(obligations_with_rollup(request.user, agreement))
        return read[0]

    return rollup


def _agreement(request, pk):
    agreement = agreement_head(request.user, pk)
    if agreement is None:
        raise Http404
    return agreement


@internal_only
def agreement_detail(request, pk):
    tab = request.GET.get("tab", DEFAULT_TAB)
    if tab not in {t.slug for t in _tabs()}:
        tab = DEFAULT_TAB
    agreement = _agreement(request, pk)
    rollup = _rollup_once(request, agreement)
    context = {
        "agreement": agreement,
        "may": _may(request.user),
        "tab": TAB_BY_SLUG[tab],
        "tabs": _tabs(),
        **cached_value(request, agreement, "header", (), lambda: _problems(rollup())),
        "section_html": _section_html(request, agreement, tab, rollup),
    }
    return render(request, "agreements/agreement_detail.html", context)


@internal_only
def agreement_section(request, pk, slug):
    """One section of the page, for htmx; opened directly, it is the page showing that section."""
    if slug not in {t.slug for t in _tabs()}:
        raise Http404
    agreement = _agreement(request, pk)
    if not request.htmx:
        return redirect(f"{reverse('agreements:detail', args=[agreement.pk])}?tab={slug}")
    return HttpResponse(_section_html(request, agreement, slug, _rollup_once(request, agreement)))


@internal_only
def obligation_occurrences(request, pk):
    """The occurrences of one obligation, a page at a time: inside its row on the agreement page
    (htmx), or as a page of its own without JavaScript."""
    obligation, occurrences = occurrences_of(request.user, pk)
    if obligation is None:
        raise Http404
    paginator = Paginator(occurrences, OCCURRENCES_PER_PAGE)
    page = paginator.get_page(_page_number(request, "halaman", paginator.num_pages))
    template = (
        "agreements/partials/detail_occurrences.html"
        if request.htmx
        else "agreements/obligation_occurrences.html"
    )
    return render(
        request, template, {"obligation": obligation, "agreement": obligation.agreement, "page": page}
    )
