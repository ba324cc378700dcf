"""Sections that a higher app adds to a lower app's page, without the lower app importing it.

A page owns a `Slot`; an app above registers a `Panel` in its AppConfig.ready() (evaluations adds its
section to the agreement page, agreements adds the list of agreements to the partner page). The page
asks the slot for the panels' prefetches when it reads, and for their contexts when it renders:

    {% for panel in panels %}{% include panel.template %}{% endfor %}

with the page's own context plus the panel's, so a panel's template reads like any other partial.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


def _no_context(request, obj) -> dict:
    return {}


def _no_prefetch(user) -> list:
    return []


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    # Where on the page: each page names its places ("top", "bottom", …) in its template.
    place: str = "bottom"
    context: Callable = _no_context  # (request, obj) -> extra template context
    # (user) -> Prefetch objects for the page's one read, each starting from visible_to(user)
    prefetch: Callable = _no_prefetch
    history: Callable | None = None  # (obj) -> [(model, filter)] whose changes join the page's history
    order: int = 50


@dataclass
class Slot:
    name: str
    panels: dict[str, Panel] = field(default_factory=dict)

    def register(self, panel: Panel) -> None:
        # By name, so a second ready() (tests, autoreload) replaces rather than duplicates.
        self.panels[panel.name] = panel

    def _ordered(self) -> list[Panel]:
        return sorted(self.panels.values(), key=lambda p: (p.order, p.name))

    def _at(self, place) -> list[Panel]:
        return [panel for panel in self._ordered() if place is None or panel.place == place]

    def places(self) -> set[str]:
        return {panel.place for panel in self.panels.values()}

    def prefetches(self, user, place=None) -> list:
        """The prefetches of the panels at `place` (all panels when None): a page that shows one place
        at a time reads only for the panels it shows."""
        return [lookup for panel in self._at(place) for lookup in panel.prefetch(user)]

    def history_sources(self, obj) -> list:
        return [source for panel in self._ordered() if panel.history for source in panel.history(obj)]

    def render(self, request, obj, place=None) -> dict[str, list[dict]]:
        """{place: [{"template": …, **context}]} in order, for the page's template; only `place`'s
        panels when one is named."""
        places: dict[str, list[dict]] = {}
        for panel in self._at(place):
            places.setdefault(panel.place, []).append(
                {"name": panel.name, "template": panel.template, **panel.context(request, obj)}
            )
        return places
