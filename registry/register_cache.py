"""Pages over the whole register (the agreement and partner lists, the dashboard, the verification
queue, the public register) in Django's cache, under a token that changes with every write to the
register (docs/decisions/0066-cached-register-pages.md).

Such a page shows rows of many agreements and partners, so no one row's counter can key it (as
`Agreement.shown_version` keys an agreement's sections). Its key holds instead:

- the **register token**: a random value in the cache itself, replaced after every transaction that
  wrote a row of the register — any model of the registry, agreements or evaluations apps (post_save,
  post_delete and m2m_changed receivers, found by walking the models), and the bulk writes that send
  no signals, which call `register_changed()` (agreements/shown.py's `bump` does, so each bulk write
  that raises agreements' counters changes the token too). A new token is set at the write and again
  when the transaction commits: a reader who rendered the rows of before the commit stored them under
  a token no one reads after it. With Redis (production) or the file cache (the embedded default) every process
  sees the same token, so a worker's write (the daily run) empties the web processes' pages too; a
  token the cache lost is simply a new one;
- the page's name, its path and its query string (hashed: odd bytes in a URL cannot shape a key);
- the language and today's date (lists say "ending within 90 days" and "overdue");
- the reader's scope (`accounts.scope.reader_key`: roles, and the partners or OPDs acted for), or
  "public" for pages anyone may read — never a key for a reader whose scope cannot be named.

Only a page's content is stored, never the navigation bar (the user's name, the notices' count) nor
the messages; and no CSRF token (core/fragment_cache.py).
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.scope import reader_key
from core.fragment_cache import fragment, value

TOKEN_KEY = "register:token"
WATCHED_APPS = ("registry", "agreements", "evaluations")
PUBLIC = "public"

# Models outside WATCHED_APPS that point at the register's rows but that no register page shows, with
# the reason. tests/registry/test_register_cache.py fails when a model with a path to an agreement, or
# one an agreement points to, is neither watched nor named here.
NOT_SHOWN = {
    "accounts.user": "a person's name appears beside what they did; last_login changes on every login",
    "jobs.agreementsummary": "summary files are offered on the agreement page, from their own job status",
    "jobs.backgroundjob": "a job's status is loaded by its own panel (jobs:summary_panel)",
    "jobs.issueddocument": "issued documents are verified by their own page, not listed on register pages",
    "notifications.reminderdelivery": "reminders sent are shown in the notices, not on register pages",
}


def register_token() -> str:
    token = cache.get(TOKEN_KEY)
    if token is None:
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)  # another process may have set one just now
        token = cache.get(TOKEN_KEY) or uuid.uuid4().hex
    return token


def _new_token() -> None:
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)


def register_changed(using=None) -> None:
    """A write to the register: a new token now, so that what this transaction reads next is not an
    older page, and again when it commits (once per transaction), so that a page another reader
    rendered from the rows of before the commit under the first new token is never served."""
    _new_token()
    connection = transaction.get_connection(using)
    # run_on_commit is a new list after each commit or rollback: one scheduled token per transaction.
    if connection.in_atomic_block and getattr(connection, "_kemitraan_register_hooks", None) is not (
        hooks := connection.run_on_commit
    ):
        transaction.on_commit(_new_token, using=using)
        connection._kemitraan_register_hooks = hooks


def _query_digest(request) -> str:
    items = sorted((key, value) for key, values in request.GET.lists() for value in values)
    raw = request.path + "?" + urlencode(items) + ("&htmx" if request.headers.get("HX-Request") else "")
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def page_key(request, name: str, *, public: bool = False) -> str | None:
    scope = PUBLIC if public else reader_key(request.user)
    if scope is None:
        return None
    return ":".join(
        [
            "register",
            name,
            register_token(),
            _query_digest(request),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            scope,
        ]
    )


def cached_content(request, name: str, render, *, public: bool = False):
    """The page's content from the cache, or `render(extra_context)` stored for this reader's scope."""
    return fragment(request, page_key(request, name, public=public), render)


def cached_value(request, name: str, compute, *, public: bool = False):
    """A value (not HTML) from the cache, or `compute()` stored for this reader's scope."""
    return value(page_key(request, name, public=public), compute)


def watched_models() -> list:
    """The models whose rows register pages show: every model of WATCHED_APPS but history copies."""
    return [
        model
        for app in WATCHED_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # simple_history's copies are written with their model
    ]


def _changed(sender, raw=False, **kwargs):
    if not raw:
        register_changed(kwargs.get("using"))


def _m2m_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        register_changed(kwargs.get("using"))


def connect() -> None:
    for model in watched_models():
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"register.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"register.delete.{label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"register.m2m.{label}.{field.name}",
            )


def render_cached_page(request, name, template, content_template, context, *, public=False):
    """`template` (which prints `{{ content }}`) around `content_template` rendered with `context()`,
    the content from the cache when this reader's scope has it: `context` is called only to render."""

    def render_content(extra):
        return render_to_string(content_template, {**context(), **extra}, request=request)

    return render(
        request, template, {"content": cached_content(request, name, render_content, public=public)}
    )
