"""Writes for the registry. Views, forms, serializers and admin actions call these."""

from django.db import transaction
from django.utils import timezone

from core.services import apply_changes, save_validated

from .choices import sector_for
from .models import Contact, CooperationObject, GovernmentAffair, Membership, OrganisationUnit, Partner


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


def affairs_named(text) -> list:
    """The government affairs a free text names ("Pariwisata", "Pekerjaan Umum"): an exact name, else
    the affairs whose name begins with it; none for an empty or unknown text."""
    text = (text or "").strip()
    if not text:
        return []
    exact = list(GovernmentAffair.objects.filter(name__iexact=text))
    return exact or list(GovernmentAffair.objects.filter(name__istartswith=text))


@transaction.atomic
def cooperation_object_create(*, actor, government_affairs=None, **data) -> CooperationObject:
    """A cooperation object with its government affairs (UU 23/2014); given only the old free text,
    the affairs it names."""
    cooperation_object = save_validated(CooperationObject(**data), actor)
    if government_affairs is None:
        government_affairs = affairs_named(data.get("government_affair"))
    cooperation_object.government_affairs.set(government_affairs)
    return cooperation_object


@transaction.atomic
def cooperation_object_update(
    *, cooperation_object: CooperationObject, actor, government_affairs=None, **data
) -> CooperationObject:
    cooperation_object = apply_changes(cooperation_object, actor, data)
    if government_affairs is not None:
        cooperation_object.government_affairs.set(government_affairs)
    return cooperation_object
