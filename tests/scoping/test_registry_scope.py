"""Who sees which partners, contacts, memberships, OPDs and regional potentials (DESIGN.md §1)."""

import pytest

from registry.models import Contact, CooperationObject, Membership, OrganisationUnit, Partner

INTERNAL = ("staff", "manager", "admin")
NOBODY = ("partner_A_expired", "partner_A_future", "opd_expired", "no_role")
EVERY_USER = (*INTERNAL, "opd_lead", "opd_related", "partner_A", "partner_B", *NOBODY)

PARTNERS = {
    **dict.fromkeys(INTERNAL, {"home", "A", "B", "C", "archived_partner"}),
    # The OPD officers' agreement `shared` has parties home, A and B.
    "opd_lead": {"home", "A", "B"},
    "opd_related": {"home", "A", "B"},
    # A shares one agreement with B: A sees B as a co-party, but not C (B's other agreement's party).
    "partner_A": {"home", "A", "B"},
    "partner_B": {"home", "A", "B", "C"},
    # The public sees the parties of public, live agreements.
    "anonymous": {"home", "A", "B"},
    **dict.fromkeys(NOBODY, set()),
}

CONTACTS = {
    **dict.fromkeys(INTERNAL, {"contact.home", "contact.A", "contact.B", "contact.C"}),
    "opd_lead": {"contact.home", "contact.A", "contact.B"},
    "opd_related": {"contact.home", "contact.A", "contact.B"},
    # Contacts are personal data: a partner user sees only its own organisation's, not a co-party's.
    "partner_A": {"contact.A"},
    "partner_B": {"contact.B"},
    "anonymous": set(),
    **dict.fromkeys(NOBODY, set()),
}

OBJECTS = {
    **dict.fromkeys(INTERNAL, {"object.lead", "object.other_inactive"}),
    "opd_lead": {"object.lead"},
    "opd_related": {"object.lead"},
    **dict.fromkeys(("partner_A", "partner_B", "anonymous", *NOBODY), set()),
}


@pytest.mark.parametrize("role", [*EVERY_USER, "anonymous"])
@pytest.mark.parametrize(
    "model, expected",
    [(Partner, PARTNERS), (Contact, CONTACTS), (CooperationObject, OBJECTS)],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_registry_scope(world, role, model, expected):
    visible = model.objects.visible_to(world.users[role])
    assert world.keys(model, visible) == expected[role]


@pytest.mark.parametrize("role", EVERY_USER)
def test_memberships_internal_see_all_others_their_own(world, role):
    visible = world.keys(Membership, Membership.objects.visible_to(world.users[role]))
    everyone = set(world.objs[Membership])
    if role in INTERNAL:
        assert visible == everyone
    else:
        assert visible == ({f"membership.{role}"} & everyone)


def test_anonymous_sees_no_membership(world):
    assert not Membership.objects.visible_to(None).exists()


@pytest.mark.parametrize("role", EVERY_USER)
def test_every_logged_in_user_reads_every_opd(world, role):
    assert world.keys(OrganisationUnit, OrganisationUnit.objects.visible_to(world.users[role])) == {
        "lead",
        "related",
        "other",
        "inactive_unit",
    }


def test_anonymous_reads_active_opds_only(world):
    from django.contrib.auth.models import AnonymousUser

    expected = {"lead", "related", "other"}
    assert world.keys(OrganisationUnit, OrganisationUnit.objects.visible_to(AnonymousUser())) == expected
    assert world.keys(OrganisationUnit, OrganisationUnit.objects.visible_to(None)) == expected


def test_an_inactive_user_loses_partner_scope(world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=world.users["partner_A"].pk)  # a copy: the world is shared
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not Partner.objects.visible_to(user).exists()
    assert not Contact.objects.visible_to(user).exists()
