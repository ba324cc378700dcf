"""Forms for partners, contacts, OPDs and cooperation objects. Views save them through registry.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import PARTNER_FIELDS
from .models import Contact, CooperationObject, OrganisationUnit, Partner


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def _unique_identifier(self, field, message):
        value = self.cleaned_data.get(field, "").strip()
        if value and Partner.objects.exclude(pk=self.instance.pk).filter(**{field: value}).exists():
            # The database constraint says the same, but as an error of the whole form; here it sits
            # at the field where the person typed it.
            raise forms.ValidationError(message, code="unique")
        return value

    def clean_nib(self):
        return self._unique_identifier("nib", _("Mitra dengan NIB ini sudah terdaftar."))

    def clean_npwp(self):
        return self._unique_identifier("npwp", _("Mitra dengan NPWP ini sudah terdaftar."))


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "email", "phone", "receives_reminders"]


class OrganisationUnitForm(forms.ModelForm):
    class Meta:
        model = OrganisationUnit
        fields = ["code", "name", "short_name", "is_active"]


class CooperationObjectForm(forms.ModelForm):
    class Meta:
        model = CooperationObject
        fields = ["name", "government_affairs", "description", "location", "organisation_unit", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "government_affairs": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_unit"].queryset = OrganisationUnit.objects.active().order_by("name")


class UnitTransferForm(forms.Form):
    """Where to move an OPD's agreements, obligations and cooperation objects."""

    target = forms.ModelChoiceField(
        label=_("Pindahkan ke perangkat daerah"), queryset=OrganisationUnit.objects.none()
    )
    deactivate_source = forms.BooleanField(
        label=_("Nonaktifkan perangkat daerah asal setelah dipindahkan"), required=False, initial=True
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            OrganisationUnit.objects.active().exclude(pk=source.pk).order_by("name")
        )
