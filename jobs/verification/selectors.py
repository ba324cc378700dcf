"""Reads for the verification page: a document by its code, and checking a file against it."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from agreements.audience import Audience, audience_for
from core.converters import is_token
from core.seal import SealCheck, seal_check

from ..models import IssuedDocument


def issued_document_for_page(code: str) -> IssuedDocument:
    """The document with this code, with `newer_exists` and its agreement, or 404 — the same answer
    for a code that was never issued and for anything that is not a code."""
    if not is_token(code):
        raise Http404
    document = (
        IssuedDocument.objects.with_newer_exists().select_related("agreement").filter(code=code).first()
    )
    if document is None:
        raise Http404
    return document


def public_title(document: IssuedDocument) -> str:
    """The agreement's title, only while the agreement was public when the document was issued and is
    in the open register now; otherwise nothing (an internal document says nothing of its content)."""
    agreement = document.agreement
    if agreement is None or not document.agreement_public:
        return ""
    return agreement.title if audience_for(AnonymousUser(), agreement) == Audience.PUBLIC else ""


@dataclass(frozen=True)
class FileCheck:
    sha256: str
    matches: bool
    seal: SealCheck


def file_check(document: IssuedDocument, content: bytes) -> FileCheck:
    """Whether `content` is the issued document (same sha256), and what its seal says."""
    digest = hashlib.sha256(content).hexdigest()
    return FileCheck(sha256=digest, matches=digest == document.sha256, seal=seal_check(content))
