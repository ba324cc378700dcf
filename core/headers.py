"""Values that go into a header line (a mail subject, a Content-Disposition file name).

A header ends at a line break: a CR or LF inside a value either splits the header (header injection)
or, in Django's mail, raises BadHeaderError and the message is never sent. Titles typed into a form can
carry line breaks, tabs and other control characters, so every header value the apps build passes
through `header_safe` first.
"""

import re

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
