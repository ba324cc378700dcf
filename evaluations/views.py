"""Monitoring and evaluation entered from the agreement page: evaluations, indicators with their
observations, and the challenge log. Staff and managers may record them (`evaluation.record`)."""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agreements.views.common import agreement_or_404, internal_only, require, section_url
from core.form_pages import form_page

from . import services
from .forms import ChallengeForm, EvaluationForm, IndicatorForm, ObservationForm
from .models import Challenge, Evaluation, Indicator

ANCHOR = "#evaluasi"
CHALLENGES = "#kendala"  # the challenge log has a section of its own on the agreement page


def _form_page(request, *, agreement, form_class, perform, title, success, row=None):
    """GET shows the form (an edit form, `row` given, starts from the row's values); POST validates
    it and calls `perform(cleaned_data)`, then goes back to the agreement's section it belongs to."""
    require(request.user, "evaluation.record")
    back = section_url(agreement, CHALLENGES if form_class is ChallengeForm else ANCHOR)
    if request.method == "POST":
        form = form_class(request.POST, agreement=agreement)
    else:
        form = form_class(agreement=agreement, initial=model_to_dict(row) if row is not None else None)
    return form_page(
        request,
        form,
        perform=lambda form: perform(form.cleaned_data),
        template="evaluations/form.html",
        context={"agreement": agreement, "title": title, "back_url": back},
        success_message=success,
        success_url=back,
    )


def _create_view(form_class, create, title, success):
    """A page recording something new on the agreement through `create(agreement=…, actor=…, **data)`."""

    @internal_only
    def view(request, agreement_pk):
        agreement = agreement_or_404(request, agreement_pk)
        return _form_page(
            request,
            agreement=agreement,
            form_class=form_class,
            perform=lambda data: create(agreement=agreement, actor=request.user, **data),
            title=title,
            success=success,
        )

    return view


def _edit_view(model, form_class, update, title, success):
    """A page changing a row of `model` in the user's scope through `update(<model name>=row, …)`."""

    @internal_only
    def view(request, pk):
        row = get_object_or_404(model.objects.visible_to(request.user).select_related("agreement"), pk=pk)
        return _form_page(
            request,
            agreement=row.agreement,
            form_class=form_class,
            perform=lambda data: update(**{model._meta.model_name: row}, actor=request.user, **data),
            title=title,
            success=success,
            row=row,
        )

    return view


evaluation_create = _create_view(
    EvaluationForm, services.evaluation_create, _lazy("Tambah evaluasi"), _lazy("Evaluasi disimpan.")
)
evaluation_edit = _edit_view(
    Evaluation,
    EvaluationForm,
    services.evaluation_update,
    _lazy("Ubah evaluasi"),
    _lazy("Evaluasi disimpan."),
)
indicator_create = _create_view(
    IndicatorForm, services.indicator_create, _lazy("Tambah indikator"), _lazy("Indikator disimpan.")
)
challenge_create = _create_view(
    ChallengeForm, services.challenge_create, _lazy("Catat kendala"), _lazy("Kendala dicatat.")
)
challenge_edit = _edit_view(
    Challenge,
    ChallengeForm,
    services.challenge_update,
    _lazy("Perbarui kendala"),
    _lazy("Kendala diperbarui."),
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
        perform=lambda data: services.observation_record(indicator=indicator, actor=request.user, **data),
        title=_lazy("Catat capaian: %(name)s") % {"name": indicator.name},
        success=_("Capaian dicatat."),
    )
