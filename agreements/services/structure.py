"""Funding sources of an agreement (issue 10, item 6): rows saved through `agreement_save`, one row per
call, with the same checks, version bump and action as the agreement editor."""

from django.db import transaction

from ..models import FundingSource
from .rows import RowChange, refreshed, save_one_row

SECTION = "funding_sources"


@transaction.atomic
def funding_source_create(*, agreement, actor, expected_version=None, **data) -> FundingSource:
    return save_one_row(agreement, actor, expected_version, SECTION, RowChange(fields=data))


@transaction.atomic
def funding_source_update(
    *, funding_source: FundingSource, actor, expected_version=None, **data
) -> FundingSource:
    saved = save_one_row(
        funding_source.agreement,
        actor,
        expected_version,
        SECTION,
        RowChange(id=funding_source.pk, fields=data),
    )
    return refreshed(funding_source, saved)


@transaction.atomic
def funding_source_delete(*, funding_source: FundingSource, actor, expected_version=None) -> None:
    save_one_row(
        funding_source.agreement,
        actor,
        expected_version,
        SECTION,
        RowChange(id=funding_source.pk, delete=True),
    )
