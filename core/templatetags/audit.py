"""`{% read_log objects %}`: the latest downloads of a page's documents, for the readers who may see
the history (staff, admins and managers); nothing at all for anyone else."""

from django import template

from core import access
from core.audit import read_log_recent

register = template.Library()

RECENT = 10


@register.inclusion_tag("core/partials/read_log.html", takes_context=True)
def read_log(context, objects, limit=RECENT):
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if not access.can(user, "history.view"):
        return {"shown": False}
    return {"shown": True, "reads": read_log_recent(objects, limit), "limit": limit}
