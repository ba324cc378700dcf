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

from django.utils import timezone, translation

from accounts.scope import reader_key
from core.fragment_cache import fragment, value


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
    scope = reader_key(request.user)
    return value(key(kind, agreement, scope, *parts) if scope else None, compute)


def cached_fragment(request, agreement, kind, parts, render):
    """HTML from the cache, or `render(extra_context)` stored for this scope (core/fragment_cache.py:
    no stored fragment carries a CSRF token)."""
    scope = reader_key(request.user)
    return fragment(request, key(kind, agreement, scope, *parts) if scope else None, render)
