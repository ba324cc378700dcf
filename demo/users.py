"""One demo user per role (DESIGN.md §1), all with the same published demo password."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import Role
from registry import services

DEMO_PASSWORD = "kemitraan-demo"

# username, full name, role, Django admin access
USERS = [
    ("admin", ("Administrator", "Sistem"), Role.ADMIN, True),
    ("staf", ("Dewi", "Lestari"), Role.STAFF, False),
    ("pimpinan", ("Budi", "Hartono"), Role.MANAGER, False),
    ("opd", ("Sri", "Wahyuni"), Role.OPD_OFFICER, False),
    ("mitra", ("Agus", "Prasetyo"), Role.PARTNER, False),
]


def create_users() -> dict:
    """The five demo users, each in the group of its role."""
    User = get_user_model()
    users = {}
    for username, (first, last), role, admin in USERS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@kemitraan.example",
            is_staff=admin,
            is_superuser=admin,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        users[username] = user
    return users


def link_memberships(users, world) -> None:
    """Scope the OPD officer to Dinas Pertanian and the partner user to the agribusiness."""
    actor = users["admin"]
    since = timezone.localdate() - timedelta(days=365)
    services.membership_create(
        actor=actor, user=users["opd"], organisation_unit=world.units["Dinas Pertanian"], valid_from=since
    )
    agri = world.partners["agri"]
    services.membership_create(actor=actor, user=users["mitra"], partner=agri, valid_from=since)
    contact = agri.contacts.get(name="Agus Prasetyo")
    services.contact_update(contact=contact, actor=actor, user=users["mitra"])


def users_table(users) -> list[tuple[str, str, str]]:
    """(username, role label, password) rows for the closing printout."""
    return [(u, str(role.label), DEMO_PASSWORD) for u, _name, role, _admin in USERS if u in users]
