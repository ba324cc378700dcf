"""The isolation matrix: every URL pattern of the project, as one organisation's user, with another's ids.

Patterns come from the URL resolver, so pages, API, downloads, jobs and tokens added later are walked
without editing this test. Each is requested with GET and with an empty POST; an answer fails the
matrix when it carries a marker its user must not read, when a private object of the target answers
2xx or redirects anywhere but to a login, or when the server errors.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement

from .urlmap import PUBLIC_PATTERNS, SECRET_TOKEN_PATTERNS, Unmapped, all_patterns, build_url, fill
from .world import build_world

pytestmark = [pytest.mark.isolation, pytest.mark.django_db]

# Object kinds everyone logged in may read by design (the home government's structure and its mapped
# potentials): only the marker check applies to them.
REFERENCE_KEYS = {"unit", "cooperation_object"}
DENIED = {401, 403, 404, 405, 410}


@pytest.fixture
def world(db):
    return build_world()


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return content.decode("utf-8", errors="replace") + " " + headers


def _is_login_redirect(response) -> bool:
    location = response.headers.get("Location", "")
    login = reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL
    return location.startswith(login) or location.startswith("/admin/login/")


def walk(user, targets: dict, forbidden: set, shared_keys=frozenset()):
    """Request every pattern as `user` with `targets`' ids. Returns (patterns, requests, problems)."""
    client = Client(raise_request_exception=False)
    problems, requests, walked = [], 0, 0
    logged_in = False
    for pattern in all_patterns():
        if pattern.name in PUBLIC_PATTERNS:
            continue
        try:
            kwargs = fill(pattern, targets)
        except Unmapped as error:
            problems.append(str(error))
            continue
        url = build_url(pattern, kwargs, fallback=targets["agreement"].pk)
        walked += 1
        private = {
            arg for arg in kwargs if arg not in ("format",) and pattern.name not in SECRET_TOKEN_PATTERNS
        } and not _only_reference(pattern, shared_keys)
        for method in ("get", "post"):
            if not logged_in:
                client.force_login(user)
                logged_in = True
            response = getattr(client, method)(url)
            requests += 1
            if settings.SESSION_COOKIE_NAME in response.cookies:
                logged_in = False  # the view replaced or ended the session (logout, login): log in again
            label = f"{method.upper()} {url} ({pattern.name}) -> {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"{label}: server error")
                continue
            body = _body(response)
            leaked = sorted(m for m in forbidden if m in body)
            if leaked:
                problems.append(f"{label}: carries {leaked}")
            elif (kwargs and pattern.name in SECRET_TOKEN_PATTERNS) or private:
                if 200 <= response.status_code < 300:
                    problems.append(f"{label}: a private object of another organisation answered")
                elif 300 <= response.status_code < 400 and not _is_login_redirect(response):
                    problems.append(f"{label}: redirected to {response.headers.get('Location')}")
                elif response.status_code >= 400 and response.status_code not in DENIED:
                    problems.append(f"{label}: unexpected status")
    return walked, requests, problems


def _only_reference(pattern, shared_keys):
    from .urlmap import object_key

    keys = {object_key(pattern, arg) for arg in pattern.args if arg != "format"}
    return bool(keys) and keys <= (REFERENCE_KEYS | set(shared_keys))


def _objects(world, side_key, org_key, person_key):
    objects = dict(world.sides[side_key].objects)
    objects.update(world.orgs[org_key][1])
    objects.update(world.people[person_key][1])
    return objects


def _report(title, walked, requests, objects, problems):
    print(f"\n{title}: {walked} URL patterns, {requests} requests, {len(objects)} target objects")
    assert not problems, f"{title}: {len(problems)} problems\n" + "\n".join(problems)


def _org_markers(world, *keys):
    return set().union(*(world.orgs[k][2] for k in keys))


def _person_markers(world, *keys):
    return set().union(*(world.people[k][2] for k in keys))


def test_partner_a_reaches_nothing_of_partner_b(world):
    user = world.people["A"][0]
    targets = _objects(world, "B", "B", "B")
    targets.update(world.orgs["OPD2"][1])
    forbidden = (
        world.sides["B"].all
        | {"MITRA-B-NAMA"}
        | _org_markers(world, "B")
        | _person_markers(world, "B", "C", "OPD1", "OPD2")
        | world.sides["A"].internal
        | world.sides["CA"].internal
    )
    walked, requests, problems = walk(user, targets, forbidden)
    _report("partner A vs partner B", walked, requests, targets, problems)


def test_partner_c_sees_the_shared_agreement_and_nothing_else_of_a(world, client):
    user = world.people["C"][0]
    client.force_login(user)
    shared = world.sides["CA"].objects["agreement"]
    page = client.get(reverse("portal:agreement", args=[shared.pk])).content.decode()
    assert "MITRA-A-NAMA" in page and "JUDUL-CA" in page and "KEWAJIBAN-CA-BERSAMA" in page
    assert set(Agreement.objects.visible_to(user)) == {shared}

    targets = _objects(world, "A", "A", "A")
    targets.update(world.orgs["OPD1"][1])
    forbidden = (
        world.sides["A"].all
        | world.sides["B"].all
        | world.sides["CA"].internal
        | _org_markers(world, "A", "B")
        | {"MITRA-B-NAMA"}
        | _person_markers(world, "A", "B", "OPD1", "OPD2")
    )
    # C may read partner A (a co-party): its pages answer, but must show nothing of A's other agreements.
    walked, requests, problems = walk(user, targets, forbidden, shared_keys={"partner"})
    _report("partner C vs partner A", walked, requests, targets, problems)


@pytest.mark.parametrize(
    ("officer", "other_side", "other_org", "other_person"),
    [("OPD1", "B", "B", "OPD2"), ("OPD2", "A", "A", "OPD1")],
)
def test_opd_officer_reaches_nothing_of_another_opd(world, officer, other_side, other_org, other_person):
    user = world.people[officer][0]
    targets = _objects(world, other_side, other_org, other_person)
    targets.update(world.orgs[other_person][1])
    forbidden = world.sides[other_side].all | _org_markers(world, other_org) | {f"MITRA-{other_org}-NAMA"}
    if officer == "OPD2":
        forbidden |= world.sides["CA"].all | _org_markers(world, "C") | {"MITRA-C-NAMA"}
    forbidden |= _person_markers(world, *(k for k in world.people if k != officer))
    walked, requests, problems = walk(user, targets, forbidden)
    _report(f"{officer} vs {other_person}", walked, requests, targets, problems)
