"""Staff pages for partners, contacts, OPDs (perangkat daerah) and cooperation objects (potensi daerah).

Reads start from `visible_to(request.user)`; writes go through registry.services. Managers read;
only staff change (`can(user, "partner.change")` / `"registry.change"`).
"""

from functools import reduce
from operator import or_

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from core.exports import FORMATS, export_rows
from core.form_pages import form_page
from core.views import filters_in_use, internal_page, paginate

from . import services
from .filtersets import PartnerFilterSet
from .forms import (
    ContactForm,
    CooperationObjectForm,
    OrganisationUnitForm,
    PartnerForm,
)
from .models import Contact, CooperationObject, OrganisationUnit, Partner
from .panels import PARTNER_PAGE
from .register_cache import render_cached_page

PARTNER_EXPORT_COLUMNS = [
    (_("Nama resmi"), "name"),
    (_("Nama singkat"), "short_name"),
    (_("Sektor"), "get_sector_display"),
    (_("Jenis"), "get_partner_type_display"),
    (_("NIB"), "nib"),
    (_("NPWP"), "npwp"),
    (_("Kode wilayah"), "region_code"),
    (_("Negara"), "country"),
    (_("Status verifikasi"), "get_verification_status_display"),
    (_("Aktif"), "is_active"),
    (_("Jumlah kerja sama"), "agreement_count"),
]


def _form_view(request, form, save, success_message, title, back, back_pk=None, success_url=None):
    """A create or edit page through `save(cleaned_data)` that, once saved, goes to `success_url(obj)`
    or returns to where its "Batal" link leads: the URL name `back` (with `back_pk` for a detail page)."""
    return form_page(
        request,
        form,
        perform=lambda form: save(form.cleaned_data),
        template="registry/form.html",
        context={"title": title, "cancel_url": back, "cancel_pk": back_pk},
        success_message=success_message,
        success_url=success_url or (reverse(back, kwargs={"pk": back_pk}) if back_pk else reverse(back)),
    )


def _searched_list(request, queryset, search_fields, template, name):
    """A registry list by name, a page at a time, narrowed by the search box `q` over `search_fields`
    and shown to the template as `name`."""
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(
            reduce(or_, (Q(**{f"{field}__icontains": query}) for field in search_fields))
        )
    page = paginate(request, queryset.order_by("name", "pk"))
    context = {
        "page_obj": page,
        name: page.object_list,
        "q": query,
        "can_change": can(request.user, "registry.change"),
    }
    return render(request, template, context)


# Partners


def _partner_filterset(request):
    queryset = Partner.objects.visible_to(request.user).for_list()
    return PartnerFilterSet(request.GET, queryset=queryset, request=request)


@internal_page()
def partner_list(request):
    def context():
        filterset = _partner_filterset(request)
        page = paginate(request, filterset.qs)
        return {
            "filterset": filterset,
            "page_obj": page,
            "partners": page.object_list,
            "filters_in_use": filters_in_use(request),
            "can_change": can(request.user, "partner.change"),
        }

    return render_cached_page(
        request,
        "partner-list",
        "registry/partner_list.html",
        "registry/partials/partner_list_content.html",
        context,
    )


@internal_page()
def partner_export(request):
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        fmt = "csv"
    return export_rows(_partner_filterset(request).qs, PARTNER_EXPORT_COLUMNS, fmt, "mitra")


@internal_page()
def partner_detail(request, pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    context = {
        "partner": partner,
        "contacts": Contact.objects.visible_to(request.user).filter(partner=partner).select_related("user"),
        "memberships": partner.memberships.select_related("user").order_by("user__username"),
        "panels": PARTNER_PAGE.render(request, partner),
        "can_change": can(request.user, "partner.change"),
    }
    return render(request, "registry/partner_detail.html", context)


@internal_page("partner.change")
def partner_create(request):
    return _form_view(
        request,
        PartnerForm(request.POST or None),
        lambda data: services.partner_create(actor=request.user, **data),
        _("Mitra ditambahkan."),
        _("Tambah mitra"),
        "registry:partner_list",
        success_url=lambda partner: reverse("registry:partner_detail", kwargs={"pk": partner.pk}),
    )


@internal_page("partner.change")
def partner_edit(request, pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    return _form_view(
        request,
        PartnerForm(request.POST or None, instance=partner),
        lambda data: services.partner_update(partner=partner, actor=request.user, **data),
        _("Perubahan mitra disimpan."),
        _("Ubah mitra"),
        "registry:partner_detail",
        partner.pk,
    )


@require_POST
@internal_page("partner.change")
def partner_archive(request, pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    services.partner_archive(partner=partner, actor=request.user)
    messages.success(request, _("Mitra diarsipkan. Data tetap tersimpan dan dapat dipulihkan."))
    return redirect("registry:partner_detail", pk=pk)


@require_POST
@internal_page("partner.change")
def partner_restore(request, pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    services.partner_restore(partner=partner, actor=request.user)
    messages.success(request, _("Mitra dipulihkan."))
    return redirect("registry:partner_detail", pk=pk)


@internal_page("partner.change")
def contact_create(request, partner_pk):
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=partner_pk)
    return _form_view(
        request,
        ContactForm(request.POST or None),
        lambda data: services.contact_create(actor=request.user, partner=partner, **data),
        _("Kontak ditambahkan."),
        _("Tambah kontak — %(partner)s") % {"partner": partner.display_name},
        "registry:partner_detail",
        partner.pk,
    )


@internal_page("partner.change")
def contact_edit(request, pk):
    contact = get_object_or_404(Contact.objects.visible_to(request.user).select_related("partner"), pk=pk)
    return _form_view(
        request,
        ContactForm(request.POST or None, instance=contact),
        lambda data: services.contact_update(contact=contact, actor=request.user, **data),
        _("Kontak disimpan."),
        _("Ubah kontak — %(partner)s") % {"partner": contact.partner.display_name},
        "registry:partner_detail",
        contact.partner_id,
    )


# OPDs (perangkat daerah)


@internal_page()
def unit_list(request):
    units = OrganisationUnit.objects.visible_to(request.user).annotate(
        led_count=Count("led_agreements", distinct=True),
        related_count=Count("related_agreements", distinct=True),
    )
    if request.GET.get("is_active") in ("true", "false"):
        units = units.filter(is_active=request.GET["is_active"] == "true")
    return _searched_list(request, units, ("name", "short_name", "code"), "registry/unit_list.html", "units")


@internal_page("registry.change")
def unit_create(request):
    return _form_view(
        request,
        OrganisationUnitForm(request.POST or None),
        lambda data: services.organisation_unit_create(actor=request.user, **data),
        _("Perangkat daerah ditambahkan."),
        _("Tambah perangkat daerah"),
        "registry:unit_list",
    )


@internal_page("registry.change")
def unit_edit(request, pk):
    unit = get_object_or_404(OrganisationUnit.objects.visible_to(request.user), pk=pk)
    return _form_view(
        request,
        OrganisationUnitForm(request.POST or None, instance=unit),
        lambda data: services.organisation_unit_update(unit=unit, actor=request.user, **data),
        _("Perangkat daerah disimpan."),
        _("Ubah perangkat daerah"),
        "registry:unit_list",
    )


# Cooperation objects (potensi daerah)


@internal_page()
def object_list(request):
    objects = (
        CooperationObject.objects.visible_to(request.user)
        .select_related("organisation_unit")
        .prefetch_related("government_affairs")
    )
    search_fields = ("name", "government_affair", "location")
    return _searched_list(request, objects, search_fields, "registry/object_list.html", "objects")


@internal_page("registry.change")
def object_create(request):
    return _form_view(
        request,
        CooperationObjectForm(request.POST or None),
        lambda data: services.cooperation_object_create(actor=request.user, **data),
        _("Potensi daerah ditambahkan."),
        _("Tambah potensi daerah"),
        "registry:object_list",
    )


@internal_page("registry.change")
def object_edit(request, pk):
    cooperation_object = get_object_or_404(CooperationObject.objects.visible_to(request.user), pk=pk)
    return _form_view(
        request,
        CooperationObjectForm(request.POST or None, instance=cooperation_object),
        lambda data: services.cooperation_object_update(
            cooperation_object=cooperation_object, actor=request.user, **data
        ),
        _("Potensi daerah disimpan."),
        _("Ubah potensi daerah"),
        "registry:object_list",
    )
