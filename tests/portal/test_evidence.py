"""Submitting evidence, the staff queue, the verdict the partner then reads; upload rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from agreements.choices import OccurrenceStatus
from agreements.models import Document
from agreements.services import occurrence_submit

from .conftest import occurrence
from .files import minimal_pdf, pdf_upload

pytestmark = pytest.mark.django_db


def submit_url(obligation):
    return reverse("portal:occurrence_submit", args=[occurrence(obligation).pk])


def test_partner_submits_several_files_and_a_note(client, world):
    client.force_login(world.partner_user)
    response = client.post(
        submit_url(world.upcoming),
        {"files": [pdf_upload("laporan.pdf"), pdf_upload("lampiran.pdf")], "note": "Laporan triwulan III"},
    )
    assert response.status_code == 302
    item = occurrence(world.upcoming)
    assert item.status == OccurrenceStatus.SUBMITTED
    assert item.submission_note == "Laporan triwulan III"
    assert item.submitted_by == world.partner_user
    stored = Document.objects.filter(occurrence=item)
    assert sorted(d.original_name for d in stored) == ["lampiran.pdf", "laporan.pdf"]
    for document in stored:
        assert "laporan" not in document.file.name and document.file.name.endswith(".pdf")  # safe stored name
        assert document.file.storage.location.endswith("private")


def test_a_co_party_cannot_submit_for_another_party(client, world, partner_user):
    from tests.accounts.factories import UserFactory
    from tests.registry.factories import MembershipFactory

    home_user = UserFactory(roles=["partner"])
    MembershipFactory(user=home_user, partner=world.home)
    client.force_login(home_user)
    url = submit_url(world.upcoming)
    assert client.get(url).status_code == 200  # shared: the co-party may read it
    assert client.post(url, {"files": [pdf_upload()], "note": "x"}).status_code == 404
    assert occurrence(world.upcoming).status == OccurrenceStatus.UPCOMING


def test_other_partner_gets_404(client, world):
    client.force_login(world.partner_user)
    url = submit_url(world.foreign)
    assert client.get(url).status_code == 404
    assert client.post(url, {"files": [pdf_upload()]}).status_code == 404


def test_opd_officer_submits_for_their_duty(client, world):
    client.force_login(world.opd_user)
    response = client.post(submit_url(world.opd_duty), {"files": [pdf_upload()], "note": "Dinas"})
    assert response.status_code == 302
    assert occurrence(world.opd_duty).status == OccurrenceStatus.SUBMITTED
    assert client.post(submit_url(world.upcoming), {"files": [pdf_upload()]}).status_code == 404


def test_missing_file_is_refused_in_indonesian(client, world):
    client.force_login(world.partner_user)
    response = client.post(submit_url(world.upcoming), {"note": "tanpa berkas"})
    assert response.status_code == 200
    assert "Lampirkan setidaknya satu berkas bukti." in response.content.decode()
    assert occurrence(world.upcoming).status == OccurrenceStatus.UPCOMING


def test_file_type_is_judged_by_content(client, world):
    client.force_login(world.partner_user)
    fake = SimpleUploadedFile(
        "laporan.pdf", b"#!/bin/sh\necho bukan pdf\n" * 10, content_type="application/pdf"
    )
    response = client.post(submit_url(world.upcoming), {"files": [fake]})
    assert response.status_code == 200
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not Document.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=2048, DATA_UPLOAD_MAX_MEMORY_SIZE=1024, FILE_UPLOAD_MAX_MEMORY_SIZE=512)
def test_too_large_file_gets_the_indonesian_message_not_a_400(client, world):
    """Django's request limits count form fields, not files, so the form's own limit speaks first."""
    client.force_login(world.partner_user)
    big = minimal_pdf() + b"%" + b"x" * 5000
    response = client.post(
        submit_url(world.upcoming), {"files": [SimpleUploadedFile("besar.pdf", big)], "note": "besar"}
    )
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert "batasnya 2,0" in response.content.decode()
    assert not Document.objects.exists()


def test_staff_queue_oldest_first_and_partner_gets_404(client, world):
    occurrence_submit(occurrence=occurrence(world.overdue), actor=world.partner_user, files=[pdf_upload()])
    occurrence_submit(occurrence=occurrence(world.upcoming), actor=world.partner_user, files=[pdf_upload()])
    client.force_login(world.staff_user)
    response = client.get(reverse("portal:verification_queue"))
    assert [o.obligation_id for o in response.context["queue"]] == [world.overdue.pk, world.upcoming.pk]
    client.force_login(world.partner_user)
    assert client.get(reverse("portal:verification_queue")).status_code == 404
    item = occurrence(world.upcoming)
    verdict = reverse("portal:occurrence_verdict", args=[item.pk])
    assert client.post(verdict, {"decision": "verify"}).status_code == 404
    assert occurrence(world.upcoming).status == OccurrenceStatus.SUBMITTED


def test_queue_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world.staff_user)
    occurrence_submit(occurrence=occurrence(world.upcoming), actor=world.partner_user, files=[pdf_upload()])
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(reverse("portal:verification_queue"))
    for obligation in (world.overdue, world.opd_duty, world.foreign):
        occurrence_submit(occurrence=occurrence(obligation), actor=world.staff_user, files=[pdf_upload()])
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("portal:verification_queue"))
    assert len(response.context["queue"]) == 4


def test_queue_shows_only_the_oldest_evidence_up_to_its_limit(client, world, monkeypatch):
    monkeypatch.setattr("portal.views.QUEUE_LIMIT", 2)
    client.force_login(world.staff_user)
    for obligation in (world.overdue, world.upcoming):
        occurrence_submit(occurrence=occurrence(obligation), actor=world.partner_user, files=[pdf_upload()])
    response = client.get(reverse("portal:verification_queue"))
    assert len(response.context["queue"]) == 2
    assert "bukti terlama yang ditampilkan" not in response.text
    occurrence_submit(occurrence=occurrence(world.opd_duty), actor=world.staff_user, files=[pdf_upload()])
    response = client.get(reverse("portal:verification_queue"))
    assert [o.obligation_id for o in response.context["queue"]] == [world.overdue.pk, world.upcoming.pk]
    assert "Hanya 2 bukti terlama yang ditampilkan" in response.text


# session, user, roles, unread-notification badge (base template), queue, its documents, and the
# filters' choices (agreements, partners, OPDs)
QUEUE_QUERIES = 9


def test_verify_in_place_and_partner_sees_fulfilled(client, world):
    item = occurrence_submit(
        occurrence=occurrence(world.upcoming), actor=world.partner_user, files=[pdf_upload()]
    )
    client.force_login(world.staff_user)
    response = client.post(
        reverse("portal:occurrence_verdict", args=[item.pk]),
        {"decision": "verify", "note": "Lengkap, terima kasih"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="queue-row-{item.pk}"')
    assert "Terpenuhi" in html
    client.force_login(world.partner_user)
    page = client.get(submit_url(world.upcoming)).content.decode()
    assert "Terpenuhi" in page and "Lengkap, terima kasih" in page


def test_reject_needs_a_comment_and_reopens(client, world):
    item = occurrence_submit(
        occurrence=occurrence(world.upcoming), actor=world.partner_user, files=[pdf_upload()]
    )
    client.force_login(world.staff_user)
    url = reverse("portal:occurrence_verdict", args=[item.pk])
    response = client.post(url, {"decision": "reject"}, HTTP_HX_REQUEST="true")
    assert "Tuliskan alasan penolakan" in response.content.decode()
    assert occurrence(world.upcoming).status == OccurrenceStatus.SUBMITTED
    client.post(url, {"decision": "reject", "note": "Tanda tangan belum ada"}, HTTP_HX_REQUEST="true")
    rejected = occurrence(world.upcoming)
    assert rejected.status == OccurrenceStatus.REJECTED
    client.force_login(world.partner_user)
    page = client.get(submit_url(world.upcoming)).content.decode()
    assert "Tanda tangan belum ada" in page
    assert "Kirim bukti" in page  # they may submit again
