"""Create and edit an agreement on one page, with rows added and removed without a reload (htmx).

Without JavaScript the page still works: the "add row" buttons submit the form, which comes back
with everything typed so far and one more empty row.
"""

import json
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from core.forms import attach_errors
from core.services import ConflictError
from registry import services as registry_services
from registry.models import Partner

from ..forms.editor import AgreementEditor
from ..forms.partners import NewPartnerForm, search_partners, selectable_partners
from ..forms.rows import FORMSETS, NEW_ROW_SHARES, SHARE_FORMSETS
from .common import agreement_or_404, internal_only, require

PARTY_ROW = re.compile(r"^parties-\d{1,4}$")
PARTNER_FIELD = re.compile(r"^parties-\d{1,4}-partner$")
ROW_PREFIX = re.compile(
    r"^(?P<kind>parties|obligations|contributions|risks|benefits|funding_sources)(?:-(?P<index>\d{1,4})-shares)?$"
)


def _only_asked(request):
    """A row or a partner search was asked for: the page comes back without judging what was typed."""
    return "_add" in request.POST or "_search" in request.POST


def _render(request, editor, *, status=200, conflict=None):
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "agreement": editor.agreement,
            "conflict": conflict,
            "show_errors": request.method == "POST" and not _only_asked(request),
            "partner_search": editor.partners.many,
            "new_partner": NewPartnerForm() if can(request.user, "partner.change") else None,
        },
        status=status,
    )


def _submit(request, editor):
    """Validate and save, or answer the page again with everything typed and the reasons."""
    add = request.POST.get("_add", "")
    if add:
        if not ROW_PREFIX.match(add):
            raise Http404
        return _render(request, editor.add_row(add))
    search = request.POST.get("_search", "")
    if search:
        if not PARTY_ROW.match(search):
            raise Http404
        return _render(request, editor.with_partner_search(search))
    if not editor.is_valid():
        return _render(request, editor, status=400)
    try:
        agreement = editor.save()
    except ConflictError as conflict:
        return _render(request, editor, status=409, conflict=conflict)
    if agreement is None:
        return _render(request, editor, status=400)
    messages.success(request, _("Kerja sama disimpan."))
    return redirect(agreement.get_absolute_url())


@internal_only
def agreement_create(request):
    require(request.user, "agreement.create")
    editor = AgreementEditor(user=request.user, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        return _submit(request, editor)
    return _render(request, editor)


@internal_only
def agreement_edit(request, pk):
    agreement = agreement_or_404(request, pk)
    require(request.user, "agreement.change")
    editor = AgreementEditor(
        user=request.user, agreement=agreement, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        return _submit(request, editor)
    return _render(request, editor)


@internal_only
def editor_row(request):
    """An empty row for a formset (htmx): the index is the formset's current TOTAL_FORMS."""
    require(request.user, "agreement.change")
    prefix = request.GET.get("prefix", "")
    match = ROW_PREFIX.match(prefix)
    if not match:
        raise Http404
    try:
        index = int(request.GET.get(f"{prefix}-TOTAL_FORMS", "0"))
    except ValueError:
        raise Http404 from None
    if not 0 <= index < 1000:
        raise Http404
    editor = AgreementEditor(user=request.user, hints=request.GET)  # the page's parties, for large lists
    kwargs = {"partner_choices": editor.partner_choices, "party_choices": editor.party_choices}
    kind = match["kind"]
    if match["index"] is not None:
        formset = SHARE_FORMSETS[kind](prefix=prefix, form_kwargs=kwargs)
        form = formset._construct_form(index, empty_permitted=True, **formset.get_form_kwargs(index))
        template = "agreements/partials/share_row.html"
        context = {"share": form, "kind": kind}
    else:
        kwargs["unit_choices"] = editor.unit_choices
        formset = FORMSETS[kind](prefix=prefix, form_kwargs=kwargs)
        form = formset._construct_form(index, empty_permitted=True, **formset.get_form_kwargs(index))
        template = "agreements/partials/editor_row.html"
        context = {"row": form, "kind": kind, "new_shares": NEW_ROW_SHARES}
    context.update(prefix=prefix, next_total=index + 1, partner_search=editor.partners.many)
    return render(request, template, {**context, "oob_total": True, "show_errors": False})


@internal_only
def partner_options(request):
    """The <option>s of one party row's partner select, filtered by its search box (htmx).

    Reads the row's own field names: `<field>_search` holds the search, `<field>` the current choice,
    which stays offered so that filtering never loses it.
    """
    require(request.user, "agreement.change")
    field = request.GET.get("field", "")
    if not PARTNER_FIELD.match(field):
        raise Http404
    partners = selectable_partners(request.user)
    options = search_partners(partners, request.GET.get(f"{field}_search", ""))
    selected = request.GET.get(field, "")
    selected = int(selected) if selected.isdigit() else None
    if selected is not None and selected not in dict(options):
        current = Partner.objects.visible_to(request.user).filter(pk=selected).values_list("pk", "name")
        options = list(current) + options
    return render(
        request, "agreements/partials/partner_options.html", {"options": options, "selected": selected}
    )


@require_POST
@internal_only
def partner_create(request):
    """A partner created from the editor's dialog (htmx) through the registry's partner service. The
    editor's form stays as typed: the answer is the dialog again, empty with an `HX-Trigger` naming
    the new partner (the editor's script offers it to the party rows), or with the reasons."""
    require(request.user, "partner.change")
    form = NewPartnerForm(request.POST)
    partner = None
    if form.is_valid():
        try:
            partner = registry_services.partner_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
    response = render(
        request,
        "agreements/partials/new_partner_form.html",
        {"new_partner": NewPartnerForm() if partner else form, "created": partner},
    )
    if partner is not None:
        response["HX-Trigger"] = json.dumps({"partnerCreated": {"id": partner.pk, "name": partner.name}})
    return response
