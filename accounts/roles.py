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


def sees_everything(user) -> bool:
    """Admins, staff and managers read every agreement (DESIGN.md §1)."""
    return bool(roles_of(user) & INTERNAL_READ_ALL)


def is_staff_member(user) -> bool:
    """Staff of the cooperation unit (or admins): may enter and change data."""
    return bool(roles_of(user) & {Role.ADMIN, Role.STAFF})
