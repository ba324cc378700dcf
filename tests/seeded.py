"""A module-scoped demo database: `seed_demo` runs once per test module, inside a transaction that is
rolled back when the module ends, so every test of the module reads the same seeded data."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


def seeded_database(django_db_setup, django_db_blocker):
    """The output of `seed_demo` on an empty database; the data stays until the module ends.

    Register it in a test module with `_seeded = seeded_fixture()`; tests then ask for `seeded`.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def seeded_fixture():
    return pytest.fixture(scope="module", name="seeded")(seeded_database)
