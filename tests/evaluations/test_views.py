"""Evaluation entry from the agreement page: evaluations, indicators and observations, challenges."""

import datetime

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Challenge, Evaluation, Indicator, Observation
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.agreements.pages import agreement_page

pytestmark = pytest.mark.django_db

EVALUATION = {
    "period_type": "quarter",
    "period_label": "2026-T1",
    "evaluated_on": "2026-04-01",
    "evaluator_role": "tkksd",
    "recommendation": "improve",
    "findings": "Koordinasi lambat",
    "score_objectives": "4",
    "score_timeliness": "2",
}


@pytest.mark.parametrize("who", ["staff_user", "manager_user"])
def test_staff_and_managers_record_evaluations(client, request, who):
    user = request.getfixturevalue(who)
    agreement = AgreementFactory()
    client.force_login(user)
    url = reverse("evaluations:create", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "Kesesuaian dengan tujuan" in page and "<legend" in page
    response = client.post(url, EVALUATION)
    assert response.status_code == 302 and response["Location"].endswith("#evaluasi")
    evaluation = Evaluation.objects.get()
    assert (evaluation.score_objectives, evaluation.score_timeliness, evaluation.created_by) == (4, 2, user)


def test_score_outside_1_to_5_is_refused(client, staff_user):
    agreement = AgreementFactory()
    client.force_login(staff_user)
    response = client.post(
        reverse("evaluations:create", args=[agreement.pk]), {**EVALUATION, "score_impact": "9"}
    )
    assert response.status_code == 400
    assert (
        "Masukkan pilihan yang valid. 9 bukan salah satu dari pilihan yang tersedia."
        in response.content.decode()
    )
    assert not Evaluation.objects.exists()


def test_edit_evaluation(client, staff_user):
    agreement = AgreementFactory()
    evaluation = services.evaluation_create(
        agreement=agreement,
        actor=staff_user,
        period_type="quarter",
        evaluated_on=datetime.date(2026, 4, 1),
        evaluator_role="unit",
        recommendation="continue",
    )
    client.force_login(staff_user)
    url = reverse("evaluations:edit", args=[evaluation.pk])
    assert 'value="continue" selected' in client.get(url).content.decode()
    assert (
        client.post(url, {**EVALUATION, "period_type": "final", "recommendation": "stop"}).status_code == 302
    )
    evaluation.refresh_from_db()
    assert (evaluation.period_type, evaluation.recommendation) == ("final", "stop")


def test_indicator_and_observation(client, manager_user):
    agreement = AgreementFactory()
    client.force_login(manager_user)
    bad = client.post(
        reverse("evaluations:indicator_create", args=[agreement.pk]), {"name": "Peserta", "unit": "orang"}
    )
    assert bad.status_code == 400 and not Indicator.objects.exists()
    client.post(
        reverse("evaluations:indicator_create", args=[agreement.pk]),
        {"name": "Peserta pelatihan", "unit": "orang", "target": "100", "baseline": "0"},
    )
    indicator = Indicator.objects.get()
    url = reverse("evaluations:observation_create", args=[indicator.pk])
    data = {"period_label": "2026-T1", "observed_on": "2026-03-31", "value": "45"}
    assert client.post(url, data).status_code == 302
    duplicate = client.post(url, data)
    assert duplicate.status_code == 400
    assert "Capaian untuk periode ini sudah dicatat." in duplicate.content.decode()
    assert Observation.objects.count() == 1
    page = agreement_page(client, agreement, "monev")
    assert "Peserta pelatihan" in page and "2026-T1: 45" in page


def test_challenge_log_add_and_resolve(client, staff_user):
    agreement = AgreementFactory()
    client.force_login(staff_user)
    client.post(
        reverse("evaluations:challenge_create", args=[agreement.pk]),
        {
            "category": "coordination",
            "description": "Rapat tertunda",
            "reported_on": "2026-02-01",
            "status": "open",
        },
    )
    challenge = Challenge.objects.get()
    url = reverse("evaluations:challenge_edit", args=[challenge.pk])
    base = {"category": "coordination", "description": "Rapat tertunda", "reported_on": "2026-02-01"}
    refused = client.post(url, {**base, "status": "resolved"})
    assert refused.status_code == 400
    assert "Tuliskan penyelesaian kendala" in refused.content.decode()
    early = client.post(url, {**base, "status": "resolved", "resolution": "x", "resolved_on": "2026-01-01"})
    assert early.status_code == 400
    challenge.refresh_from_db()
    assert challenge.status == "open"
    done = {
        **base,
        "status": "resolved",
        "resolution": "Rapat dijadwalkan ulang",
        "resolved_on": "2026-02-10",
    }
    assert client.post(url, done).status_code == 302
    challenge.refresh_from_db()
    assert (challenge.status, challenge.resolution) == ("resolved", "Rapat dijadwalkan ulang")


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_get_404(client, request, who, unit, partner, staff_user):
    user = request.getfixturevalue(who)
    agreement = AgreementFactory(lead_unit=unit)
    AgreementPartyFactory(agreement=agreement, partner=partner)
    indicator = services.indicator_create(agreement=agreement, actor=staff_user, name="x", unit="y", target=1)
    client.force_login(user)
    for url in (
        reverse("evaluations:create", args=[agreement.pk]),
        reverse("evaluations:indicator_create", args=[agreement.pk]),
        reverse("evaluations:observation_create", args=[indicator.pk]),
        reverse("evaluations:challenge_create", args=[agreement.pk]),
    ):
        assert client.post(url, EVALUATION).status_code == 404, url
    assert not Evaluation.objects.exists()
