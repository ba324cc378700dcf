"""Charts as SVG strings drawn on the server with pygal, for web pages and WeasyPrint PDFs alike.

No script and no remote resources: pygal's tooltips and its inline config script are left out, values
are printed on the bars instead, and the font is set on the <svg> itself because SVG text does not
inherit the page's font inside WeasyPrint (STACK.md). Inside a web page the SVG meets the
Content-Security-Policy: its one <style> element gets the request's nonce ({% inline_svg %}), and no
element keeps a style="…" attribute (they become SVG presentation attributes).
"""

import math
import re
from collections.abc import Iterable

import pygal
from django.utils.html import escape
from pygal.style import Style

from core.templatetags.formatting import rupiah_ringkas

FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"
COLOURS = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545", "#20c997", "#6c757d", "#ffc107", "#0dcaf0")
STYLE = Style(
    font_family=FONT_FAMILY,
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=COLOURS,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    title_font_size=16,
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style\b")
_BAR_END_VALUE = re.compile(r'<text text-anchor="middle" x="([0-9.]+)"([^>]*class="value")')


def _config(**overrides):
    return {
        "js": [],
        "disable_xml_declaration": True,
        "tooltips": False,
        "style": STYLE,
        "width": 640,
        "height": 320,
        "print_values": True,
        "show_legend": False,
        "margin": 12,
        **overrides,
    }


def _presentation_attributes(match) -> str:
    """` style="opacity: 0"` as ` opacity="0"`: SVG takes the same properties as attributes."""
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def _finish(chart, title: str) -> str:
    """The SVG without scripts, comments or style attributes, with the font and an accessible name on
    its root element."""
    svg = _COMMENT.sub("", _SCRIPT.sub("", chart.render(is_unicode=True)))
    svg = _STYLE_ATTRIBUTE.sub(_presentation_attributes, svg)
    label = escape(title)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{label}" font-family="{FONT_FAMILY}" ',
        1,
    )


def _nice_step(top: float, ticks: int = 5) -> int:
    """A whole step of 1, 2 or 5 times a power of ten that covers `top` in about `ticks` ticks."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return max(1, int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))


def _axis(values, *, money: bool) -> dict:
    """Whole ticks from zero to a step above the largest value (so that the longest bar and its printed
    value stay inside the plot): pygal would otherwise label a count axis 0.1, 0.2, … and a money axis
    4.725e+10. Money ticks and printed values read as Rupiah in short ("Rp 47,3 M")."""
    numbers = [float(v) for v in values if v is not None]
    if not numbers or (not money and not all(float(v).is_integer() for v in numbers)):
        return {}
    step = _nice_step(max(numbers), ticks=4 if money else 8)
    labels = list(range(0, int(max(max(numbers), 0) // step + 2) * step, step))
    axis = {"y_labels": labels, "range": (0, labels[-1])}
    if money:
        axis["value_formatter"] = rupiah_ringkas
    return axis


def bar_chart(
    title: str, pairs: Iterable[tuple[str, float]], *, horizontal: bool = True, money: bool = False
) -> str:
    """A bar per (label, value) pair, in the given order; `money` prints values as Rupiah in short."""
    pairs = [(str(label), float(value or 0) if money else value) for label, value in pairs]
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(160, 48 + 36 * len(pairs)) if horizontal else 320
    # Values are printed just after the end of their bar (pygal centres them on it, where a short bar's
    # value runs into the labels); the right margin leaves room for the last tick's label.
    chart = chart_class(
        **_config(
            height=height,
            truncate_label=-1,
            print_values_position="top",
            margin_right=56,
            **_axis([v for _, v in pairs], money=money),
        ),
        title=str(title),
    )
    if horizontal:
        pairs.reverse()  # pygal draws the first bar at the bottom; people read from the top
    chart.x_labels = [label for label, _ in pairs]
    chart.add(str(title), [value for _, value in pairs])
    svg = _finish(chart, str(title))
    if horizontal:
        svg = _BAR_END_VALUE.sub(lambda m: f'<text text-anchor="start" x="{float(m[1]) + 4:.1f}"{m[2]}', svg)
    return svg


def pie_chart(title: str, pairs: Iterable[tuple[str, float]]) -> str:
    """A share of the whole per (label, value) pair, with a legend."""
    chart = pygal.Pie(**_config(show_legend=True, legend_at_bottom=True, inner_radius=0.45), title=str(title))
    for label, value in pairs:
        chart.add(str(label), value)
    return _finish(chart, str(title))


def with_nonce(svg: str, nonce: str) -> str:
    """The SVG with `nonce` on its <style> elements, so that the page's Content-Security-Policy lets
    them apply when the SVG is written into the HTML."""
    return _STYLE_ELEMENT.sub(f'<style nonce="{escape(nonce)}"', svg)
