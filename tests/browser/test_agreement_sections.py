"""Every section of every demo agreement page, measured in a real browser (Playwright on Debian's
Chromium): at 1,280 × 900 none is taller than four screens (3,600 px), and at a phone's 390 px nothing
scrolls sideways. An obligation's row opens onto its first twelve occurrences, loaded by htmx.

The figures (the tallest section and the widest page) are written to test-artifacts/ for the record.
"""

import io
import json
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from agreements.models import Agreement, Obligation
from agreements.views.detail import OCCURRENCES_PER_PAGE, TABS
from demo.users import DEMO_PASSWORD
from tests.security.browser import record_csp_violations

from .conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_HEIGHT = 3600  # four screens of 900 px


def _log_in(page, base):
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", "staf")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


# The page's height and sideways overflow, and the innermost elements that stick out on the right.
MEASURE = """() => {
  const width = window.innerWidth;
  const out = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.querySelector("*"))
    .slice(0, 3)
    .map((el) => el.tagName + "." + el.className + ": " + (el.textContent || "").trim().slice(0, 40));
  return {height: document.documentElement.scrollHeight,
          overflow: document.documentElement.scrollWidth - width, out};
}"""


def _measure(page):
    return page.evaluate(MEASURE)


def test_no_section_of_a_demo_agreement_is_taller_than_four_screens_or_wider_than_a_phone(live_server):
    call_command("seed_demo", stdout=io.StringIO())
    agreements = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    assert len(agreements) >= 5
    slugs = [tab.slug for tab in TABS]
    heights, overflows, offenders, violations = {}, {}, {}, []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=DESKTOP, locale="id-ID")
            context.set_default_timeout(15_000)
            page = context.new_page()
            record_csp_violations(page, into=violations)
            _log_in(page, live_server.url)
            # Each agreement's page is opened once; its sections are then opened as a person does, by
            # their links (htmx swaps the section in place), and each is measured at both widths:
            # resizing the window lays the same page out again, as turning a tablet would.
            for pk in agreements:
                page.set_viewport_size(DESKTOP)
                page.goto(f"{live_server.url}/kerja-sama/{pk}/?tab={slugs[0]}")
                for slug in slugs:
                    page.set_viewport_size(DESKTOP)
                    if slug != slugs[0]:
                        page.locator(f"[data-tab={slug}]").click()
                    expect(page.locator(f"#bagian [data-section={slug}]")).to_be_attached()
                    heights[(pk, slug)] = _measure(page)["height"]
                    page.set_viewport_size(PHONE)
                    figures = _measure(page)
                    overflows[(pk, slug)] = figures["overflow"]
                    offenders[(pk, slug)] = figures["out"]

            # An obligation's row opens onto its first page of occurrences (htmx, in place).
            page.set_viewport_size(DESKTOP)
            obligation = Obligation.objects.filter(occurrences__isnull=False).order_by("pk").first()
            page.goto(f"{live_server.url}/kerja-sama/{obligation.agreement_id}/?tab=kewajiban")
            row = page.locator(f"details[data-obligation='{obligation.pk}']")
            row.locator("summary").click()
            expect(row.locator("[data-testid=occurrences]")).to_be_visible()
            shown = row.locator("[data-testid=occurrences] li").count()
            assert shown == min(OCCURRENCES_PER_PAGE, obligation.occurrences.count())
        finally:
            browser.close()

    tallest = max(heights, key=heights.get)
    widest = max(overflows, key=overflows.get)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "agreement-sections.json").write_text(
        json.dumps(
            {
                "tallest_section_px_at_1280": {
                    "agreement": tallest[0],
                    "tab": tallest[1],
                    "px": heights[tallest],
                },
                "widest_overflow_px_at_390": {
                    "agreement": widest[0],
                    "tab": widest[1],
                    "px": overflows[widest],
                },
                "heights": {f"{pk}/{slug}": px for (pk, slug), px in heights.items()},
                "overflows": {f"{pk}/{slug}": px for (pk, slug), px in overflows.items() if px > 0},
            },
            indent=1,
        )
    )
    too_tall = {key: px for key, px in heights.items() if px > MAX_HEIGHT}
    assert not too_tall, f"sections taller than {MAX_HEIGHT}px at 1280px: {too_tall}"
    too_wide = {key: (px, offenders[key]) for key, px in overflows.items() if px > 0}
    assert not too_wide, f"sections scrolling sideways at 390px: {too_wide}"
    assert not violations, "\n".join(violations)
