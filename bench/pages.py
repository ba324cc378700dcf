"""Page, API and daily-run timings at volume on PostgreSQL, printed as figures (no assertions on time).

    .venv/bin/python bench/pages.py [--scale 10] [--repeat 20] [--days 5] [--keep | --reuse] [--explain]

Creates a throwaway PostgreSQL database (`--db`, default kemitraan_bench, on BENCH_ADMIN_URL's server),
migrates it, seeds it with `seed_demo --scale N` (N × 1,000 agreements, ~10 occurrences each; N=100 is
DESIGN.md §5's 100,000 agreements and 1,000,000 occurrences) and drops it at the end unless --keep.
--reuse runs on a database kept earlier (migrated again, seeded only if it is empty) and keeps it.

For every page it prints the median and p95 of `--repeat` requests through the Django test client (after
two warm-up requests), the number of SQL queries one request makes, and its slowest query; --explain
adds EXPLAIN ANALYZE of each page's slowest query. Then the daily run (notifications.services.daily_run)
for `--days` consecutive days from today, each timed end to end.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=10, help="thousands of agreements (default 10)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--days", type=int, default=5, help="consecutive daily runs (default 5)")
    parser.add_argument(
        "--db", default="kemitraan_bench", help="database to create (default kemitraan_bench)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="use (and keep) a database kept earlier")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each page's slowest query")
    parser.add_argument("--only", help="only the pages whose label contains this text (and no daily run)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kemitraan-bench-"))
    created = _create_database(args.db, reuse=args.reuse)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["KEMITRAAN_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = _url_with_db(ADMIN_URL, args.db)
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    try:
        _prepare(args.scale)
        _print_machine()
        measure_pages(args.repeat, explain=args.explain, only=args.only)
        if not args.only:
            measure_daily_run(args.days)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if created and not (args.keep or args.reuse):
            _drop_database(args.db)
        else:
            print(f"kept database {args.db}")


# --- the throwaway database ----------------------------------------------------------------------


def _url_with_db(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin_cursor():
    import psycopg2

    parts = urlsplit(ADMIN_URL)
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname=parts.path.lstrip("/") or "postgres",
    )  # fmt: skip
    conn.autocommit = True
    return conn


def _create_database(name, reuse):
    """Create `name`; returns whether this run created it. An existing one is used only with --reuse."""
    conn = _admin_cursor()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone():
                if not reuse:
                    sys.exit(f"database {name} exists: pass --reuse to run on it, or drop it first")
                return False
            cur.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        conn.close()


def _drop_database(name):
    conn = _admin_cursor()
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped database {name}")
    finally:
        conn.close()


def _prepare(scale):
    from django.core.management import call_command

    from agreements.models import Agreement

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    if not Agreement.objects.exists():
        call_command("seed_demo", scale=scale, verbosity=0)
        print(
            f"setup: migrate {migrated - started:.1f} s, seed_demo --scale {scale} "
            f"{time.perf_counter() - migrated:.1f} s"
        )
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # fresh planner statistics, as autovacuum would have them by now


def _print_machine():
    from django.db import connection

    from agreements.models import Agreement, ObligationOccurrence
    from registry.models import Partner

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        server = cur.fetchone()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PostgreSQL {server}")  # fmt: skip
    print(f"data: {Agreement.objects.count():,} agreements, {ObligationOccurrence.objects.count():,} "
          f"occurrences, {Partner.objects.count():,} partners")  # fmt: skip
    print()


# --- pages ---------------------------------------------------------------------------------------


class QueryLog:
    """Every query of one request, with its duration (an execute wrapper, so DEBUG can stay off)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql, params))

    def slowest(self):
        return max(self.queries, key=lambda q: q[0]) if self.queries else (0.0, "", None)


def _pages():
    """(label, client, path) for every page measured; ids are picked from the seeded data."""
    from django.db.models import Count
    from django.test import Client

    from accounts.models import User
    from accounts.tokens import token_create
    from agreements.models import Agreement
    from registry.models import Partner

    staff, partner_user = User.objects.get(username="staf"), User.objects.get(username="mitra")
    internal, portal = Client(), Client()
    internal.force_login(staff)
    portal.force_login(partner_user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token_create(user=staff, name='bench')[1]}")
    # The richest agreement of the story (most obligations) and a bulk one from the middle of the table.
    rich = Agreement.objects.exclude(number__startswith="SKALA/").annotate(n=Count("obligations"))
    rich = rich.order_by("-n", "pk").first()
    bulk = Agreement.objects.filter(number__startswith="SKALA/").order_by("pk")
    bulk = bulk[bulk.count() // 2]
    # Page 50 of a list, or its last page when it has fewer (the API answers 404 past the end).
    api_page = min(50, -(-Agreement.objects.live().count() // 50))
    busy_partner = (
        Partner.objects.filter(is_home_government=False)
        .annotate(n=Count("agreement_parties"))
        .order_by("-n", "pk")
        .first()
    )
    return [
        ("agreement list", internal, "/kerja-sama/"),
        ("agreement list, search 'pengelolaan sampah'", internal, "/kerja-sama/?q=pengelolaan+sampah"),
        ("agreement list, search a partner name", internal, f"/kerja-sama/?q={busy_partner.short_name}"),
        ("agreement list, search a number", internal, f"/kerja-sama/?q={bulk.number}"),
        ("agreement list, stage+category+sector", internal,
         "/kerja-sama/?stage=implementation&category=ksdpk&sector=private"),
        ("agreement list, has overdue", internal, "/kerja-sama/?has_overdue=true"),
        ("agreement list, partner filter", internal, f"/kerja-sama/?partner={busy_partner.pk}"),
        ("agreement list, ending within 90 days", internal, "/kerja-sama/?ending_within_days=90"),
        ("agreement list, by value, page 50", internal, "/kerja-sama/?ordering=-estimated_value&page=50"),
        ("agreement list, page 50", internal, "/kerja-sama/?page=50"),
        (f"agreement detail (story #{rich.pk}, {rich.n} obligations)", internal, f"/kerja-sama/{rich.pk}/"),
        (f"agreement detail (bulk #{bulk.pk})", internal, f"/kerja-sama/{bulk.pk}/"),
        ("partner list", internal, "/mitra/"),
        ("partner list, search", internal, "/mitra/?q=skala+0001"),
        ("dashboard", internal, "/dasbor/"),
        ("verification queue (staff)", internal, "/portal/verifikasi/"),
        ("portal home (partner user 'mitra')", portal, "/portal/"),
        ("API agreements", api, "/api/v1/agreements/"),
        ("API agreements, search", api, "/api/v1/agreements/?q=pengelolaan+sampah"),
        (f"API agreements, page {api_page}", api, f"/api/v1/agreements/?page={api_page}"),
        ("API occurrences", api, "/api/v1/occurrences/"),
        ("API occurrences, page 50", api, "/api/v1/occurrences/?page=50"),
        (f"API agreement detail (story #{rich.pk})", api, f"/api/v1/agreements/{rich.pk}/"),
    ]  # fmt: skip


def _p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_pages(repeat, explain=False, only=None):
    from django.db import connection

    pages = [p for p in _pages() if not only or only in p[0]]
    print(f"{'page':<52} {'median':>8} {'p95':>8} {'queries':>8} {'slowest q':>10}  status")
    for label, client, path in pages:
        for _ in range(2):  # warm up: template compilation, caches, PostgreSQL's buffers
            client.get(path)
        log = QueryLog()
        with connection.execute_wrapper(log):
            response = client.get(path)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - started)
        slowest = log.slowest()
        print(
            f"{label[:52]:<52} {statistics.median(times) * 1000:6.1f}ms {_p95(times) * 1000:6.1f}ms "
            f"{len(log.queries):>8} {slowest[0] * 1000:8.1f}ms  {response.status_code}"
        )
        if explain and slowest[1]:
            _explain(slowest[1], slowest[2])


def _explain(sql, params):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join("      " + row[0] for row in cur.fetchall())
    print("    " + sql[:600] + ("…" if len(sql) > 600 else ""))
    print(plan)


# --- the daily run -------------------------------------------------------------------------------


def measure_daily_run(days):
    """The run on `days` consecutive dates from today. The first one also catches up the backlog the
    bulk seed leaves (agreements already past their end date are moved to evaluation one by one)."""
    from django.core import mail
    from django.utils import timezone

    from notifications.services import daily_run

    print()
    print(f"{'daily run (notifications.services.daily_run)':<52} {'time':>8}  result")
    today = timezone.localdate()
    times = []
    for offset in range(days):
        mail.outbox = []
        day = today + timedelta(days=offset)
        started = time.perf_counter()
        result = daily_run(day)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        label = f"{day.isoformat()}" + (" (first run: backlog catch-up)" if offset == 0 else "")
        print(f"{label:<52} {elapsed:7.2f}s  {result}")
    if days > 1:
        print(f"{'following days, median':<52} {statistics.median(times[1:]):7.2f}s")


if __name__ == "__main__":
    main()
