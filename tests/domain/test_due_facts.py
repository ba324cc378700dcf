"""An agreement's precomputed due facts (docs/decisions/0064): after every service that changes
occurrences they equal a count by hand, and the list's "has overdue" and the dashboard's overdue figure
read from them give what the exact per-occurrence queries give."""

import datetime
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.utils import timezone

from agreements import selectors, services
from agreements.choices import OPEN_OCCURRENCE_STATUSES, OccurrenceStatus, Stage
from agreements.filtersets import AgreementFilterSet
from agreements.models import Agreement, ObligationOccurrence
from agreements.services.due_facts import refresh_due_facts
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, ObligationFactory
from tests.domain.law import pdf_upload

pytestmark = pytest.mark.django_db


def today():
    """Asked when the test runs (a run may cross midnight after this module is collected)."""
    return timezone.localdate()


def _by_hand(agreement_id):
    """(overdue count, next due date) counted in Python from the occurrences, not by the UPDATE."""
    rows = list(
        ObligationOccurrence.objects.filter(obligation__agreement_id=agreement_id).values_list(
            "status", "due_date"
        )
    )
    overdue = sum(1 for status, _due in rows if status == OccurrenceStatus.OVERDUE)
    dues = [due for status, due in rows if status in OPEN_OCCURRENCE_STATUSES]
    return overdue, min(dues) if dues else None


def assert_facts_current():
    for agreement in Agreement.objects.order_by("pk"):
        assert (agreement.overdue_count, agreement.next_due_on) == _by_hand(agreement.pk), agreement.title


def _agreement(actor, **fields):
    agreement = AgreementFactory(
        stage=Stage.IMPLEMENTATION,
        start_date=today() - datetime.timedelta(days=400),
        end_date=today() + datetime.timedelta(days=400),
        **fields,
    )
    party = AgreementPartyFactory(agreement=agreement, order=1)
    monthly = services.obligation_create(
        agreement=agreement,
        actor=actor,
        party=party,
        title="Laporan bulanan",
        frequency="monthly",
        first_due_date=today() - datetime.timedelta(days=100),
    )
    return agreement, party, monthly


def _first(obligation, status):
    return obligation.occurrences.filter(status=status).order_by("due_date").first()


def test_every_service_that_changes_occurrences_leaves_the_facts_current(staff_user):
    agreement, party, monthly = _agreement(staff_user)
    other, _party, _ = _agreement(staff_user, title="Lain")
    assert_facts_current()
    assert Agreement.objects.get(pk=agreement.pk).overdue_count > 0  # past due dates are created overdue

    late = _first(monthly, OccurrenceStatus.OVERDUE)
    services.occurrence_submit(occurrence=late, actor=staff_user, files=[pdf_upload("bukti.pdf")])
    assert_facts_current()
    services.occurrence_reject(occurrence=late, actor=staff_user, note="Kurang lengkap")
    assert_facts_current()
    services.occurrence_submit(occurrence=late, actor=staff_user)
    services.occurrence_verify(occurrence=late, actor=staff_user)
    assert_facts_current()
    services.occurrence_set_status(
        occurrence=_first(monthly, OccurrenceStatus.OVERDUE), actor=staff_user, status=OccurrenceStatus.WAIVED
    )
    assert_facts_current()

    # The daily run: two months on, the upcoming ones between become overdue.
    assert services.occurrences_mark_overdue(today() + datetime.timedelta(days=60)) > 0
    assert_facts_current()

    # A schedule changed (the occurrences regenerated), a new obligation, one deleted.
    services.obligation_update(obligation=monthly, actor=staff_user, frequency="quarterly")
    assert_facts_current()
    future = services.obligation_create(
        agreement=agreement,
        actor=staff_user,
        party=party,
        title="Laporan akhir",
        frequency="once",
        first_due_date=today() + datetime.timedelta(days=10),
    )
    assert Agreement.objects.get(pk=agreement.pk).next_due_on is not None
    assert_facts_current()
    services.obligation_delete(obligation=future, actor=staff_user)
    assert_facts_current()

    # The end date moved: the obligations that follow it gain or lose occurrences.
    services.agreement_update(
        agreement=Agreement.objects.get(pk=other.pk),
        actor=staff_user,
        end_date=today() + datetime.timedelta(days=40),
    )
    assert_facts_current()

    # The catch-up moves ended agreements; their occurrences, and so their facts, stay as they were.
    Agreement.objects.filter(pk=other.pk).update(end_date=today() - datetime.timedelta(days=1))
    assert services.agreements_move_ended_to_evaluation(today()) == 1
    assert_facts_current()


def test_a_stale_instance_saved_whole_does_not_put_back_old_facts(staff_user):
    agreement, _party, monthly = _agreement(staff_user)
    stale = Agreement.objects.get(pk=agreement.pk)
    services.occurrence_set_status(
        occurrence=_first(monthly, OccurrenceStatus.OVERDUE), actor=staff_user, status=OccurrenceStatus.WAIVED
    )
    stale.internal_notes = "catatan"
    stale.save()
    assert Agreement.objects.get(pk=agreement.pk).internal_notes == "catatan"
    assert_facts_current()


def test_refresh_is_one_lock_and_one_update_per_batch(staff_user, django_assert_num_queries):
    first, _p, _o = _agreement(staff_user)
    second, _p, _o = _agreement(staff_user, title="Kedua")
    Agreement.objects.update(overdue_count=0, next_due_on=None)
    with django_assert_num_queries(2):
        refresh_due_facts([first.pk, second.pk, first.pk])
    assert_facts_current()


def _dataset(actor):
    """Agreements with and without overdue occurrences, one archived, one whose only overdue obligation
    is internal (not shared with the parties)."""
    made = []
    for index in range(6):
        agreement, party, monthly = _agreement(actor, title=f"KS {index}")
        if index % 3 == 0:  # nothing overdue any more
            for occurrence in monthly.occurrences.filter(status=OccurrenceStatus.OVERDUE):
                services.occurrence_set_status(
                    occurrence=occurrence, actor=actor, status=OccurrenceStatus.NOT_FULFILLED
                )
        made.append((agreement, party, monthly))
    archived = made[1][0]
    services.agreement_archive(agreement=Agreement.objects.get(pk=archived.pk), actor=actor)
    return made


def _has_overdue(user, value):
    request = RequestFactory().get("/", {"has_overdue": value})
    request.user = user
    filterset = AgreementFilterSet(request.GET, queryset=Agreement.objects.visible_to(user), request=request)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def _exact_has_overdue(user):
    live = Agreement.objects.visible_to(user).live()
    overdue = ObligationOccurrence.objects.visible_to(user).filter(status=OccurrenceStatus.OVERDUE)
    with_overdue = set(overdue.values_list("obligation__agreement_id", flat=True))
    return {pk for pk in live.values_list("pk", flat=True) if pk in with_overdue}


def test_has_overdue_and_the_dashboard_count_equal_the_exact_queries(staff_user, manager_user):
    _dataset(staff_user)
    expected = _exact_has_overdue(staff_user)
    assert 0 < len(expected) < Agreement.objects.live().count()
    for user in (staff_user, manager_user):
        assert _has_overdue(user, "true") == expected
        assert (
            _has_overdue(user, "false")
            == set(Agreement.objects.live().values_list("pk", flat=True)) - expected
        )
        by_hand = ObligationOccurrence.objects.filter(
            status=OccurrenceStatus.OVERDUE, obligation__agreement__archived_at__isnull=True
        ).count()
        assert selectors.dashboard(user)["overdue_count"] == by_hand > 0


def test_partners_are_answered_from_the_occurrences_they_see(staff_user, partner_user, partner):
    shared, party, monthly = _agreement(staff_user, title="Bersama")
    party.partner = partner
    party.save()
    hidden = ObligationFactory(party=party, agreement=shared, shared_with_parties=False)
    ObligationOccurrence.objects.create(
        obligation=hidden, due_date=today() - datetime.timedelta(days=5), status=OccurrenceStatus.OVERDUE
    )
    monthly.shared_with_parties = True
    monthly.save()
    for occurrence in monthly.occurrences.filter(status=OccurrenceStatus.OVERDUE):
        services.occurrence_set_status(
            occurrence=occurrence, actor=staff_user, status=OccurrenceStatus.WAIVED
        )
    refresh_due_facts([shared.pk])
    # The agreement has an overdue occurrence, but not one the partner may read.
    assert Agreement.objects.get(pk=shared.pk).overdue_count == 1
    assert _has_overdue(staff_user, "true") == {shared.pk}
    assert _has_overdue(partner_user, "true") == set()
    assert _has_overdue(partner_user, "false") == {shared.pk}


def test_the_migration_fills_the_facts_of_existing_agreements(staff_user):
    _agreement(staff_user)
    _agreement(staff_user, title="Kedua")
    Agreement.objects.update(overdue_count=0, next_due_on=None)
    migration = import_module("agreements.migrations.0018_agreement_due_facts")
    executor = MigrationExecutor(connection)
    state_apps = executor.loader.project_state([("agreements", "0018_agreement_due_facts")]).apps
    migration.backfill(state_apps, connection.schema_editor())
    assert Agreement.objects.filter(overdue_count__gt=0).count() == 2
    assert_facts_current()
