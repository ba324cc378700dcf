"""`accounts.permissions.can` for every action and role."""

import pytest

from accounts.permissions import READ_ALL_ACTIONS, REVIEW_ACTIONS, STAFF_ACTIONS, can
from agreements.models import ObligationOccurrence

ROLES = (
    "staff",
    "manager",
    "admin",
    "opd_lead",
    "opd_related",
    "partner_A",
    "partner_B",
    "partner_A_expired",
    "partner_A_future",
    "opd_expired",
    "no_role",
    "anonymous",
)
MAY = {
    "staff": STAFF_ACTIONS | REVIEW_ACTIONS | READ_ALL_ACTIONS,
    "admin": STAFF_ACTIONS | REVIEW_ACTIONS | READ_ALL_ACTIONS,
    "manager": REVIEW_ACTIONS | READ_ALL_ACTIONS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(STAFF_ACTIONS | REVIEW_ACTIONS | READ_ALL_ACTIONS))
def test_role_actions(world, role, action):
    assert can(world.users[role], action) is (action in MAY.get(role, set()))


@pytest.mark.parametrize("role", ROLES)
def test_portal_is_for_partner_and_opd_users(world, role):
    holds_role = role.startswith(("partner", "opd"))
    assert can(world.users[role], "portal.use") is holds_role


# Occurrence key → roles that may submit evidence for it (besides staff and admin, who may for any).
# `shared.occurrence` belongs to B's obligation, shared, with the lead OPD responsible on the home side.
SUBMITTERS = {
    "shared.occurrence": {"opd_lead", "partner_B"},
    "shared.occurrence.internal": {"opd_lead"},  # not shared: partner B may not
    "b_only.occurrence": {"partner_B"},  # OPD "other" has no officer in the world
    "b_only.occurrence.internal": set(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("occurrence_key", sorted(SUBMITTERS))
def test_occurrence_submit(world, role, occurrence_key):
    occurrence = world.objs[ObligationOccurrence][occurrence_key]
    expected = role in {"staff", "admin"} or role in SUBMITTERS[occurrence_key]
    assert can(world.users[role], "occurrence.submit", occurrence) is expected


def test_inactive_users_may_do_nothing(world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=world.users["staff"].pk)
    user.is_active = False
    assert not can(user, "agreement.create")


def test_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        can(world.users["staff"], "agreement.teleport")
