"""Path converters for capability tokens (calendar feeds, invitation links).

A token is the credential, so whatever a client puts where a token goes must either look like one of
ours or be a 404 before any database lookup: a NUL byte reaching PostgreSQL is an error (500), and
bytes that are not UTF-8 are not a token either. The tokens the apps issue are `secrets.token_urlsafe`
strings (URL-safe base64: letters, digits, `-` and `_`).
"""

import re

from django.urls import register_converter

TOKEN_PATTERN = r"[A-Za-z0-9_-]{16,128}"
_TOKEN = re.compile(TOKEN_PATTERN)


def is_token(value) -> bool:
    """Whether `value` has the shape of a token the apps issue (checked before any lookup)."""
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


class TokenConverter:
    """`<token:name>`: a URL-safe token of 16 to 128 characters; anything else does not match (404)."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        value = str(value)
        if not is_token(value):
            raise ValueError("not a token")  # reverse() then raises NoReverseMatch
        return value


# Registered once, on import; URL modules that use `<token:…>` import this module first.
register_converter(TokenConverter, "token")
