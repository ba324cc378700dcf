"""The staff list of agreements, with the shared AgreementFilterSet, and its CSV/XLSX export."""

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can
from core.exports import FORMATS, export_rows
from core.views import filters_in_use, internal_page, paginate
from registry.register_cache import render_cached_page

from .. import selectors
from ..filtersets import AgreementFilterSet


def _parties(agreement):
    return "; ".join(party.partner.display_name for party in agreement.parties.all())


EXPORT_COLUMNS = [
    (_("Nomor"), "number"),
    (_("Judul"), "title"),
    (_("Kategori"), "get_category_display"),
    (_("Bentuk"), "get_form_display"),
    (_("Para pihak"), _parties),
    (_("Perangkat daerah"), lambda a: str(a.lead_unit) if a.lead_unit_id else ""),
    (_("Tahap"), "get_stage_display"),
    (_("Tanggal mulai"), "start_date"),
    (_("Tanggal berakhir"), "end_date"),
    (_("Tanggal penandatanganan"), "signed_date"),
    (_("Perkiraan nilai (Rp)"), "estimated_value"),
]


def _filterset(request):
    return AgreementFilterSet(request.GET, queryset=selectors.agreement_list(request.user), request=request)


@internal_page()
def agreement_list(request):
    def context():
        filterset = _filterset(request)
        page = paginate(request, filterset.qs)
        return {
            "filterset": filterset,
            "page_obj": page,
            "agreements": page.object_list,
            "filters_in_use": filters_in_use(request),
            "can_create": can(request.user, "agreement.create"),
        }

    return render_cached_page(
        request,
        "agreement-list",
        "agreements/agreement_list.html",
        "agreements/partials/agreement_list_content.html",
        context,
    )


@internal_page()
def agreement_export(request):
    fmt = request.GET.get("format")
    fmt = fmt if fmt in FORMATS else "csv"
    return export_rows(_filterset(request).qs, EXPORT_COLUMNS, fmt, "kerja-sama")
