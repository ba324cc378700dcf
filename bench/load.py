"""Load on the shipped production command: 50 users for 60 s over a mix of pages, beside the floor.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--reuse] [--keep]
                                   [--workers N] [--threads N] [--worker-class sync|gthread]

Runs on a scale-2 PostgreSQL database (`--db`, default kemitraan_bench2 as bench/pages.py names it;
created, migrated and seeded unless it exists and --reuse is given). Starts gunicorn with the
Dockerfile's CMD, as shipped (only the bind address changes, and --workers/--threads/--worker-class
when given, to compare choices), on the benchmark's settings (bench/settings.py: the product's URLs plus
the floor). Then a bounded client of its own — one thread per user, a new connection per request as
from a proxy, nothing else in the process — drives, each for `--duration` seconds:

  - the mix: staff agreement list, an agreement page, the partner portal's home, the API agreement list,
    each user picking one at random per request;
  - the floor: bench/floor.py's one-query page, for every request;

with a think time of 0.5–1.5 s between a user's requests, then without any. For each it prints requests
per second, p50/p95/p99 latency and errors (any answer but 200, or no answer within 30 s), and the
mix's requests per second as a share of the floor's. Nothing is asserted.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.pages import ADMIN_URL, _create_database, _drop_database, _prepare, _url_with_db  # noqa: E402

THINK = (0.5, 1.5)
TIMEOUT = 30


def shipped_command():
    """The Dockerfile's CMD (JSON form), the one command production runs."""
    text = (BASE_DIR / "Dockerfile").read_text()
    match = re.search(r"^CMD (\[.*\])$", text, re.MULTILINE)
    if not match:
        sys.exit("no CMD [...] line in the Dockerfile")
    return json.loads(match.group(1))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn_argv(port, args):
    argv = shipped_command()
    argv[0] = str(Path(sys.executable).parent / argv[0])
    argv += ["--bind", f"127.0.0.1:{port}"]  # after the config: the command line wins
    for flag in ("workers", "threads", "worker_class"):
        if getattr(args, flag):
            argv += [f"--{flag.replace('_', '-')}", str(getattr(args, flag))]
    return argv


def _wait_until_up(port, process, log):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz within 90 s")


def _targets():
    """(path, headers) of the mix and of the floor, with logins made in the database gunicorn reads."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from accounts.tokens import token_create
    from agreements.models import Agreement

    def session(username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return {
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        }

    staff, partner = session("staf"), session("mitra")
    token = {"Authorization": f"Token {token_create(user=User.objects.get(username='staf'), name='load')[1]}"}
    bulk = Agreement.objects.filter(number__startswith="SKALA/").order_by("pk")
    bulk = bulk[bulk.count() // 2]
    mix = [
        ("/kerja-sama/", staff),
        (f"/kerja-sama/{bulk.pk}/", staff),
        ("/portal/", partner),
        ("/api/v1/agreements/", token),
    ]
    return mix, [(f"/bench/floor/{bulk.pk}/", staff)]


def _get(port, path, headers):
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        response.read()
        conn.close()
        ok = response.status == 200
    except OSError:
        ok = False
    return time.perf_counter() - started, ok


def drive(port, targets, users, duration, think):
    """`users` threads requesting `targets` until `duration` has passed; returns (latencies, errors, s)."""
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.monotonic()
    deadline = started + duration

    def user(seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            elapsed, ok = _get(port, *rng.choice(targets))
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
            if think:
                time.sleep(rng.uniform(*THINK))

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
        time.sleep(0.02)  # ramp up over a second, not all at the same instant
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.monotonic() - started


def _quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(label, latencies, errors, seconds):
    rate = len(latencies) / seconds
    print(
        f"{label:<34} {len(latencies):>7} {rate:8.1f}/s {statistics.median(latencies) * 1000:8.0f}ms "
        f"{_quantile(latencies, 0.95) * 1000:8.0f}ms {_quantile(latencies, 0.99) * 1000:8.0f}ms {errors:>7}"
    )
    return rate


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds per run (default 60)")
    parser.add_argument("--db", default="kemitraan_bench2")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="use (and keep) a database kept earlier")
    parser.add_argument("--workers", type=int, help="instead of the shipped command's")
    parser.add_argument("--threads", type=int, help="instead of the shipped command's")
    parser.add_argument("--worker-class", help="instead of the shipped command's")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kemitraan-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "KEMITRAAN_VAR_DIR": str(workdir),
        "DATABASE_URL": _url_with_db(ADMIN_URL, args.db),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    created = _create_database(args.db, reuse=args.reuse)
    import django

    django.setup()
    from django.db import connections

    process = None
    try:
        _prepare(2)
        mix, floor = _targets()
        connections.close_all()
        port = _free_port()
        argv = _gunicorn_argv(port, args)
        log = workdir / "gunicorn.log"
        print("gunicorn:", " ".join([Path(argv[0]).name, *argv[1:]]))
        with log.open("wb") as out:
            process = subprocess.Popen(argv, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
        _wait_until_up(port, process, log)
        for path, headers in mix + floor:  # warm every worker's templates and caches a little
            for _ in range(4):
                _get(port, path, headers)
        print(f"{args.users} users, {args.duration:.0f} s per run, on {os.cpu_count()} cores")
        print(f"{'run':<34} {'requests':>7} {'rate':>10} {'p50':>10} {'p95':>10} {'p99':>10} {'errors':>7}")
        rates = {}
        for think in (True, False):
            for name, targets in (("mix", mix), ("floor", floor)):
                label = f"{name}, think {THINK[0]}–{THINK[1]} s" if think else f"{name}, no think time"
                rates[name, think] = report(label, *drive(port, targets, args.users, args.duration, think))
        print(
            f"mix ÷ floor, requests/s without think time: {rates['mix', False] / rates['floor', False]:.0%}"
        )
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if created and not (args.keep or args.reuse):
            _drop_database(args.db)


if __name__ == "__main__":
    main()
