"""Odd bytes into every URL pattern: no answer may be a server error.

Patterns come from the URL resolver (the isolation matrix's walk), so a page or API route added later
is walked without editing this test. Each argument of each pattern, in turn, gets a NUL byte, bytes
that are not UTF-8, an overlong UTF-8 slash, a very long segment, a number no column can hold, an
encoded `../` and plain non-ASCII text — the other arguments keep real ids, so the odd value reaches
the view's lookups. List pages get the same values in every filter's query parameter. Each is asked
as an anonymous visitor, a partner user and a staff member (and the admin pages as a superuser).
"""

import django_filters
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.roles import Role
from portal.calendar import calendar_feed
from registry.invitations import invitation_accept
from tests.accounts.factories import UserFactory
from tests.isolation.urlmap import Unmapped, all_patterns, build_url, fill
from tests.isolation.world import build_world

pytestmark = [pytest.mark.isolation, pytest.mark.django_db]

# Already percent-encoded: the test client decodes them into the path the way a server does.
ODD_VALUES = {
    "nul": "%00",
    "not utf-8": "%FF",
    "overlong slash": "%C0%AF",
    "long": "a" * 3000,
    "huge number": "9" * 40,
    "encoded ../": "..%2F..%2Fsettings",
    "non-ascii": "%E2%9C%93caf%C3%A9",
    "line break": "x%0D%0AX-Injected:%201",
}
# Query strings get fewer values: every list page is asked once per value with every parameter set.
QUERY_VALUES = ("%00", "%FF", "%C0%AF", "9" * 40, "-1", "%E2%9C%93")
LONG = "a" * 3000
ADMIN_VALUES = ("%00", "%FF", "9" * 40)
# Pages that read no query parameter and are slow to build (the OpenAPI schema): asked once.
PARAMETERLESS = {"api:schema", "api:swagger-ui", "api:redoc"}
# Parameters that list pages, the API and the admin read besides their filter sets' fields.
GENERAL_PARAMETERS = ("q", "search", "page", "page_size", "ordering", "cursor", "next", "o", "p", "e", "tab")


def _filter_parameters() -> set[str]:
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    all_patterns()  # imports every URL module, and with them every filter set
    names = set()
    for filterset in subclasses(django_filters.FilterSet):
        names.update(filterset.base_filters)
    return names


def _api_parameters(path) -> list[str]:
    view = getattr(resolve(path).func, "cls", None)
    filterset = getattr(view, "filterset_class", None)
    names = set(filterset.base_filters) if filterset else set(getattr(view, "filterset_fields", ()) or ())
    return sorted(names | set(GENERAL_PARAMETERS))


class Walk:
    def __init__(self, user):
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.logged_in = False
        self.requests = 0
        self.problems = []

    def ask(self, method, url):
        if self.user is not None and not self.logged_in:
            self.client.force_login(self.user)
            self.logged_in = True
        response = getattr(self.client, method)(url)
        self.requests += 1
        if self.user is not None and "sessionid" in response.cookies:
            self.logged_in = False  # the view ended or replaced the session: log in again
        if response.status_code >= 500:
            who = self.user.username if self.user else "anonymous"
            self.problems.append(f"{method.upper()} {url[:160]} as {who} -> {response.status_code}")
        return response


def _resolves(url) -> bool:
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def _fill(pattern, objects):
    try:
        return fill(pattern, objects)
    except Unmapped:  # a public pattern whose arguments are not ids (a reset link, a file name)
        return dict.fromkeys(pattern.args, "1")


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin-aneh", roles=[Role.ADMIN], is_staff=True, is_superuser=True)


def _own_objects(world):
    objects = dict(world.sides["A"].objects)
    objects.update(world.orgs["A"][1])
    objects.update(world.orgs["OPD1"][1])
    objects.update(world.people["A"][1])
    return objects


def test_odd_bytes_in_path_arguments_never_reach_a_server_error(world, superuser):
    objects = _own_objects(world)
    walks = [Walk(None), Walk(world.people["A"][0]), Walk(world.staff)]
    admin = Walk(superuser)
    unresolved = Walk(None)
    walked = 0
    for pattern in all_patterns():
        if not pattern.args:
            continue
        walked += 1
        real = _fill(pattern, objects)
        values = ADMIN_VALUES if pattern.is_admin else tuple(ODD_VALUES.values())
        for arg in pattern.args:
            for value in values:
                url = build_url(pattern, {**real, arg: value}, fallback=value)
                if not _resolves(url):
                    unresolved.ask("get", url)  # the resolver's own 404: once is enough
                    continue
                for walk in [admin] if pattern.is_admin else walks:
                    walk.ask("get", url)
                    if not pattern.is_admin:
                        walk.ask("post", url)
    everyone = [*walks, admin, unresolved]
    requests = sum(w.requests for w in everyone)
    problems = [p for w in everyone for p in w.problems]
    print(f"\nodd path arguments: {walked} patterns, {requests} requests")
    assert requests > 1000
    assert not problems, f"{len(problems)} server errors\n" + "\n".join(problems)


def test_odd_bytes_in_list_filters_never_reach_a_server_error(world, superuser):
    parameters = sorted(_filter_parameters() | set(GENERAL_PARAMETERS))
    assert {"q", "stage", "partner", "verification_status"} <= set(parameters)
    walks = [Walk(None), Walk(world.people["A"][0]), Walk(world.staff)]
    admin = Walk(superuser)
    pages = 0
    for pattern in all_patterns():
        if pattern.args:
            continue
        pages += 1
        base = build_url(pattern, {}, fallback="")
        if pattern.name in PARAMETERLESS:
            walks[-1].ask("get", f"{base}?q=%00&format=%FF")
            continue
        queries = [
            "&".join(f"{name}={value}" for name in parameters)
            for value in (ADMIN_VALUES if pattern.is_admin else QUERY_VALUES)
        ]
        queries.append(f"q={LONG}&search={LONG}&page={LONG}&ordering={LONG}")
        for query in queries:
            for walk in [admin] if pattern.is_admin else walks:
                walk.ask("get", f"{base}?{query}")
        if base.startswith("/api/"):
            # The API refuses a bad filter before it reads the others: each of its parameters alone too.
            for name in _api_parameters(base):
                for value in ("9" * 40, "-1", "%E2%9C%93"):
                    walks[-1].ask("get", f"{base}?{name}={value}")
    everyone = [*walks, admin]
    requests = sum(w.requests for w in everyone)
    problems = [p for w in everyone for p in w.problems]
    print(f"\nodd query strings: {pages} pages, {len(parameters)} parameters, {requests} requests")
    assert requests > 500
    assert not problems, f"{len(problems)} server errors\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "url",
    [
        "/portal/kalender/%00.ics",
        "/portal/undangan/terima/%00/",
        "/portal/kalender/%FF%FE.ics",
        "/portal/undangan/terima/%C0%AF/",
        "/portal/kalender/" + "A" * 200 + ".ics",
    ],
)
def test_capability_urls_answer_404_to_odd_tokens(client, url):
    assert client.get(url).status_code == 404


def test_token_lookups_refuse_odd_tokens_without_asking_the_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(Http404):
        calendar_feed(rf.get("/"), "\x00")
    with pytest.raises(ValidationError):
        invitation_accept(token="abc\x00def", password="sandi-yang-panjang-1")


def test_nul_or_broken_utf8_in_a_query_string_is_a_bad_request(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/kerja-sama/?q=%00").status_code == 400
    assert client.get("/kerja-sama/?q=%FF").status_code == 400
    assert client.get("/publik/?q=%C0%AF").status_code == 400
    assert client.get("/publik/?q=caf%C3%A9+%E2%9C%93").status_code == 200  # real UTF-8 is fine
