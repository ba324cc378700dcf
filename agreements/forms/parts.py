"""Forms for the parts of an agreement changed from its page: an instrument, its signing and signed copy,
a document's title and visibility, and what a benefit actually brought (a realisation).

Each takes the agreement and the part (`part=`); forms that change a part start from its current values,
so that only what the user changed is sent to the service.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import SigningMethod, Visibility
from .actions import AgreementActionForm, DocumentUploadForm, InstrumentForm
from .widgets import DateInput

INSTRUMENT_FIELDS = (
    "kind",
    "title",
    "signing_date",
    "signing_place",
    "signing_method",
    "start_date",
    "end_date",
    "new_end_date",
)


class PartForm(AgreementActionForm):
    def __init__(self, *args, agreement, part, **kwargs):
        self.part = part
        super().__init__(*args, agreement=agreement, **kwargs)

    def changes(self) -> dict:
        """The cleaned values of the fields the user changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self.cleaned_data}


class InstrumentEditForm(InstrumentForm):
    """The instrument form without its status: signing and validation are actions of their own."""

    def __init__(self, *args, agreement, part, **kwargs):
        self.part = part
        initial = {name: getattr(part, name) for name in INSTRUMENT_FIELDS}
        initial["parent"] = part.parent_id
        initial.update({f"number_{n.party_id}": n.number for n in part.party_numbers.all()})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, agreement=agreement, **kwargs)
        del self.fields["status"]
        self.fields["parent"].choices = [c for c in self.fields["parent"].choices if c[0] != part.pk]

    def is_signed(self, data):
        return self.part.is_signed

    def service_data(self):
        data, numbers = super().service_data()
        changed = {name: data[name] for name in data if name in self.changed_data}
        return changed, numbers


class InstrumentSignForm(PartForm):
    signing_date = forms.DateField(label=_("Tanggal penandatanganan"), widget=DateInput)
    signing_place = forms.CharField(label=_("Tempat penandatanganan"), max_length=200, required=False)
    signing_method = forms.ChoiceField(
        label=_("Cara penandatanganan"), choices=[("", "---------"), *SigningMethod.choices], required=False
    )

    def __init__(self, *args, agreement, part, **kwargs):
        kwargs.setdefault("initial", {name: getattr(part, name) for name in self.base_fields})
        super().__init__(*args, agreement=agreement, part=part, **kwargs)


class SignedCopyForm(DocumentUploadForm):
    """The signed copy of one instrument: its type and instrument are fixed."""

    def __init__(self, *args, agreement, part, **kwargs):
        self.part = part
        kwargs.setdefault("initial", {"visibility": Visibility.PARTIES})
        super().__init__(*args, agreement=agreement, **kwargs)
        del self.fields["doc_type"], self.fields["instrument"]


class DocumentEditForm(PartForm):
    title = forms.CharField(label=_("Judul"), max_length=300)
    visibility = forms.ChoiceField(label=_("Visibilitas"), choices=Visibility.choices)

    def __init__(self, *args, agreement, part, **kwargs):
        kwargs.setdefault("initial", {"title": part.title, "visibility": part.visibility})
        super().__init__(*args, agreement=agreement, part=part, **kwargs)


class RealisationForm(PartForm):
    """What a benefit actually brought, with an optional proof stored as a document of the agreement."""

    realised_on = forms.DateField(label=_("Tanggal realisasi"), widget=DateInput)
    amount = forms.DecimalField(
        label=_("Nilai (Rp)"), max_digits=18, decimal_places=2, required=False, min_value=Decimal(0)
    )
    party = forms.TypedChoiceField(label=_("Pihak penerima"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proof = forms.FileField(label=_("Bukti (opsional)"), required=False)
    proof_visibility = forms.ChoiceField(
        label=_("Visibilitas bukti"), choices=Visibility.choices, initial=Visibility.INTERNAL
    )

    def __init__(self, *args, agreement, part, **kwargs):
        super().__init__(*args, agreement=agreement, part=part, **kwargs)
        self.parties = {p.pk: p for p in agreement.parties.select_related("partner").order_by("order")}
        self.fields["party"].choices = [("", "---------")] + [
            (pk, f"{p.ordinal_label} — {p.partner.name}") for pk, p in self.parties.items()
        ]
