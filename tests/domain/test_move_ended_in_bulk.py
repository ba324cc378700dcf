"""The daily run's move of ended agreements to evaluation is set-based: the same queries for 3 or 12
agreements, each with its history record (and related-units snapshot), its stage transition, and
exactly one summary request, coalesced in one waiting job; a stage job renders a slice and hands the
rest on, still one request per agreement."""

import datetime

import pytest

from agreements import services
from agreements.choices import Stage
from agreements.models import Agreement, StageTransition
from jobs import services as job_services
from jobs.choices import JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob
from jobs.runner import job_run
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import OrganisationUnitFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
# The batch's savepoint, the batch locked and read, updated, its history records, their related-units
# snapshot (read, written), the stage transitions, the coalescing (the waiting job locked, a new one
# inserted) and the savepoint released.
MOVE_QUERIES = 10


def _ended(count, **extra):
    agreements = []
    for _ in range(count):
        agreement = AgreementFactory(
            stage=Stage.IMPLEMENTATION,
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2026, 5, 31),
            **extra,
        )
        AgreementPartyFactory(agreement=agreement, order=1)
        agreements.append(agreement)
    return agreements


def _requests_per_agreement():
    listed = []
    for job in BackgroundJob.objects.filter(kind=JobKind.AGREEMENT_SUMMARY):
        listed += job.parameters["agreement_ids"]
    return {pk: listed.count(pk) for pk in set(listed)}


@pytest.mark.parametrize("count", [3, 12])
def test_the_move_is_a_fixed_number_of_queries(count, django_assert_num_queries):
    agreements = _ended(count)
    unit = OrganisationUnitFactory()
    agreements[0].related_units.add(unit)
    still_running = AgreementFactory(stage=Stage.IMPLEMENTATION, end_date=datetime.date(2026, 6, 1))
    versions = {a.pk: a.version for a in agreements}

    with django_assert_num_queries(MOVE_QUERIES):
        assert services.agreements_move_ended_to_evaluation(TODAY) == count

    ids = [a.pk for a in agreements]
    moved = Agreement.objects.filter(pk__in=ids)
    assert {a.stage for a in moved} == {Stage.EVALUATION}
    assert {a.pk: a.version for a in moved} == {pk: v + 1 for pk, v in versions.items()}
    still_running.refresh_from_db()
    assert still_running.stage == Stage.IMPLEMENTATION

    for agreement in agreements:
        record = agreement.history.order_by("-history_id").first()
        assert (record.history_type, record.stage, record.version, record.history_user) == (
            "~",
            Stage.EVALUATION,
            versions[agreement.pk] + 1,
            None,
        )
        transition = StageTransition.objects.get(agreement=agreement)
        assert (transition.from_stage, transition.to_stage, transition.actor) == (
            Stage.IMPLEMENTATION,
            Stage.EVALUATION,
            None,
        )
        assert transition.note == "Jangka waktu berakhir; dipindahkan otomatis oleh sistem."
    snapshot = agreements[0].history.order_by("-history_id").first()
    assert [row.organisationunit_id for row in snapshot.related_units.all()] == [unit.pk]

    job = BackgroundJob.objects.get(kind=JobKind.AGREEMENT_SUMMARY)
    assert job.parameters["agreement_ids"] == ids and job.parameters["reason"] == "stage"
    assert services.agreements_move_ended_to_evaluation(TODAY) == 0


def test_each_agreement_gets_exactly_one_summary_request_across_runs():
    first = _ended(3)
    services.agreements_move_ended_to_evaluation(TODAY)
    # An agreement moved by hand meanwhile already sits in the waiting job: it is not listed twice.
    second = _ended(2)
    job_services.summary_requested_after_stage_change(agreement_ids=[second[0].pk])
    services.agreements_move_ended_to_evaluation(TODAY)
    assert BackgroundJob.objects.filter(kind=JobKind.AGREEMENT_SUMMARY).count() == 1
    assert _requests_per_agreement() == {a.pk: 1 for a in first + second}


def test_a_stage_job_renders_a_slice_and_hands_the_rest_to_a_job_of_its_own(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(job_services, "STAGE_SLICE", 2)
    agreements = _ended(5)
    services.agreements_move_ended_to_evaluation(TODAY)
    job = BackgroundJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert job_run(job.pk) == "done"  # the tests' Celery is eager: each continuation runs at once
    jobs = list(BackgroundJob.objects.order_by("pk"))
    assert [j.parameters["agreement_ids"] for j in jobs] == [
        [agreements[0].pk, agreements[1].pk],
        [agreements[2].pk, agreements[3].pk],
        [agreements[4].pk],
    ]
    assert {j.status for j in jobs} == {JobStatus.DONE}
    assert set(AgreementSummary.objects.values_list("agreement_id", flat=True)) == {a.pk for a in agreements}
    assert _requests_per_agreement() == {a.pk: 1 for a in agreements}
