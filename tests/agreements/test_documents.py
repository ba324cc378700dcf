"""Uploading documents on the agreement page and the one checked download view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.choices import DocumentType, Visibility
from agreements.models import Agreement, Document
from tests.accounts.factories import UserFactory
from tests.agreements.builders import PDF_BYTES, pdf_upload
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_upload_stores_the_file_with_its_instrument(client, staff_user):
    agreement = AgreementFactory()
    instrument = services.instrument_create(agreement=agreement, actor=staff_user, kind="pks")
    client.force_login(staff_user)
    url = reverse("agreements:document_upload", args=[agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "file": pdf_upload("PKS final.pdf"),
            "title": "PKS bertanda tangan",
            "doc_type": DocumentType.SIGNED_COPY,
            "visibility": Visibility.PARTIES,
            "instrument": instrument.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#dokumen")
    document = Document.objects.get()
    assert (document.instrument, document.original_name, document.size) == (
        instrument,
        "PKS final.pdf",
        len(PDF_BYTES),
    )


def test_exe_renamed_pdf_is_refused_and_nothing_stored(client, staff_user):
    agreement = AgreementFactory()
    version = agreement.version
    client.force_login(staff_user)
    fake = SimpleUploadedFile(
        "naskah.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "application/pdf"
    )
    response = client.post(
        reverse("agreements:document_upload", args=[agreement.pk]),
        {"file": fake, "title": "Palsu", "doc_type": "other", "visibility": "internal"},
    )
    assert response.status_code == 400
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not Document.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).version == version


def test_upload_with_an_instrument_of_another_agreement_is_refused(client, staff_user):
    agreement = AgreementFactory()
    other = services.instrument_create(agreement=AgreementFactory(), actor=staff_user, kind="pks")
    client.force_login(staff_user)
    response = client.post(
        reverse("agreements:document_upload", args=[agreement.pk]),
        {"file": pdf_upload(), "doc_type": "other", "visibility": "internal", "instrument": other.pk},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def _document(staff_user, agreement, visibility):
    return services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload("asli.pdf"),
        title="Naskah",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=visibility,
    )


def test_download_inside_scope_returns_the_exact_bytes(client, staff_user):
    document = _document(staff_user, AgreementFactory(), Visibility.INTERNAL)
    client.force_login(staff_user)
    response = client.get(reverse("agreements:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="asli.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_partner_user_downloads_shared_documents_of_their_agreements_only(
    client, staff_user, partner, partner_user
):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    shared = _document(staff_user, agreement, Visibility.PARTIES)
    internal = _document(staff_user, agreement, Visibility.INTERNAL)
    elsewhere = _document(staff_user, AgreementFactory(), Visibility.PARTIES)
    client.force_login(partner_user)
    assert client.get(reverse("agreements:document_download", args=[shared.pk])).status_code == 200
    assert client.get(reverse("agreements:document_download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("agreements:document_download", args=[elsewhere.pk])).status_code == 404


def test_another_partners_user_gets_404(client, staff_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement)
    document = _document(staff_user, agreement, Visibility.PARTIES)
    stranger = UserFactory(roles=["partner"])
    MembershipFactory(user=stranger, partner=PartnerFactory())
    client.force_login(stranger)
    assert client.get(reverse("agreements:document_download", args=[document.pk])).status_code == 404


def test_public_gets_only_public_documents_of_public_agreements(client, staff_user):
    public_agreement = AgreementFactory(is_public=True)
    public_doc = _document(staff_user, public_agreement, Visibility.PUBLIC)
    parties_doc = _document(staff_user, public_agreement, Visibility.PARTIES)
    hidden = _document(staff_user, AgreementFactory(is_public=False), Visibility.PUBLIC)
    assert client.get(reverse("agreements:document_download", args=[public_doc.pk])).status_code == 200
    assert client.get(reverse("agreements:document_download", args=[parties_doc.pk])).status_code == 404
    assert client.get(reverse("agreements:document_download", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("agreements:document_download", args=[424242])).status_code == 404
