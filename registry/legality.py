"""Checking a partner's legality on its documents (deed, SK Kemenkumham, NIB, SKT, …).

The check hangs on the partner, not on an agreement: every agreement the partner joins reads it. Each
record keeps who verified it, when, on which document and until when it holds; the partner's
`verification_status` follows the latest record.
"""

import hashlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import apply_changes, save_validated
from core.templatetags.formatting import tanggal

from .choices import LegalityResult, VerificationStatus
from .models import Partner, PartnerLegality

# Legality documents are scans: PDF or an image.
ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def _inspect(upload) -> tuple[str, str]:
    if upload.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError({"file": _("Berkas terlalu besar.")})
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    if not kind or kind.mime not in ALLOWED_TYPES:
        raise ValidationError({"file": _("Unggah dokumen legalitas sebagai PDF atau gambar (JPG/PNG).")})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind.mime, digest.hexdigest()


def _follow_latest(partner, actor):
    latest = partner.legality_checks.order_by("-verified_on", "-pk").first()
    status = VerificationStatus.UNVERIFIED
    if latest is not None:
        status = (
            VerificationStatus.VERIFIED
            if latest.result == LegalityResult.VERIFIED
            else VerificationStatus.REJECTED
        )
    if partner.verification_status != status:
        apply_changes(partner, actor, {"verification_status": status})


@transaction.atomic
def legality_record(*, partner: Partner, actor, upload=None, **data) -> PartnerLegality:
    """Record a check of `partner`'s legality, optionally with the scanned document."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    check = PartnerLegality(
        partner=partner, verified_by=actor if getattr(actor, "pk", None) else None, **data
    )
    if check.verified_on is None:
        check.verified_on = timezone.localdate()
    if upload is not None:
        check.content_type, check.sha256 = _inspect(upload)
        check.original_name = upload.name[:255]
        check.file.save(upload.name, upload, save=False)
    try:
        save_validated(check, actor, exclude=["file"])
    except Exception:
        if check.file:
            check.file.delete(save=False)
        raise
    _follow_latest(partner, actor)
    return check


@transaction.atomic
def legality_update(*, check: PartnerLegality, actor, **data) -> PartnerLegality:
    apply_changes(check, actor, data)
    _follow_latest(check.partner, actor)
    return check


@transaction.atomic
def legality_delete(*, check: PartnerLegality, actor) -> None:
    partner = check.partner
    check._history_user = actor
    check.delete()
    _follow_latest(partner, actor)


def legally_verified(partner_ids, on=None) -> set[int]:
    """The partners among `partner_ids` whose latest check is verified and still holds on `on`."""
    on = on or timezone.localdate()
    latest = {}
    for check in PartnerLegality.objects.filter(partner_id__in=list(partner_ids)).order_by(
        "partner_id", "-verified_on", "-pk"
    ):
        latest.setdefault(check.partner_id, check)
    return {pk for pk, check in latest.items() if check.holds_on(on)}


def legality_problems(partner: Partner, on=None) -> str | None:
    """Why `partner`'s legality does not hold, in words; None when it does."""
    on = on or timezone.localdate()
    checks = sorted(partner.legality_checks.all(), key=lambda c: (c.verified_on, c.pk), reverse=True)
    latest = checks[0] if checks else None
    if latest is None:
        return _("Legalitas %(p)s belum diverifikasi (dokumen, oleh siapa, kapan).") % {"p": partner}
    if latest.result != LegalityResult.VERIFIED:
        return _("Legalitas %(p)s dinyatakan tidak sah pada verifikasi terakhir.") % {"p": partner}
    if latest.valid_until and latest.valid_until < on:
        return _("Dokumen legalitas %(p)s berlaku hingga %(d)s dan sudah habis masa berlakunya.") % {
            "p": partner,
            "d": tanggal(latest.valid_until),
        }
    return None
