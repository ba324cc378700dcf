"""Links that keep a list's filters: pagination, sortable column headers, navigation items — and
`{% can %}`, the permission module's answer, for menus and buttons."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from core import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """`{% can "report.view" as may_report %}`: the permission module's answer for the page's user."""
    user = getattr(context.get("request"), "user", None) or context.get("user")
    return access.can(user, action, obj)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one). Changing anything
    but the page returns to page 1."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def page_window(paginator, number):
    """Page numbers around the current one, with None where numbers are left out."""
    return [
        None if page == paginator.ELLIPSIS else page
        for page in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]


@register.inclusion_tag("includes/sort_link.html", takes_context=True)
def sort_link(context, field, label):
    """A column header that sorts by `field`, ascending first, then descending."""
    current = context["request"].GET.get("ordering", "")
    ascending = current == field
    descending = current == f"-{field}"
    return {
        "label": label,
        "query": query_with(context, ordering=f"-{field}" if ascending else field),
        "aria_sort": "ascending" if ascending else "descending" if descending else "none",
        "arrow": "▲" if ascending else "▼" if descending else "",
        "hint": _("urutkan menurun") if ascending else _("urutkan menaik"),
    }


@register.inclusion_tag("includes/nav_link.html", takes_context=True)
def nav_item(context, url_name, label, active_prefix=None, action=None):
    """A navigation item, left out when the user may not `action` (accounts.permissions.can): no menu
    entry leads to a 404 or a 403."""
    user = getattr(context.get("request"), "user", None)
    if action is not None and not access.can(user, action):
        return {"href": None}
    href = reverse(url_name)
    match = getattr(context.get("request"), "resolver_match", None)
    prefix = active_prefix or url_name
    active = bool(match and match.view_name and match.view_name.startswith(prefix))
    return {"href": href, "label": label, "active": active}
