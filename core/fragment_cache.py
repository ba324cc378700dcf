"""Rendered HTML in Django's cache without anyone's CSRF token or Content-Security-Policy nonce in it.

A fragment is rendered with placeholders where `{% csrf_token %}` writes the token and where a chart's
<style> gets the request's nonce (`render(extra)` gets the context entries that do this) and stored;
when it is served, the reader's own token and this response's nonce replace them. The keys (what invalidates a fragment and whose it is) are the callers' business:
agreements/section_cache.py for an agreement's sections, registry/register_cache.py for the pages
over the whole register.
"""

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# What {% csrf_token %} writes with this in the context's `csrf_token`; the reader's token replaces it.
CSRF_PLACEHOLDER = "kemitraan-csrf-placeholder"
_CSRF_FIELD = 'name="csrfmiddlewaretoken" value="{}"'
NONCE_PLACEHOLDER = "kemitraan-nonce-placeholder"
_NONCE = 'nonce="{}"'


def timeout() -> int:
    return getattr(settings, "KEMITRAAN_PAGE_CACHE_SECONDS", 24 * 60 * 60)


def with_token(request, html: str) -> SafeString:
    placeholder = _CSRF_FIELD.format(CSRF_PLACEHOLDER)
    if placeholder in html:
        html = html.replace(placeholder, _CSRF_FIELD.format(get_token(request)))
    nonce = _NONCE.format(NONCE_PLACEHOLDER)
    if nonce in html:
        html = html.replace(nonce, _NONCE.format(escape(str(getattr(request, "csp_nonce", "")))))
    return mark_safe(html)  # noqa: S308 — HTML rendered by our templates


def fragment(request, name: str | None, render) -> SafeString:
    """The HTML stored under `name`, or `render(extra_context)` stored there; `name=None` (a reader
    whose scope cannot be named) renders without storing."""
    if name is None:
        return mark_safe(render({}))  # noqa: S308 — HTML rendered by our templates
    html = cache.get(name)
    if html is None:
        html = str(render({"csrf_token": CSRF_PLACEHOLDER, "csp_nonce": NONCE_PLACEHOLDER}))
        cache.set(name, html, timeout())
    return with_token(request, html)


def value(name: str | None, compute):
    """A value (not HTML) stored under `name`, or `compute()` stored there; `name=None` (a reader
    whose scope cannot be named) computes without storing."""
    if name is None:
        return compute()
    stored = cache.get(name)
    if stored is None:
        stored = compute()
        cache.set(name, stored, timeout())
    return stored
