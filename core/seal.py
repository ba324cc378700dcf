"""The electronic seal on every PDF the system issues (PAdES with pyHanko), and checking one.

The sealer is pluggable: settings.KEMITRAAN_PDF_SEALER names a class with `seal(content) -> bytes`
(the sealed PDF) and `trust_roots()` (the certificates a seal of ours chains to). The default,
`Pkcs12Sealer`, seals with the organisation certificate of a PKCS#12 file (KEMITRAAN_SIGNING_P12 and
KEMITRAAN_SIGNING_PASSPHRASE): PAdES B-B, or B-T when KEMITRAAN_TSA_URL names a time-stamp server.
A government signing service replaces it with a class of its own (docs/decisions/0056).

The visible stamp goes where the print template reserved room for it: the element with the id
STAMP_ANCHOR, of STAMP_WIDTH_MM × STAMP_HEIGHT_MM (templates/pdf/partials/verification.html). WeasyPrint
writes every id as a named destination, which gives the element's top-left corner on the first page.

pyHanko is imported inside the functions: the import alone takes seconds, and only workers seal and
only the verification page checks.
"""

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

STAMP_ANCHOR = "segel-elektronik"
STAMP_WIDTH_MM = 56
STAMP_HEIGHT_MM = 12
FIELD_NAME = "SegelElektronik"
POINTS_PER_MM = 72 / 25.4


def sealer():
    """The configured sealer (settings.KEMITRAAN_PDF_SEALER)."""
    return import_string(settings.KEMITRAAN_PDF_SEALER)()


def seal_pdf(content: bytes) -> bytes:
    """`content` sealed by the configured sealer."""
    return sealer().seal(content)


def stamp_box(content: bytes) -> tuple[float, float, float, float]:
    """The box (x1, y1, x2, y2, in points) the template reserved for the stamp on the first page."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 — lazy, see the module docstring

    reader = PdfFileReader(io.BytesIO(content))
    names = list(reader.root.get("/Names", {}).get("/Dests", {}).get("/Names", []))
    destination = next((names[i + 1] for i in range(0, len(names) - 1, 2) if names[i] == STAMP_ANCHOR), None)
    if destination is None:
        raise ValueError(f"the PDF has no #{STAMP_ANCHOR} element to place the seal's stamp on")
    x, top = float(destination[2]), float(destination[3])
    return (x, top - STAMP_HEIGHT_MM * POINTS_PER_MM, x + STAMP_WIDTH_MM * POINTS_PER_MM, top)


class Pkcs12Sealer:
    """Seals with the organisation certificate in a PKCS#12 file given by the environment."""

    def __init__(self):
        # Lazy: see the module docstring.
        from pyhanko.sign.signers import SimpleSigner  # noqa: PLC0415

        path = settings.KEMITRAAN_SIGNING_P12
        if not path:
            raise ImproperlyConfigured(
                "No seal certificate: set KEMITRAAN_SIGNING_P12 (a PKCS#12 file) and "
                "KEMITRAAN_SIGNING_PASSPHRASE, or KEMITRAAN_PDF_SEALER."
            )
        passphrase = settings.KEMITRAAN_SIGNING_PASSPHRASE.encode() or None
        try:
            self.signer = SimpleSigner.load_pkcs12(path, passphrase=passphrase)
        except OSError as exc:
            raise ImproperlyConfigured(f"KEMITRAAN_SIGNING_P12 cannot be read: {exc}") from exc
        if self.signer is None:  # pyHanko logs the reason and returns None (a wrong passphrase…)
            raise ImproperlyConfigured(
                f"KEMITRAAN_SIGNING_P12 ({path}) cannot be opened with KEMITRAAN_SIGNING_PASSPHRASE."
            )

    def trust_roots(self) -> list:
        """The certificates of the file's chain that are certification authorities (or the seal
        certificate itself when it comes alone): what a seal of ours is checked against."""
        chain = list(self.signer.cert_registry)
        authorities = [cert for cert in chain if cert.ca]
        return authorities or [self.signer.signing_cert]

    def seal(self, content: bytes) -> bytes:
        # Lazy: see the module docstring.
        from pyhanko import stamp  # noqa: PLC0415
        from pyhanko.pdf_utils import layout, text  # noqa: PLC0415
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
        from pyhanko.sign import fields, signers, timestamps  # noqa: PLC0415

        style = stamp.TextStampStyle(
            stamp_text=_("Ditandatangani secara elektronik") + "\n%(signer)s\n%(ts)s",
            timestamp_format="%d-%m-%Y %H:%M:%S %Z",
            border_width=1,
            background=None,
            text_box_style=text.TextBoxStyle(font_size=7),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(2),
                inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
            ),
        )
        metadata = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=_("Segel elektronik %(government)s") % {"government": settings.HOME_GOVERNMENT_NAME},
        )
        timestamper = (
            timestamps.HTTPTimeStamper(settings.KEMITRAAN_TSA_URL) if settings.KEMITRAAN_TSA_URL else None
        )
        pdf_signer = signers.PdfSigner(
            metadata,
            self.signer,
            timestamper=timestamper,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=stamp_box(content)),
        )
        out = io.BytesIO()
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(content)), output=out)
        return out.getvalue()


@dataclass(frozen=True)
class SealCheck:
    """What a file's first signature says: present, intact (the signed bytes unchanged and the
    signature sound), covering the whole file (nothing added after it), made with a certificate of
    ours (it chains to the sealer's trust roots), by whom and when."""

    signed: bool
    intact: bool = False
    whole_file: bool = False
    ours: bool = False
    signer: str = ""
    signed_at: datetime | None = None

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.whole_file


def seal_check(content: bytes) -> SealCheck:
    """Check the first signature of a PDF someone uploaded. Anything that is not a readable signed
    PDF is reported as unsigned, never raised: the file is a stranger's."""
    # Lazy: see the module docstring.
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature  # noqa: PLC0415
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415

    try:
        signatures = PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures
    except Exception as exc:  # a damaged or hostile file fails in many ways inside the parser
        log.info("uploaded file is not a readable PDF: %s", exc)
        return SealCheck(signed=False)
    if not signatures:
        return SealCheck(signed=False)
    try:
        roots = sealer().trust_roots()
    except ImproperlyConfigured:
        roots = []
    try:
        status = validate_pdf_signature(
            signatures[0], ValidationContext(trust_roots=roots, allow_fetching=False)
        )
    except Exception as exc:  # as above: the signature dictionary is the stranger's too
        log.info("uploaded file's signature cannot be read: %s", exc)
        return SealCheck(signed=True)
    return SealCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        ours=bool(status.trusted),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
    )
