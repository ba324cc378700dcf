"""Which partners and OPDs a user acts for, through memberships valid today.

Returned as subqueries so that scoping stays one SQL statement, whatever the number of memberships.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone


def _valid_memberships(user):
    today = timezone.localdate()
    Membership = apps.get_model("registry", "Membership")
    return Membership.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        user_id=user.pk,
        user__is_active=True,
    )


def partner_ids(user):
    """Subquery of the partner ids the user may act for today."""
    return _valid_memberships(user).filter(partner__isnull=False).values("partner_id")


def unit_ids(user):
    """Subquery of the OPD ids the user may act for today."""
    return _valid_memberships(user).filter(organisation_unit__isnull=False).values("organisation_unit_id")
