"""Due dates of a recurring obligation and the labels of their periods."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from .choices import Frequency

STEP_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMESTER: 6, Frequency.YEARLY: 12}
MAX_OCCURRENCES = 600  # fifty years of monthly reports: a guard against a mistyped year


def due_dates(frequency: str, first_due: date, until: date | None) -> list[date]:
    """Every due date from `first_due` to `until` inclusive.

    Each date is computed from the first one (not from the previous), so a due date on the 31st
    stays at the end of the month instead of drifting to the 28th.
    """
    if frequency == Frequency.ONCE or until is None:
        return [first_due]
    step = STEP_MONTHS[frequency]
    dates = []
    for k in range(MAX_OCCURRENCES):
        due = first_due + relativedelta(months=step * k)
        if due > until:
            break
        dates.append(due)
    return dates


def period_label(frequency: str, due: date) -> str:
    if frequency == Frequency.MONTHLY:
        return due.strftime("%Y-%m")
    if frequency == Frequency.QUARTERLY:
        return _("TW %(q)s %(y)s") % {"q": (due.month - 1) // 3 + 1, "y": due.year}
    if frequency == Frequency.SEMESTER:
        return _("Semester %(s)s %(y)s") % {"s": 1 if due.month <= 6 else 2, "y": due.year}
    if frequency == Frequency.YEARLY:
        return str(due.year)
    return ""
