"""Forms for the user's own account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    """What a user may change about themselves: name, contact details and language."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "preferred_language"]
        labels = {
            "first_name": _("Nama depan"),
            "last_name": _("Nama belakang"),
            "email": _("Email"),
            "phone": _("Telepon"),
            "preferred_language": _("Bahasa"),
        }


class OtpCodeForm(forms.Form):
    """The second sign-in step: six digits from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=32,
        help_text=_("Enam angka dari aplikasi autentikator, atau satu kode pemulihan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        required=False,
        help_text=_("Untuk mengenali token ini nanti, misalnya nama aplikasi yang memakainya."),
    )
