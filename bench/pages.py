"""Page, API and daily-run timings at volume on PostgreSQL beside the framework's floor, printed as
figures (no assertions on time).

    .venv/bin/python bench/pages.py [--scale 10] [--compare 20] [--repeat 20] [--cold 5] [--days 5]
                                    [--keep | --reuse] [--explain] [--only TEXT]

Creates a throwaway PostgreSQL database (`--db` + the scale, default kemitraan_bench10, on
BENCH_ADMIN_URL's server),
migrates it, seeds it with `seed_demo --scale N` (N × 1,000 agreements, ~10 occurrences each; N=100 is
DESIGN.md §5's 100,000 agreements and 1,000,000 occurrences) and drops it at the end unless --keep.
--reuse runs on a database kept earlier (migrated again, seeded only if it is empty) and keeps it.

For every page it prints the median and p95 of `--repeat` requests through the Django test client (after
two warm-up requests), the number of SQL queries one request makes, its slowest query, and its ratio to
the floor: bench/floor.py's one-query view (the API's twin for API pages) on the same client, requested
just before each timed request, so both see the same machine load. A page repeated is served from the
cache (docs/decisions/0063, 0066, 0067); the last two columns are the median of `--cold` requests each
made after emptying the cache, as the first reader after a write to the register waits. The last lines
are the worst and the median ratio, warm and cold. --explain adds EXPLAIN ANALYZE of each page's
slowest query. --compare B runs everything again on a database of scale B and prints each page's growth
(ratio at B ÷ ratio at the first scale), warm and cold.
Then the daily run (notifications.services.daily_run) for `--days` consecutive days from today, each
timed end to end with the process's peak resident memory.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
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
    parser.add_argument("--compare", type=int, metavar="B", help="also run at scale B and print the growth")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--days", type=int, default=5, help="consecutive daily runs (default 5)")
    parser.add_argument(
        "--db",
        default="kemitraan_bench",
        help="database name prefix; the scale is appended (kemitraan_bench10)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="use (and keep) a database kept earlier")
    parser.add_argument(
        "--cold",
        type=int,
        default=5,
        help="requests per page timed after emptying the cache, so nothing is served from it (default 5)",
    )
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each page's slowest query")
    parser.add_argument("--only", help="only the pages whose label contains this text (and no daily run)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kemitraan-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["KEMITRAAN_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = _url_with_db(ADMIN_URL, f"{args.db}{args.scale}")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    scales = [args.scale] + ([args.compare] if args.compare else [])
    results = {}
    try:
        for scale in scales:
            name = f"{args.db}{scale}"
            with _database(name, keep=args.keep, reuse=args.reuse):
                _prepare(scale)
                _print_machine()
                results[scale] = measure_pages(args.repeat, args.cold, explain=args.explain, only=args.only)
                if not args.only and args.days:
                    measure_daily_run(args.days)
        if args.compare:
            print_growth(results[args.scale], results[args.compare], args.scale, args.compare)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def _database(name, keep, reuse):
    """Point the default connection at `name` (created unless --reuse) and drop it afterwards."""
    from django.core.cache import cache
    from django.db import connections

    created = _create_database(name, reuse=reuse)
    connections.close_all()
    connections["default"].settings_dict["NAME"] = name
    cache.clear()  # nothing cached from another database's rows
    try:
        yield
    finally:
        connections.close_all()
        if created and not (keep or reuse):
            _drop_database(name)
        else:
            print(f"kept database {name}")


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


class Page:
    """One page measured: `key` names it across scales (the label carries this database's ids), and
    `floor` is the floor request it is interleaved with (same client, so same login and middleware)."""

    def __init__(self, key, client, path, floor, label=None):
        self.key, self.client, self.path, self.floor = key, client, path, floor
        self.label = label or key


def _pages():
    """Every page measured, with ids picked from the seeded data."""
    from django.db.models import Count
    from django.test import Client

    from accounts.models import User
    from accounts.tokens import token_create
    from agreements.models import Agreement
    from registry.models import Partner

    staff, partner_user = User.objects.get(username="staf"), User.objects.get(username="mitra")
    internal, portal, public = Client(), Client(), Client()
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
    html = (internal, f"/bench/floor/{bulk.pk}/")
    mine = (portal, f"/bench/floor/{bulk.pk}/")
    anonymous = (public, f"/bench/floor/{bulk.pk}/")
    rest = (api, f"/bench/api/floor/{bulk.pk}/")
    return [
        Page("agreement list", internal, "/kerja-sama/", html),
        Page("agreement list, search 'pengelolaan sampah'", internal, "/kerja-sama/?q=pengelolaan+sampah", html),
        Page("agreement list, search a partner name", internal, f"/kerja-sama/?q={busy_partner.short_name}", html),
        Page("agreement list, search a number", internal, f"/kerja-sama/?q={bulk.number}", html),
        Page("agreement list, stage+category+sector", internal,
             "/kerja-sama/?stage=implementation&category=ksdpk&sector=private", html),
        Page("agreement list, has overdue", internal, "/kerja-sama/?has_overdue=true", html),
        Page("agreement list, partner filter", internal, f"/kerja-sama/?partner={busy_partner.pk}", html),
        Page("agreement list, ending within 90 days", internal, "/kerja-sama/?ending_within_days=90", html),
        Page("agreement list, by value, page 50", internal, "/kerja-sama/?ordering=-estimated_value&page=50", html),
        Page("agreement list, page 50", internal, "/kerja-sama/?page=50", html),
        Page("agreement page (story)", internal, f"/kerja-sama/{rich.pk}/", html,
             label=f"agreement page (story #{rich.pk}, {rich.n} obligations)"),
        Page("agreement page (bulk)", internal, f"/kerja-sama/{bulk.pk}/", html,
             label=f"agreement page (bulk #{bulk.pk})"),
        Page("partner list", internal, "/mitra/", html),
        Page("partner list, search", internal, "/mitra/?q=skala+0001", html),
        Page("dashboard", internal, "/dasbor/", html),
        Page("verification queue (staff)", internal, "/portal/verifikasi/", html),
        Page("portal home (partner user 'mitra')", portal, "/portal/", mine),
        Page("public register", public, "/publik/", anonymous),
        Page("API agreements", api, "/api/v1/agreements/", rest),
        Page("API agreements, search", api, "/api/v1/agreements/?q=pengelolaan+sampah", rest),
        Page("API agreements, page 50", api, f"/api/v1/agreements/?page={api_page}", rest,
             label=f"API agreements, page {api_page}"),
        Page("API occurrences", api, "/api/v1/occurrences/", rest),
        Page("API occurrences, page 50", api, "/api/v1/occurrences/?page=50", rest),
        Page("API agreement detail (story)", api, f"/api/v1/agreements/{rich.pk}/", rest,
             label=f"API agreement detail (story #{rich.pk})"),
    ]  # fmt: skip


def _p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(client, path):
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}: the benchmark measures working pages only")
    return elapsed


def _timed_cold(client, path):
    """A request after emptying the cache (outside the timing): every cached page and section is
    rendered from the database, as the first request after a write to the register is."""
    from django.core.cache import cache

    cache.clear()
    return _timed(client, path)


def measure_pages(repeat, cold=5, explain=False, only=None):
    """Each page interleaved request by request with its floor, so both see the same machine load:
    `repeat` requests as they come (a repeated page is served from the cache), then `cold` after
    emptying the cache. Returns {page key: (median, p95, queries, ratio, p95 ratio, cold ratio)}; a
    ratio is the page's median (or p95) ÷ the floor's median."""
    from django.db import connection

    pages = [p for p in _pages() if not only or only in p.key]
    header = (
        f"{'page':<52} {'median':>8} {'p95':>8} {'queries':>7} {'slowest q':>9} {'floor':>7} {'× floor':>8}"
        f" {'cold':>8} {'× floor':>8}"
    )
    print(header)
    results, floors = {}, {}
    for page in pages:
        for _ in range(2):  # warm up: template compilation, caches, PostgreSQL's buffers
            _timed(*page.floor)
            _timed(page.client, page.path)
        log = QueryLog()
        with connection.execute_wrapper(log):
            page.client.get(page.path)
        times, floor_times = [], []
        for _ in range(repeat):
            floor_times.append(_timed(*page.floor))
            times.append(_timed(page.client, page.path))
        floors.setdefault(page.floor[1].startswith("/bench/api/"), []).extend(floor_times)
        median, floor = statistics.median(times), statistics.median(floor_times)
        cold_times, cold_floors = [], []
        for _ in range(cold):
            cold_floors.append(_timed(*page.floor))
            cold_times.append(_timed_cold(page.client, page.path))
        cold_median = statistics.median(cold_times) if cold_times else float("nan")
        cold_ratio = cold_median / statistics.median(cold_floors) if cold_floors else float("nan")
        results[page.key] = (
            median, _p95(times), len(log.queries), median / floor, _p95(times) / floor, cold_ratio
        )  # fmt: skip
        print(
            f"{page.label[:52]:<52} {median * 1000:6.1f}ms {_p95(times) * 1000:6.1f}ms {len(log.queries):>7} "
            f"{log.slowest()[0] * 1000:7.1f}ms {floor * 1000:5.1f}ms {median / floor:7.1f}×"
            f" {cold_median * 1000:6.1f}ms {cold_ratio:7.1f}×"
        )
        if explain and log.slowest()[1]:
            _explain(log.slowest()[1], log.slowest()[2])
    for is_api, times in sorted(floors.items()):
        kind = (
            "API floor (DRF, token, one query by pk)" if is_api else "floor (one query by pk, tiny template)"
        )
        print(f"{kind:<52} {statistics.median(times) * 1000:6.1f}ms {_p95(times) * 1000:6.1f}ms")
    if results:
        worst = max(results, key=lambda k: results[k][3])
        ratio_median = statistics.median(r[3] for r in results.values())
        worst_p95 = max(results, key=lambda k: results[k][4])
        print(f"worst p95 ratio: {results[worst_p95][4]:.1f}× ({worst_p95})")
        print(f"worst ratio: {results[worst][3]:.1f}× ({worst}); median ratio: {ratio_median:.1f}×")
        if cold:
            worst_cold = max(results, key=lambda k: results[k][5])
            cold_median = statistics.median(r[5] for r in results.values())
            print(
                f"worst cold ratio: {results[worst_cold][5]:.1f}× ({worst_cold}); "
                f"median cold ratio: {cold_median:.1f}×"
            )
    return results


def print_growth(small, large, a, b):
    """Each page's ratio at scale b over its ratio at scale a (1.0: flat as the data grows)."""
    print()
    print(
        f"{'page':<52} {'× floor @' + str(a):>11} {'× floor @' + str(b):>11} {'growth':>7} {'queries':>9}"
        f" {'cold growth':>11}"
    )
    for key in small:
        if key in large:
            s, lg = small[key], large[key]
            queries = f"{s[2]}→{lg[2]}" if s[2] != lg[2] else str(s[2])
            print(
                f"{key[:52]:<52} {s[3]:10.1f}× {lg[3]:10.1f}× {lg[3] / s[3]:7.2f} {queries:>9}"
                f" {lg[5] / s[5]:11.2f}"
            )
    growth = {k: large[k][3] / small[k][3] for k in small if k in large}
    if growth:
        worst = max(growth, key=growth.get)
        print(
            f"worst growth: {growth[worst]:.2f} ({worst}); median growth: {statistics.median(growth.values()):.2f}"
        )


def _explain(sql, params):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join("      " + row[0] for row in cur.fetchall())
    print("    " + sql[:600] + ("…" if len(sql) > 600 else ""))
    print(plan)


# --- the daily run -------------------------------------------------------------------------------


class PeakMemory:
    """The process's largest resident set while the block runs, sampled every 10 ms from /proc (the
    kernel's own high-water mark, ru_maxrss, never comes down between days)."""

    def __init__(self):
        self.peak = 0
        self._done = threading.Event()

    @staticmethod
    def rss():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _sample(self):
        while not self._done.wait(0.01):
            self.peak = max(self.peak, self.rss())

    def __enter__(self):
        self.peak = self.rss()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def measure_daily_run(days):
    """The run on `days` consecutive dates from today, each timed end to end with its peak memory. The
    first one also catches up the backlog the bulk seed leaves (agreements already past their end)."""
    from django.core import mail
    from django.utils import timezone

    from notifications.services import daily_run

    print()
    print(f"{'daily run (notifications.services.daily_run)':<52} {'time':>8} {'peak RSS':>9}  result")
    today = timezone.localdate()
    times = []
    for offset in range(days):
        mail.outbox = []
        day = today + timedelta(days=offset)
        with PeakMemory() as memory:
            started = time.perf_counter()
            result = daily_run(day)
            elapsed = time.perf_counter() - started
        times.append(elapsed)
        label = f"{day.isoformat()}" + (" (first run: backlog catch-up)" if offset == 0 else "")
        print(f"{label:<52} {elapsed:7.2f}s {memory.peak / 2**20:6.0f} MB  {result}")
    if days > 1:
        print(f"{'following days, median':<52} {statistics.median(times[1:]):7.2f}s")


if __name__ == "__main__":
    main()
