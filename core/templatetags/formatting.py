"""Rupiah amounts and dates as people read them: "Rp 1.250.000.000", "22 November 2026".

Both follow the active language (Bahasa Indonesia by default; English gives "Rp 1,250,000,000").
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone

register = template.Library()

EMPTY = "—"


@register.filter
def rupiah(value):
    """A money amount with the active language's thousands separator; decimals only when there are cents."""
    if value is None or value == "":
        return EMPTY
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    decimals = 0 if amount == amount.to_integral_value() else 2
    digits = formats.number_format(abs(amount), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"-Rp {digits}" if amount < 0 else f"Rp {digits}"


@register.filter
def tanggal(value):
    """A date (or the local date of a datetime) with the month written out: "22 November 2026"."""
    if not value:
        return EMPTY
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, date):
        return value
    return formats.date_format(value, "j F Y")


@register.filter
def tanggal_waktu(value):
    """A moment in local time: "22 November 2026 14.05"."""
    if not value:
        return EMPTY
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y H.i")
