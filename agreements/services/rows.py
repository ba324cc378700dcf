"""The row services (`risk_create`, `party_remove`, …) are saves of one row through `agreement_save`:
the same checks, one version bump, one action, and the refusal by the row's own field names."""

from .editing import AgreementChanges, ChangesRefused, RowChange, agreement_save, copy_values

__all__ = ["RowChange", "refreshed", "save_one_row"]


def save_one_row(agreement, actor, expected_version, section, row: RowChange):
    """Save `row` of kind `section`; returns the row as saved (the removed row for a removal)."""
    try:
        agreement_save(
            actor=actor,
            agreement=agreement,
            changes=AgreementChanges(**{section: [row]}),
            expected_version=expected_version,
        )
    except ChangesRefused as refused:
        raise refused.for_row(section, 0) from None
    return row.instance


def refreshed(target, saved):
    """The caller's instance of the row, showing what was saved."""
    copy_values(target, saved)
    return target
