"""One Chromium (Debian's, through Playwright) for all the journeys; a fresh context per page.

A failing test leaves a full-page screenshot and the HTML of every page it opened under
var/test-artifacts/, named after the test, so a red run in CI can be read without rerunning it.
Every page also records Content-Security-Policy violations; a test whose pages logged one fails.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect, sync_playwright

from tests.security.browser import record_csp_violations

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Assertions wait as long as actions do: a stage change renders the summary PDF inside the request
# (Celery runs eagerly in the suite), which takes longer than Playwright's 5 s default on two busy cores.
expect.set_options(timeout=15_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

_pages = pytest.StashKey[list]()


# Package scope: Playwright's sync API keeps an event loop running in this thread while it is open,
# which other tests' own Playwright (tests/security) or asyncio would trip over; it closes when the
# last journey has run.
@pytest.fixture(scope="package")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a page in a context of its own (its own cookies: one person each); `page.base` is the
    live server's address. Contexts close, and CSP violations are checked, when the test ends."""
    contexts, violations = [], []
    request.node.stash[_pages] = []

    def open_page(*, viewport=DESKTOP, locale="id-ID", **options):
        context = browser.new_context(viewport=viewport, locale=locale, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.base = live_server.url
        record_csp_violations(page, into=violations)
        request.node.stash[_pages].append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, while the pages are still open: keep what each of them showed."""
    report = yield
    if report.failed and report.when == "call":
        for number, page in enumerate(item.stash.get(_pages, []), start=1):
            _save_artifacts(page, f"{_slug(item.nodeid)}-{number}")
    return report


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", nodeid.split("::", 1)[-1]).strip("-")


def _save_artifacts(page, name: str) -> None:
    if page.is_closed():
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # a crashed page must not hide the test's own failure
        (ARTIFACTS / f"{name}.error.txt").write_text(str(error), encoding="utf-8")
