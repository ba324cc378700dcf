"""Catching Content-Security-Policy violations in Playwright pages (the browser journeys use it too)."""

# Chromium logs each refused script, style, image or worker to the console with these words.
CSP_MARKER = "Content Security Policy"


def record_csp_violations(page, into: list[str] | None = None) -> list[str]:
    """The list (new, or `into`) that receives every CSP violation `page` logs from now on."""
    violations = [] if into is None else into
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if CSP_MARKER in message.text else None
        ),
    )
    return violations
