import pytest
from django.db import transaction

from .world import build_world


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction rolled back at the end; each test runs in a savepoint,
    so a test that changes a row (an expired membership, a restored agreement) leaves no trace."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db):
    return _module_world
