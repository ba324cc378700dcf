"""The isolation matrix's worlds with the agreement page's cache on (agreements/section_cache.py): the
cache is warmed as staff and as partner A, then every section is asked for as someone else. They get
a 404 or their own HTML, never a fragment cached for another scope, and never another's CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.scope import reader_key as scope_key
from agreements.views.detail import TABS
from core.fragment_cache import CSRF_PLACEHOLDER
from tests.accounts.factories import UserFactory

from .world import build_world

pytestmark = [pytest.mark.isolation, pytest.mark.django_db]
HTMX = {"HTTP_HX_REQUEST": "true"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def world(db):
    return build_world()


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _urls(agreement):
    for tab in TABS:
        yield f"{reverse('agreements:detail', args=[agreement.pk])}?tab={tab.slug}", {}
        yield reverse("agreements:section", args=[agreement.pk, tab.slug]), HTMX


def _warm(client, agreement):
    pages = {}
    for url, headers in _urls(agreement):
        response = client.get(url, **headers)
        pages[url, bool(headers)] = response
    return pages


def test_cached_sections_never_cross_a_scope(world):
    staff = _client(world.staff)
    a, b = world.sides["A"].objects["agreement"], world.sides["B"].objects["agreement"]
    warmed = {**_warm(staff, a), **_warm(staff, b)}
    assert all(r.status_code == 200 for r in warmed.values())
    partner_a = _client(world.people["A"][0])
    assert partner_a.get(reverse("portal:agreement", args=[a.pk])).status_code == 200
    internal_markers = world.sides["A"].all | world.sides["B"].all
    for person in ("A", "B", "C", "OPD1", "OPD2"):
        client = _client(world.people[person][0])
        for agreement in (a, b):
            for url, headers in _urls(agreement):
                response = client.get(url, **headers)
                body = response.content.decode()
                assert response.status_code == 404, (person, url, response.status_code)
                assert not {m for m in internal_markers if m in body}, (person, url)


def test_a_manager_gets_their_own_html_and_everyone_their_own_token(world):
    a = world.sides["A"].objects["agreement"]
    staff, other_staff = _client(world.staff), _client(UserFactory(roles=[Role.STAFF]))
    manager = _client(UserFactory(roles=[Role.MANAGER]))
    url = reverse("agreements:section", args=[a.pk, "persetujuan"])
    staff_html = staff.get(url, **HTMX).content.decode()
    manager_html = manager.get(url, **HTMX).content.decode()
    # the manager may not advance the stage: the staff's form is not served to them
    assert staff_html != manager_html
    assert staff_html.count("csrfmiddlewaretoken") > manager_html.count("csrfmiddlewaretoken")
    second = other_staff.get(url, **HTMX).content.decode()
    tokens = set(TOKEN.findall(staff_html)), set(TOKEN.findall(second))
    assert tokens[0] and tokens[1] and tokens[0].isdisjoint(tokens[1])  # same HTML, each their token
    assert TOKEN.sub("", staff_html) == TOKEN.sub("", second)
    assert CSRF_PLACEHOLDER not in staff_html + second + manager_html


def test_the_scope_key_names_whom_a_reader_acts_for(world):
    keys = {name: scope_key(world.people[name][0]) for name in ("A", "B", "C", "OPD1", "OPD2")}
    keys["staff"] = scope_key(world.staff)
    keys["manager"] = scope_key(UserFactory(roles=[Role.MANAGER]))
    assert len(set(keys.values())) == len(keys)  # seven readers, seven scopes
    assert scope_key(UserFactory(roles=[Role.STAFF])) == keys["staff"]  # staff see the same HTML
    assert scope_key(UserFactory(roles=[])) is None  # a scope that cannot be named is not cached
