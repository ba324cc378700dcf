"""Which partners and OPDs a user acts for, through memberships valid today.

Returned as lists of ids, read in one small query and cached on the user object for the request (like
`roles_of`): a literal `IN (…)` list lets PostgreSQL estimate how few rows a partner's scope holds and
start from the indexes, where a membership subquery was planned after joining every row of a large table
(bench/README.md, docs/decisions/0041). A user object read afresh (the next request) reads them again.
"""

import hashlib

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from .roles import Role, roles_of

_CACHE = "_kemitraan_scope"


def _valid_memberships(today, user_ids):
    Membership = apps.get_model("registry", "Membership")
    return Membership.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        user_id__in=user_ids,
        user__is_active=True,
    ).values_list("user_id", "partner_id", "organisation_unit_id")


def _cache(user, today, rows) -> tuple:
    partners = sorted({partner for _user, partner, _unit in rows if partner is not None})
    units = sorted({unit for _user, _partner, unit in rows if unit is not None})
    cached = (today, partners, units)
    setattr(user, _CACHE, cached)
    return cached


def _scope(user) -> tuple[list[int], list[int]]:
    """(partner ids, OPD ids) of the memberships valid today, read once per user object and day."""
    if user is None or not user.is_authenticated:
        return [], []
    today = timezone.localdate()
    cached = getattr(user, _CACHE, None)
    if cached is None or cached[0] != today:
        cached = _cache(user, today, list(_valid_memberships(today, [user.pk])))
    return cached[1], cached[2]


def scope_load(users) -> None:
    """Fill the scope cache of many users with one query (e.g. every reader of a day's reminders, whose
    links depend on what they may open), instead of one query per user."""
    today = timezone.localdate()
    pending = [u for u in users if u is not None and (getattr(u, _CACHE, None) or (None,))[0] != today]
    if not pending:
        return
    rows = {}
    for row in _valid_memberships(today, {u.pk for u in pending}):
        rows.setdefault(row[0], []).append(row)
    for user in pending:
        _cache(user, today, rows.get(user.pk, []))


def partner_ids(user) -> list[int]:
    """The ids of the partners the user may act for today."""
    return _scope(user)[0]


def unit_ids(user) -> list[int]:
    """The ids of the OPDs the user may act for today."""
    return _scope(user)[1]


def forget_scope(user) -> None:
    """Drop the cached ids, for code that changes a user's memberships and reads their scope again."""
    if user is not None:
        user.__dict__.pop(_CACHE, None)


def reader_key(user) -> str | None:
    """Who the reader is, as far as what they see and may do goes, for keys of cached pages: the roles
    they hold and, for roles whose reading or rights depend on whom they act for, those partners and
    OPDs (`accounts.permissions.can` asks the roles, and for a given object the memberships, so two
    readers with one key see the same HTML). None when that cannot be said: not logged in, inactive,
    or no role — such a reader is never served from a cache nor written into one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = roles_of(user)
    if not roles:
        return None
    key = "r:" + ",".join(sorted(roles))
    if roles & {Role.PARTNER, Role.OPD_OFFICER}:
        key += ";p:" + ",".join(map(str, partner_ids(user))) + ";u:" + ",".join(map(str, unit_ids(user)))
    return hashlib.sha256(key.encode()).hexdigest()[:24]
