"""The test database as a copy of a migrated template, rebuilt whenever a migration changes.

Creating the test database by running every migration costs about a minute on this machine (Django
renders the model state again at each of some 440 operations). The result depends only on the
migration files, the installed packages and the settings that list the apps, so it is built once into a
template database named after a hash of exactly those files, and each run after that copies it
(`CREATE DATABASE … TEMPLATE`, under a second) and runs `migrate`, which finds nothing left to apply.
A changed or added migration, a package update (uv.lock) or a changed app list gives a new hash, so a
new template is migrated from nothing, as before: the migrations themselves are run whenever they
could give a different result. Builds are serialised by an advisory lock, so parallel runs on one
server build a template once.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "kemitraan_tpl_"
LOCK = 720_2026  # pg_advisory_lock key of template builds


def _fingerprint() -> str:
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py")) + [
        ROOT / "uv.lock",
        ROOT / "kemitraan" / "settings" / "base.py",
    ]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _url(settings_dict, name) -> str:
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict.get("PASSWORD"):
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict.get("HOST") or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{settings_dict.get('PORT') or 5432}/{name}"


def _connect(settings_dict):
    import psycopg2

    connection = psycopg2.connect(
        dbname="postgres",
        user=settings_dict["USER"] or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
    )
    connection.autocommit = True
    return connection


def _exists(cursor, name) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _build(cursor, settings_dict, name) -> None:
    building = name + "_bouw"
    cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
    cursor.execute(f'CREATE DATABASE "{building}"')
    env = {
        **os.environ,
        "DATABASE_URL": _url(settings_dict, building),
        "DJANGO_SETTINGS_MODULE": "kemitraan.settings.test",
    }
    env.pop("TEST_DB_NAME", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if result.returncode != 0:
        cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
        raise RuntimeError("migrating the template database failed:\n" + result.stdout + result.stderr)
    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    # Older templates of this project are left behind by changed migrations; one still being copied
    # by another run stays until a later build.
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s", [PREFIX + "%", name]
    )
    for (old,) in cursor.fetchall():
        if not old.endswith("_bouw"):
            cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')


def use_migrated_template(settings_dict) -> str:
    """Make sure the template for the current migrations exists; point the test database at it."""
    name = PREFIX + _fingerprint()
    connection = _connect(settings_dict)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
            try:
                if not _exists(cursor, name):
                    _build(cursor, settings_dict, name)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    finally:
        connection.close()
    settings_dict.setdefault("TEST", {})["TEMPLATE"] = name
    return name
