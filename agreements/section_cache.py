"""Rendered parts of an agreement's pages in Django's cache, keyed by what invalidates them and by who
reads them (docs/decisions/0063-cached-agreement-sections.md).

A key holds the agreement's `shown_version` (agreements/shown.py raises it with every write that
changes what a page shows, in whichever process), the part (a section's slug and its page numbers),
the language, today's date (sections say "overdue" and count days) and the reader's *scope*: the
roles they hold and, for roles whose reading or rights depend on whom they act for, those partners
and OPDs. Everything a page shows or offers follows from those (`accounts.permissions.can` asks the
roles, and for a given object the memberships), so two readers with one scope key see the same
HTML. A reader whose scope cannot be named (not logged in, no role) is never served from the cache
nor written into it.

The CSRF token is never stored: a fragment is rendered with a placeholder where `{% csrf_token %}`
writes the token, and the reader's own token replaces it when the fragment is served.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from accounts.roles import Role, roles_of
from accounts.scope import partner_ids, unit_ids

# What {% csrf_token %} writes with this in the context's `csrf_token`; the reader's token replaces it.
CSRF_PLACEHOLDER = "kemitraan-csrf-placeholder"
_CSRF_FIELD = 'name="csrfmiddlewaretoken" value="{}"'
ACTING_FOR = frozenset({Role.PARTNER, Role.OPD_OFFICER})


def _timeout() -> int:
    return getattr(settings, "KEMITRAAN_PAGE_CACHE_SECONDS", 24 * 60 * 60)


def scope_key(user) -> str | None:
    """Who the reader is, as far as what they see and may do goes; None when that cannot be said."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = roles_of(user)
    if not roles:
        return None
    key = "r:" + ",".join(sorted(roles))
    if roles & ACTING_FOR:
        key += ";p:" + ",".join(map(str, partner_ids(user))) + ";u:" + ",".join(map(str, unit_ids(user)))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def key(kind: str, agreement, scope: str, *parts) -> str:
    return ":".join(
        [
            "agreement",
            kind,
            str(agreement.pk),
            str(agreement.shown_version),
            *map(str, parts),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            scope,
        ]
    )


def cached_value(request, agreement, kind, parts, compute):
    """A value (e.g. the header's figures) from the cache, or `compute()` stored for this scope."""
    scope = scope_key(request.user)
    if scope is None:
        return compute()
    name = key(kind, agreement, scope, *parts)
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, _timeout())
    return value


def _with_token(request, html: str) -> str:
    placeholder = _CSRF_FIELD.format(CSRF_PLACEHOLDER)
    if placeholder in html:
        html = html.replace(placeholder, _CSRF_FIELD.format(get_token(request)))
    return mark_safe(html)  # noqa: S308 — HTML rendered by our templates


def cached_fragment(request, agreement, kind, parts, render):
    """HTML from the cache, or `render(extra_context)` stored for this scope; `extra_context` puts the
    placeholder in place of the CSRF token, so no stored fragment carries one."""
    scope = scope_key(request.user)
    if scope is None:
        return mark_safe(render({}))  # noqa: S308 — HTML rendered by our templates
    name = key(kind, agreement, scope, *parts)
    html = cache.get(name)
    if html is None:
        html = str(render({"csrf_token": CSRF_PLACEHOLDER}))
        cache.set(name, html, _timeout())
    return _with_token(request, html)
