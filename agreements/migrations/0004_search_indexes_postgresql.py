"""PostgreSQL only: indexes for the agreement search (AgreementFilterSet.search), measured with
bench/pages.py (docs/decisions/0040). Nothing happens on SQLite; the models stay portable.

Each expression is exactly the one the search's SQL uses, or the planner ignores the index:
- SearchVector("number", "title", config="simple") on agreements and SearchVector("name", "short_name")
  on partners: to_tsvector('simple', COALESCE(a, '') || ' ' || COALESCE(b, '')), GIN;
- number__icontains: UPPER(number::text) LIKE UPPER('%…%'), a pg_trgm GIN index (pg_trgm is a trusted
  extension since PostgreSQL 13: the database owner may create it).
"""

from django.db import migrations

INDEXES = [
    (
        "agreements_agreement_search_gin",
        "agreements_agreement",
        "USING gin (to_tsvector('simple'::regconfig, "
        "COALESCE(number, ''::character varying)::text || ' ' || COALESCE(title, ''::character varying)::text))",
    ),
    (
        "registry_partner_search_gin",
        "registry_partner",
        "USING gin (to_tsvector('simple'::regconfig, "
        "COALESCE(name, ''::character varying)::text || ' ' || COALESCE(short_name, ''::character varying)::text))",
    ),
    (
        "agreements_agreement_number_trgm",
        "agreements_agreement",
        "USING gin (UPPER(number::text) gin_trgm_ops)",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_realisation_proof"),
        ("registry", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
