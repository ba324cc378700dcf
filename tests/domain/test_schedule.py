from datetime import date

import pytest

from agreements import services
from agreements.choices import OccurrenceStatus
from agreements.models import ObligationOccurrence
from agreements.schedule import due_dates
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.domain.law import pdf_upload


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("once", [date(2026, 1, 31)]),
        (
            "monthly",
            [
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
                date(2026, 5, 31),
                date(2026, 6, 30),
            ],
        ),
        ("quarterly", [date(2026, 1, 31), date(2026, 4, 30)]),
        ("semester", [date(2026, 1, 31)]),
        ("yearly", [date(2026, 1, 31)]),
    ],
)
def test_due_dates_stay_at_month_end(frequency, expected):
    assert due_dates(frequency, date(2026, 1, 31), date(2026, 6, 30)) == expected


def test_semester_and_yearly_over_three_years():
    assert len(due_dates("semester", date(2026, 6, 30), date(2028, 12, 31))) == 6
    assert due_dates("yearly", date(2026, 12, 31), date(2028, 12, 31))[-1] == date(2028, 12, 31)


@pytest.mark.django_db
def test_addendum_extends_occurrences_without_touching_worked_ones(staff_user):
    agreement = AgreementFactory(start_date=date(2030, 1, 1), end_date=date(2030, 12, 31))
    party = AgreementPartyFactory(agreement=agreement, order=1)
    obligation = services.obligation_create(
        agreement=agreement,
        actor=staff_user,
        party=party,
        title="Laporan triwulan",
        frequency="quarterly",
        first_due_date=date(2030, 3, 31),
    )
    assert list(obligation.occurrences.values_list("due_date", flat=True)) == [
        date(2030, 3, 31),
        date(2030, 6, 30),
        date(2030, 9, 30),
        date(2030, 12, 31),
    ]
    first = obligation.occurrences.get(due_date=date(2030, 3, 31))
    services.occurrence_set_status(occurrence=first, actor=staff_user, status=OccurrenceStatus.WAIVED)

    mou = services.instrument_create(agreement=agreement, actor=staff_user, kind="pks", title="PKS")
    addendum = services.instrument_create(
        agreement=agreement,
        actor=staff_user,
        kind="addendum",
        parent=mou,
        title="Adendum I",
        status="signed",
        signing_date=date(2026, 11, 1),  # signed in the past (a signing cannot be dated after today)
        new_end_date=date(2031, 6, 30),
    )
    # The new end date takes effect once the addendum's signed copy is attached.
    services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("adendum.pdf"),
        title="Adendum I bertanda tangan",
        doc_type="signed_copy",
        visibility="parties",
        instrument=addendum,
    )
    agreement.refresh_from_db()
    assert agreement.end_date == date(2031, 6, 30)
    dues = list(obligation.occurrences.order_by("due_date").values_list("due_date", "status"))
    assert dues[0] == (date(2030, 3, 31), OccurrenceStatus.WAIVED)
    assert [d for d, _ in dues][-2:] == [date(2031, 3, 31), date(2031, 6, 30)]

    # Shortening the term drops only untouched occurrences past the new end (dates are in the future,
    # so none was marked overdue on creation).
    services.agreement_update(agreement=agreement, actor=staff_user, end_date=date(2030, 2, 1))
    assert list(obligation.occurrences.values_list("due_date", flat=True)) == [date(2030, 3, 31)]


@pytest.mark.django_db
def test_overdue_marking_skips_submitted(staff_user):
    agreement = AgreementFactory(start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
    party = AgreementPartyFactory(agreement=agreement, order=1)
    obligation = services.obligation_create(
        agreement=agreement,
        actor=staff_user,
        party=party,
        title="Bulanan",
        frequency="monthly",
        first_due_date=date(2026, 1, 15),
    )
    occurrences = list(obligation.occurrences.order_by("due_date"))
    ObligationOccurrence.objects.filter(pk__in=[o.pk for o in occurrences]).update(
        status=OccurrenceStatus.UPCOMING
    )
    ObligationOccurrence.objects.filter(pk=occurrences[1].pk).update(status=OccurrenceStatus.SUBMITTED)
    changed = services.occurrences_mark_overdue(today=date(2026, 3, 1))
    assert changed == 1
    statuses = dict(obligation.occurrences.values_list("due_date", "status"))
    assert statuses[date(2026, 1, 15)] == OccurrenceStatus.OVERDUE
    assert statuses[date(2026, 2, 15)] == OccurrenceStatus.SUBMITTED
    assert statuses[date(2026, 3, 15)] == OccurrenceStatus.UPCOMING
    overdue = obligation.occurrences.get(due_date=date(2026, 1, 15))
    latest = overdue.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        OccurrenceStatus.OVERDUE,
        None,
        "overdue (system)",
    )
