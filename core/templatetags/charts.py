"""{% inline_svg chart %}: a chart from core.charts written into a page, under the page's CSP."""

from django import template
from django.utils.safestring import mark_safe

from core.charts import with_nonce

register = template.Library()


@register.simple_tag(takes_context=True)
def inline_svg(context, svg: str):
    """The chart's SVG (drawn by core.charts from escaped labels) with the request's nonce on its
    <style> element; without one (no CSP middleware) the SVG as it is."""
    nonce = context.get("csp_nonce")
    # Compared with "", not tested for truth: django-csp's lazy nonce is falsy until it is first read.
    return mark_safe(svg if nonce is None or nonce == "" else with_nonce(svg, str(nonce)))
