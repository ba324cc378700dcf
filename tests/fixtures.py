"""Shared fixtures: one user per role, and a small scoped world for permission tests."""

import pytest

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.registry.factories import MembershipFactory, OrganisationUnitFactory, PartnerFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (agreements/section_cache.py), so none sees another's
    fragments."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staf_uji", roles=[Role.STAFF])


@pytest.fixture
def manager_user(db):
    return UserFactory(username="pimpinan_uji", roles=[Role.MANAGER])


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin_uji", roles=[Role.ADMIN], is_staff=True, is_superuser=True)


@pytest.fixture
def unit(db):
    return OrganisationUnitFactory()


@pytest.fixture
def opd_user(unit):
    user = UserFactory(username="opd_uji", roles=[Role.OPD_OFFICER])
    MembershipFactory(user=user, organisation_unit=unit)
    return user


@pytest.fixture
def partner(db):
    return PartnerFactory()


@pytest.fixture
def partner_user(partner):
    user = UserFactory(username="mitra_uji", roles=[Role.PARTNER])
    MembershipFactory(user=user, partner=partner)
    return user
