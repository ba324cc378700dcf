"""Small forms for the actions on an agreement page: lifecycle, renewal, reviews, instruments, documents.

Each form takes the agreement (`agreement=`) so that its choices stay within that agreement.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import not_after_today

from ..choices import (
    OUTCOMES,
    WORKING_STAGES,
    ClosureReason,
    DocumentType,
    InstrumentKind,
    InstrumentStatus,
    SigningMethod,
    Stage,
    TkksdDecision,
    Visibility,
)
from ..models.legacy import LegacyStepCode
from .widgets import DateInput

STAGE_LABELS = dict(Stage.choices)


class AgreementActionForm(forms.Form):
    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement


class CloseForm(AgreementActionForm):
    outcome = forms.ChoiceField(label=_("Hasil akhir"), choices=[(s, STAGE_LABELS[s]) for s in OUTCOMES])
    reason = forms.ChoiceField(
        label=_("Alasan pengakhiran"),
        choices=[("", "---------"), *ClosureReason.choices],
        required=False,
        help_text=_("Wajib untuk kerja sama yang diakhiri sebelum waktunya."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    closed_on = forms.DateField(
        label=_("Tanggal pengakhiran"),
        required=False,
        widget=DateInput,
        help_text=_("Kosongkan untuk hari ini. Tidak boleh setelah hari ini."),
    )
    notice_file = forms.FileField(
        label=_("Surat pemberitahuan pengakhiran"),
        required=False,
        help_text=_("Wajib untuk kerja sama yang diakhiri sebelum waktunya atau dicabut."),
    )


class ReopenForm(AgreementActionForm):
    note = forms.CharField(label=_("Alasan membuka kembali"), widget=forms.Textarea(attrs={"rows": 3}))


class SetStageForm(AgreementActionForm):
    """The stage an agreement that predates the system is at, and per step that happened outside the
    system its date, letter or document number and the document itself (each optional)."""

    stage = forms.ChoiceField(
        label=_("Tahap saat ini"), choices=[(s, STAGE_LABELS[s]) for s in WORKING_STAGES[1:]]
    )
    steps = forms.MultipleChoiceField(
        label=_("Langkah yang dilakukan di luar sistem"),
        choices=LegacyStepCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Centang setiap langkah yang sudah dilakukan; isi tanggal, nomor surat dan dokumennya di "
            "bawah bila diketahui."
        ),
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in LegacyStepCode.choices:
            self.fields[f"{code}__happened_on"] = forms.DateField(
                label=_("%(step)s: tanggal") % {"step": label},
                required=False,
                widget=DateInput,
                validators=[not_after_today],
            )
            self.fields[f"{code}__reference"] = forms.CharField(
                label=_("%(step)s: nomor surat / dokumen") % {"step": label}, max_length=200, required=False
            )
            self.fields[f"{code}__file"] = forms.FileField(
                label=_("%(step)s: dokumen") % {"step": label}, required=False
            )

    def clean(self):
        data = super().clean()
        ticked = set(data.get("steps") or ())
        for code, _label in LegacyStepCode.choices:
            for part in ("happened_on", "reference", "file"):
                name = f"{code}__{part}"
                if data.get(name) and code not in ticked:
                    self.add_error(name, _("Centang langkah ini bila tanggal, nomor atau dokumennya diisi."))
        return data

    def legacy_steps(self) -> list[dict]:
        """The ticked steps in the service's terms; `upload` is the file still to be stored."""
        data = self.cleaned_data
        return [
            {
                "step": code,
                "happened_on": data.get(f"{code}__happened_on"),
                "reference": data.get(f"{code}__reference", ""),
                "upload": data.get(f"{code}__file"),
            }
            for code in data.get("steps") or ()
        ]


class RenewForm(AgreementActionForm):
    title = forms.CharField(label=_("Judul kerja sama baru"), max_length=500)
    start_date = forms.DateField(label=_("Tanggal mulai"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("Tanggal berakhir"), required=False, widget=DateInput)

    def __init__(self, *args, agreement, **kwargs):
        kwargs.setdefault("initial", {"title": agreement.title})
        super().__init__(*args, agreement=agreement, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal berakhir tidak boleh sebelum tanggal mulai."))
        return data


class TkksdReviewForm(AgreementActionForm):
    review_date = forms.DateField(label=_("Tanggal pembahasan"), widget=DateInput)
    decision = forms.ChoiceField(label=_("Rekomendasi"), choices=TkksdDecision.choices)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DprdApprovalForm(AgreementActionForm):
    approval_date = forms.DateField(label=_("Tanggal persetujuan DPRD"), widget=DateInput)
    reference = forms.CharField(label=_("Nomor persetujuan DPRD"), max_length=150, required=False)


class InstrumentForm(AgreementActionForm):
    """A legal text with its signing data and one document number per party."""

    kind = forms.ChoiceField(label=_("Jenis naskah"), choices=InstrumentKind.choices)
    parent = forms.TypedChoiceField(label=_("Naskah induk"), coerce=int, required=False, empty_value=None)
    title = forms.CharField(label=_("Judul"), max_length=500, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=InstrumentStatus.choices, initial=InstrumentStatus.DRAFT
    )
    signing_date = forms.DateField(label=_("Tanggal penandatanganan"), required=False, widget=DateInput)
    signing_place = forms.CharField(label=_("Tempat penandatanganan"), max_length=200, required=False)
    signing_method = forms.ChoiceField(
        label=_("Cara penandatanganan"), choices=[("", "---------"), *SigningMethod.choices], required=False
    )
    start_date = forms.DateField(label=_("Berlaku sejak"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("Berlaku hingga"), required=False, widget=DateInput)
    new_end_date = forms.DateField(
        label=_("Tanggal berakhir baru (adendum)"), required=False, widget=DateInput
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, agreement=agreement, **kwargs)
        self.instruments = list(agreement.instruments.order_by("pk"))
        self.fields["parent"].choices = [("", "---------")] + [(i.pk, str(i)) for i in self.instruments]
        self.parties = list(agreement.parties.select_related("partner").order_by("order"))
        for party in self.parties:
            self.fields[f"number_{party.pk}"] = forms.CharField(
                label=_("Nomor naskah %(party)s (%(name)s)")
                % {"party": party.ordinal_label, "name": party.partner.name},
                max_length=150,
                required=False,
            )

    def is_signed(self, data):
        return data.get("status") in (InstrumentStatus.SIGNED, InstrumentStatus.VALIDATED)

    def clean(self):
        data = super().clean()
        if self.is_signed(data) and not data.get("signing_date"):
            self.add_error(
                "signing_date", _("Naskah yang ditandatangani memerlukan tanggal penandatanganan.")
            )
        return data

    def service_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("number_")}
        by_pk = {i.pk: i for i in self.instruments}
        data["parent"] = by_pk.get(data["parent"])
        numbers = [
            {"party": party, "number": self.cleaned_data[f"number_{party.pk}"]}
            for party in self.parties
            if self.cleaned_data.get(f"number_{party.pk}")
        ]
        return data, numbers


class DocumentUploadForm(AgreementActionForm):
    file = forms.FileField(label=_("Berkas"))
    title = forms.CharField(label=_("Judul"), max_length=300, required=False)
    doc_type = forms.ChoiceField(
        label=_("Jenis dokumen"), choices=DocumentType.choices, initial=DocumentType.OTHER
    )
    visibility = forms.ChoiceField(
        label=_("Visibilitas"), choices=Visibility.choices, initial=Visibility.INTERNAL
    )
    instrument = forms.TypedChoiceField(label=_("Naskah"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, agreement=agreement, **kwargs)
        self.instruments = {i.pk: i for i in agreement.instruments.order_by("pk")}
        self.fields["instrument"].choices = [("", _("(tanpa naskah)"))] + [
            (pk, str(i)) for pk, i in self.instruments.items()
        ]


class ChecklistStepForm(AgreementActionForm):
    step = forms.CharField(max_length=50)
