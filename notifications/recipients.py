"""Who receives a reminder, resolved for a whole day's items in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from accounts.roles import Role
from registry.models import Contact, Membership


@dataclass(frozen=True)
class Recipient:
    key: str  # "user:<id>" or "email:<address>" — part of the delivery's unique key
    user: object = None
    email: str = ""
    is_partner: bool = False

    @property
    def language(self) -> str:
        return getattr(self.user, "preferred_language", "") or "id"


class RecipientDirectory:
    """Partner users and contacts per partner, officers per OPD, and the cooperation unit, on `day`."""

    def __init__(self, day, partner_ids, unit_ids):
        self.partners: dict[int, list[Recipient]] = {}
        self.units: dict[int, list[Recipient]] = {}
        memberships = (
            Membership.objects.valid_on(day)
            .filter(user__is_active=True)
            .filter(partner_id__in=partner_ids)
            .select_related("user")
            .order_by("pk")
        )
        for m in memberships:
            self._add(self.partners, m.partner_id, _user(m.user, is_partner=True))
        contacts = (
            Contact.objects.filter(partner_id__in=partner_ids, receives_reminders=True)
            .exclude(email="")
            .select_related("user")
            .order_by("pk")
        )
        for c in contacts:
            if c.user_id and c.user.is_active:
                self._add(self.partners, c.partner_id, _user(c.user, is_partner=True))
            elif not c.user_id:
                self._add(
                    self.partners,
                    c.partner_id,
                    Recipient(f"email:{c.email.lower()}", email=c.email, is_partner=True),
                )
        officers = (
            Membership.objects.valid_on(day)
            .filter(user__is_active=True, organisation_unit_id__in=unit_ids)
            .select_related("user")
            .order_by("pk")
        )
        for m in officers:
            self._add(self.units, m.organisation_unit_id, _user(m.user))
        staff = get_user_model().objects.filter(groups__name=Role.STAFF, is_active=True).order_by("pk")
        self.cooperation_unit = [_user(u) for u in staff]

    @staticmethod
    def _add(index, key, recipient):
        bucket = index.setdefault(key, [])
        if all(r.key != recipient.key for r in bucket):
            bucket.append(recipient)

    def of_partner(self, partner_id):
        return self.partners.get(partner_id, [])

    def of_unit(self, unit_id):
        return self.units.get(unit_id, []) if unit_id else []


def _user(user, is_partner=False):
    return Recipient(f"user:{user.pk}", user=user, email=user.email, is_partner=is_partner)


def unique(recipients):
    """Recipients without repeats, first occurrence wins (a partner user who is also staff counts once)."""
    seen, out = set(), []
    for r in recipients:
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out
