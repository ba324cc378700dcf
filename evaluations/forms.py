"""Forms for monitoring and evaluation, entered from the agreement page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.forms.widgets import DateInput

from .choices import CRITERIA, ChallengeCategory, ChallengeStatus, EvaluatorRole, PeriodType, Recommendation

SCORES = [(n, str(n)) for n in range(1, 6)]


class ScoreField(forms.TypedChoiceField):
    """A criterion scored 1 (poor) to 5 (very good), as a row of labelled radio buttons."""

    def __init__(self, label):
        super().__init__(
            label=label,
            choices=SCORES,
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            help_text=_("1 = sangat kurang, 5 = sangat baik"),
        )


class EvaluationForm(forms.Form):
    period_type = forms.ChoiceField(label=_("Jenis periode"), choices=PeriodType.choices)
    period_label = forms.CharField(
        label=_("Periode"), max_length=50, required=False, help_text=_("Mis. 2026-T1")
    )
    evaluated_on = forms.DateField(label=_("Tanggal evaluasi"), widget=DateInput)
    evaluator_role = forms.ChoiceField(label=_("Dievaluasi oleh"), choices=EvaluatorRole.choices)
    findings = forms.CharField(label=_("Temuan"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(label=_("Rekomendasi"), choices=Recommendation.choices)
    shared_with_parties = forms.BooleanField(label=_("Dibagikan kepada para pihak"), required=False)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        for name, label in CRITERIA:
            self.fields[name] = ScoreField(label)
        # Scores come after the period, before the findings.
        order = ["period_type", "period_label", "evaluated_on", "evaluator_role"] + [n for n, _l in CRITERIA]
        self.order_fields(order)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indikator"), max_length=300)
    unit = forms.CharField(label=_("Satuan"), max_length=50)
    baseline = forms.DecimalField(label=_("Nilai awal"), max_digits=18, decimal_places=2, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=18, decimal_places=2)
    shared_with_parties = forms.BooleanField(
        label=_("Dibagikan kepada para pihak"), required=False, initial=True
    )

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement


class ObservationForm(forms.Form):
    period_label = forms.CharField(label=_("Periode"), max_length=50)
    observed_on = forms.DateField(label=_("Tanggal pengukuran"), widget=DateInput)
    value = forms.DecimalField(label=_("Nilai"), max_digits=18, decimal_places=2)
    note = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement


class ChallengeForm(forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=ChallengeCategory.choices)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}))
    reported_on = forms.DateField(label=_("Tanggal dicatat"), widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"), choices=ChallengeStatus.choices, initial=ChallengeStatus.OPEN
    )
    resolution = forms.CharField(
        label=_("Penyelesaian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolved_on = forms.DateField(label=_("Tanggal selesai"), required=False, widget=DateInput)
    shared_with_parties = forms.BooleanField(label=_("Dibagikan kepada para pihak"), required=False)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement

    def clean(self):
        data = super().clean()
        if data.get("resolved_on") and data.get("reported_on") and data["resolved_on"] < data["reported_on"]:
            self.add_error("resolved_on", _("Tanggal selesai tidak boleh sebelum tanggal dicatat."))
        return data
