"""The layers of docs/decisions/0050-layers.md, beyond what import-linter checks in `make test`.

import-linter sees every import, including those inside functions; an import inside a function can
still hide a cycle within an app, so each must say why it is there, in a comment on its line or the
line above.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [
    "core",
    "accounts",
    "registry",
    "agreements",
    "evaluations",
    "notifications",
    "jobs",
    "portal",
    "demo",
]


def _modules():
    for app in APPS + ["kemitraan"]:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _explained(lines, lineno) -> bool:
    """A comment on the import's line, or above the run of imports it belongs to."""
    if "#" in lines[lineno - 1]:
        return True
    above = lineno - 2
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith(("from ", "import "))):
        above -= 1
    return above >= 0 and lines[above].strip().startswith("#")


def _unexplained_imports(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    found = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom) and not _explained(lines, node.lineno):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return found


def test_every_import_inside_a_function_says_why():
    unexplained = [line for path in _modules() for line in _unexplained_imports(path)]
    assert unexplained == []


@pytest.mark.parametrize("app", APPS)
def test_each_layer_is_an_installed_app(app):
    assert app in settings.INSTALLED_APPS


def test_the_project_package_keeps_only_the_wiring():
    names = {p.name for p in (ROOT / "kemitraan").iterdir() if p.suffix == ".py"}
    # gunicorn.py is the production server's configuration, the WSGI entry point's twin.
    wiring = {
        "__init__.py",
        "api_urls.py",
        "asgi.py",
        "celery.py",
        "gunicorn.py",
        "health.py",
        "urls.py",
        "wsgi.py",
    }
    assert names == wiring
