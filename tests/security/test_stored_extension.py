"""A stored file's extension comes from its detected type, never from the name the uploader gave; the
original name is kept for display. A name claiming another kind of document is refused in Indonesian."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agreements.choices import DocumentType, Visibility
from agreements.models import Document
from agreements.services import document_upload
from tests.agreements.factories import AgreementFactory
from tests.portal.files import minimal_pdf

pytestmark = pytest.mark.django_db


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def tiny_xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _upload(staff_user, name, data, agreement=None):
    return document_upload(
        agreement=agreement or AgreementFactory(),
        actor=staff_user,
        upload=SimpleUploadedFile(name, data),
        title=name,
        doc_type=DocumentType.OTHER,
        visibility=Visibility.INTERNAL,
    )


@pytest.mark.parametrize(
    ("name", "data", "stored", "content_type"),
    [
        ("evil.html", minimal_pdf(), ".pdf", "application/pdf"),
        ("naskah", minimal_pdf(), ".pdf", "application/pdf"),
        ("foto.jpg", tiny_png(), ".png", "image/png"),  # another image type: allowed, stored as PNG
        (
            "rekap.xls",
            tiny_xlsx(),
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Naskah.PDF", minimal_pdf(), ".pdf", "application/pdf"),
    ],
)
def test_stored_extension_is_the_detected_types(staff_user, name, data, stored, content_type):
    document = _upload(staff_user, name, data)
    assert document.file.name.endswith(stored)
    assert name not in document.file.name
    assert document.content_type == content_type
    assert document.original_name == name


def test_a_png_named_pdf_is_refused_with_a_clear_indonesian_message(staff_user):
    with pytest.raises(ValidationError) as refused:
        _upload(staff_user, "x.pdf", tiny_png())
    assert refused.value.messages == [
        "Isi berkas x.pdf bukan PDF melainkan PNG. Periksa apakah berkasnya benar, atau ganti ekstensi "
        "namanya menjadi .png."
    ]
    assert not Document.objects.exists()


def test_the_upload_page_shows_the_refusal_and_stores_nothing(client, staff_user):
    agreement = AgreementFactory()
    client.force_login(staff_user)
    response = client.post(
        reverse("agreements:document_upload", args=[agreement.pk]),
        {
            "file": SimpleUploadedFile("laporan.pdf", tiny_png(), "application/pdf"),
            "title": "Laporan",
            "doc_type": DocumentType.OTHER,
            "visibility": Visibility.INTERNAL,
        },
    )
    assert response.status_code == 400
    assert "bukan PDF melainkan PNG" in response.content.decode()
    assert not Document.objects.exists()


def test_a_pdf_uploaded_as_html_downloads_as_a_pdf(client, staff_user):
    document = _upload(staff_user, "evil.html", minimal_pdf("isi"))
    client.force_login(staff_user)
    response = client.get(reverse("agreements:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="evil.html.pdf"'
    assert b"".join(response.streaming_content) == minimal_pdf("isi")
