"""Which partners and OPDs a user acts for, through memberships valid today.

Returned as lists of ids, read in one small query and cached on the user object for the request (like
`roles_of`): a literal `IN (…)` list lets PostgreSQL estimate how few rows a partner's scope holds and
start from the indexes, where a membership subquery was planned after joining every row of a large table
(bench/README.md, docs/decisions/0041). A user object read afresh (the next request) reads them again.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

_CACHE = "_kemitraan_scope"


def _scope(user) -> tuple[list[int], list[int]]:
    """(partner ids, OPD ids) of the memberships valid today, read once per user object and day."""
    if user is None or not user.is_authenticated:
        return [], []
    today = timezone.localdate()
    cached = getattr(user, _CACHE, None)
    if cached is None or cached[0] != today:
        Membership = apps.get_model("registry", "Membership")
        rows = Membership.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            user_id=user.pk,
            user__is_active=True,
        ).values_list("partner_id", "organisation_unit_id")
        partners = sorted({partner for partner, _unit in rows if partner is not None})
        units = sorted({unit for _partner, unit in rows if unit is not None})
        cached = (today, partners, units)
        setattr(user, _CACHE, cached)
    return cached[1], cached[2]


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
