"""Values that go into a header line (a mail subject, a Content-Disposition file name).

Every Content-Disposition the apps send is built by `content_disposition` (decision 0052).

A header ends at a line break: a CR or LF inside a value either splits the header (header injection)
or, in Django's mail, raises BadHeaderError and the message is never sent. Titles typed into a form can
carry line breaks, tabs and other control characters, so every header value the apps build passes
through `header_safe` first.
"""

import re
import unicodedata
from urllib.parse import quote

# Control characters (C0, DEL, C1) and every other kind of white space, including the Unicode line
# and paragraph separators: a run of them becomes one space.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
ELLIPSIS = "…"


def header_safe(value, max_length: int | None = None) -> str:
    """`value` on one line: runs of control characters and white space collapse into single spaces,
    the ends are trimmed, and a value longer than `max_length` is cut, ending in an ellipsis."""
    text = _BREAKS.sub(" ", str(value)).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max(max_length - len(ELLIPSIS), 0)].rstrip() + ELLIPSIS
    return text


# Characters a quoted file name may carry as they are in every browser: no quote, backslash or `;`.
_FALLBACK_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()\[\]+,=@#&!~-]+")
FILENAME_MAX_LENGTH = 150
DEFAULT_FILENAME = "berkas"


def _split_extension(name: str) -> tuple[str, str]:
    """("laporan", ".pdf") from "laporan.pdf"; an "extension" longer than 16 characters is none."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 16:
        return name, ""
    return stem, dot + extension


def _ascii_fallback(name: str) -> str:
    stem, extension = _split_extension(name)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = _FALLBACK_UNSAFE.sub("_", stem).strip(" ._")
    extension = _FALLBACK_UNSAFE.sub("", extension)
    return (stem or DEFAULT_FILENAME) + (extension if len(extension) > 1 else "")


def content_disposition(filename, attachment: bool = True) -> str:
    """A Content-Disposition value for `filename` that no file name can break out of.

    The name is put on one line (`header_safe`), path separators become dashes, and it is cut to
    FILENAME_MAX_LENGTH keeping its extension. `filename="…"` carries an ASCII rendering with no quote,
    backslash, semicolon or control character, for old clients; when that differs from the name,
    `filename*=UTF-8''…` (RFC 5987, percent-encoded) carries the name itself, which browsers prefer.
    """
    name = header_safe(str(filename or "")).replace("/", "-").replace("\\", "-").strip(" .")
    if len(name) > FILENAME_MAX_LENGTH:
        stem, extension = _split_extension(name)
        name = stem[: FILENAME_MAX_LENGTH - len(extension)].rstrip() + extension
    name = name or DEFAULT_FILENAME
    fallback = _ascii_fallback(name)
    value = '{}; filename="{}"'.format("attachment" if attachment else "inline", fallback)
    if fallback != name:
        value += "; filename*=UTF-8''" + quote(name, safe="")
    return value
