"""manage.py backup and restore: a small world with documents goes into one archive and comes back, in
a fresh PostgreSQL database and an empty files folder, with every model's row count and every file's
sha256 as they were; a tampered archive, a database with tables and a folder with files are refused."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

from agreements import services
from agreements.choices import DocumentType, Visibility
from agreements.models import Document
from core.models import ReadLog
from tests.agreements.builders import pdf_upload
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, ObligationFactory

ROOT = Path(__file__).resolve().parents[2]


def _seed(staff_user):
    agreement = AgreementFactory(title="Kerja sama yang dicadangkan")
    AgreementPartyFactory(agreement=agreement)
    ObligationFactory(agreement=agreement)
    documents = [
        services.document_upload(
            agreement=agreement,
            actor=staff_user,
            upload=pdf_upload(f"naskah-{n}.pdf", content=b"%PDF-1.4\n" + os.urandom(2048) + b"\n%%EOF\n"),
            title=f"Naskah {n}",
            doc_type=DocumentType.SIGNED_COPY,
            visibility=Visibility.PARTIES,
        )
        for n in range(3)
    ]
    storages["default"].save("logo/lambang.png", ContentFile(b"\x89PNG\r\n\x1a\n" + os.urandom(512)))
    ReadLog.objects.create(
        user=staff_user,
        content_type=ContentType.objects.get_for_model(Document),
        object_id=documents[0].pk,
        label="Naskah 0",
        ip_address="192.0.2.1",
    )
    return agreement, documents


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    }


def _hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _server():
    db = connection.settings_dict
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }


def _admin_sql(statement):
    admin = psycopg2.connect(dbname="postgres", **_server())
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(statement)
    finally:
        admin.close()


@pytest.fixture
def restore_database(worker_env):
    name = f"{connection.settings_dict['NAME']}_restore"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    _admin_sql(drop)
    _admin_sql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    server = _server()
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    yield name, f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"
    _admin_sql(drop)


def _restore_env(worker_env, database_url, var_dir):
    env = dict(worker_env)
    env.update(
        DJANGO_SETTINGS_MODULE="kemitraan.settings.base",
        DATABASE_URL=database_url,
        KEMITRAAN_VAR_DIR=str(var_dir),
        KEMITRAAN_ENV_FILE="/dev/null",
    )
    return env


def _table_counts(dbname, tables: dict[str, str]) -> dict[str, int]:
    restored = psycopg2.connect(dbname=dbname, **_server())
    try:
        with restored.cursor() as cursor:
            counts = {}
            for label, table in tables.items():
                cursor.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
                counts[label] = cursor.fetchone()[0]
            return counts
    finally:
        restored.close()


def _public_tables(dbname) -> int:
    probe = psycopg2.connect(dbname=dbname, **_server())
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
            return cursor.fetchone()[0]
    finally:
        probe.close()


def _tampered_copy(archive: Path, target: Path) -> str:
    """The same archive with one document's bytes changed (its manifest entry left as it was)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        changed = None
        for member in source:
            data = source.extractfile(member).read()
            if changed is None and member.name.startswith("files/private/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
                changed = member.name
            copy.addfile(member, io.BytesIO(data))
    return changed


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_every_count_and_hash(
    staff_user, restore_database, worker_env, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.fail("the backup test restores with pg_restore: run it on PostgreSQL (`make test`)")
    _seed(staff_user)
    before_counts = _row_counts()
    before_files = {name: _hashes(root) for name, root in _roots().items()}
    assert len(before_files["private"]) >= 3 and "logo/lambang.png" in before_files["media"]

    out = io.StringIO()
    call_command("backup", output=tmp_path / "cadangan", stdout=out)
    (archive,) = (tmp_path / "cadangan").glob("kemitraan-backup-*.tar.gz")
    assert archive.name[len("kemitraan-backup-") :].removesuffix(".tar.gz").replace("-", "").isdigit()
    assert "Cadangan tersimpan" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == "postgresql" and "database.dump" in names
    assert {label: item["rows"] for label, item in manifest["models"].items()} == before_counts
    assert before_counts["agreements.Document"] == 3 and before_counts["core.ReadLog"] == 1
    listed = {(e["root"], e["path"]): e["sha256"] for e in manifest["files"]}
    assert listed == {
        (root, path): sha for root, files in before_files.items() for path, sha in files.items()
    }

    dbname, database_url = restore_database
    var_dir = tmp_path / "var"
    env = _restore_env(worker_env, database_url, var_dir)

    tampered = tmp_path / "rusak.tar.gz"
    changed = _tampered_copy(archive, tampered)
    refused = _manage("restore", str(tampered), env=env)
    assert refused.returncode != 0
    assert changed in refused.stderr and "rusak atau diubah" in refused.stderr
    assert _public_tables(dbname) == 0 and not _hashes(var_dir / "private")

    stray = var_dir / "media" / "sisa.txt"
    stray.parent.mkdir(parents=True)
    stray.write_text("sisa")
    refused = _manage("restore", str(archive), env=env)
    assert refused.returncode != 0 and "sudah berisi berkas" in refused.stderr
    assert _public_tables(dbname) == 0
    stray.unlink()

    restored = _manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "Pemulihan selesai" in restored.stdout
    tables = {label: item["table"] for label, item in manifest["models"].items()}
    assert _table_counts(dbname, tables) == before_counts
    for name, files in before_files.items():
        assert _hashes(var_dir / name) == files, name

    again = _manage("restore", str(archive), env=env)
    assert again.returncode != 0 and "sudah berisi tabel" in again.stderr
    assert _table_counts(dbname, tables) == before_counts


def _roots():
    return {"private": Path(settings.PRIVATE_STORAGE_ROOT), "media": Path(settings.MEDIA_ROOT)}


def test_embedded_sqlite_backup_restores_into_another_folder(tmp_path):
    """The embedded default: an SQLite file (a content-type table is enough, and keeps the test from
    migrating a whole database) and an uploaded file, copied with sqlite3's backup API and restored into
    a new var folder, where the restore's own count and hash checks pass."""
    source = tmp_path / "asal"
    (source / "private" / "agreements").mkdir(parents=True)
    (source / "private" / "agreements" / "naskah.pdf").write_bytes(b"%PDF-1.4 contoh")
    with sqlite3.connect(source / "kemitraan.sqlite3") as database:
        database.execute(
            "CREATE TABLE django_content_type (id integer PRIMARY KEY, app_label text, model text)"
        )
        database.executemany(
            "INSERT INTO django_content_type (app_label, model) VALUES (?, ?)",
            [("agreements", "agreement"), ("agreements", "document"), ("core", "readlog")],
        )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kemitraan.settings.base",
        KEMITRAAN_ENV_FILE="/dev/null",
        KEMITRAAN_VAR_DIR=str(source),
        DATABASE_URL=f"sqlite:///{source / 'kemitraan.sqlite3'}",
        REDIS_URL="",
        CELERY_BROKER_URL="filesystem://",
    )
    made = _manage("backup", "--output", str(tmp_path / "cadangan"), env=env)
    assert made.returncode == 0, made.stderr
    (archive,) = (tmp_path / "cadangan").glob("kemitraan-backup-*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["models"] == {"contenttypes.ContentType": {"table": "django_content_type", "rows": 3}}

    target = tmp_path / "tujuan"
    target_env = dict(
        env, KEMITRAAN_VAR_DIR=str(target), DATABASE_URL=f"sqlite:///{target / 'kemitraan.sqlite3'}"
    )
    restored = _manage("restore", str(archive), env=target_env)
    assert restored.returncode == 0, restored.stderr
    assert (target / "private" / "agreements" / "naskah.pdf").read_bytes() == b"%PDF-1.4 contoh"
    with sqlite3.connect(target / "kemitraan.sqlite3") as copy:
        assert copy.execute("SELECT model FROM django_content_type ORDER BY id").fetchall() == [
            ("agreement",),
            ("document",),
            ("readlog",),
        ]
    again = _manage("restore", str(archive), env=target_env)
    assert again.returncode != 0 and "sudah berisi tabel" in again.stderr
