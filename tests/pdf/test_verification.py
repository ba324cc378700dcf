"""Issued PDFs can be checked by whoever holds one: the QR code on the first page (read from the rendered
page by a real decoder) opens the public verification page, which states what was issued and checks a
file against it; the seal validates with pyHanko and with poppler's pdfsig."""

import base64
import hashlib
import io
import re
import subprocess
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from agreements.choices import Stage
from core.templatetags.formatting import tanggal_waktu
from jobs.choices import Audience, JobKind
from jobs.models import IssuedDocument
from jobs.reports import report_make
from jobs.summary import summary_render
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

from .pdftools import page_text, pdf_words, qr_codes_on_page

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

TITLE = "Pengelolaan Terminal Agrobisnis"
INTERNAL_NOTE = "CATATAN-RAHASIA harga sewa"


@pytest.fixture
def agreement(unit):
    agreement = AgreementFactory(
        number="KS/VERIFIKASI/2026",
        title=TITLE,
        stage=Stage.IMPLEMENTATION,
        lead_unit=unit,
        internal_notes=INTERNAL_NOTE,
        is_public=False,
    )
    AgreementPartyFactory(agreement=agreement, partner=HomeGovernmentFactory(), order=1, roles=["lead"])
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="PT Agro Makmur"), order=2)
    return agreement


def _issue(agreement, audience=Audience.INTERNAL, version=1) -> tuple[IssuedDocument, bytes]:
    content = summary_render(agreement.pk, audience, version)
    return IssuedDocument.objects.get(sha256=hashlib.sha256(content).hexdigest()), content


def _page_path(url: str) -> str:
    assert url.startswith(settings.SITE_URL)
    return url[len(settings.SITE_URL) :]


def _check(client, document, content, name="ringkasan.pdf"):
    return client.post(
        reverse("verification:page", args=[document.code]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_qr_code_on_the_first_page_opens_the_page_that_confirms_the_file(client, agreement):
    document, content = _issue(agreement, Audience.PARTIES)
    codes = qr_codes_on_page(content, 1)
    assert len(codes) == 1
    url = codes[0]
    assert url == f"{settings.SITE_URL}/verifikasi/{document.code}/"
    # The short link is printed as text too, for a reader without a camera (it may wrap).
    assert url in "".join(page_text(content, 1).split())

    page = client.get(_page_path(url))
    assert page.status_code == 200
    text = _text(page)
    assert "Ringkasan kerja sama (PDF)" in text
    assert "Para pihak" in text  # the audience
    assert document.sha256 in text
    assert "Versi 1 " in text
    assert f"Dibuat pada {tanggal_waktu(document.generated_at)}" in text

    checked = _check(client, document, content)
    assert checked.status_code == 200
    text = _text(checked)
    assert "Berkas cocok" in text
    assert "Utuh: berkas tidak berubah sejak ditandatangani." in text
    assert "Segel Elektronik Uji" in text and "sertifikat organisasi penerbit" in text


def test_a_changed_byte_does_not_match_and_breaks_the_seal(client, agreement):
    document, content = _issue(agreement)
    changed = bytearray(content)
    # A byte of the first page's content stream, inside the signed range.
    position = content.index(b"stream\n") + 20
    changed[position] ^= 0x01
    text = _text(_check(client, document, bytes(changed)))
    assert "Berkas tidak cocok" in text and "Berkas cocok" not in text
    assert "Rusak: berkas telah diubah setelah ditandatangani." in text
    assert hashlib.sha256(bytes(changed)).hexdigest() in text


def test_a_file_that_is_not_a_pdf_is_checked_without_error(client, agreement):
    document, _content = _issue(agreement)
    text = _text(_check(client, document, b"\x00\xff not a pdf at all"))
    assert "Berkas tidak cocok" in text
    assert "Berkas tidak memuat tanda tangan elektronik yang dapat dibaca." in text


@override_settings(UPLOAD_MAX_BYTES=50_000)
@pytest.mark.parametrize("size", [60_000, 500_000], ids=["found-while-reading", "announced-too-large"])
def test_a_too_large_upload_is_refused_with_a_message_and_nothing_is_stored(client, agreement, size):
    document, _content = _issue(agreement)
    before = IssuedDocument.objects.count()
    private = Path(settings.PRIVATE_STORAGE_ROOT)
    stored_before = sorted(private.rglob("*"))
    response = _check(client, document, b"%PDF-1.7\n" + b"0" * size)
    assert response.status_code == 400
    text = _text(response)
    assert "Berkas terlalu besar untuk diperiksa; batasnya 48,8 KB." in text
    assert "Berkas cocok" not in text and "tidak cocok" not in text
    assert IssuedDocument.objects.count() == before
    assert sorted(private.rglob("*")) == stored_before


def test_a_checked_file_never_touches_the_disk(client, agreement, tmp_path):
    """Django spools uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; here that folder
    does not exist, so any attempt to write one would fail the request."""
    document, content = _issue(agreement)
    assert len(content) > 1024
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024, FILE_UPLOAD_TEMP_DIR=str(tmp_path / "absent")):
        response = _check(client, document, content)
    assert response.status_code == 200
    assert "Berkas cocok" in _text(response)
    assert not (tmp_path / "absent").exists()


def test_an_empty_post_asks_for_a_file(client, agreement):
    document, _content = _issue(agreement)
    response = client.post(reverse("verification:page", args=[document.code]), {})
    assert response.status_code == 400
    assert "Pilih berkas PDF yang ingin diperiksa." in _text(response)


def test_the_seal_validates_with_pyhanko(agreement, seal_certificate):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _document, content = _issue(agreement)
    (signature,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    root = asn1_x509.Certificate.load(seal_certificate.ca_certificate.public_bytes(Encoding.DER))
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.bottom_line
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Segel Elektronik Uji"
    # The visible stamp on the first page.
    first_page = pdf_words(content)
    assert "Ditandatangani secara elektronik Segel Elektronik Uji" in first_page
    assert re.search(r"\d\d-\d\d-\d{4} \d\d:\d\d:\d\d WIB", first_page)


@pytest.fixture
def time_stamp_server():
    """A real RFC 3161 time-stamp server over HTTP on a local port: pyHanko's test TSA answering the
    requests, with a self-signed time-stamping certificate. Yields (URL, its certificate)."""
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA signs RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA Uji")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    root = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    tsa = DummyTimeStamper(
        tsa_cert=root,
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
    )
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append(request)
            reply = tsa.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", root, requests
    finally:
        server.shutdown()
        server.server_close()


def test_with_a_time_stamp_server_the_seal_is_pades_b_t(
    agreement, seal_certificate, time_stamp_server, settings
):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    url, tsa_root, requests = time_stamp_server
    settings.KEMITRAAN_TSA_URL = url
    _document, content = _issue(agreement)
    assert requests  # the seal asked the server (pyHanko asks once more to size the signature)
    (signature,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    seal_root = asn1_x509.Certificate.load(seal_certificate.ca_certificate.public_bytes(Encoding.DER))
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[seal_root, tsa_root]))
    assert status.bottom_line
    stamp = status.timestamp_validity
    assert stamp is not None and stamp.intact and stamp.valid and stamp.trusted
    assert abs(stamp.timestamp - datetime.now(UTC)) < timedelta(minutes=5)


def test_the_seal_validates_with_pdfsig(agreement):
    _document, content = _issue(agreement, Audience.GOVERNMENT)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "ringkasan.pdf"
        pdf.write_bytes(content)
        result = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=True)
    out = result.stdout
    assert "Signature #1:" in out and "Signature #2:" not in out
    assert "- Signer Certificate Common Name: Segel Elektronik Uji" in out
    assert "- Signature Type: ETSI.CAdES.detached" in out
    assert "- Total document signed" in out
    assert "- Signature Validation: Signature is Valid." in out
    # The suite's CA is a throwaway one that poppler's NSS store does not know: it says exactly this.
    assert "- Certificate Validation: Certificate issuer isn't Trusted." in out


def test_an_internal_document_page_shows_no_title_and_nothing_of_its_content(client, agreement):
    document, _content = _issue(agreement, Audience.INTERNAL)
    text = _text(client.get(reverse("verification:page", args=[document.code])))
    assert "Internal" in text
    for secret in (TITLE, INTERNAL_NOTE, "KS/VERIFIKASI/2026", "PT Agro Makmur"):
        assert secret not in text
    assert "Tidak ditampilkan: kerja sama ini tidak terbuka untuk publik." in text


def test_a_public_agreement_page_shows_its_title(client, agreement):
    agreement.is_public = True
    agreement.save(update_fields=["is_public"])
    document, _content = _issue(agreement, Audience.PARTIES)
    assert document.agreement_public
    assert TITLE in _text(client.get(reverse("verification:page", args=[document.code])))
    # Withdrawn from the register later: the title is no longer shown.
    agreement.is_public = False
    agreement.save(update_fields=["is_public"])
    assert TITLE not in _text(client.get(reverse("verification:page", args=[document.code])))


def test_a_newer_version_is_flagged(client, agreement):
    first, _ = _issue(agreement, Audience.PARTIES, version=1)
    other_audience, _ = _issue(agreement, Audience.INTERNAL, version=1)
    page = reverse("verification:page", args=[first.code])
    assert "Ini versi terbaru dokumen tersebut." in _text(client.get(page))
    second, _ = _issue(agreement, Audience.PARTIES, version=2)
    assert "Sudah ada versi yang lebih baru dari dokumen ini." in _text(client.get(page))
    latest = _text(client.get(reverse("verification:page", args=[second.code])))
    assert "Ini versi terbaru dokumen tersebut." in latest
    # Another audience's document is not a version of this one.
    other = _text(client.get(reverse("verification:page", args=[other_audience.code])))
    assert "Ini versi terbaru dokumen tersebut." in other


def test_a_report_is_issued_sealed_and_versioned_by_its_parameters(client, agreement, manager_user):
    content, _name = report_make(JobKind.REPORT_ENDING, manager_user, {"days": 30})
    older = IssuedDocument.objects.get(sha256=hashlib.sha256(content).hexdigest())
    assert (older.kind, older.audience, older.agreement, older.version) == (
        JobKind.REPORT_ENDING, Audience.INTERNAL, None, None,
    )  # fmt: skip
    (url,) = qr_codes_on_page(content, 1)
    assert "Laporan kerja sama yang akan berakhir" in _text(client.get(_page_path(url)))
    report_make(JobKind.REPORT_ENDING, manager_user, {"days": 60})  # another period: not a new version
    assert "Ini versi terbaru" in _text(client.get(_page_path(url)))
    report_make(JobKind.REPORT_ENDING, manager_user, {"days": 30})
    assert "Sudah ada versi yang lebih baru" in _text(client.get(_page_path(url)))


def test_the_page_reads_one_row(client, agreement, django_assert_num_queries):
    document, _content = _issue(agreement)
    page = reverse("verification:page", args=[document.code])
    with django_assert_num_queries(1):
        assert client.get(page).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/verifikasi/AAAAAAAAAAAAAAAAAAAAAA/",  # the shape of a code, never issued
        "/verifikasi/pendek/",
        "/verifikasi/%00AAAAAAAAAAAAAAAAAAAAA/",
        "/verifikasi/%FF%FEAAAAAAAAAAAAAAAAAAAA/",
        "/verifikasi/AAAAAAAAAAAA%20AAAAAAAAA/",
    ],
)
def test_an_unknown_or_odd_code_is_a_404(client, agreement, path):
    _issue(agreement)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404


def test_the_code_carries_at_least_128_random_bits(agreement):
    first, _ = _issue(agreement)
    second, _ = _issue(agreement)
    for document in (first, second):
        raw = base64.urlsafe_b64decode(document.code + "=" * (-len(document.code) % 4))
        assert len(raw) * 8 >= 128
    assert first.code != second.code
