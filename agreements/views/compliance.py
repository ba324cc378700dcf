"""Two staff pages about the law's rules (issue 10): the rules in force with the regulation each comes
from ("Aturan yang berlaku"), and the agreements recorded before the rules whose records the new
gates would refuse ("Belum sesuai aturan baru") — listed, not hidden."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from accounts.permissions import can
from core.views import paginate

from ..choices import Stage
from ..models import Agreement, ProcessRules
from ..rules.in_force import rules_in_force
from ..services import gate_reasons
from .common import internal_only, require

# The gates an agreement has passed by being in a stage.
PASSED = {
    Stage.SIGNING: (Stage.SIGNING,),
    Stage.IMPLEMENTATION: (Stage.SIGNING, Stage.IMPLEMENTATION),
    Stage.EVALUATION: (Stage.SIGNING, Stage.IMPLEMENTATION),
}
PAGE_SIZE = 25


@internal_only
def rules_in_force_page(request):
    require(request.user, "rules.view")
    rules = ProcessRules.current()
    try:
        admin_url = reverse("admin:agreements_processrules_change", args=[rules.pk])
    except NoReverseMatch:
        admin_url = ""
    return render(
        request,
        "agreements/rules_in_force.html",
        {
            "rows": rules_in_force(rules),
            "rules": rules,
            "admin_url": admin_url if request.user.is_superuser else "",
            "may_see_gaps": can(request.user, "rules.view"),
        },
    )


def _gaps(agreement, rules):
    reasons = []
    for target in PASSED.get(agreement.stage, ()):
        reasons += gate_reasons(agreement, target, rules)
    return reasons


@internal_only
def not_compliant(request):
    """Agreements past preparation, a page at a time, each with what the gates it passed would now
    refuse. The check runs per agreement (the gates read many kinds of records), so it is paged."""
    require(request.user, "rules.view")
    rules = ProcessRules.current()
    agreements = (
        Agreement.objects.visible_to(request.user)
        .live()
        .filter(stage__in=list(PASSED))
        .select_related("lead_unit")
        .order_by("pk")
    )
    page = paginate(request, agreements, PAGE_SIZE)
    rows = []
    for agreement in page.object_list:
        rows.append({"agreement": agreement, "reasons": _gaps(agreement, rules)})
    return render(
        request,
        "agreements/not_compliant.html",
        {"page_obj": page, "rows": rows, "gaps": [r for r in rows if r["reasons"]]},
    )
