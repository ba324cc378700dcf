"""Staff move everything of one OPD to another ("Pindahkan kerja sama"), when OPDs merge or are renamed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import attach_errors
from core.views import internal_page
from registry.forms import UnitTransferForm
from registry.models import OrganisationUnit

from ..models import Agreement
from ..services.units import organisation_unit_transfer


@internal_page("registry.change")
def unit_transfer(request, pk):
    """ "Pindahkan kerja sama": move everything of this OPD to another one (merger or renaming)."""
    source = get_object_or_404(OrganisationUnit.objects.visible_to(request.user), pk=pk)
    form = UnitTransferForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            moved = organisation_unit_transfer(
                source=source,
                target=form.cleaned_data["target"],
                actor=request.user,
                deactivate_source=form.cleaned_data["deactivate_source"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Dipindahkan ke %(target)s: %(agreements)s kerja sama, %(obligations)s kewajiban, "
                    "%(objects)s potensi daerah."
                )
                % {
                    "target": form.cleaned_data["target"],
                    "agreements": moved["agreements"],
                    "obligations": moved["obligations"],
                    "objects": moved["cooperation_objects"],
                },
            )
            return redirect("registry:unit_list")
    agreements = Agreement.objects.visible_to(request.user)
    related = agreements.filter(related_units=source).values("pk")
    counts = {
        "agreements": agreements.filter(Q(lead_unit_id=source.pk) | Q(pk__in=related)).count(),
        "obligations": source.obligations.count(),
        "objects": source.cooperation_objects.count(),
    }
    return render(
        request, "agreements/unit_transfer.html", {"form": form, "source": source, "counts": counts}
    )
