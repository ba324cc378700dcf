"""No view or selector reads a model's rows around the scope (docs/decisions/0010-scoping-rules.md).

Every view module (views.py, views/*.py, api/*.py), selector module (selectors*.py) and the portal app
of every app is parsed. A read of `<Model>.objects` must go straight into `.visible_to(user)` (or be
`.none()`), and `get_object_or_404(<Model>, …)` is refused, since it reads unscoped too; the base views
(core.views.scoped / ScopedObjectMixin) and core.api_base.ScopedViewSet do this for a page. What is left
is in ALLOWED, each with the reason it may read around the scope, and an entry that nothing needs any
more fails as well, so the list stays short.
"""

import ast
import importlib
from pathlib import Path

from django.conf import settings
from django.db import models

ROOT = Path(settings.BASE_DIR)
SCOPED_METHODS = {"visible_to", "none"}
UNSCOPED_SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

ALLOWED = {
    ("accounts.views", "User"): "login page: the second sign-in step reads the user who passed the "
    "password step, named in their own session",
    ("portal.calendar", "CalendarToken"): "the user's own feed token, and the feed URL's secret token, "
    "which is the credential of a request that has no session",
    ("portal.views", "Invitation"): "the invitation link's secret token is the credential of a person "
    "who has no account yet",
    ("agreements.opendata.selectors", "Risk"): "public register (OCDS): shared risks of the public "
    "agreements that visible_to(anonymous) gave",
    ("agreements.opendata.selectors", "RiskShare"): "public register (OCDS): the splits of those risks",
    ("agreements.opendata.selectors", "Benefit"): "public register (OCDS): shared benefits of the public "
    "agreements that visible_to(anonymous) gave",
    ("agreements.opendata.selectors", "BenefitShare"): "public register (OCDS): the splits of those benefits",
    ("agreements.opendata.selectors", "Obligation"): "public register (OCDS): shared obligations of the "
    "public agreements that visible_to(anonymous) gave",
    ("jobs.selectors", "IssuedDocument"): "reports page: the verification code of a file the user's own "
    "visible job stored, matched by its sha256",
    ("jobs.verification.selectors", "IssuedDocument"): "public verification page: the printed code (128 "
    "random bits) is the credential of whoever holds the document; the page shows no content of it",
}


def _apps():
    for path in sorted(ROOT.iterdir()):
        if (path / "apps.py").is_file():
            yield path


def _is_view_or_selector(relative: Path) -> bool:
    parts = relative.parts
    if "migrations" in parts:
        return False
    name = parts[-1]
    return (
        name == "views.py"
        or "views" in parts[:-1]
        or "api" in parts[:-1]
        or name.startswith("selectors")
        or parts[0] == "portal"
    )


def modules():
    """(dotted module name, path) of every view and selector module of every app."""
    for app in _apps():
        for path in sorted(app.rglob("*.py")):
            relative = path.relative_to(ROOT)
            if _is_view_or_selector(relative):
                yield ".".join(relative.with_suffix("").parts), path


def _resolve(node, namespace):
    """The object a dotted expression (`Agreement`, `Agreement.related_units.through`) names, or None."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, namespace)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def _model_name(node, namespace):
    """The model a manager is read from: its name, "<dynamic>" for `model` / `self.model`, else None."""
    found = _resolve(node, namespace)
    if isinstance(found, type) and issubclass(found, models.Model):
        return found.__name__
    if isinstance(node, ast.Name) and node.id == "model":
        return "<dynamic>"
    if isinstance(node, ast.Attribute) and node.attr == "model":
        return "<dynamic>"
    return None


def unscoped_reads(source, namespace):
    """(model name, line) of every read in a module's source that does not start from the scope; names
    are resolved in the imported module's `namespace`."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            model = _model_name(node.value, namespace)
            if model is None:
                continue
            parent = parents.get(node)
            call = parents.get(parent)
            scoped = (
                isinstance(parent, ast.Attribute)
                and parent.attr in SCOPED_METHODS
                and isinstance(call, ast.Call)
                and call.func is parent
            )
            if not scoped:
                found.append((model, node.lineno))
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in UNSCOPED_SHORTCUTS:
                model = _model_name(node.args[0], namespace)
                if model is not None:
                    found.append((model, node.lineno))
    return found


def test_the_walk_sees_every_kind_of_module():
    names = {name for name, _path in modules()}
    for expected in (
        "agreements.views.documents",
        "agreements.api.views",
        "agreements.selectors",
        "agreements.opendata.selectors",
        "evaluations.api.views",
        "registry.views",
        "jobs.views",
        "jobs.selectors",
        "portal.selectors",
        "portal.views",
        "notifications.views",
        "core.views",
    ):
        assert expected in names


def test_views_and_selectors_read_only_through_the_scope():
    problems, used = [], set()
    for module_name, path in modules():
        namespace = vars(importlib.import_module(module_name))
        for model, line in unscoped_reads(path.read_text(), namespace):
            if (module_name, model) in ALLOWED:
                used.add((module_name, model))
            else:
                problems.append(f"{path.relative_to(ROOT)}:{line}: {model} read outside visible_to(user)")
    assert not problems, "\n".join(problems)
    assert not set(ALLOWED) - used, f"allowed but no longer needed: {sorted(set(ALLOWED) - used)}"


def test_the_walk_catches_an_unscoped_read():
    """The detector itself: reads that skip the scope are found, scoped and empty ones are not."""
    from agreements.models import Agreement, Document

    source = (
        "def a(user): return Agreement.objects.visible_to(user).for_list()\n"
        "def b(): return Agreement.objects.filter(is_public=True)\n"
        "def c(pk): return get_object_or_404(Document, pk=pk)\n"
        "def d(self): return self.model.objects.all()\n"
        "def e(): return Document.objects.none()\n"
        "def f(): return Agreement.related_units.through.objects.count()\n"
    )
    found = unscoped_reads(source, {"Agreement": Agreement, "Document": Document})
    assert sorted(found, key=lambda item: item[1]) == [
        ("Agreement", 2),
        ("Document", 3),
        ("<dynamic>", 4),
        ("Agreement_related_units", 6),
    ]
