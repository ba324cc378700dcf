from django import template

from notifications.inbox import unread_count

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The navbar badge (notifications/inbox.py)."""
    return unread_count(user)
