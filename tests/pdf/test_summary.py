"""The agreement summary PDF: rendered once per audience and version — internal; for the OPDs, with the
internal items but not the internal notes; for the parties, without internal items."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.choices import BenefitKind, ContributionKind, Stage
from agreements.models import Benefit, BenefitShare, Contribution, RiskShare
from evaluations.choices import EvaluatorRole, PeriodType, Recommendation
from evaluations.models import Evaluation
from jobs.choices import SUMMARY_AUDIENCES, Audience, JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob
from jobs.runner import job_run
from jobs.services import summary_request
from jobs.summary import summary_make
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
    RiskFactory,
)
from tests.registry.factories import HomeGovernmentFactory, MembershipFactory, PartnerFactory

from .pdftools import assert_pages_not_blank, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture
def agreement(unit):
    agreement = AgreementFactory(
        number="KS/RINGKASAN/2026",
        title="Pengelolaan Pasar Induk",
        stage=Stage.IMPLEMENTATION,
        lead_unit=unit,
        estimated_value=Decimal("1250000000"),
        internal_notes="CATATAN-RAHASIA negosiasi harga",
    )
    home = AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1, roles=["lead"],
                                 signatory_name="Ir. H. Bupati", signatory_title="Bupati")  # fmt: skip
    partner = PartnerFactory(name="PT Pasar Sejahtera")
    other = AgreementPartyFactory(
        agreement=agreement, partner=partner, order=2, signatory_name="Siti Direktur"
    )
    ObligationFactory(agreement=agreement, party=other, title="Setoran kontribusi tetap")
    OccurrenceFactory(obligation=ObligationFactory(agreement=agreement, party=other, title="Laporan tahunan"))
    ObligationFactory(agreement=agreement, party=home, title="KEWAJIBAN-INTERNAL", shared_with_parties=False)
    shared = RiskFactory(agreement=agreement, event="Kebakaran pasar")
    RiskShare.objects.create(risk=shared, party=home, percent=30)
    RiskShare.objects.create(risk=shared, party=other, percent=70)
    RiskFactory(agreement=agreement, event="RISIKO-INTERNAL sengketa lahan", shared_with_parties=False)
    benefit = Benefit.objects.create(agreement=agreement, kind=BenefitKind.PROFIT_SHARE)
    BenefitShare.objects.create(benefit=benefit, party=home, percent=40)
    BenefitShare.objects.create(benefit=benefit, party=other, percent=60)
    Contribution.objects.create(agreement=agreement, party=other, kind=ContributionKind.FUNDS,
                                estimated_value=Decimal("350000000"))  # fmt: skip
    Evaluation.objects.create(agreement=agreement, period_type=PeriodType.YEAR, period_label="2026",
                              evaluated_on=datetime.date(2026, 6, 1), evaluator_role=EvaluatorRole.UNIT,
                              score_objectives=4, recommendation=Recommendation.CONTINUE,
                              findings="TEMUAN-INTERNAL", shared_with_parties=False)  # fmt: skip
    return agreement


INTERNAL_ITEMS = ("RISIKO-INTERNAL", "KEWAJIBAN-INTERNAL", "TEMUAN-INTERNAL")
INTERNAL_NOTE = "CATATAN-RAHASIA"


def test_summary_every_audience_with_its_own_sha256(agreement):
    rows = summary_make(agreement.pk)
    assert {r.audience for r in rows} == {Audience.INTERNAL, Audience.GOVERNMENT, Audience.PARTIES}
    assert {r.version for r in rows} == {1}
    for row in rows:
        content = row.file.open("rb").read()
        assert hashlib.sha256(content).hexdigest() == row.sha256
        assert_pages_not_blank(content)
    text = {r.audience: pdf_text(r.file.open("rb").read()) for r in rows}
    internal, government, parties = (
        text[a] for a in (Audience.INTERNAL, Audience.GOVERNMENT, Audience.PARTIES)
    )
    for text in (internal, government, parties):
        assert "KS/RINGKASAN/2026" in text
        assert "PT Pasar Sejahtera" in text
        assert "Pemerintah Kabupaten Jember" in text  # the header, from HOME_GOVERNMENT_NAME
        assert "Rp 1.250.000.000" in text
        assert "Rp 350.000.000" in text
        assert "Halaman 1 dari" in text
        assert "Kebakaran pasar" in text and "70 %" in text
        assert "Siti Direktur" in text
    for secret in (*INTERNAL_ITEMS, INTERNAL_NOTE):
        assert secret in internal
        assert secret not in parties
    # Decision 0010: OPD officers read the internal items of their agreements, never the internal notes.
    for item in INTERNAL_ITEMS:
        assert item in government
    assert INTERNAL_NOTE not in government and "Catatan internal" not in government
    assert "Untuk pemerintah daerah" in government
    assert len({r.sha256 for r in rows}) == 3
    # The next version gets the next number.
    assert {r.version for r in summary_make(agreement.pk)} == {2}


def test_summary_job_on_request_runs_to_done(agreement, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = summary_request(agreement, staff_user)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
    assert AgreementSummary.objects.filter(agreement=agreement, job=job).count() == 3
    assert job_run(job.pk) == "skipped"  # a finished job is never redone


def test_stage_change_requests_a_summary(agreement, staff_user, django_capture_on_commit_callbacks):
    from agreements.services import agreements_move_ended_to_evaluation

    with django_capture_on_commit_callbacks(execute=True):
        agreements_move_ended_to_evaluation(agreement.end_date + datetime.timedelta(days=1))
    job = BackgroundJob.objects.get(kind=JobKind.AGREEMENT_SUMMARY)
    assert job.parameters["agreement_id"] == agreement.pk
    assert job.status == JobStatus.DONE


def _downloaded_text(client, user, agreement):
    """What `user` gets from each summary link of the agreement's panel: {audience: text}."""
    client.force_login(user)
    panel = client.get(reverse("jobs:summary_panel", args=[agreement.pk]))
    assert panel.status_code == 200
    html = panel.content.decode()
    got = {}
    for row in AgreementSummary.objects.filter(agreement=agreement):
        url = reverse("jobs:summary_download", args=[row.pk])
        response = client.get(url)
        assert (url in html) is (response.status_code == 200), (user, row.audience)
        if response.status_code == 200:
            got[row.audience] = pdf_text(b"".join(response.streaming_content))
        else:
            assert response.status_code == 404
    return got


def test_each_reader_downloads_the_summary_of_their_audience(
    client, agreement, staff_user, manager_user, opd_user, partner_user
):
    """Through the panel and the download view, as each reader: staff and managers every version;
    the lead OPD's officer the government's (internal items, no internal notes) and the parties';
    a party's user only the parties'."""
    summary_make(agreement.pk)
    MembershipFactory(user=partner_user, partner=agreement.parties.get(order=2).partner)
    for user in (staff_user, manager_user):
        assert set(_downloaded_text(client, user, agreement)) == set(SUMMARY_AUDIENCES)
    officer = _downloaded_text(client, opd_user, agreement)
    assert set(officer) == {Audience.GOVERNMENT, Audience.PARTIES}
    for item in INTERNAL_ITEMS:
        assert item in officer[Audience.GOVERNMENT]
    assert all(INTERNAL_NOTE not in text for text in officer.values())
    party = _downloaded_text(client, partner_user, agreement)
    assert set(party) == {Audience.PARTIES}
    assert all(secret not in party[Audience.PARTIES] for secret in (*INTERNAL_ITEMS, INTERNAL_NOTE))
