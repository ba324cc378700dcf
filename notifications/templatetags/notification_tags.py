from django import template

from notifications.models import Notification

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The navbar badge: one COUNT on a partial index of unread rows."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.visible_to(user).unread().count()
