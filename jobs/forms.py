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
    # What the report holds and for which period, as the reports page lists them.
    contents: tuple = ()
    period_label = _("Keadaan saat ini")

    @property
    def title(self):
        return JobKind(self.kind).label

    @classmethod
    def describe(cls, parameters: dict) -> str:
        """The chosen filters in words ("Tahun: 2025 · Periode: Semester I (Januari–Juni)"), for the
        list of generated files."""
        fields = cls.base_fields
        parts = []
        for name, value in parameters.items():
            field = fields.get(name)
            if field is None or name == "format":
                continue
            shown = dict(field.choices).get(str(value), value) if hasattr(field, "choices") else value
            parts.append(f"{field.label}: {shown}")
        return " · ".join(str(p) for p in parts)

    def parameters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class PortfolioForm(ReportForm):
    kind = JobKind.REPORT_PORTFOLIO
    description = _("Jumlah dan nilai kerja sama menurut tahap, kategori, sektor mitra dan perangkat daerah.")
    contents = (
        _("Grafik jumlah per tahap dan nilai per kategori"),
        _("Tabel per tahap, kategori, sektor mitra dan perangkat daerah"),
    )
    stage = forms.ChoiceField(label=_("Tahap"), choices=ANY + list(Stage.choices), required=False)
    category = forms.ChoiceField(label=_("Kategori"), choices=ANY + list(Category.choices), required=False)


class EndingForm(ReportForm):
    kind = JobKind.REPORT_ENDING
    description = _("Kerja sama yang berakhir dalam jangka waktu tertentu.")
    contents = (_("Grafik sisa waktu"), _("Daftar kerja sama dengan tanggal berakhir, sisa hari dan nilai"))
    period_label = _("Dari hari ini sampai jangka yang dipilih")
    days = forms.IntegerField(label=_("Dalam (hari)"), min_value=1, max_value=3650, initial=90)


class OverdueForm(ReportForm):
    kind = JobKind.REPORT_OVERDUE
    description = _("Kewajiban yang terlambat menurut perangkat daerah dan mitra.")
    contents = (
        _("Terlambat per perangkat daerah dan per mitra"),
        _("Jatuh tempo terlambat, terlama lebih dulu"),
    )


def _year_field(required):
    return forms.IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, required=required, initial=timezone.localdate().year
    )


class EvaluationsForm(ReportForm):
    kind = JobKind.REPORT_EVALUATIONS
    description = _("Rekomendasi dan nilai rata-rata hasil monitoring dan evaluasi.")
    contents = (_("Rekomendasi"), _("Nilai rata-rata per kriteria"), _("Daftar evaluasi"))
    period_label = _("Tahun yang dipilih, atau semua tahun")
    year = _year_field(required=False)


SEMESTERS = [
    ("", _("Setahun penuh")),
    ("1", _("Semester I (Januari–Juni)")),
    ("2", _("Semester II (Juli–Desember)")),
]


class PeriodicForm(ReportForm):
    """A year, or one of its semesters."""

    year = _year_field(required=True)
    semester = forms.TypedChoiceField(
        label=_("Periode"), choices=SEMESTERS, coerce=int, empty_value=None, required=False
    )

    @property
    def period_label(self):
        return _("Tahunan atau semester")


class YearlyForm(PeriodicForm):
    kind = JobKind.REPORT_YEARLY
    description = _(
        "Laporan pelaksanaan kerja sama daerah kepada Gubernur (kabupaten/kota, tembusan Menteri Dalam "
        "Negeri) atau Menteri Dalam Negeri (provinsi), dengan surat pengantar."
    )
    contents = (
        _("Surat pengantar dengan tanda tangan"),
        _("Kerja sama berjalan, ditandatangani dan berakhir dalam periode"),
        _("Per kerja sama: urusan, perangkat daerah, MoU dan PKS, persetujuan DPRD, nilai, realisasi manfaat "
          "dan PAD, kendala dan tindak lanjut, evaluasi terakhir"),
        _("Usulan kerja sama dalam proses"),
    )  # fmt: skip


class DprdForm(PeriodicForm):
    kind = JobKind.REPORT_DPRD
    description = _(
        "Fakta yang sama untuk Ketua DPRD, dengan persetujuan DPRD yang diberikan dan yang tertunda."
    )
    contents = (
        _("Surat pengantar kepada Ketua DPRD"),
        *YearlyForm.contents[1:],
        _("Persetujuan DPRD yang diberikan dalam periode dan yang menunggu keputusan"),
    )


REPORT_FORMS = {
    form.kind: form
    for form in (PortfolioForm, EndingForm, OverdueForm, EvaluationsForm, YearlyForm, DprdForm)
}
