"""Links that keep a list's filters: pagination, sortable column headers, navigation items — and
`{% can %}`, the permission module's answer, for buttons; `{% main_menu %}`, the menu of core.menu."""

from django import template
from django.utils.translation import gettext as _

from core import access
from core.menu import menu_for

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


@register.simple_tag(takes_context=True)
def main_menu(context):
    """`{% main_menu as entries %}`: the entries of core.menu.MAIN_MENU the page's user may open."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return menu_for(getattr(request, "user", None), (match and match.view_name) or "")
