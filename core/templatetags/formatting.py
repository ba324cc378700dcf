"""Rupiah amounts, numbers and dates as people read them: "Rp 1.250.000.000", "Rp 47,3 M", "250", "12,5",
"22 November 2026". The one formatter of pages, PDFs and e-mails: each of them loads these filters.

All follow the active language (Bahasa Indonesia by default; English gives "Rp 1,250,000,000").
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

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


# Indonesian short scales: triliun, miliar, juta, ribu.
COMPACT_UNITS = (
    (Decimal(10) ** 12, "T"),
    (Decimal(10) ** 9, "M"),
    (Decimal(10) ** 6, "jt"),
    (Decimal(10) ** 3, "rb"),
)


@register.filter
def rupiah_ringkas(value):
    """A money amount in the short form of charts and tight cells: "Rp 47,3 M", "Rp 850 jt", "Rp 12 rb",
    one decimal at most (dropped when it is zero), in the active language's decimal separator."""
    if value is None or value == "":
        return EMPTY
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return value
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    for index, (size, unit) in enumerate(COMPACT_UNITS):
        if amount >= size:
            scaled = (amount / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if scaled >= 1000 and index:  # 999,96 jt rounds up to the next unit: "Rp 1 M"
                size, unit = COMPACT_UNITS[index - 1]
                scaled = (amount / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            decimals = 0 if scaled == scaled.to_integral_value() else 1
            return f"{sign}Rp {formats.number_format(scaled, decimal_pos=decimals, use_l10n=True)} {unit}"
    return f"{sign}{rupiah(amount.quantize(Decimal(1)))}"


@register.filter
def angka(value):
    """A number with the active language's separators and only the decimals that mean something:
    250.00 → "250", 300000000 → "300.000.000", 12.50 → "12,5"."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return value
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return value
    if not number.is_finite():
        return value
    # normalize() drops trailing zeros; what is left behind the point is what means something.
    decimals = max(0, -number.normalize().as_tuple().exponent)
    return formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def pasal(value):
    """A clause reference as "Pasal 5", whether it was typed "5" or "Pasal 5"."""
    text = str(value or "").strip()
    if not text:
        return EMPTY
    word = _("Pasal")
    for prefix in {word, "Pasal"}:
        if text.lower().startswith(prefix.lower() + " ") or text.lower() == prefix.lower():
            text = text[len(prefix) :].strip()
            break
    return f"{word} {text}".strip()


@register.filter
def nilai(value):
    """Any stored value as people read it: dates written out, numbers with separators, yes or no."""
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, datetime):
        return tanggal_waktu(value)
    if isinstance(value, date):
        return tanggal(value)
    if isinstance(value, Decimal | float) or (isinstance(value, int) and not isinstance(value, bool)):
        return angka(value)
    if value is None or value == "":
        return EMPTY
    return str(value)


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
