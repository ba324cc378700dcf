"""Issuing a PDF: every document the system hands out (agreement summaries, reports) is recorded
(IssuedDocument), carries on its first page a QR code and the short link to its public verification
page (templates/pdf/partials/verification.html), and is sealed (core.seal); the sha256 of the sealed
bytes is what a file is later checked against."""

import hashlib
import json

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from agreements.audience import Audience, audience_for
from core.pdf import render_pdf
from core.seal import STAMP_ANCHOR, STAMP_HEIGHT_MM, STAMP_WIDTH_MM, seal_pdf

from .models import IssuedDocument, verification_code_new


def verification_url(code: str) -> str:
    """The absolute address of a document's verification page, as printed on it."""
    return settings.SITE_URL.rstrip("/") + reverse("verification:page", args=[code])


def document_series(kind: str, agreement_id, audience: str, parameters: dict | None) -> str:
    """The key shared by the versions of one document (IssuedDocument.series)."""
    digest = hashlib.sha256(json.dumps(parameters or {}, sort_keys=True, default=str).encode()).hexdigest()
    return f"{kind}:{agreement_id or '-'}:{audience}:{digest[:16]}"


def verification_context(code: str) -> dict:
    """What the print template's verification block needs: the link, its QR code (inline SVG, drawn
    here: no outside service is asked) and the room the seal's stamp is drawn in."""
    url = verification_url(code)
    return {
        "url": url,
        # segno writes only the path of the code's modules from our own link: safe to embed as is.
        "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(omitsize=True)),
        "stamp_anchor": STAMP_ANCHOR,
        "stamp_width_mm": STAMP_WIDTH_MM,
        "stamp_height_mm": STAMP_HEIGHT_MM,
    }


def issue_pdf(
    template_name: str,
    context: dict,
    *,
    kind: str,
    audience: str,
    agreement=None,
    version: int | None = None,
    parameters: dict | None = None,
) -> bytes:
    """Render `template_name` with its verification block, seal it, record it; returns the sealed PDF."""
    code = verification_code_new()
    generated_at = timezone.now()
    content = seal_pdf(render_pdf(template_name, {**context, "verification": verification_context(code)}))
    IssuedDocument.objects.create(
        code=code,
        kind=kind,
        version=version,
        audience=audience,
        series=document_series(kind, agreement.pk if agreement else None, audience, parameters),
        agreement=agreement,
        agreement_public=agreement is not None
        and audience_for(AnonymousUser(), agreement) == Audience.PUBLIC,
        generated_at=generated_at,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    return content
