"""Forms of the portal: evidence, verdicts, invitations and accepting an invitation."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agreements.uploads import inspect_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked like a single upload (size, type by content)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(single(upload, initial))
                inspect_upload(upload)
            except ValidationError as error:
                errors.extend(
                    _("%(name)s: %(message)s") % {"name": upload.name, "message": message}
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class EvidenceForm(forms.Form):
    files = MultipleFileField(
        label=_("Berkas bukti"),
        help_text=_("PDF, gambar (JPG/PNG) atau dokumen perkantoran; boleh lebih dari satu."),
        error_messages={"required": _("Lampirkan setidaknya satu berkas bukti.")},
    )
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class VerdictForm(forms.Form):
    VERIFY = "verify"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Keputusan"), choices=[(VERIFY, _("Verifikasi")), (REJECT, _("Tolak"))]
    )
    note = forms.CharField(label=_("Komentar"), required=False, max_length=5000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Tuliskan alasan penolakan."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200, required=False)


class AcceptInvitationForm(forms.Form):
    """The invited person chooses a password; Django's password validators judge it."""

    password1 = forms.CharField(label=_("Kata sandi"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif first:
            probe = User(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=self.invitation.full_name,
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
