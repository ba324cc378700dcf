"""Benchmarks of the background work, printed as figures (no assertions on time).

    .venv/bin/python bench/run.py [--scale 1] [--keep]

Runs on a throwaway SQLite database (or on DATABASE_URL when BENCH_DATABASE_URL is given) seeded with
`seed_demo --scale N` (N × 1,000 agreements), and measures on the same machine:

  - the floor: a plain WeasyPrint render of a one-page document;
  - one agreement summary (both audiences, as the job makes it), and each audience beside a plain
    WeasyPrint render of the same HTML;
  - the portfolio report over every agreement (PDF with charts, and XLSX).
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(label, fn, repeat=3):
    """The median wall time of `fn`, printed with its median CPU time: on a machine shared with other
    work the wall time swings, the CPU time of this process much less."""
    fn()  # warm up (imports, font loading, template compilation)
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"{label:<58} median {statistics.median(times):7.3f} s   (min {min(times):.3f}, n={repeat}; "
        f"cpu {statistics.median(cpu):.3f} s)"
    )
    return Timing(statistics.median(times), statistics.median(cpu))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1, help="thousands of agreements to seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kemitraan-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kemitraan.settings.local"
    os.environ["KEMITRAAN_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    try:
        started = time.perf_counter()
        # PDFs are sealed (core.seal): without a certificate given, a DEMO one, as `make run` makes.
        if not settings.KEMITRAAN_SIGNING_P12:
            p12 = workdir / "signing" / "demo-segel.p12"
            call_command("ensure_demo_certificate", str(p12), stdout=io.StringIO())
            settings.KEMITRAAN_SIGNING_P12 = str(p12)
            settings.KEMITRAAN_SIGNING_PASSPHRASE = p12.with_name(p12.name + ".passphrase").read_text()
        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=args.scale, verbosity=0)
        print(f"setup: migrate + seed_demo --scale {args.scale} in {time.perf_counter() - started:.1f} s")
        run(args.repeat)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(repeat):
    import platform

    from django.db.models import Count

    from agreements.models import Agreement
    from core.pdf import html_to_pdf, render_pdf
    from core.seal import seal_pdf
    from jobs.choices import Audience, JobKind
    from jobs.issuing import verification_context
    from jobs.reports import report_make
    from jobs.summary import summary_context, summary_render

    manager = _manager()
    total = Agreement.objects.count()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"database: {Agreement.objects.db}, {total} agreements")
    print()
    one_page = "<html><body style='font-family: DejaVu Sans'><h1>Satu halaman</h1>" + "<p>Teks.</p>" * 20
    floor = timed(
        "floor: plain WeasyPrint render of a one-page document", lambda: html_to_pdf(one_page), repeat
    )

    # The agreement with the most obligations makes the heaviest summary.
    agreement = Agreement.objects.annotate(n=Count("obligations")).order_by("-n", "pk").first()
    both = timed(
        f"agreement summary, both audiences (agreement #{agreement.pk})",
        lambda: [summary_render(agreement.pk, a, 1) for a in (Audience.INTERNAL, Audience.PARTIES)],
        repeat,
    )
    summary_against_plain(agreement.pk, repeat)
    # The same summary as rendered before its seal (a code that is never issued).
    context = {**summary_context(agreement.pk, Audience.INTERNAL), "version": 1}
    unsealed = render_pdf(
        "pdf/agreement_summary.html", {**context, "verification": verification_context("0" * 22)}
    )
    timed("  of which: sealing one summary (pyHanko, PAdES B-B)", lambda: seal_pdf(unsealed), repeat)
    pdf = timed(
        f"portfolio report PDF over {total} agreements",
        lambda: report_make(JobKind.REPORT_PORTFOLIO, manager, {"format": "pdf"}),
        repeat,
    )
    xlsx = timed(
        f"portfolio report XLSX over {total} agreements",
        lambda: report_make(JobKind.REPORT_PORTFOLIO, manager, {"format": "xlsx"}),
        repeat,
    )
    print()
    print(f"summary (2 PDFs) = {both.wall / floor.wall:.1f} × floor; portfolio PDF = {pdf.wall / floor.wall:.1f} × floor; "
          f"portfolio XLSX = {xlsx.wall / floor.wall:.1f} × floor")  # fmt: skip


def summary_against_plain(agreement_id, repeat):
    """Each audience's summary as the job renders it (queries, template, WeasyPrint) beside a plain
    WeasyPrint render of the very HTML it produces: the ratio is what the project's rendering adds
    (target ≤ 1.3, issue 11)."""
    from django.utils import translation
    from weasyprint import HTML

    from core.pdf import render_html
    from jobs.choices import SUMMARY_AUDIENCES
    from jobs.summary import SUMMARY_TEMPLATE, summary_render
    from jobs.summary_context import summary_context

    for audience in SUMMARY_AUDIENCES:
        with translation.override("id"):
            html = render_html(SUMMARY_TEMPLATE, {**summary_context(agreement_id, audience), "version": 1})
        plain = timed(
            f"  plain WeasyPrint of the same HTML ({audience})",
            lambda html=html: HTML(string=html).write_pdf(),
            repeat,
        )
        ours = timed(
            f"  summary_render ({audience})",
            lambda audience=audience: summary_render(agreement_id, audience, 1),
            repeat,
        )
        print(
            f"  summary_render / plain WeasyPrint ({audience}) = {ours.wall / plain.wall:.2f} "
            f"(cpu {ours.cpu / plain.cpu:.2f})"
        )


def _manager():
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import Role

    user, _ = User.objects.get_or_create(username="bench_manager")
    user.groups.add(Group.objects.get_or_create(name=Role.MANAGER)[0])
    return user


if __name__ == "__main__":
    main()
