"""Scoped reads for the registry: every read starts from `visible_to(user)` (DESIGN.md §1)."""

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from accounts.roles import Role, roles_of, sees_everything
from accounts.scope import partner_ids, unit_ids


def _visible_agreements(user):
    return apps.get_model("agreements", "Agreement").objects.visible_to(user)


def _parties_of(agreements):
    return apps.get_model("agreements", "AgreementParty").objects.filter(agreement__in=agreements)


class PartnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and managers: all. Others: their own partner and the parties of agreements they see."""
        if sees_everything(user):
            return self
        condition = Q(pk__in=_parties_of(_visible_agreements(user)).values("partner_id"))
        if Role.PARTNER in roles_of(user):
            condition |= Q(pk__in=partner_ids(user))
        return self.filter(condition, archived_at__isnull=True)

    def active(self):
        return self.filter(is_active=True, archived_at__isnull=True)

    def for_list(self):
        """With `agreement_count`, the partner's party rows (one per agreement), as a correlated subquery:
        unlike a JOIN + GROUP BY it stays out of the paginator's COUNT(*) (Django drops an unused
        non-aggregate annotation there), and PostgreSQL computes it only for the page's rows, after the
        sort and LIMIT — not for every partner (bench/README.md)."""
        parties = (
            apps.get_model("agreements", "AgreementParty")
            .objects.filter(partner_id=models.OuterRef("pk"))
            .order_by()
            .values("partner_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            agreement_count=Coalesce(models.Subquery(parties), 0, output_field=models.IntegerField())
        )


class InternalOnlyQuerySet(models.QuerySet):
    """Rows only the government's internal users read (staff and managers): partners' legality checks.
    Co-parties see each other's names, roles and signatories — never each other's documents."""

    def visible_to(self, user):
        return self if sees_everything(user) else self.none()


class OrganisationUnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """OPDs are the home government's public structure: every logged-in user may read them."""
        if user is None or not user.is_authenticated:
            return self.filter(is_active=True)
        return self

    def active(self):
        return self.filter(is_active=True)


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contacts are personal data: staff and managers see all, partner users their own partner's,
        OPD officers those of partners in their agreements; the public none."""
        if sees_everything(user):
            return self
        roles = roles_of(user)
        condition = Q(pk__in=[])
        if Role.PARTNER in roles:
            condition |= Q(partner_id__in=partner_ids(user))
        if Role.OPD_OFFICER in roles:
            condition |= Q(partner_id__in=_parties_of(_visible_agreements(user)).values("partner_id"))
        return self.filter(condition)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and managers see all memberships; anyone else only their own."""
        if sees_everything(user):
            return self
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user_id=user.pk)

    def valid_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class CooperationObjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Regional potentials are internal planning data: government users only.

        An OPD officer sees their OPD's potentials and every active one — while a membership in an OPD
        is valid: once it has expired, the officer is no longer a government user and sees none.
        """
        roles = roles_of(user)
        if sees_everything(user):
            return self
        units = unit_ids(user) if Role.OPD_OFFICER in roles else []
        if not units:
            return self.none()
        return self.filter(Q(organisation_unit_id__in=units) | Q(is_active=True))
