"""The staff agreement page: everything about one agreement, and the actions the user may take."""

from django.http import Http404
from django.shortcuts import render

from accounts.permissions import can

from ..checklist import checklist
from ..choices import OUTCOMES, WORKING_STAGES, Stage
from ..panels import AGREEMENT_PAGE
from ..selectors_detail import agreement_for_detail, history_entries, risk_matrix
from ..services import gate_reasons
from .common import internal_only


def _next_stage(stage):
    if stage not in WORKING_STAGES or stage == WORKING_STAGES[-1]:
        return None
    return WORKING_STAGES[WORKING_STAGES.index(stage) + 1]


@internal_only
def agreement_detail(request, pk):
    agreement = agreement_for_detail(request.user, pk)
    if agreement is None:
        raise Http404
    user = request.user
    risks = list(agreement.risks.all())
    next_stage = _next_stage(agreement.stage)
    may = {
        "change": can(user, "agreement.change"),
        "advance": can(user, "agreement.advance"),
        "close": can(user, "agreement.close"),
        "reopen": can(user, "agreement.reopen"),
        "archive": can(user, "agreement.archive"),
        "renew": can(user, "agreement.renew"),
        "upload": can(user, "document.upload"),
        "tkksd": can(user, "tkksd.record"),
        "evaluate": can(user, "evaluation.record"),
    }
    context = {
        "agreement": agreement,
        "parties": agreement.parties.all(),
        "risks": risks,
        "matrix": risk_matrix(risks),
        "checklist": checklist(agreement),
        "next_stage": next_stage,
        "next_stage_label": dict(Stage.choices).get(next_stage),
        "next_stage_reasons": gate_reasons(agreement, next_stage) if next_stage and may["advance"] else [],
        "is_closed": agreement.stage in OUTCOMES,
        "may_set_stage": may["advance"]
        and agreement.stage == Stage.PREPARATION
        and not agreement.transitions.all(),
        "history": history_entries(agreement),
        "panels": AGREEMENT_PAGE.render(request, agreement),
        "may": may,
    }
    return render(request, "agreements/agreement_detail.html", context)
