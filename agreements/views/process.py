"""Recording the law's steps from the agreement page (issue 10): approvals, benefit studies, legal
reviews, offer or request letters, disputes and their stages, asset handovers — each a small form
page through agreements.services.process, for staff (`process.record`)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import services
from ..forms import process as forms
from ..models import Approval, BenefitStudy, Dispute, DisputeStage, Handover, InitiativeLetter, LegalReview
from .actions import _form_page
from .common import agreement_or_404, internal_only

# segment → (model, form, create service, update service and its keyword, title)
KINDS = {
    "persetujuan": (
        Approval,
        forms.ApprovalForm,
        services.approval_create,
        services.approval_update,
        "approval",
        _lazy("Persetujuan / pertimbangan"),
    ),
    "kajian": (
        BenefitStudy,
        forms.BenefitStudyForm,
        services.benefit_study_create,
        services.benefit_study_update,
        "study",
        _lazy("Kajian manfaat"),
    ),
    "telaah-hukum": (
        LegalReview,
        forms.LegalReviewForm,
        services.legal_review_create,
        services.legal_review_update,
        "review",
        _lazy("Telaah hukum"),
    ),
    "surat": (
        InitiativeLetter,
        forms.InitiativeLetterForm,
        services.initiative_letter_create,
        services.initiative_letter_update,
        "letter",
        _lazy("Surat penawaran / permohonan"),
    ),
    "perselisihan": (
        Dispute,
        forms.DisputeForm,
        services.dispute_create,
        services.dispute_update,
        "dispute",
        _lazy("Perselisihan"),
    ),
    "serah-terima": (
        Handover,
        forms.HandoverForm,
        services.handover_create,
        services.handover_update,
        "handover",
        _lazy("Serah terima aset (BAST)"),
    ),
}


def _kind(segment):
    if segment not in KINDS:
        raise Http404
    return KINDS[segment]


@internal_only
def process_record_create(request, pk, kind):
    model, form_class, create, _update, _keyword, title = _kind(kind)

    def perform(agreement, user, form):
        create(agreement=agreement, actor=user, **form.service_data())

    return _form_page(
        request,
        agreement_or_404(request, pk),
        permission="process.record",
        form_class=form_class,
        perform=perform,
        title=title,
        submit=_lazy("Simpan"),
        success=_("Catatan disimpan."),
        anchor="#kepatuhan",
    )


@internal_only
def process_record_edit(request, kind, record_pk):
    model, form_class, _create, update, keyword, title = _kind(kind)
    record = get_object_or_404(
        model.objects.visible_to(request.user).select_related("agreement"), pk=record_pk
    )

    def perform(agreement, user, form):
        update(**{keyword: record}, actor=user, **form.service_data())

    return _form_page(
        request,
        record.agreement,
        permission="process.record",
        form_class=form_class,
        perform=perform,
        title=title,
        submit=_lazy("Simpan"),
        success=_("Catatan disimpan."),
        anchor="#kepatuhan",
        form_kwargs={"part": record},
    )


@internal_only
def dispute_stage_create(request, dispute_pk):
    dispute = get_object_or_404(
        Dispute.objects.visible_to(request.user).select_related("agreement"), pk=dispute_pk
    )

    def perform(agreement, user, form):
        services.dispute_stage_add(dispute=dispute, actor=user, **form.service_data())

    return _form_page(
        request,
        dispute.agreement,
        permission="process.record",
        form_class=forms.DisputeStageForm,
        perform=perform,
        title=_lazy("Tahap penyelesaian perselisihan"),
        submit=_lazy("Simpan"),
        success=_("Tahap penyelesaian dicatat."),
        anchor="#kepatuhan",
    )


@internal_only
def dispute_stage_edit(request, stage_pk):
    stage = get_object_or_404(
        DisputeStage.objects.visible_to(request.user).select_related("dispute__agreement"), pk=stage_pk
    )

    def perform(agreement, user, form):
        services.dispute_stage_update(stage=stage, actor=user, **form.service_data())

    return _form_page(
        request,
        stage.dispute.agreement,
        permission="process.record",
        form_class=forms.DisputeStageForm,
        perform=perform,
        title=_lazy("Tahap penyelesaian perselisihan"),
        submit=_lazy("Simpan"),
        success=_("Tahap penyelesaian dicatat."),
        anchor="#kepatuhan",
        form_kwargs={"part": stage},
    )
