"""The audit of reads: every download of a private document or a PDF leaves a ReadLog row.

Views call `read_log_record(request, obj)` once the scoped lookup has found the object and before they
answer with the file, so that a refused or missing object (404) leaves nothing. Anonymous readers are
not recorded: they reach only public documents, and their addresses are personal data the registry
does not need (UU 27/2022). Rows are kept for settings.READ_LOG_RETENTION_DAYS days, then pruned by
the daily `core.read_log_prune` task (or `manage.py read_log_prune`).
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import ReadLog

USER_AGENT_MAX = ReadLog._meta.get_field("user_agent").max_length
LABEL_MAX = ReadLog._meta.get_field("label").max_length
VERSION_MAX = ReadLog._meta.get_field("version").max_length


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The reader's address: REMOTE_ADDR, or — when settings.TRUSTED_PROXY_COUNT proxies of our own
    stand in front of the app — the address the outermost of them saw, taken from X-Forwarded-For
    counting from the right (each proxy appends what it saw; entries further left are the client's
    own claims and can be forged)."""
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted > 0 and forwarded:
        hops = [hop for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted and (address := _valid_ip(hops[-trusted])):
            return address
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def read_log_record(request, obj, *, version="", label="", user=None) -> ReadLog | None:
    """Record that the request's user (or `user`, when a view authenticated another way) downloads
    `obj`. The version is `version`, else the object's own `version`; the checksum its `sha256` or
    `result_sha256` when it stores one."""
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    version = str(version or getattr(obj, "version", "") or "")
    sha256 = getattr(obj, "sha256", "") or getattr(obj, "result_sha256", "") or ""
    return ReadLog.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        label=str(label or obj)[:LABEL_MAX],
        version=version[:VERSION_MAX],
        sha256=sha256,
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX],
    )


def read_log_recent(objects, limit: int = 10) -> list[ReadLog]:
    """The latest downloads of any of `objects` (instances of one model), newest first, with their
    users: one query, whatever the number of objects (none when there are none)."""
    objects = list(objects)
    if not objects:
        return []
    opts = objects[0]._meta
    return list(
        ReadLog.objects.filter(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id__in=[obj.pk for obj in objects],
        )
        .select_related("user")
        .order_by("-read_at", "-pk")[:limit]
    )


def read_log_prune(*, now=None) -> int:
    """Delete the rows older than the retention period; the number deleted."""
    days = getattr(settings, "READ_LOG_RETENTION_DAYS", 365)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = ReadLog.objects.filter(read_at__lt=cutoff).delete()
    return deleted
