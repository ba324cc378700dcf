"""The split rule (DESIGN.md §3): a non-empty set of percent shares totals exactly 100."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


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
            problems.append(_("Porsi %(v)s %% di luar rentang 0–100 %%.") % {"v": value})
        values.append(value)
    if values and not problems:
        total = sum(values, Decimal(0))
        if total != HUNDRED:
            problems.append(
                _("Jumlah porsi %(total)s %%, harus tepat 100 %%.") % {"total": total.normalize()}
            )
    return problems


def split_is_valid(percents) -> bool:
    return not percent_split_problems(percents)
