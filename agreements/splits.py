"""The split rule (DESIGN.md §3): a non-empty set of percent shares totals exactly 100."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


def format_percent(value: Decimal) -> str:
    """90 → "90", 33.50 → "33,5" in Bahasa Indonesia: no exponent, no trailing zeros."""
    text = format(value.quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    return number_format(Decimal(text), use_l10n=True)


def percent_split_problems(percents) -> list[str]:
    """Plain reasons why these percent shares cannot stand; empty when they can.

    No shares at all is allowed (the split is not decided yet). Decimal arithmetic only.
    """
    problems = []
    values = []
    for raw in percents:
        try:
            value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
        except (InvalidOperation, ValueError):
            problems.append(_("Porsi '%(v)s' bukan angka.") % {"v": raw})
            continue
        if not value.is_finite() or value < 0 or value > HUNDRED:
            problems.append(_("Porsi %(v)s %% di luar rentang 0–100 %%.") % {"v": format_percent(value)})
        values.append(value)
    if values and not problems:
        total = sum(values, Decimal(0))
        if total != HUNDRED:
            problems.append(
                _("Jumlah porsi %(total)s %%, harus tepat 100 %%.") % {"total": format_percent(total)}
            )
    return problems


def split_is_valid(percents) -> bool:
    return not percent_split_problems(percents)
