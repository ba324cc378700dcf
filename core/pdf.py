"""PDF rendering with WeasyPrint, imported lazily: the import alone takes over a second, and only
workers (and the benchmark) ever render."""

from django.conf import settings
from django.template.loader import render_to_string


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Lay out and write an HTML document as PDF bytes."""
    from weasyprint import HTML  # noqa: PLC0415 — lazy on purpose

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def render_html(template_name: str, context: dict) -> str:
    """The HTML of a print template (templates/pdf/), as WeasyPrint receives it."""
    return render_to_string(template_name, {"home_government": settings.HOME_GOVERNMENT_NAME, **context})


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a print template (templates/pdf/) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))
