"""The roles of DESIGN.md §1, held as Django groups.

One person may hold several roles; `roles_of(user)` is cached on the user object for the request.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    STAFF = "staff", _("Staf Bagian Kerja Sama")
    MANAGER = "manager", _("Pimpinan / TKKSD")
    OPD_OFFICER = "opd_officer", _("Petugas Perangkat Daerah")
    PARTNER = "partner", _("Pengguna Mitra")


INTERNAL_READ_ALL = frozenset({Role.ADMIN, Role.STAFF, Role.MANAGER})


def roles_of(user) -> frozenset[str]:
    """The role names a user holds (superusers count as admin)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kemitraan_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(n for n in names if n in Role.values)
        user._kemitraan_roles = cached
    return cached


def roles_load(users) -> None:
    """Fill `roles_of`'s cache of many users with one query (e.g. every recipient of a day's reminders),
    instead of one query per user."""
    pending = [u for u in users if u is not None and getattr(u, "_kemitraan_roles", None) is None]
    if not pending:
        return
    names = {}
    through = type(pending[0]).groups.through
    for user_id, name in through.objects.filter(user_id__in={u.pk for u in pending}).values_list(
        "user_id", "group__name"
    ):
        names.setdefault(user_id, set()).add(name)
    for user in pending:
        found = names.get(user.pk, set()) | ({Role.ADMIN} if user.is_superuser else set())
        user._kemitraan_roles = frozenset(n for n in found if n in Role.values)


def sees_everything(user) -> bool:
    """Admins, staff and managers read every agreement (DESIGN.md §1)."""
    return bool(roles_of(user) & INTERNAL_READ_ALL)


def is_staff_member(user) -> bool:
    """Staff of the cooperation unit (or admins): may enter and change data."""
    return bool(roles_of(user) & {Role.ADMIN, Role.STAFF})
