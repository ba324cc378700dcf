"""Backup and restore of the whole registry: the database and the uploaded files in one archive.

An archive `kemitraan-backup-YYYYMMDD-HHMMSS.tar.gz` holds
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: a copy made with
  sqlite3's backup API, consistent while the app writes);
- `files/private/…` and `files/media/…`: every file under settings.PRIVATE_STORAGE_ROOT and MEDIA_ROOT;
- `manifest.json`: the rows of every model (counted in the same snapshot the dump was taken from), and
  the size and sha256 of the database file and of every file.

Restoring verifies every hash of the archive before it writes anything, loads the database into an empty
one and the files into empty folders, then counts the rows again and hashes the files where they landed.
manage.py backup / restore (core/management/commands) are the thin front ends.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in the user's language."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    extra_files: list[str] = field(default_factory=list)


def file_roots() -> dict[str, Path]:
    """The folders whose files a backup carries, by the name they have inside the archive."""
    return {"private": Path(settings.PRIVATE_STORAGE_ROOT), "media": Path(settings.MEDIA_ROOT)}


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            _("Basis data %(vendor)s tidak didukung; hanya PostgreSQL dan SQLite.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _tables() -> dict[str, str]:
    """Every concrete model's table, by model label (many-to-many tables included)."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        found[opts.label] = opts.db_table
    return dict(sorted(found.items()))


def _count_rows(cursor, tables: dict[str, str], quote) -> dict[str, dict]:
    counts = {}
    for label, table in tables.items():
        # The table names come from the models' own metadata (or a manifest naming them), quoted.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[label] = {"table": table, "rows": cursor.fetchone()[0]}
    return counts


def _hash_into(source, target) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


class _Discard:
    def write(self, _data):
        return None


def _hash_file(path: Path) -> tuple[str, int]:
    with path.open("rb") as handle:
        return _hash_into(handle, _Discard())


def _pg_environment(settings_dict) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    if sslmode := (settings_dict.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _pg_arguments(settings_dict) -> list[str]:
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    return [*arguments, "--no-password"]


def _run(command: list[str], env) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            _(
                "Program %(program)s tidak ditemukan. Pasang klien PostgreSQL dengan versi yang sama dengan "
                "server (Debian: apt-get install postgresql-client)."
            )
            % {"program": command[0]}
        )
    result = subprocess.run([program, *command[1:]], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s gagal: %(error)s") % {"program": command[0], "error": result.stderr.strip()}
        )


def _dump_database(folder: Path) -> tuple[str, dict[str, dict]]:
    """Write the database file into `folder`; its name and the row counts of the same snapshot."""
    vendor = _vendor()
    target = folder / DUMP_NAMES[vendor]
    tables = _tables()
    if vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        if str(name) == ":memory:" or "mode=memory" in str(name):
            raise BackupError(_("Basis data SQLite di memori tidak dapat dicadangkan."))
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            present = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = _count_rows(
                copy.cursor(), {k: v for k, v in tables.items() if v in present}, connection.ops.quote_name
            )
        finally:
            copy.close()
        return target.name, counts
    # PostgreSQL: count in a repeatable-read transaction and let pg_dump read that transaction's
    # snapshot, so that the manifest's counts are exactly the dump's rows while the app keeps writing.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            present = set(connection.introspection.table_names(cursor))
            counts = _count_rows(
                cursor, {k: v for k, v in tables.items() if v in present}, connection.ops.quote_name
            )
        settings_dict = connection.settings_dict
        _run(
            [
                "pg_dump",
                *_pg_arguments(settings_dict),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                str(settings_dict["NAME"]),
            ],
            _pg_environment(settings_dict),
        )
    return target.name, counts


def backup_create(output: Path, *, now=None) -> tuple[Path, dict]:
    """Write a dated archive into `output`; its path and its manifest."""
    output = Path(output)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    archive = output / f"kemitraan-backup-{stamp}.tar.gz"
    if archive.exists():
        raise BackupError(_("Berkas %(path)s sudah ada.") % {"path": archive})
    partial = archive.with_name(archive.name + ".partial")
    for root in file_roots().values():
        if output.resolve().is_relative_to(root.resolve()):
            raise BackupError(
                _("Folder keluaran %(path)s tidak boleh berada di dalam folder berkas yang dicadangkan.")
                % {"path": output}
            )
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kemitraan-backup-") as work:
        dump_name, counts = _dump_database(Path(work))
        dump_path = Path(work) / dump_name
        dump_sha256, dump_size = _hash_file(dump_path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime(now or timezone.now()).isoformat(),
            "database": {
                "vendor": connection.vendor,
                "file": dump_name,
                "sha256": dump_sha256,
                "size": dump_size,
            },
            "models": counts,
            "files": [],
        }
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(dump_path, arcname=dump_name)
                for root_name, root in file_roots().items():
                    for entry in _walk(root):
                        manifest["files"].append(_add_file(tar, root_name, root, entry))
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, archive)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
    return archive, manifest


def _walk(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _add_file(tar: tarfile.TarFile, root_name: str, root: Path, path: Path) -> dict:
    """Add one file; its size and hash are those of the very bytes archived (read once, spooled)."""
    relative = path.relative_to(root).as_posix()
    with path.open("rb") as source, tempfile.SpooledTemporaryFile(max_size=16 * CHUNK) as spool:
        sha256, size = _hash_into(source, spool)
        spool.seek(0)
        info = tarfile.TarInfo(f"files/{root_name}/{relative}")
        info.size, info.mtime, info.mode = size, int(path.stat().st_mtime), 0o640
        tar.addfile(info, spool)
    return {"root": root_name, "path": relative, "size": size, "sha256": sha256}


# --- Restore --------------------------------------------------------------------------------------


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(_("Arsip memuat jalur berkas yang tidak aman: %(path)s") % {"path": path})
    return relative


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError(_("Arsip ini tidak memuat manifest.json; bukan cadangan Kemitraan.")) from None
    manifest = json.load(tar.extractfile(member))
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Format cadangan %(format)s tidak dikenal.") % {"format": manifest.get("format")})
    return manifest


def _unpack_verified(archive: Path, work: Path) -> dict:
    """Extract what the manifest lists into `work`, checking each size and hash; the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return _unpack_members(tar, work)
    except (tarfile.TarError, EOFError, zlib.error, json.JSONDecodeError, KeyError) as error:
        raise BackupError(
            _("Arsip %(path)s tidak dapat dibaca: %(error)s") % {"path": archive, "error": error}
        ) from None


def _unpack_members(tar: tarfile.TarFile, work: Path) -> dict:
    manifest = _read_manifest(tar)
    database = manifest["database"]
    expected = {_safe_relative(database["file"]).as_posix(): database}
    for entry in manifest["files"]:
        if entry["root"] not in file_roots():
            raise BackupError(
                _("Arsip memuat jalur berkas yang tidak aman: %(path)s") % {"path": entry["root"]}
            )
        name = f"files/{entry['root']}/{_safe_relative(entry['path']).as_posix()}"
        expected[name] = entry
    seen = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        entry = expected.get(member.name)
        if entry is None or not member.isfile():
            raise BackupError(
                _("Arsip memuat %(name)s yang tidak tercatat di manifest.") % {"name": member.name}
            )
        target = work / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as source, target.open("wb") as copy:
            sha256, size = _hash_into(source, copy)
        if (sha256, size) != (entry["sha256"], entry["size"]):
            raise BackupError(
                _(
                    "Berkas %(name)s di arsip rusak atau diubah: sha256 atau ukurannya tidak cocok dengan manifest."
                )
                % {"name": member.name}
            )
        seen.add(member.name)
    if missing := sorted(set(expected) - seen):
        raise BackupError(
            _("Arsip tidak lengkap: %(count)s berkas dari manifest tidak ada, misalnya %(name)s.")
            % {"count": len(missing), "name": missing[0]}
        )
    return manifest


def _database_has_data() -> bool:
    try:
        with connection.cursor() as cursor:
            return bool(connection.introspection.table_names(cursor))
    except OperationalError as error:
        raise BackupError(
            _("Basis data %(name)s tidak dapat dihubungi: %(error)s")
            % {"name": connection.settings_dict["NAME"], "error": str(error).strip()}
        ) from None


def _folders_with_files() -> list[str]:
    return [str(root) for root in file_roots().values() if any(True for _ in _walk(root))]


def restore_refusals(*, force: bool) -> list[str]:
    """Why a restore would overwrite something (empty when the database and folders are empty, or forced)."""
    if force:
        return []
    refusals = []
    if _database_has_data():
        refusals.append(
            _(
                "Basis data %(name)s sudah berisi tabel. Pemulihan hanya ke basis data kosong; pakai --force "
                "untuk menghapus isinya lebih dulu."
            )
            % {"name": connection.settings_dict["NAME"]}
        )
    for folder in _folders_with_files():
        refusals.append(
            _(
                "Folder %(path)s sudah berisi berkas. Pemulihan hanya ke folder kosong; pakai --force untuk "
                "menimpa berkas yang bernama sama."
            )
            % {"path": folder}
        )
    return refusals


def _drop_all_tables() -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")


def _load_database(dump: Path, vendor: str) -> None:
    if vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{name}{suffix}").unlink()
        name.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dump, name)
        return
    settings_dict = connection.settings_dict
    connection.close()
    _run(
        [
            "pg_restore",
            *_pg_arguments(settings_dict),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(dump),
        ],
        _pg_environment(settings_dict),
    )


def backup_restore(archive: Path, *, force: bool = False) -> RestoreReport:
    """Bring an archive into this database and these folders; the report, or BackupError with why not."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Berkas %(path)s tidak ditemukan.") % {"path": archive})
    vendor = _vendor()
    if refusals := restore_refusals(force=force):
        raise BackupError("\n".join(refusals))
    with tempfile.TemporaryDirectory(prefix="kemitraan-restore-") as work:
        work = Path(work)
        manifest = _unpack_verified(archive, work)
        source_vendor = manifest["database"]["vendor"]
        if source_vendor != vendor:
            raise BackupError(
                _("Cadangan ini dari basis data %(source)s; tidak dapat dipulihkan ke %(target)s.")
                % {"source": source_vendor, "target": vendor}
            )
        if force:
            _drop_all_tables()
        _load_database(work / manifest["database"]["file"], vendor)
        report = RestoreReport()
        roots = file_roots()
        for entry in manifest["files"]:
            target = roots[entry["root"]] / _safe_relative(entry["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / "files" / entry["root"] / entry["path"], target)
    _check_restored(manifest, report)
    return report


def _check_restored(manifest: dict, report: RestoreReport) -> None:
    """Count the rows and hash the files where they landed; BackupError naming what differs."""
    counts = manifest["models"]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        missing_tables = sorted(item["table"] for item in counts.values() if item["table"] not in present)
        if missing_tables:
            raise BackupError(
                _("Tabel tidak ada setelah pemulihan: %(tables)s") % {"tables": ", ".join(missing_tables)}
            )
        found = _count_rows(
            cursor, {label: item["table"] for label, item in counts.items()}, connection.ops.quote_name
        )
    differ = [
        f"{label}: {item['rows']} → {found[label]['rows']}"
        for label, item in counts.items()
        if found[label]["rows"] != item["rows"]
    ]
    if differ:
        raise BackupError(
            _("Jumlah baris setelah pemulihan tidak cocok dengan manifest: %(models)s")
            % {"models": "; ".join(differ)}
        )
    roots = file_roots()
    listed = set()
    for entry in manifest["files"]:
        path = roots[entry["root"]] / entry["path"]
        if _hash_file(path) != (entry["sha256"], entry["size"]):
            raise BackupError(
                _("Berkas %(path)s tidak cocok dengan manifest setelah dipulihkan.") % {"path": path}
            )
        listed.add(path)
        report.bytes += entry["size"]
    report.files = len(manifest["files"])
    report.tables = len(counts)
    report.rows = sum(item["rows"] for item in counts.values())
    report.extra_files = sorted(
        str(path) for root in roots.values() for path in _walk(root) if path not in listed
    )
