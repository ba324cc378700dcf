"""Where a notification about an object sends its reader, without notifications knowing the pages.

The apps that own the pages register a link builder per kind of target at start-up (their
AppConfig.ready()): `register_link("agreement", builder)`, where `builder(user, obj)` returns the path
of the page that reader opens for `obj`, or None when the page is not theirs. `user` is None for a
contact who receives mail without an account. Builders are asked in the order they were registered;
the first path wins. A reader no builder answers for gets no link (never a guessed one).
"""

from collections.abc import Callable

from django.conf import settings

LinkBuilder = Callable[[object, object], str | None]

_builders: dict[str, list[LinkBuilder]] = {}


def register_link(kind: str, builder: LinkBuilder) -> None:
    """Add `builder` for targets of `kind`; registering the same builder twice keeps one."""
    builders = _builders.setdefault(kind, [])
    if builder not in builders:
        builders.append(builder)


def link_path(kind: str, user, obj) -> str:
    """The path `user` opens for `obj`, or "" when no registered builder answers."""
    for builder in _builders.get(kind, ()):
        path = builder(user, obj)
        if path:
            return path
    return ""


def absolute(path: str) -> str:
    """`path` on the site's public address (settings.SITE_URL), for links that leave the site."""
    return settings.SITE_URL.rstrip("/") + path if path else ""
