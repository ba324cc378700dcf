"""Monitoring and evaluation entered from the agreement page: evaluations, indicators with their
observations, and the challenge log. Staff and managers may record them (`evaluation.record`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agreements.forms.editor import attach_errors
from agreements.views.common import agreement_or_404, internal_only, require

from . import services
from .choices import CRITERIA
from .forms import ChallengeForm, EvaluationForm, IndicatorForm, ObservationForm
from .models import Challenge, Evaluation, Indicator

ANCHOR = "#evaluasi"


def _form_page(request, *, agreement, form_class, initial, perform, title, success):
    require(request.user, "evaluation.record")
    if request.method == "POST":
        form = form_class(request.POST, agreement=agreement)
        if form.is_valid():
            try:
                perform(form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, success)
                return redirect(f"{agreement.get_absolute_url()}{ANCHOR}")
        status = 400
    else:
        form = form_class(agreement=agreement, initial=initial)
        status = 200
    context = {"agreement": agreement, "form": form, "title": title, "anchor": ANCHOR}
    return render(request, "evaluations/form.html", context, status=status)


@internal_only
def evaluation_create(request, agreement_pk):
    agreement = agreement_or_404(request, agreement_pk)
    return _form_page(
        request,
        agreement=agreement,
        form_class=EvaluationForm,
        initial=None,
        perform=lambda data: services.evaluation_create(agreement=agreement, actor=request.user, **data),
        title=_lazy("Tambah evaluasi"),
        success=_("Evaluasi disimpan."),
    )


@internal_only
def evaluation_edit(request, pk):
    evaluation = get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related("agreement"), pk=pk
    )
    fields = ["period_type", "period_label", "evaluated_on", "evaluator_role", "findings", "recommendation"]
    initial = {name: getattr(evaluation, name) for name in fields + [n for n, _l in CRITERIA]}
    initial["shared_with_parties"] = evaluation.shared_with_parties
    return _form_page(
        request,
        agreement=evaluation.agreement,
        form_class=EvaluationForm,
        initial=initial,
        perform=lambda data: services.evaluation_update(evaluation=evaluation, actor=request.user, **data),
        title=_lazy("Ubah evaluasi"),
        success=_("Evaluasi disimpan."),
    )


@internal_only
def indicator_create(request, agreement_pk):
    agreement = agreement_or_404(request, agreement_pk)
    return _form_page(
        request,
        agreement=agreement,
        form_class=IndicatorForm,
        initial=None,
        perform=lambda data: services.indicator_create(agreement=agreement, actor=request.user, **data),
        title=_lazy("Tambah indikator"),
        success=_("Indikator disimpan."),
    )


@internal_only
def observation_create(request, indicator_pk):
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("agreement"), pk=indicator_pk
    )
    return _form_page(
        request,
        agreement=indicator.agreement,
        form_class=ObservationForm,
        initial=None,
        perform=lambda data: services.observation_record(indicator=indicator, actor=request.user, **data),
        title=_lazy("Catat capaian: %(name)s") % {"name": indicator.name},
        success=_("Capaian dicatat."),
    )


@internal_only
def challenge_create(request, agreement_pk):
    agreement = agreement_or_404(request, agreement_pk)
    return _form_page(
        request,
        agreement=agreement,
        form_class=ChallengeForm,
        initial=None,
        perform=lambda data: services.challenge_create(agreement=agreement, actor=request.user, **data),
        title=_lazy("Catat kendala"),
        success=_("Kendala dicatat."),
    )


@internal_only
def challenge_edit(request, pk):
    challenge = get_object_or_404(
        Challenge.objects.visible_to(request.user).select_related("agreement"), pk=pk
    )
    fields = [
        "category",
        "description",
        "reported_on",
        "status",
        "resolution",
        "resolved_on",
        "shared_with_parties",
    ]
    return _form_page(
        request,
        agreement=challenge.agreement,
        form_class=ChallengeForm,
        initial={name: getattr(challenge, name) for name in fields},
        perform=lambda data: services.challenge_update(challenge=challenge, actor=request.user, **data),
        title=_lazy("Perbarui kendala"),
        success=_("Kendala diperbarui."),
    )
