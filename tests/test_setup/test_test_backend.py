"""The suite's own PostgreSQL backend (tests/postgresql_backend): its flush and its drop."""

import psycopg2
import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection

from registry.models import Partner


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_tables_and_keeps_content_types_and_permissions():
    Partner.objects.create(name="PT Uji Flush", sector="private", partner_type="private_company")
    content_types, permissions = ContentType.objects.count(), Permission.objects.count()
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)

    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(statement)

    assert Partner.objects.count() == 0
    assert (ContentType.objects.count(), Permission.objects.count()) == (content_types, permissions)
    assert content_types > 0 and permissions > 0


@pytest.mark.django_db
def test_a_test_database_is_dropped_although_a_connection_is_still_open():
    name = f"test_kemitraan_dropcheck_{connection.settings_dict['NAME'][-12:]}"
    settings = connection.settings_dict
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    # What a live server's thread or a subprocess leaves behind: a session on the database.
    straggler = psycopg2.connect(
        dbname=name,
        user=settings["USER"] or None,
        password=settings.get("PASSWORD") or None,
        host=settings.get("HOST") or "127.0.0.1",
        port=settings.get("PORT") or 5432,
    )
    try:
        connection.creation._destroy_test_db(name, verbosity=0)
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone()[0] == 0
    finally:
        straggler.close()
