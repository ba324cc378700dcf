"""Requests whose address carries bytes no page can use are refused before any view runs.

A NUL byte typed into a URL reaches PostgreSQL as a lookup value, and PostgreSQL refuses text with NUL
(a server error); bytes that are not UTF-8 are decoded into replacement characters that no id, token
or filter value can be. Neither is ever a real address of this application, so:

- a path with a NUL or with bytes that are not UTF-8 answers 404, like any address that does not exist;
- a query string with either answers 400 (bad request): the page exists, the parameters do not make sense.

Form and API fields refuse NUL themselves (Django's and DRF's character fields validate it), so request
bodies are left to them.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404


def _raw(environ_value: str) -> bytes:
    # WSGI passes the request line's bytes as latin-1 text; the test client does the same.
    return environ_value.encode("latin-1", errors="replace")


def _is_clean(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class OddBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        # Under WSGI, PATH_INFO holds the decoded path's bytes (as latin-1); Django re-escapes bytes that
        # are not UTF-8, so only the raw value shows them. (ASGI hands over a path already decoded.)
        if isinstance(request, WSGIRequest) and not _is_clean(_raw(request.META.get("PATH_INFO", ""))):
            raise Http404
        query = _raw(request.META.get("QUERY_STRING", ""))
        if query and not _is_clean(unquote_to_bytes(query.replace(b"+", b" "))):
            raise BadRequest("query string with NUL or bytes that are not UTF-8")
        return self.get_response(request)
