"""Storing documents privately, with their checksum, size and version."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.services import apply_changes, refuse, save_validated

from ..choices import DocumentType
from ..models import Document
from ..uploads import inspect_upload
from .instruments import instrument_signed_copy_attached
from .versioning import bump_version


@transaction.atomic
def document_upload(
    *,
    agreement,
    actor,
    upload,
    title="",
    doc_type,
    visibility,
    instrument=None,
    occurrence=None,
    evaluation=None,
    expected_version=None,
    bump=True,
) -> Document:
    """Store an uploaded file for an agreement (and optionally one of its parts).

    A file with the same title and attachment as an earlier one becomes its next version.
    """
    content_type, size, sha256 = inspect_upload(upload)
    for part in (instrument, occurrence and occurrence.obligation, evaluation):
        if part is not None and part.agreement_id != agreement.pk:
            refuse(_("Dokumen harus dilampirkan pada bagian dari kerja sama yang sama."))
    if bump:
        bump_version(agreement, expected_version)
    title = title or upload.name
    previous = (
        Document.objects.filter(
            agreement=agreement,
            instrument=instrument,
            occurrence=occurrence,
            evaluation=evaluation,
            title=title,
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    document = Document(
        agreement=agreement,
        instrument=instrument,
        occurrence=occurrence,
        evaluation=evaluation,
        doc_type=doc_type,
        title=title,
        version=(previous or 0) + 1,
        original_name=upload.name[:255],
        content_type=content_type,
        size=size,
        sha256=sha256,
        visibility=visibility,
        uploaded_by=actor,
    )
    document.file.save(upload.name, upload, save=False)
    try:
        save_validated(document, actor, exclude=["file"])
    except Exception:
        # The row is rolled back with the transaction; the stored file must go too.
        document.file.delete(save=False)
        raise
    if instrument is not None and doc_type == DocumentType.SIGNED_COPY:
        instrument_signed_copy_attached(instrument, actor)
    return document


@transaction.atomic
def document_update(*, document: Document, actor, **data) -> Document:
    bump_version(document.agreement)
    return apply_changes(document, actor, data)
