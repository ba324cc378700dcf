"""What every browser journey does on the pages it visits: log in, run axe-core, check the width."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PASSWORD = "sandi-uji-123"  # tests.accounts.factories.UserFactory's password

# WCAG 2.1 level A and AA: the standard the issue holds the pages to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def accessibility_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 AA violations on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(url: str, violations: list[dict]) -> str:
    """One paragraph per rule: its impact and help text, then each offending element's target and why."""
    lines = [f"{len(violations)} serious or critical axe-core violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:10]:
            why = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {', '.join(map(str, node['target']))} :: {why}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical WCAG 2.1 AA violation axe-core finds in the page."""
    violations = accessibility_violations(page)
    assert not violations, describe_violations(page.url, violations)


def visit(page: Page, url: str) -> None:
    """Open a page, require a 200 and check its accessibility."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert_accessible(page)


def submit(page: Page, selector: str, timeout: float = 15_000) -> None:
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation(timeout=timeout):
        page.locator(selector).click(no_wait_after=True)


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page, "main form button[type=submit]")
    expect(page.locator("#id_username")).to_have_count(0)


def sideways_scroll(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
