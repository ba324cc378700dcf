"""Optimistic locking on the agreement: every write below an agreement raises its version."""

from django.db.models import F

from core.services import ConflictError
from registry.register_cache import register_changed

from ..models import Agreement


def bump_version(agreement: Agreement, expected_version: int | None = None) -> int:
    """Raise the agreement's version by one, refusing when `expected_version` is stale.

    One conditional UPDATE, so two concurrent saves cannot both pass the check.
    """
    rows = Agreement.objects.filter(pk=agreement.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1, shown_version=F("shown_version") + 1) == 0:
        current = Agreement.objects.filter(pk=agreement.pk).values_list("version", flat=True).first()
        raise ConflictError(current)
    register_changed()
    agreement.version = Agreement.objects.values_list("version", flat=True).get(pk=agreement.pk)
    return agreement.version
