"""The Content-Security-Policy in a real browser (Playwright on Debian's Chromium): the pages run their
scripts, draw their charts with their styles and swap htmx fragments without one violation report."""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from accounts.roles import Role
from jobs.models import BackgroundJob
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import MembershipFactory, PartnerFactory
from tests.security.browser import record_csp_violations

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PASSWORD = "sandi-uji-123"

# Every violation the page sees, reported or not (a refused inline style does not always reach the
# console), kept where the test can read it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


# Redoc's "API docs by Redocly" badge is a hard-coded image from its CDN: refused (img-src), as it
# should be, and hidden by Redoc when it fails to load.
EXPECTED_REFUSAL = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Visitor:
    """A browser tab that remembers every CSP violation of every page it opened."""

    def __init__(self, browser, base):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
        context.set_default_timeout(15_000)
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.base = base
        self.violations = record_csp_violations(self.page)

    def collect(self):
        url = self.page.url
        self.violations += [f"{url}: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        self.violations[:] = [v for v in self.violations if EXPECTED_REFUSAL not in v]

    def open(self, path):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{path}: {response.status}"
        self.page.wait_for_load_state("networkidle")
        self.collect()

    def log_in(self, username):
        self.page.goto(f"{self.base}/masuk/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").click()
        self.collect()


def test_staff_pages_run_under_the_policy(browser, live_server):
    staff = UserFactory(username="staf_csp", roles=[Role.STAFF])
    for n in range(3):
        AgreementPartyFactory(agreement=AgreementFactory(title=f"Kerja Sama CSP {n}"))
    job = BackgroundJob.objects.create(
        kind="report_portfolio", requested_by=staff, status="running", progress=40
    )

    visitor = Visitor(browser, live_server.url)
    visitor.log_in("staf_csp")
    page = visitor.page

    visitor.open("/dasbor/")
    # The charts' own <style> (with the nonce) applies: titles take its colour, not SVG's black.
    title = page.locator(".chart svg text.title").first
    expect(title).to_be_visible()
    assert title.evaluate("e => getComputedStyle(e).fill") == "rgb(33, 37, 41)"

    # Bootstrap's script runs (the user menu opens) and htmx's indicator rules come from our CSS.
    page.locator("#main-nav .dropdown-toggle").click()
    expect(page.locator("#main-nav .dropdown-menu")).to_be_visible()
    assert page.evaluate("window.htmx && htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("document.querySelectorAll('head style').length") == 0

    visitor.open("/kerja-sama/")
    visitor.open("/kerja-sama/baru/")
    # htmx swaps a new row into the editor; the editor's own scripts react to it.
    page.locator('button[name="_add"][value="obligations"]').click()
    expect(page.locator('[name="obligations-0-title"]')).to_be_visible()
    visitor.collect()

    # The progress bar takes its width from a class.
    visitor.open(f"/pekerjaan/{job.pk}/")
    bar = page.locator(".progress-bar").first
    expect(bar).to_be_visible()
    width = bar.evaluate(
        "e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width"
    )
    assert 0.35 < width < 0.45
    page.wait_for_timeout(2500)  # one htmx poll of the status
    visitor.collect()

    visitor.open("/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=30_000)
    visitor.collect()
    visitor.open("/api/redoc/")
    expect(page.locator("h1", has_text="Kemitraan API")).to_be_visible(timeout=30_000)
    visitor.collect()

    assert not visitor.violations, "\n".join(visitor.violations)


def test_partner_pages_run_under_the_policy(browser, live_server):
    partner = PartnerFactory(name="CV Uji Kebijakan")
    user = UserFactory(username="mitra_csp", roles=[Role.PARTNER])
    MembershipFactory(user=user, partner=partner)
    AgreementPartyFactory(partner=partner)

    visitor = Visitor(browser, live_server.url)
    visitor.open("/masuk/")
    visitor.open("/publik/")
    visitor.log_in("mitra_csp")
    visitor.open("/portal/")
    assert not visitor.violations, "\n".join(visitor.violations)
