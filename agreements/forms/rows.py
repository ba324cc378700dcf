"""The repeatable rows of the agreement editor: parties, obligations, contributions, risks and benefits
with shares.

Rows are plain forms (not model forms): the editor saves them through the services. Parties are
identified by their partner in every row that refers to one, so that a risk share can point at a
party that is new in the same submission.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from ..choices import (
    BenefitKind,
    ContributionKind,
    Frequency,
    ObligationCategory,
    ObligationKind,
    PartyRole,
    RiskCategory,
    RiskStatus,
    SplitMethod,
)
from ..models.structure import FundingSourceKind
from .widgets import BootstrapForm, DateInput

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]
EMPTY = [("", "---------")]


def offer_parties(form, name, partner_choices, party_choices):
    """A select that names a party by its partner: it offers only the agreement's parties, and keeps
    the value it holds when that one is not (or no longer) a party, so the service's message explains
    it. Any selectable partner still parses: whether it is a party is the service's to say, with the
    rest of the submission (a party added in the same submission counts)."""
    field = form.fields[name]
    field.choices = EMPTY + list(partner_choices)
    offered = list(party_choices)
    current = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    names = dict(partner_choices)
    current = int(current) if str(current or "").isdigit() else None
    if current is not None and current not in dict(offered) and current in names:
        offered.append((current, names[current]))
    field.widget.choices = EMPTY + offered
    field.widget.attrs["data-party-select"] = ""


class RowForm(BootstrapForm):
    """A row that may already exist (hidden `id`) and that takes its select choices from the editor:
    a party row's partner from every selectable partner, a row's party from the agreement's parties."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, partner_choices=(), party_choices=(), unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "partner":
                field.choices = EMPTY + list(partner_choices)
                field.widget.attrs["data-partner-select"] = ""
            elif name == "party_partner":
                offer_parties(self, name, partner_choices, party_choices)
            elif name == "responsible_unit":
                field.choices = EMPTY + list(unit_choices)


class PartyRowForm(RowForm):
    partner = forms.TypedChoiceField(
        label=_("Mitra"), coerce=int, widget=forms.Select(attrs={"data-party-partner": ""})
    )
    roles = forms.MultipleChoiceField(
        label=_("Peran"), choices=PartyRole.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    signatory_name = forms.CharField(label=_("Nama penandatangan"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Jabatan penandatangan"), max_length=200, required=False)
    mandate_reference = forms.CharField(label=_("Surat kuasa"), max_length=200, required=False)

    def search_name(self):
        """The name of this row's partner search box (read by the editor, not a field of the row)."""
        return self.add_prefix("partner_search")

    def search_query(self):
        return self.data.get(self.search_name(), "") if self.is_bound else ""


class ObligationRowForm(RowForm):
    party_partner = forms.TypedChoiceField(label=_("Pihak yang bertanggung jawab"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=ObligationKind.choices, initial=ObligationKind.OBLIGATION
    )
    category = forms.ChoiceField(
        label=_("Kategori"), choices=ObligationCategory.choices, initial=ObligationCategory.OTHER
    )
    title = forms.CharField(label=_("Uraian singkat"), max_length=300)
    clause_reference = forms.CharField(label=_("Pasal"), max_length=100, required=False)
    frequency = forms.ChoiceField(label=_("Jadwal"), choices=Frequency.choices, initial=Frequency.ONCE)
    first_due_date = forms.DateField(label=_("Jatuh tempo pertama"), widget=DateInput)
    until_date = forms.DateField(label=_("Berulang hingga"), required=False, widget=DateInput)
    responsible_unit = forms.TypedChoiceField(
        label=_("Perangkat daerah penanggung jawab"), coerce=int, required=False, empty_value=None
    )
    shared_with_parties = forms.BooleanField(
        label=_("Dibagikan kepada para pihak"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        first, until = data.get("first_due_date"), data.get("until_date")
        if first and until and until < first:
            self.add_error("until_date", _("Tanggal akhir jadwal tidak boleh sebelum jatuh tempo pertama."))
        return data


class ContributionRowForm(RowForm):
    """What one party brings: funds, land, staff… with an estimated value in Rupiah."""

    party_partner = forms.TypedChoiceField(label=_("Pihak yang berkontribusi"), coerce=int)
    kind = forms.ChoiceField(label=_("Jenis kontribusi"), choices=ContributionKind.choices)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    estimated_value = forms.DecimalField(
        label=_("Perkiraan nilai (Rp)"), max_digits=18, decimal_places=2, required=False, min_value=Decimal(0)
    )
    shared_with_parties = forms.BooleanField(
        label=_("Dibagikan kepada para pihak"), required=False, initial=True
    )


class ShareForm(BootstrapForm):
    """One party's share of a risk or benefit; the party is named by its partner."""

    partner = forms.TypedChoiceField(label=_("Pihak"), coerce=int)
    percent = forms.DecimalField(
        label=_("Porsi (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "data-split-percent": ""}),
    )

    def __init__(self, *args, partner_choices=(), party_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        offer_parties(self, "partner", partner_choices, party_choices)


class BenefitShareForm(ShareForm):
    amount = forms.DecimalField(
        label=_("Nominal (Rp)"),
        max_digits=18,
        decimal_places=2,
        required=False,
        min_value=Decimal(0),
    )


class StyledDeleteMixin:
    """The formset's DELETE box is added after the form's own fields: style and label it here."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Hapus")
            form.fields["DELETE"].widget.attrs.update({"class": "form-check-input", "data-row-delete": ""})


class ShareFormSet(StyledDeleteMixin, BaseFormSet):
    def shares(self):
        """The kept rows (existing or filled in, not removed) as dicts of partner, percent, amount."""
        existing = self.initial_form_count()
        return [
            form.cleaned_data
            for index, form in enumerate(self.forms)
            if (index < existing or form.has_changed())
            and getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
        ]


RiskShareFormSet = formset_factory(ShareForm, formset=ShareFormSet, extra=0, can_delete=True)
BenefitShareFormSet = formset_factory(BenefitShareForm, formset=ShareFormSet, extra=0, can_delete=True)
NEW_ROW_SHARES = 2  # empty share rows offered with a new risk or benefit


class SplitRowForm(RowForm):
    """A risk or benefit row: carries its own formset of shares (`self.shares`)."""

    share_formset_class = None

    def __init__(self, *args, partner_choices=(), party_choices=(), shares_initial=None, **kwargs):
        super().__init__(*args, partner_choices=partner_choices, party_choices=party_choices, **kwargs)
        prefix = f"{self.prefix}-shares"
        self.shares = self.share_formset_class(
            self.data if self.is_bound else None,
            prefix=prefix,
            initial=shares_initial,
            form_kwargs={"partner_choices": partner_choices, "party_choices": party_choices},
        )
        if not self.is_bound and not shares_initial:
            self.shares.extra = NEW_ROW_SHARES

    def has_changed(self):
        return super().has_changed() or self.shares.has_changed()

    def is_valid(self):
        own = super().is_valid()
        if not self.has_changed() and self.empty_permitted:
            return own
        return self.shares.is_valid() and own


class RiskRowForm(SplitRowForm):
    share_formset_class = RiskShareFormSet

    category = forms.ChoiceField(label=_("Kategori risiko"), choices=RiskCategory.choices)
    event = forms.CharField(label=_("Peristiwa risiko"), max_length=300)
    likelihood = forms.TypedChoiceField(label=_("Kemungkinan (1–5)"), choices=SCORE_CHOICES, coerce=int)
    impact = forms.TypedChoiceField(label=_("Dampak (1–5)"), choices=SCORE_CHOICES, coerce=int)
    mitigation = forms.CharField(
        label=_("Mitigasi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices, initial=RiskStatus.OPEN)
    shared_with_parties = forms.BooleanField(
        label=_("Dibagikan kepada para pihak"), required=False, initial=True
    )


class BenefitRowForm(SplitRowForm):
    share_formset_class = BenefitShareFormSet

    kind = forms.ChoiceField(label=_("Jenis manfaat"), choices=BenefitKind.choices)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    split_method = forms.ChoiceField(
        label=_("Cara pembagian"), choices=SplitMethod.choices, initial=SplitMethod.PERCENT
    )
    shared_with_parties = forms.BooleanField(
        label=_("Dibagikan kepada para pihak"), required=False, initial=True
    )


class FundingSourceRowForm(RowForm):
    """One budget year of one funding source; for the region's own APBD, the budget line that holds it."""

    kind = forms.ChoiceField(label=_("Sumber dana"), choices=FundingSourceKind.choices)
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Jumlah (Rp)"), max_digits=18, decimal_places=2, min_value=Decimal(0))
    budget_line = forms.CharField(
        label=_("Mata anggaran APBD"),
        max_length=200,
        required=False,
        help_text=_("Kode rekening / sub kegiatan pada DPA; kosong berarti belum teranggarkan."),
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class RowFormSet(StyledDeleteMixin, BaseFormSet):
    """Passes each row its nested share initial data (`initial[i]["shares"]`)."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if issubclass(self.form, SplitRowForm):
            initial = (
                self.initial[index]
                if self.initial and index is not None and index < len(self.initial)
                else {}
            )
            kwargs["shares_initial"] = initial.get("shares") if initial else None
        return kwargs

    def kept_forms(self):
        """Rows that carry data and are not marked for removal, in their order on the page."""
        existing = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < existing or form.has_changed()) and not self._should_delete_form(form)
        ]

    def deleted_ids(self):
        return {
            f.cleaned_data["id"]
            for f in self.forms
            if self._should_delete_form(f) and getattr(f, "cleaned_data", None) and f.cleaned_data.get("id")
        }


def row_formset(form_class):
    return formset_factory(form_class, formset=RowFormSet, extra=0, can_delete=True)


PartyFormSet = row_formset(PartyRowForm)
ObligationFormSet = row_formset(ObligationRowForm)
ContributionFormSet = row_formset(ContributionRowForm)
RiskFormSet = row_formset(RiskRowForm)
BenefitFormSet = row_formset(BenefitRowForm)
FundingSourceFormSet = row_formset(FundingSourceRowForm)

FORMSETS = {
    "parties": PartyFormSet,
    "obligations": ObligationFormSet,
    "contributions": ContributionFormSet,
    "risks": RiskFormSet,
    "benefits": BenefitFormSet,
    "funding_sources": FundingSourceFormSet,
}
SHARE_FORMSETS = {"risks": RiskShareFormSet, "benefits": BenefitShareFormSet}
