"""Checks on uploaded files: size and type judged by content, not by the name the uploader gave.

A file is stored under a random name with the extension of its detected type (`stored_extension`), so
"evil.html" holding a real PDF is stored as .pdf; its original name is kept for display, and a download
is saved with the detected extension (`download_name`). A name whose extension claims another kind of
document this application accepts ("x.pdf" holding a PNG) is refused: the uploader most likely picked
the wrong file, and a reader would be misled. Within a kind the mismatch is allowed (a PNG named .jpg,
an XLSX named .xls): programs open either, and the stored extension is the detected one anyway.
"""

import hashlib
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Content types accepted for documents and evidence (PDF, images and office documents), each with the
# extensions its files carry; the first is the one a stored file gets.
EXTENSIONS = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg", "jpe"),
    "image/png": ("png",),
    "application/msword": ("doc",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.ms-powerpoint": ("ppt",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
}
ALLOWED_TYPES = set(EXTENSIONS)
# Kinds of document: a name may claim another type of the same kind.
KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "image",
    "image/png": "image",
    "application/msword": "text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "text",
    "application/vnd.oasis.opendocument.text": "text",
    "application/vnd.ms-excel": "spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    "application/vnd.ms-powerpoint": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation": "presentation",
}
_TYPE_OF_EXTENSION = {extension: kind for kind, extensions in EXTENSIONS.items() for extension in extensions}


def stored_extension(content_type: str) -> str:
    """The extension a stored file of `content_type` gets (".pdf", ".png", …); "" for other types."""
    extensions = EXTENSIONS.get(content_type)
    return f".{extensions[0]}" if extensions else ""


def _claimed_extension(name: str) -> str:
    return PurePosixPath(str(name or "")).suffix.lower().lstrip(".")


def download_name(original_name: str, content_type: str) -> str:
    """The name a download is saved under: the original one, with the detected type's extension added
    when the original does not carry it ("evil.html" holding a PDF is saved as "evil.html.pdf")."""
    extensions = EXTENSIONS.get(content_type, ())
    if not extensions or _claimed_extension(original_name) in extensions:
        return original_name
    return f"{original_name}.{extensions[0]}"


def _check_name(name, content_type):
    claimed = _claimed_extension(name)
    claimed_type = _TYPE_OF_EXTENSION.get(claimed)
    if claimed_type is not None and KINDS[claimed_type] != KINDS[content_type]:
        raise ValidationError(
            _(
                "Isi berkas %(name)s bukan %(claimed)s melainkan %(found)s. Periksa apakah berkasnya "
                "benar, atau ganti ekstensi namanya menjadi .%(extension)s."
            )
            % {
                "name": name,
                "claimed": claimed.upper(),
                "found": EXTENSIONS[content_type][0].upper(),
                "extension": EXTENSIONS[content_type][0],
            },
            code="extension",
        )


def inspect_upload(upload) -> tuple[str, int, str]:
    """Return (content_type, size, sha256) of an uploaded file, or raise a ValidationError."""
    size = upload.size
    if size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); batasnya %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("Jenis berkas tidak diizinkan. Unggah PDF, gambar (JPG/PNG) atau dokumen perkantoran."),
            code="type",
        )
    _check_name(upload.name, content_type)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, size, digest.hexdigest()
