"""Validators the apps' models share."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def not_after_today(value):
    """What already happened (a signing, an approval, a measurement) cannot be dated in the future."""
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("Tanggal tidak boleh setelah hari ini."), code="future_date")
