"""Import timings on PostgreSQL, each printed beside a floor measured in the same run (no assertions).

    .venv/bin/python bench/imports.py [--partners 50000] [--agreements 5000] [--keep | --reuse]

Creates a throwaway PostgreSQL database (`--db`, default kemitraan_bench_imports, on BENCH_ADMIN_URL's
server), migrates it, and drops it at the end unless --keep. It writes two XLSX files the way a user
fills the template:

  - a partner sheet of `--partners` rows (Mitra);
  - an agreement file of `--agreements` agreements (Kerja Sama), each with two parties (Pihak) among
    the partners of the first file, two obligations (Kewajiban: quarterly and yearly over two years),
    and, with --splits, a risk and a benefit each split between the two parties (Risiko, Manfaat).

and for each file measures, through `agreements.imports.services.import_run` as the import pages and
jobs call it:

  - floor "read": reading the file into rows (openpyxl), without checking a cell;
  - floor "bulk_create": `bulk_create` of as many bare rows as the apply wrote (into one table, no
    validation, no history), rolled back;
  - dry run: every cell and rule checked, nothing written;
  - apply: the same again, then written with history (and one action per agreement), committed.
"""

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--partners", type=int, default=50_000, help="rows of the partner sheet")
    parser.add_argument("--agreements", type=int, default=5_000, help="agreements of the second file")
    parser.add_argument("--splits", action="store_true", help="add a risk and a benefit per agreement")
    parser.add_argument("--db", default="kemitraan_bench_imports", help="database to create")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="use (and keep) a database kept earlier")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # figures as they come, also into a file

    workdir = Path(tempfile.mkdtemp(prefix="kemitraan-bench-imports-"))
    created = _create_database(args.db, reuse=args.reuse)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["KEMITRAAN_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = _url_with_db(ADMIN_URL, args.db)
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        _print_machine()
        actor = _actor()
        run = f"{int(time.time()) % 100000:05d}"  # names and numbers unique per run (for --reuse)
        partners = partner_file(args.partners, run)
        measure("partners", f"{args.partners:,} partner rows", partners, actor)
        agreements = agreement_file(
            args.agreements, min(args.partners, 2 * args.agreements), run, args.splits
        )
        rows = sum(len(sheet) for sheet in agreements[1].values())
        measure(
            "agreements",
            f"{args.agreements:,} agreements ({rows:,} rows with parties and obligations)",
            agreements,
            actor,
        )
    finally:
        from django.db import connections

        connections.close_all()
        if created and not (args.keep or args.reuse):
            _drop_database(args.db)
        else:
            print(f"kept database {args.db}")


# --- the files -----------------------------------------------------------------------------------


def _xlsx(sheets: dict) -> bytes:
    from openpyxl import Workbook

    from agreements.imports.columns import SHEETS

    headers = {s.name: s.names for s in SHEETS}
    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(headers[name])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def partner_name(run, n):
    return f"PT Mitra Uji {run}-{n:06d}"


def partner_file(count, run):
    rows = [
        [
            partner_name(run, n),
            f"Mitra {n}",
            "swasta" if n % 3 else "academic",
            "private_company" if n % 3 else "Perguruan Tinggi",
            f"9{run}{n:08d}",
            "",
            f"Jl. Contoh No. {n}",
            f"mitra{n}@contoh.id" if n % 2 else "",
            "",
        ]
        for n in range(1, count + 1)
    ]
    sheets = {"Mitra": rows}
    return _xlsx(sheets), sheets


def agreement_file(count, partners, run, splits):
    start = date(2026, 1, 1)
    sheets = {"Kerja Sama": [], "Pihak": [], "Kewajiban": []}
    if splits:
        sheets.update({"Risiko": [], "Manfaat": []})
    for n in range(1, count + 1):
        kode = f"K{n}"
        first, second = (
            partner_name(run, (2 * n) % partners + 1),
            partner_name(run, (2 * n + 1) % partners + 1),
        )
        sheets["Kerja Sama"].append(
            [kode, f"BENCH/{run}/{n:06d}", f"Kerja sama uji {n}", "ksdpk", "", start.isoformat(),
             "31/12/2027", "750.000.000" if n % 2 else "1.250.000,50", "Kota Contoh", "", "", "ya"]
        )  # fmt: skip
        sheets["Pihak"] += [[kode, first, "pelaksana", "Budi", "Direktur"], [kode, second, "", "", ""]]
        sheets["Kewajiban"] += [
            [kode, first, "Laporan triwulan", "reporting", "quarterly", "2026-03-31", "Pasal 4", "ya"],
            [kode, second, "Setoran tahunan", "payment", "yearly", "2026-12-31", "Pasal 5", "tidak"],
        ]
        if splits:
            sheets["Risiko"] += [
                [kode, "R1", "demand", "Permintaan rendah", 3, 4, first, 60],
                [kode, "R1", "demand", "Permintaan rendah", 3, 4, second, 40],
            ]
            sheets["Manfaat"] += [
                [kode, "M1", "profit_share", first, 70],
                [kode, "M1", "profit_share", second, 30],
            ]
    return _xlsx(sheets), sheets


# --- measuring -----------------------------------------------------------------------------------


def _seconds(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def _bare_insert(count):
    """bulk_create of `count` bare partner rows, rolled back: what the database takes to store as many
    rows as the import writes, without checking them or keeping their history."""
    from django.db import transaction

    from registry.models import Partner

    class Rollback(Exception):
        pass

    def insert():
        try:
            with transaction.atomic():
                Partner.objects.bulk_create(
                    [Partner(name=f"floor {n}", sector="private", partner_type="private_company")
                     for n in range(count)], batch_size=1000,
                )  # fmt: skip
                raise Rollback
        except Rollback:
            pass

    return _seconds(insert)[0]


def _stored_rows():
    from agreements.models import (
        Agreement,
        AgreementAction,
        AgreementParty,
        Benefit,
        BenefitShare,
        Obligation,
        ObligationOccurrence,
        Risk,
        RiskShare,
    )
    from registry.models import Partner

    models = (Partner, Agreement, AgreementParty, Obligation, ObligationOccurrence, Risk, RiskShare, Benefit,
              BenefitShare, AgreementAction)  # fmt: skip
    return sum(m.objects.count() for m in models)


def measure(label, description, file, actor):
    from agreements.imports.reading import read_upload
    from agreements.imports.services import import_run

    data, _sheets = file
    print(f"{label}: {description}, {len(data) / 1e6:.1f} MB XLSX")
    read, _tables = _seconds(lambda: read_upload("bench.xlsx", data))
    dry, result = _seconds(lambda: import_run("bench.xlsx", data, actor, dry_run=True))
    before = _stored_rows()
    applied, applied_result = _seconds(lambda: import_run("bench.xlsx", data, actor, dry_run=False))
    written = _stored_rows() - before
    floor = _bare_insert(written)
    print(f"  floor: read the file                    {read:8.1f} s")
    print(
        f"  floor: bulk_create {written:>7,} bare rows      {floor:8.1f} s   (as many rows as the apply wrote)"
    )
    _report("dry run", dry, result)
    _report("apply", applied, applied_result)
    print(f"  {'':<39}          (wrote {written:,} rows and as many history records)")
    print()


def _report(what, seconds, result):
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(result.created.items()))
    state = "ok" if result.ok else f"{len(result.problems)} problems, first: {result.problems[0].message}"
    print(f"  {what:<39}{seconds:8.1f} s   ({state}; {counts})")


# --- the throwaway database ----------------------------------------------------------------------


def _actor():
    from accounts.models import User

    user, _created = User.objects.get_or_create(username="bench-import", defaults={"email": "b@contoh.id"})
    return user


def _print_machine():
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        server = cur.fetchone()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores (load {load}), Python "
          f"{platform.python_version()}, PostgreSQL {server}")  # fmt: skip
    print()


def _url_with_db(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin_connection():
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
    conn = _admin_connection()
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
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped database {name}")
    finally:
        conn.close()


if __name__ == "__main__":
    main()
