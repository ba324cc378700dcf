"""A user's unread in-app notifications, as the navbar's badge and the portal home read them."""

from .models import Notification

# On the user object, for the request: how many unread notifications the user has, once a read has
# shown it (like accounts.roles caches the roles).
_KNOWN_COUNT = "_kemitraan_unread_count"


def latest_unread(user, limit: int = 5) -> list:
    """The user's latest unread notifications. Fewer than `limit` of them is the whole unread count
    too: it is kept on the user object, so that the badge on the same page asks no second query."""
    rows = list(Notification.objects.visible_to(user).unread().order_by("-created_at", "-pk")[:limit])
    if len(rows) < limit:
        setattr(user, _KNOWN_COUNT, len(rows))
    return rows


def unread_count(user) -> int:
    """The navbar badge: one COUNT on a partial index of unread rows, unless this request knows it."""
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, _KNOWN_COUNT, None)
    if known is not None:
        return known
    return Notification.objects.visible_to(user).unread().count()
