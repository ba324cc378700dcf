"""The partner page's legality section: the checks of the partner's legality (who verified, when, on
which document), the form staff record a check with, and the download of its scan — for internal users
only (`legality.view`); a partner never sees these, neither its own nor a co-party's."""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.permissions import can
from core.audit import read_log_record
from core.form_pages import form_page
from core.headers import content_disposition
from core.panels import Panel
from core.views import internal_page

from .legality import legality_record
from .models import Partner, PartnerLegality
from .panels import PARTNER_PAGE


class LegalityForm(forms.ModelForm):
    upload = forms.FileField(label=_lazy("Berkas dokumen (PDF/JPG/PNG)"), required=False)

    class Meta:
        model = PartnerLegality
        fields = [
            "document_kind",
            "document_number",
            "issued_on",
            "valid_until",
            "result",
            "verified_on",
            "notes",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("issued_on", "valid_until", "verified_on")
        }

    def _post_clean(self):
        # The service validates the record (full_clean) with the partner locked.
        pass


@internal_page("legality.record")
def legality_create(request, pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    form = LegalityForm(request.POST or None, request.FILES or None)

    def perform(form):
        data = dict(form.cleaned_data)
        upload = data.pop("upload", None)
        return legality_record(partner=partner, actor=request.user, upload=upload, **data)

    return form_page(
        request,
        form,
        perform=perform,
        template="registry/legality_form.html",
        context={
            "title": _("Catat verifikasi legalitas"),
            "cancel_url": "registry:partner_detail",
            "cancel_pk": pk,
        },
        success_message=_("Verifikasi legalitas dicatat."),
        success_url=reverse("registry:partner_detail", kwargs={"pk": pk}) + "#legalitas",
    )


@internal_page("legality.view")
def legality_download(request, pk):
    check = get_object_or_404(PartnerLegality.objects.visible_to(request.user), pk=pk)
    if not check.file:
        raise Http404
    try:
        handle = check.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    read_log_record(request, check, label=str(check))
    response = FileResponse(handle, content_type=check.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(check.original_name or "legalitas")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _context(request, partner) -> dict:
    may_view = can(request.user, "legality.view")
    checks = (
        PartnerLegality.objects.visible_to(request.user).filter(partner=partner).select_related("verified_by")
        if may_view
        else PartnerLegality.objects.none()
    )
    return {
        "legality_checks": checks,
        "may_view_legality": may_view,
        "may_record_legality": can(request.user, "legality.record"),
    }


def register():
    PARTNER_PAGE.register(
        Panel(
            name="legality",
            template="registry/partials/partner_legality.html",
            place="bottom",
            order=10,
            context=_context,
            history=lambda partner: [(PartnerLegality, {"partner_id": partner.pk})],
        )
    )
