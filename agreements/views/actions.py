"""Actions on an agreement: every one a POST through the services, allowed by `can(user, …)`.

Single-button actions (advance, archive, tick) redirect back to the agreement page with a message;
actions that need input have a small page of their own, which comes back with what was typed and
the reasons when it is refused.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core.form_pages import form_page

from .. import services
from ..choices import DocumentType, Visibility
from ..forms import actions as forms
from ..models import Instrument
from ..models.legacy import LegacyStepCode
from .common import agreement_or_404, internal_only, require, section_url


def _back(agreement, anchor=""):
    return redirect(section_url(agreement, anchor))


def form_action(request, pk, **options):
    """GET shows the form; POST validates it and calls `perform(agreement, user, form)`.

    `perform` may return a different object to go to afterwards (a renewal's successor).
    """
    return _form_page(request, agreement_or_404(request, pk), **options)


def part_action(request, model, pk, **options):
    """`form_action` for a part of an agreement (an instrument, a benefit, a document), loaded through
    the user's scope; the form gets it as `part=` next to its agreement."""
    part = get_object_or_404(model.objects.visible_to(request.user).select_related("agreement"), pk=pk)
    return _form_page(request, part.agreement, form_kwargs={"part": part}, **options)


def _form_page(
    request,
    agreement,
    *,
    permission,
    form_class,
    perform,
    title,
    submit,
    success,
    anchor="",
    note="",
    form_kwargs=None,
):
    require(request.user, permission)
    form_kwargs = {"agreement": agreement, **(form_kwargs or {})}
    form = form_class(request.POST, request.FILES, **form_kwargs) if request.method == "POST" else None

    def go_on(target):
        # A renewal goes on to its successor; every other action back to the agreement's section.
        if target is not None and target != agreement:
            return target.get_absolute_url()
        return section_url(agreement, anchor)

    return form_page(
        request,
        form or form_class(**form_kwargs),
        perform=lambda form: perform(agreement, request.user, form),
        template="agreements/action_form.html",
        context={
            "agreement": agreement,
            "title": title,
            "submit": submit,
            "back_url": section_url(agreement, anchor),
            "note": note,
        },
        success_message=success,
        success_url=go_on,
    )


def _calls(service):
    """A `perform` for a form whose fields are the service's own keywords: `service(agreement=…,
    actor=…, **cleaned_data)`. Its result is not followed (the form page goes back to the agreement)."""

    def perform(agreement, user, form):
        service(agreement=agreement, actor=user, **form.cleaned_data)

    return perform


# --- single-button actions -------------------------------------------------------------------


@require_POST
@internal_only
def agreement_advance(request, pk):
    agreement = agreement_or_404(request, pk)
    require(request.user, "agreement.advance")
    try:
        services.agreement_advance(agreement=agreement, actor=request.user, note=request.POST.get("note", ""))
    except services.GateRefused as refused:
        messages.error(request, _("Tahap belum dapat dilanjutkan:"))
        for reason in refused.messages:
            messages.error(request, reason, extra_tags="gate")
    except ValidationError as error:
        for reason in error.messages:
            messages.error(request, reason)
    else:
        agreement.refresh_from_db(fields=["stage"])
        messages.success(
            request, _("Kerja sama masuk tahap %(stage)s.") % {"stage": agreement.get_stage_display()}
        )
    return _back(agreement, "#tahap")


def _simple(request, pk, permission, service, success, anchor=""):
    agreement = agreement_or_404(request, pk)
    require(request.user, permission)
    try:
        service(agreement=agreement, actor=request.user)
    except ValidationError as error:
        for reason in error.messages:
            messages.error(request, reason)
    else:
        messages.success(request, success)
    return _back(agreement, anchor)


@require_POST
@internal_only
def agreement_archive(request, pk):
    return _simple(request, pk, "agreement.archive", services.agreement_archive, _("Kerja sama diarsipkan."))


@require_POST
@internal_only
def agreement_restore(request, pk):
    return _simple(request, pk, "agreement.archive", services.agreement_restore, _("Kerja sama dipulihkan."))


@require_POST
@internal_only
def instrument_validate(request, pk):
    """Record that the signed copy was checked: initials, duty stamp and seal."""
    instrument = get_object_or_404(
        Instrument.objects.visible_to(request.user).select_related("agreement"), pk=pk
    )
    require(request.user, "agreement.change")
    try:
        services.instrument_validate(instrument=instrument, actor=request.user)
    except ValidationError as error:
        for reason in error.messages:
            messages.error(request, reason)
    else:
        messages.success(request, _("Naskah bertanda tangan divalidasi."))
    return _back(instrument.agreement, "#naskah")


def _checklist(request, pk, service, success):
    agreement = agreement_or_404(request, pk)
    require(request.user, "agreement.change")
    form = forms.ChecklistStepForm(request.POST, agreement=agreement)
    if form.is_valid():
        try:
            service(agreement=agreement, actor=request.user, step=form.cleaned_data["step"])
        except ValidationError as error:
            for reason in error.messages:
                messages.error(request, reason)
        else:
            messages.success(request, success)
    else:
        messages.error(request, _("Langkah tidak dikenal."))
    return _back(agreement, "#tahap")


@require_POST
@internal_only
def checklist_tick(request, pk):
    return _checklist(request, pk, services.checklist_tick, _("Langkah dicentang."))


@require_POST
@internal_only
def checklist_untick(request, pk):
    return _checklist(request, pk, services.checklist_untick, _("Centang dibatalkan."))


# --- actions with a form -----------------------------------------------------------------------


def _close(agreement, user, form):
    """Close with the notice letter, uploaded in the same step (and removed again when refused)."""
    data = dict(form.cleaned_data)
    upload = data.pop("notice_file", None)
    with transaction.atomic():
        notice = None
        if upload is not None:
            notice = services.document_upload(
                agreement=agreement,
                actor=user,
                upload=upload,
                title=_("Surat pemberitahuan pengakhiran"),
                doc_type=DocumentType.TERMINATION_NOTICE,
                visibility=Visibility.PARTIES,
                bump=False,
            )
        try:
            services.agreement_close(agreement=agreement, actor=user, notice=notice, **data)
        except ValidationError:
            if notice is not None:
                notice.file.delete(save=False)
            raise


@internal_only
def agreement_close(request, pk):
    return form_action(
        request,
        pk,
        permission="agreement.close",
        form_class=forms.CloseForm,
        perform=_close,
        title=_lazy("Tutup kerja sama"),
        submit=_lazy("Tutup"),
        success=_("Kerja sama ditutup."),
        anchor="#tahap",
    )


@internal_only
def agreement_reopen(request, pk):
    return form_action(
        request,
        pk,
        permission="agreement.reopen",
        form_class=forms.ReopenForm,
        perform=_calls(services.agreement_reopen),
        title=_lazy("Buka kembali kerja sama"),
        submit=_lazy("Buka kembali"),
        success=_("Kerja sama dibuka kembali."),
        anchor="#tahap",
    )


# The kind of document a legacy step's file is: what the step's own record would hold.
LEGACY_DOCUMENT_TYPES = {
    LegacyStepCode.INITIATIVE_LETTER: DocumentType.LETTER,
    LegacyStepCode.PROPOSAL: DocumentType.PROPOSAL,
    LegacyStepCode.PARTNER_LEGALITY: DocumentType.LEGALITY,
    LegacyStepCode.BENEFIT_STUDY: DocumentType.BENEFIT_STUDY,
    LegacyStepCode.TKKSD_REVIEW: DocumentType.TKKSD_REVIEW,
    LegacyStepCode.DRAFT_MOU: DocumentType.DRAFT,
    LegacyStepCode.SIGN_MOU: DocumentType.SIGNED_COPY,
    LegacyStepCode.APPROVAL_DPRD: DocumentType.DPRD_APPROVAL,
    LegacyStepCode.APPROVAL_HOME_AFFAIRS: DocumentType.APPROVAL,
    LegacyStepCode.APPROVAL_FOREIGN_AFFAIRS: DocumentType.APPROVAL,
    LegacyStepCode.APPROVAL_GOVERNOR: DocumentType.APPROVAL,
    LegacyStepCode.LEGAL_REVIEW: DocumentType.LEGAL_REVIEW,
    LegacyStepCode.SIGN_OPERATIONAL: DocumentType.SIGNED_COPY,
    LegacyStepCode.VALIDATE_SIGNED: DocumentType.SIGNED_COPY,
}


def _set_stage(agreement, user, form):
    """Enter the legacy agreement with each step's date, number and document, the documents uploaded in
    the same step (internal, and removed again when the entry is refused)."""
    data = form.cleaned_data
    labels = dict(LegacyStepCode.choices)
    stored = []
    try:
        with transaction.atomic():
            steps = []
            for step in form.legacy_steps():
                upload = step.pop("upload")
                if upload is not None:
                    step["document"] = services.document_upload(
                        agreement=agreement,
                        actor=user,
                        upload=upload,
                        title=str(labels[step["step"]]),
                        doc_type=LEGACY_DOCUMENT_TYPES[step["step"]],
                        visibility=Visibility.INTERNAL,
                        bump=False,
                    )
                    stored.append(step["document"])
                steps.append(step)
            services.agreement_enter_legacy(
                agreement=agreement, actor=user, stage=data["stage"], steps=steps, note=data["note"]
            )
    except ValidationError:
        for document in stored:
            document.file.delete(save=False)
        raise


@internal_only
def agreement_set_stage(request, pk):
    return form_action(
        request,
        pk,
        permission="agreement.advance",
        form_class=forms.SetStageForm,
        perform=_set_stage,
        title=_lazy("Tetapkan tahap kerja sama lama"),
        submit=_lazy("Tetapkan tahap"),
        success=_("Tahap ditetapkan."),
        anchor="#tahap",
    )


@internal_only
def agreement_renew(request, pk):
    def perform(agreement, user, form):
        return services.agreement_renew(agreement=agreement, actor=user, **form.cleaned_data)

    return form_action(
        request,
        pk,
        permission="agreement.renew",
        form_class=forms.RenewForm,
        perform=perform,
        title=_lazy("Perpanjang menjadi kerja sama baru"),
        submit=_lazy("Buat kerja sama lanjutan"),
        success=_("Kerja sama lanjutan dibuat sebagai draf."),
    )


@internal_only
def tkksd_review(request, pk):
    return form_action(
        request,
        pk,
        permission="tkksd.record",
        form_class=forms.TkksdReviewForm,
        perform=_calls(services.tkksd_review_record),
        title=_lazy("Catat pembahasan TKKSD"),
        submit=_lazy("Simpan"),
        success=_("Pembahasan TKKSD dicatat."),
        anchor="#tahap",
    )


@internal_only
def dprd_approval(request, pk):
    return form_action(
        request,
        pk,
        permission="agreement.change",
        form_class=forms.DprdApprovalForm,
        perform=_calls(services.dprd_approval_record),
        title=_lazy("Catat persetujuan DPRD"),
        submit=_lazy("Simpan"),
        success=_("Persetujuan DPRD dicatat."),
        anchor="#tahap",
    )


# Adding an instrument and changing one (parts.instrument_edit) are the same page but for its title.
INSTRUMENT_PAGE = {
    "permission": "agreement.change",
    "submit": _lazy("Simpan naskah"),
    "success": _lazy("Naskah disimpan."),
    "anchor": "#naskah",
}


@internal_only
def instrument_create(request, pk):
    def perform(agreement, user, form):
        data, numbers = form.service_data()
        services.instrument_create(agreement=agreement, actor=user, party_numbers=numbers, **data)

    return form_action(
        request,
        pk,
        form_class=forms.InstrumentForm,
        perform=perform,
        title=_lazy("Tambah naskah"),
        **INSTRUMENT_PAGE,
    )
