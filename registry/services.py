"""Writes for the registry. Views, forms, serializers and admin actions call these."""

from django.db import transaction
from django.utils import timezone

from core.services import apply_changes, save_validated

from .choices import sector_for
from .models import Contact, CooperationObject, Membership, OrganisationUnit, Partner


def _with_sector(data, partner_type):
    """The sector is never chosen: it follows from the partner's type (decision 0053)."""
    data.pop("sector", None)
    return {**data, "sector": sector_for(partner_type)}


@transaction.atomic
def partner_create(*, actor, **data) -> Partner:
    return save_validated(Partner(**_with_sector(data, data.get("partner_type"))), actor)


@transaction.atomic
def partner_update(*, partner: Partner, actor, **data) -> Partner:
    if "partner_type" in data or "sector" in data:
        data = _with_sector(data, data.get("partner_type", partner.partner_type))
    return apply_changes(partner, actor, data)


@transaction.atomic
def partner_archive(*, partner: Partner, actor) -> Partner:
    return apply_changes(partner, actor, {"archived_at": timezone.now(), "is_active": False})


@transaction.atomic
def partner_restore(*, partner: Partner, actor) -> Partner:
    return apply_changes(partner, actor, {"archived_at": None, "is_active": True})


@transaction.atomic
def organisation_unit_create(*, actor, **data) -> OrganisationUnit:
    return save_validated(OrganisationUnit(**data), actor)


@transaction.atomic
def organisation_unit_update(*, unit: OrganisationUnit, actor, **data) -> OrganisationUnit:
    return apply_changes(unit, actor, data)


@transaction.atomic
def contact_create(*, actor, **data) -> Contact:
    return save_validated(Contact(**data), actor)


@transaction.atomic
def contact_update(*, contact: Contact, actor, **data) -> Contact:
    return apply_changes(contact, actor, data)


@transaction.atomic
def membership_create(*, actor, **data) -> Membership:
    return save_validated(Membership(**data), actor)


@transaction.atomic
def membership_end(*, membership: Membership, actor, on=None) -> Membership:
    """End the membership on `on` (today by default); one that had not begun yet ends unbegun."""
    on = on or timezone.localdate()
    changes = {"valid_until": on}
    if membership.valid_from and membership.valid_from > on:
        changes["valid_from"] = on
    return apply_changes(membership, actor, changes)


@transaction.atomic
def cooperation_object_create(*, actor, **data) -> CooperationObject:
    return save_validated(CooperationObject(**data), actor)


@transaction.atomic
def cooperation_object_update(*, cooperation_object: CooperationObject, actor, **data) -> CooperationObject:
    return apply_changes(cooperation_object, actor, data)
