from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class FileCheckForm(forms.Form):
    """A file to compare with the issued document. The view's upload handler keeps it in memory and
    drops it when it is larger than the limit; the form then says so."""

    file = forms.FileField(
        label=_("Berkas PDF yang ingin diperiksa"),
        allow_empty_file=False,
        error_messages={
            "required": _("Pilih berkas PDF yang ingin diperiksa."),
            "empty": _("Berkas kosong."),
        },
    )

    def __init__(self, *args, too_large: bool = False, limit: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.limit = limit
        if too_large:  # the handler dropped the file: say why, not that none was chosen
            self.fields["file"].required = False

    def clean(self):
        if self.too_large:
            raise forms.ValidationError(
                _("Berkas terlalu besar untuk diperiksa; batasnya %(limit)s.")
                % {"limit": filesizeformat(self.limit)},
                code="too_large",
            )
        return super().clean()
