"""API reads over the register from Django's cache, under the register pages' keys
(registry/register_cache.py, docs/decisions/0067-cached-api-reads.md).

A list or a detail answered as JSON is stored as the bytes sent, under the register token, the path and
query, the language, the date and the reader's scope — as a register page is — and the host the links
in it name (pagination's `next`, documents' `download_url` are absolute). Only 200 answers in JSON are
stored: the browsable API draws forms for the reader, and an error is cheap to compute again. A reader
whose scope cannot be named is never served from the cache nor stored in it.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse

from core.fragment_cache import timeout

from .register_cache import page_key


class CachedReadsMixin:
    """For a model viewset whose rows are the register's: `list` and `retrieve` from the cache."""

    cached_actions = frozenset({"list", "retrieve"})

    def _read_key(self, request) -> str | None:
        renderer = getattr(request, "accepted_renderer", None)
        if self.action not in self.cached_actions or renderer is None or renderer.format != "json":
            return None
        key = page_key(request, f"api.{self.basename}.{self.action}")
        if key is None:
            return None
        host = hashlib.sha256(request.build_absolute_uri("/").encode("utf-8", "surrogatepass"))
        return f"{key}:{host.hexdigest()[:16]}"

    def _cached(self, read, request, *args, **kwargs):
        key = self._read_key(request)
        if key is None:
            return read(request, *args, **kwargs)
        hit = cache.get(key)
        if hit is not None:
            content_type, body = hit
            return HttpResponse(body, content_type=content_type)
        response = read(request, *args, **kwargs)
        if response.status_code == 200:
            # Stored once rendered: the bytes a later reader of this scope is sent unchanged.
            response.add_post_render_callback(
                lambda rendered: cache.set(key, (rendered["Content-Type"], rendered.content), timeout())
            )
        return response

    def list(self, request, *args, **kwargs):
        return self._cached(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(super().retrieve, request, *args, **kwargs)
