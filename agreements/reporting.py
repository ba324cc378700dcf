"""The reporting rules: which agreements a report counts as running, signed or ended in a period.

One definition, on querysets, for every report (and for the dashboard): a person counting the
register by hand with these words must find the same numbers.

- *Running in P*: an agreement with a signed binding text — an MoU, a PKS, a KPBU agreement or an
  asset-utilisation agreement — whose term, cut at its closing date, overlaps P. The term starts on its
  start date (or, when none is recorded, on the first signing of a binding text) and ends on the
  earlier of its planned end and its closing date; with neither, it is still running. A letter of
  intent binds nobody and starts no term; an agreement without any date is never counted.
- *Signed in P*: the signing of a binding text falls in P (a letter of intent is not counted).
- *Ended in P*: a running agreement whose term, cut at its closing date, ends in P on or before the
  day the report is made (a term still to run has not ended).
- Rejected and cancelled proposals never count, whatever their dates; nor do archived agreements.
- *In progress*: a proposal in preparation or signing without a signed binding text yet.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, DateField, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .choices import InstrumentKind, InstrumentStatus, Stage
from .models import Instrument

BINDING_INSTRUMENTS = (
    InstrumentKind.MOU,
    InstrumentKind.PKS,
    InstrumentKind.KPBU_AGREEMENT,
    InstrumentKind.ASSET_AGREEMENT,
)
# An expired text was signed: it still shows that the agreement ran.
SIGNED_STATUSES = (InstrumentStatus.SIGNED, InstrumentStatus.VALIDATED, InstrumentStatus.EXPIRED)
NEVER_COUNTED = (Stage.REJECTED, Stage.CANCELLED)
IN_PROGRESS_STAGES = (Stage.PREPARATION, Stage.SIGNING)
SEMESTERS = {1: ((1, 1), (6, 30)), 2: ((7, 1), (12, 31))}


@dataclass(frozen=True)
class Period:
    """A year, or one semester (I: January–June, II: July–December) of a year."""

    year: int
    semester: int | None = None

    def __post_init__(self):
        if not 2000 <= self.year <= 2100 or self.semester not in (None, 1, 2):
            raise ValueError(_("Periode laporan tidak dikenal."))

    @classmethod
    def from_params(cls, params: dict, today: date) -> "Period":
        """The period a report's parameters name (the current year when none is given)."""
        year = int(params.get("year") or today.year)
        semester = int(params["semester"]) if params.get("semester") else None
        return cls(year, semester)

    @property
    def start(self) -> date:
        month, day = SEMESTERS[self.semester][0] if self.semester else (1, 1)
        return date(self.year, month, day)

    @property
    def end(self) -> date:
        month, day = SEMESTERS[self.semester][1] if self.semester else (12, 31)
        return date(self.year, month, day)

    @property
    def label(self) -> str:
        if self.semester:
            return _("Semester %(s)s Tahun %(y)s") % {"s": "I" * self.semester, "y": self.year}
        return _("Tahun %(y)s") % {"y": self.year}

    @property
    def slug(self) -> str:
        return f"{self.year}-semester-{self.semester}" if self.semester else str(self.year)


def signed_binding_texts() -> QuerySet:
    """The texts that make an agreement run: signed MoUs, PKS, KPBU and asset agreements."""
    return Instrument.objects.filter(kind__in=BINDING_INSTRUMENTS, status__in=SIGNED_STATUSES)


def _binding_texts():
    return signed_binding_texts().filter(agreement=OuterRef("pk"))


def with_term(agreements: QuerySet) -> QuerySet:
    """`agreements` annotated with `has_binding_text`, `term_start` and `term_end` (the planned end
    cut at the closing date), the three facts every rule below reads."""
    first_signing = Subquery(
        _binding_texts()
        .exclude(signing_date=None)
        .order_by()
        .values("agreement")
        .annotate(first=Min("signing_date"))
        .values("first")[:1],
        output_field=DateField(),
    )
    return agreements.annotate(
        has_binding_text=Exists(_binding_texts()),
        term_start=Coalesce("start_date", first_signing, output_field=DateField()),
        # Portable on SQLite and PostgreSQL alike (LEAST treats NULL differently on the two).
        term_end=Case(
            When(closed_on__isnull=False, end_date__isnull=True, then=F("closed_on")),
            When(closed_on__lt=F("end_date"), then=F("closed_on")),
            default=F("end_date"),
            output_field=DateField(),
        ),
    )


def counted(agreements: QuerySet) -> QuerySet:
    """What any report may count: live agreements that are not rejected or cancelled proposals."""
    return agreements.filter(archived_at__isnull=True).exclude(stage__in=NEVER_COUNTED)


def running_q(period: Period) -> Q:
    """On a queryset from `with_term`: the term overlaps the period."""
    return (
        Q(has_binding_text=True, term_start__lte=period.end)
        & (Q(term_end__isnull=True) | Q(term_end__gte=period.start))
        & ~Q(stage__in=NEVER_COUNTED)
    )


def with_signing(agreements: QuerySet, period: Period) -> QuerySet:
    """`agreements` annotated with `signed_in_period`: a binding text was signed in the period."""
    signed = _binding_texts().filter(signing_date__gte=period.start, signing_date__lte=period.end)
    return agreements.annotate(signed_in_period=Exists(signed))


def signed_q() -> Q:
    """On a queryset from `with_signing`."""
    return Q(signed_in_period=True) & ~Q(stage__in=NEVER_COUNTED)


def ended_q(period: Period, today: date) -> Q:
    """On a queryset from `with_term`: a running agreement whose term ended in the period, by today."""
    return running_q(period) & Q(term_end__lte=min(period.end, today))


def in_progress_q() -> Q:
    """On a queryset from `with_term`: a proposal still being prepared or signed."""
    return Q(stage__in=IN_PROGRESS_STAGES, has_binding_text=False)


def running_in(agreements: QuerySet, period: Period) -> QuerySet:
    return with_term(counted(agreements)).filter(running_q(period))


def signed_in(agreements: QuerySet, period: Period) -> QuerySet:
    return with_signing(counted(agreements), period).filter(signed_q())


def ended_in(agreements: QuerySet, period: Period, today: date) -> QuerySet:
    return with_term(counted(agreements)).filter(ended_q(period, today))


def in_progress(agreements: QuerySet) -> QuerySet:
    return with_term(counted(agreements)).filter(in_progress_q())
