"""The production settings behind a TLS proxy, as gunicorn serves them: HTTPS only (but for the health
check), Content-Security-Policy with a nonce on every script, HSTS, nosniff, no framing, a referrer
and a permissions policy, secure cookies. And every page keeps to that policy: no inline script, style
element or event handler without the page's nonce, no style attribute, nothing from another host."""

import http.client
import re
import secrets
import sys
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client

from tests.isolation.urlmap import PUBLIC_PATTERNS, Unmapped, all_patterns, build_url, fill
from tests.isolation.world import build_world
from tests.test_setup.processes import BIN_DIR, MANAGE, clean_env, free_port, run, start, stop, wait_for

# What a script element may be without being run (so without needing a nonce): JSON data blocks.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def csp_directives(header: str) -> dict[str, list[str]]:
    """`default-src 'self'; img-src 'self' data:` as {"default-src": ["'self'"], "img-src": […]}."""
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def header_nonce(directives: dict, directive: str) -> str | None:
    nonces = [v[len("'nonce-") : -1] for v in directives.get(directive, []) if v.startswith("'nonce-")]
    assert len(nonces) <= 1, directives
    return nonces[0] if nonces else None


class PolicyReader(HTMLParser):
    """Collects what in a page the Content-Security-Policy would refuse unless it carries the nonce."""

    def __init__(self, nonce: str | None, every_script: bool):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.every_script = every_script
        self.problems: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        shown = self.get_starttag_text()[:160]
        if "style" in attributes:
            self.problems.append(f"style attribute: {shown}")
        handlers = sorted(name for name in attributes if name.startswith("on"))
        if handlers:
            self.problems.append(f"event handler attribute {handlers}: {shown}")
        for name in ("href", "src", "action", "formaction"):
            value = (attributes.get(name) or "").strip().lower()
            if value.startswith("javascript:"):
                self.problems.append(f"javascript: URL: {shown}")
        if tag == "script":
            if (attributes.get("type") or "").lower() in DATA_SCRIPT_TYPES:
                return
            self.scripts += 1
            src = attributes.get("src")
            if src and (src.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I)):
                self.problems.append(f"script from another host: {shown}")
            # A file of our own is allowed by 'self'; written into the page, only with the nonce.
            if (self.every_script or not src) and (attributes.get("nonce") != self.nonce or not self.nonce):
                self.problems.append(f"script without the page's nonce: {shown}")
        elif tag == "style" and (attributes.get("nonce") != self.nonce or not self.nonce):
            self.problems.append(f"style element without the page's nonce: {shown}")
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").lower():
            href = attributes.get("href") or ""
            if href.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
                self.problems.append(f"style sheet from another host: {shown}")


def policy_problems(html: str, csp_header: str | None, every_script=False) -> tuple[list[str], int]:
    """What in `html` its own Content-Security-Policy header refuses, and how many scripts it has.
    `every_script`: scripts loaded from a file must carry the nonce too (our own templates do)."""
    if not csp_header:
        return ["no Content-Security-Policy header"], 0
    directives = csp_directives(csp_header)
    nonce = header_nonce(directives, "script-src")
    if nonce and header_nonce(directives, "style-src") not in (None, nonce):
        return ["script-src and style-src carry different nonces"], 0
    reader = PolicyReader(nonce, every_script)
    reader.feed(html)
    reader.close()
    return reader.problems, reader.scripts


# --- gunicorn on the production settings --------------------------------------------------------


# The files the login page uses, and what their style sheets name. The Dockerfile gathers them all; in
# a test, hashing and compressing the ~20 MB of every package's files (Swagger UI, Redoc, the admin,
# each variant of Bootstrap) would take minutes on a busy machine.
IGNORED_STATIC = (
    *("drf_spectacular_sidecar", "admin", "rest_framework", "scss", "ext"),
    *("*.rtl.*", "*.esm.*", "bootstrap-*", "bootstrap.css*", "bootstrap.js*", "bootstrap.bundle.js*"),
    "bootstrap.min.js*",
)


def production_env(base=None, **overrides) -> dict[str, str]:
    env = dict(base) if base is not None else clean_env()
    env.update(
        DJANGO_SETTINGS_MODULE="kemitraan.settings.production",
        KEMITRAAN_ENV_FILE="/dev/null",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # The run's throwaway seal certificate (tests/conftest.py): production requires one.
        KEMITRAAN_SIGNING_P12=settings.KEMITRAAN_SIGNING_P12,
        KEMITRAAN_SIGNING_PASSPHRASE=settings.KEMITRAAN_SIGNING_PASSPHRASE,
    )
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests for Playwright, refused by check --deploy.
    for name in (
        *("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        *("SECURE_HSTS_PRELOAD", "DJANGO_ALLOW_ASYNC_UNSAFE"),
    ):
        env.pop(name, None)
    env.update(overrides)
    return env


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The static files as collectstatic gathers them on the production settings (hashed names, a
    manifest, compressed copies)."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = production_env(STATIC_ROOT=str(root), DATABASE_URL="sqlite:///:memory:")
    ignored = [f"--ignore={pattern}" for pattern in IGNORED_STATIC]
    result = run([sys.executable, MANAGE, "collectstatic", "--noinput", *ignored], env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def gunicorn(django_db_setup, static_root, tmp_path_factory):
    """gunicorn serving kemitraan.wsgi on the production settings and the test database; yields a
    function that sends one GET (no redirect followed) and returns (status, headers, body)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("gunicorn cannot share an in-memory SQLite database: run `make test` (PostgreSQL)")
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    folder = tmp_path_factory.mktemp("gunicorn")
    env = production_env(
        DATABASE_URL=f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        STATIC_ROOT=str(static_root),
        KEMITRAAN_VAR_DIR=str(folder / "var"),
    )
    port = free_port()
    log = folder / "gunicorn.log"
    args = [str(BIN_DIR / "gunicorn"), "kemitraan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    process = start(args, env, log)

    def request(path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def answers():
        try:
            return request("/healthz")[0] == 200
        except OSError:
            return False

    try:
        wait_for(answers, 60, "gunicorn on the production settings", process, log)
        yield request
    finally:
        stop(process)


HTTPS = {"X-Forwarded-Proto": "https"}


def test_login_page_behind_the_proxy_carries_the_security_headers(gunicorn):
    status, headers, body = gunicorn("/masuk/", HTTPS)
    assert status == 200, body[:2000]

    directives = csp_directives(headers["Content-Security-Policy"])
    nonce = header_nonce(directives, "script-src")
    assert nonce and len(nonce) >= 16
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]

    # Each script of the page (Bootstrap, htmx: local files) carries the header's nonce.
    problems, scripts = policy_problems(body, headers["Content-Security-Policy"], every_script=True)
    assert scripts >= 2 and not problems, problems
    assert f'nonce="{nonce}"' in body
    assert "/static/django_htmx/htmx-2" in body and "/static/bootstrap/js/bootstrap.bundle" in body
    assert '"includeIndicatorStyles": false' in body

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(item.strip().split("=", 1) for item in headers["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()"

    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    flags = {flag.strip().lower() for flag in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax"} <= flags


def test_each_page_gets_a_nonce_of_its_own(gunicorn):
    first = csp_directives(gunicorn("/masuk/", HTTPS)[1]["Content-Security-Policy"])
    second = csp_directives(gunicorn("/masuk/", HTTPS)[1]["Content-Security-Policy"])
    assert header_nonce(first, "script-src") != header_nonce(second, "script-src")


def test_static_files_come_with_nosniff_and_a_long_cache(gunicorn, static_root):
    _, _, body = gunicorn("/masuk/", HTTPS)
    css = re.search(r'href="(/static/css/kemitraan\.[0-9a-f]+\.css)"', body)
    assert css, "kemitraan.css is not served under its hashed name"
    status, headers, text = gunicorn(css.group(1), HTTPS)
    assert status == 200 and ".progress-step-20" in text and ".htmx-indicator" in text
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=315360000" in headers["Cache-Control"]  # WhiteNoise: a hashed name never changes


def test_plain_http_is_redirected_to_https_but_the_health_check(gunicorn):
    status, headers, _ = gunicorn("/masuk/?next=/dasbor/")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/masuk/?next=/dasbor/"
    assert "Strict-Transport-Security" not in headers  # only ever sent over HTTPS

    status, headers, body = gunicorn("/healthz")
    assert status == 200, body
    assert '"database": true' in body
    assert "Strict-Transport-Security" not in headers


def test_deploy_check_is_silent():
    env = production_env(ALLOWED_HOSTS="kemitraan.example.go.id", DATABASE_URL="sqlite:///:memory:")
    result = run([sys.executable, MANAGE, "check", "--deploy", "--fail-level", "WARNING"], env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout, result.stdout
    # The one silenced check is HSTS preload, a choice left to the domain's owner (production.py).
    preloaded = production_env(DATABASE_URL="sqlite:///:memory:", SECURE_HSTS_PRELOAD="true")
    result = run(
        [sys.executable, MANAGE, "check", "--deploy", "--fail-level", "WARNING"], preloaded, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout


@pytest.mark.parametrize(
    "override",
    [{"KEMITRAAN_SIGNING_P12": ""}, {"KEMITRAAN_SIGNING_PASSPHRASE": "bukan-sandinya"}],
    ids=["no-certificate", "wrong-passphrase"],
)
def test_production_refuses_to_start_without_a_working_seal_certificate(override):
    """Every issued PDF is sealed: `check` (and `migrate`, which runs before the app starts) stops."""
    env = production_env(DATABASE_URL="sqlite:///:memory:", **override)
    result = run([sys.executable, MANAGE, "check"], env, timeout=120)
    assert result.returncode != 0
    assert "kemitraan.E001" in result.stderr and "electronic seal is not configured" in result.stderr


# --- every page keeps to the policy -------------------------------------------------------------


@pytest.fixture
def world(db):
    return build_world()


def _walk_pages(user, objects) -> tuple[int, list[str]]:
    """GET every URL pattern as `user`; the problems of each HTML page answered with 200."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pages, problems = 0, []
    for pattern in all_patterns():
        if pattern.name in PUBLIC_PATTERNS or pattern.name in {"accounts:logout"}:
            continue
        try:
            kwargs = fill(pattern, objects)
        except Unmapped:
            continue
        url = build_url(pattern, kwargs, fallback=objects["agreement"].pk)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        pages += 1
        found, _ = policy_problems(response.content.decode(), response.get("Content-Security-Policy"))
        problems += [f"{url} ({pattern.name}): {problem}" for problem in found]
    return pages, problems


def test_staff_pages_keep_to_the_content_security_policy(world):
    objects = dict(world.sides["A"].objects)
    objects.update(world.orgs["A"][1])
    objects.update(world.people["A"][1])
    objects.update(world.orgs["OPD1"][1])
    pages, problems = _walk_pages(world.staff, objects)
    assert pages >= 40, pages
    assert not problems, "\n".join(problems)


def test_partner_pages_keep_to_the_content_security_policy(world):
    user, person_objects, _ = world.people["A"]
    objects = {**world.sides["A"].objects, **world.orgs["A"][1], **person_objects}
    pages, problems = _walk_pages(user, objects)
    assert pages >= 5, pages
    assert not problems, "\n".join(problems)


# django-simple-history's history pages carry one style attribute (no top border on the paginator):
# the browser refuses it and draws the border, nothing else changes.
HISTORY_PAGINATOR = '<p class="paginator" style="border-top: 0">'


def test_admin_pages_keep_to_the_content_security_policy(world):
    from tests.accounts.factories import UserFactory

    admin = UserFactory(username="admin-csp", is_staff=True, is_superuser=True)
    objects = {
        **world.sides["A"].objects,
        **world.orgs["A"][1],
        **world.people["A"][1],
        **world.orgs["OPD1"][1],
    }
    pages, problems = _walk_pages(admin, objects)
    assert pages >= 60, pages
    problems = [p for p in problems if not (p.endswith(HISTORY_PAGINATOR) and "/history/" in p)]
    assert not problems, "\n".join(problems)


def test_the_dashboard_charts_style_element_carries_the_nonce(staff_user, client):
    from tests.agreements.factories import AgreementFactory

    AgreementFactory()
    client.force_login(staff_user)
    response = client.get("/dasbor/")
    nonce = header_nonce(csp_directives(response["Content-Security-Policy"]), "style-src")
    page = response.content.decode()
    assert page.count("<svg ") >= 2
    assert page.count(f'<style nonce="{nonce}"') == page.count("<style")
    problems, _ = policy_problems(page, response["Content-Security-Policy"])
    assert not problems, problems


def test_the_progress_bar_has_its_width_from_a_class(staff_user, client):
    from jobs.models import BackgroundJob

    job = BackgroundJob.objects.create(
        kind="report_portfolio", requested_by=staff_user, status="running", progress=42
    )
    client.force_login(staff_user)
    page = client.get(f"/pekerjaan/{job.pk}/status/").content.decode()
    assert 'class="progress-bar progress-bar-striped progress-bar-animated progress-step-8"' in page
    assert "style=" not in page
