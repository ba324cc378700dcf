"""Writes for monitoring and evaluation."""

from django.db import transaction
from django.utils.translation import gettext as _

from agreements.services.versioning import bump_version
from core.services import apply_changes, refuse, save_validated

from .models import Challenge, Evaluation, Indicator, Observation


@transaction.atomic
def evaluation_create(*, agreement, actor, **data) -> Evaluation:
    bump_version(agreement)
    return save_validated(Evaluation(agreement=agreement, created_by=actor, **data), actor)


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, actor, expected_version=None, **data) -> Evaluation:
    bump_version(evaluation.agreement, expected_version)
    return apply_changes(evaluation, actor, data)


@transaction.atomic
def indicator_create(*, agreement, actor, **data) -> Indicator:
    bump_version(agreement)
    return save_validated(Indicator(agreement=agreement, **data), actor)


@transaction.atomic
def indicator_update(*, indicator: Indicator, actor, expected_version=None, **data) -> Indicator:
    bump_version(indicator.agreement, expected_version)
    return apply_changes(indicator, actor, data)


@transaction.atomic
def observation_record(*, indicator: Indicator, actor, **data) -> Observation:
    bump_version(indicator.agreement)
    return save_validated(Observation(indicator=indicator, **data), actor)


@transaction.atomic
def challenge_create(*, agreement, actor, **data) -> Challenge:
    bump_version(agreement)
    return save_validated(Challenge(agreement=agreement, **data), actor)


@transaction.atomic
def challenge_update(*, challenge: Challenge, actor, expected_version=None, **data) -> Challenge:
    if data.get("status") == "resolved" and not (data.get("resolution") or challenge.resolution):
        refuse(_("Tuliskan penyelesaian kendala sebelum menandainya selesai."))
    bump_version(challenge.agreement, expected_version)
    return apply_changes(challenge, actor, data)
