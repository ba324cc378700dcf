"""The filter form of each managers' report; the chosen values become the job's parameters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.choices import Category, Stage

from .choices import JobKind, ReportFormat

ANY = [("", _("Semua"))]


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.PDF)

    kind: str = ""
    description = ""

    @property
    def title(self):
        return JobKind(self.kind).label

    def parameters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class PortfolioForm(ReportForm):
    kind = JobKind.REPORT_PORTFOLIO
    description = _("Jumlah dan nilai kerja sama menurut tahap, kategori, sektor mitra dan perangkat daerah.")
    stage = forms.ChoiceField(label=_("Tahap"), choices=ANY + list(Stage.choices), required=False)
    category = forms.ChoiceField(label=_("Kategori"), choices=ANY + list(Category.choices), required=False)


class EndingForm(ReportForm):
    kind = JobKind.REPORT_ENDING
    description = _("Kerja sama yang berakhir dalam jangka waktu tertentu.")
    days = forms.IntegerField(label=_("Dalam (hari)"), min_value=1, max_value=3650, initial=90)


class OverdueForm(ReportForm):
    kind = JobKind.REPORT_OVERDUE
    description = _("Kewajiban yang terlambat menurut perangkat daerah dan mitra.")


def _year_field(required):
    return forms.IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, required=required, initial=timezone.localdate().year
    )


class EvaluationsForm(ReportForm):
    kind = JobKind.REPORT_EVALUATIONS
    description = _("Rekomendasi dan nilai rata-rata hasil monitoring dan evaluasi.")
    year = _year_field(required=False)


class YearlyForm(ReportForm):
    kind = JobKind.REPORT_YEARLY
    description = _("Laporan pelaksanaan kerja sama daerah kepada Gubernur / Menteri Dalam Negeri.")
    year = _year_field(required=True)


REPORT_FORMS = {
    form.kind: form for form in (PortfolioForm, EndingForm, OverdueForm, EvaluationsForm, YearlyForm)
}
