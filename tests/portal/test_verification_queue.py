"""The verification queue links each evidence file and its agreement, and narrows by agreement,
partner and OPD with choices from the staff member's scope; a filter it cannot read says so and
narrows nothing away silently."""

import datetime

import pytest
from django.urls import reverse

from agreements.services import occurrence_submit
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import OrganisationUnitFactory

from .conftest import make_obligation, occurrence
from .files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(world):
    """Evidence for the partner's duty, the OPD's duty (same agreement) and the outsider's duty."""
    for obligation, actor in (
        (world.upcoming, world.partner_user),
        (world.opd_duty, world.opd_user),
        (world.foreign, world.staff_user),
    ):
        occurrence_submit(occurrence=occurrence(obligation), actor=actor, files=[pdf_upload("bukti.pdf")])
    return world


def _rows(client, **params):
    response = client.get(reverse("portal:verification_queue"), params)
    assert response.status_code == 200
    return response, [item.obligation_id for item in response.context["queue"]]


def test_each_row_links_its_evidence_files_and_its_agreement(client, queue):
    client.force_login(queue.staff_user)
    response, _rows_ = _rows(client)
    html = response.content.decode()
    item = occurrence(queue.upcoming)
    (document,) = item.documents.all()
    assert f'href="{reverse("agreements:document_download", args=[document.pk])}">bukti.pdf</a>' in html
    assert f'href="{reverse("agreements:detail", args=[queue.agreement.pk])}"' in html
    assert client.get(reverse("agreements:document_download", args=[document.pk])).status_code == 200


def test_filters_by_agreement_partner_and_opd(client, queue):
    client.force_login(queue.staff_user)
    everything = {queue.upcoming.pk, queue.opd_duty.pk, queue.foreign.pk}
    assert set(_rows(client)[1]) == everything
    assert set(_rows(client, agreement=queue.agreement.pk)[1]) == {queue.upcoming.pk, queue.opd_duty.pk}
    assert _rows(client, partner=queue.partner.pk)[1] == [queue.upcoming.pk]
    assert _rows(client, partner=queue.outsider.pk)[1] == [queue.foreign.pk]
    assert _rows(client, unit=queue.unit.pk)[1] == [queue.upcoming.pk, queue.opd_duty.pk]


def test_the_opd_filter_reads_the_responsible_opd_before_the_leading_one(client, queue):
    other_unit = OrganisationUnitFactory(name="Dinas Perhubungan")
    agreement = AgreementFactory(title="Terminal", lead_unit=queue.unit)
    party = AgreementPartyFactory(agreement=agreement, partner=queue.partner, order=1)
    elsewhere = make_obligation(
        agreement, party, "Laporan dishub", queue.today + datetime.timedelta(days=4), unit=other_unit
    )
    occurrence_submit(occurrence=occurrence(elsewhere), actor=queue.staff_user, files=[pdf_upload()])
    client.force_login(queue.staff_user)
    assert _rows(client, unit=other_unit.pk)[1] == [elsewhere.pk]
    assert elsewhere.pk not in _rows(client, unit=queue.unit.pk)[1]


def test_a_filter_value_that_is_no_choice_is_refused_in_indonesian(client, queue):
    client.force_login(queue.staff_user)
    response = client.get(reverse("portal:verification_queue"), {"partner": "999999", "agreement": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masukkan pilihan yang valid" in html
    assert response.context["filterset"].errors.keys() == {"partner", "agreement"}
