"""Scoped reads for agreements and everything hanging off them (DESIGN.md §1).

`Agreement.objects.visible_to(user)` is the one choke point; every child model's `visible_to` goes
through `agreement_scope_q`, adding its own rule for what partner users and the public may see.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q

from accounts.roles import Role, roles_of, sees_everything
from accounts.scope import partner_ids, unit_ids

from .choices import OPEN_OCCURRENCE_STATUSES

NOTHING = Q(pk__in=[])


def _model(name):
    # The models build their managers from this module, so they are looked up, not imported.
    return apps.get_model("agreements", name)


def _partner_agreement_ids(user):
    return _model("AgreementParty").objects.filter(partner_id__in=partner_ids(user)).values("agreement_id")


def _unit_agreement_ids(user):
    units = unit_ids(user)
    return (
        _model("Agreement")
        .objects.filter(Q(lead_unit_id__in=units) | Q(related_units__in=units))
        .values("pk")
    )


def agreement_scope_q(user, path, *, partner_q, public_q):
    """The condition, on a model reached from Agreement by `path`, for what `user` may read.

    `partner_q` and `public_q` narrow what partner users and the public see of a visible agreement:
    a Q, True for everything, or False for nothing.
    """
    prefix = f"{path}__" if path else ""

    def narrowed(extra):
        if extra is False:
            return None
        return None if extra is True else extra

    if sees_everything(user):
        return Q()
    live = Q(**{f"{prefix}archived_at__isnull": True})
    if user is None or not user.is_authenticated:
        if public_q is False:
            return NOTHING
        condition = live & Q(**{f"{prefix}is_public": True})
        extra = narrowed(public_q)
        return condition & extra if extra is not None else condition
    roles = roles_of(user)
    condition = NOTHING
    if Role.OPD_OFFICER in roles:
        condition |= Q(**{f"{prefix}pk__in": _unit_agreement_ids(user)})
    if Role.PARTNER in roles and partner_q is not False:
        as_partner = Q(**{f"{prefix}pk__in": _partner_agreement_ids(user)})
        extra = narrowed(partner_q)
        condition |= as_partner & extra if extra is not None else as_partner
    return live & condition


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(agreement_scope_q(user, "", partner_q=True, public_q=True))

    def live(self):
        return self.filter(archived_at__isnull=True)

    def for_list(self):
        return self.select_related("lead_unit").prefetch_related("parties__partner")

    def for_detail(self):
        return self.select_related(
            "lead_unit", "cooperation_object", "renews", "created_by"
        ).prefetch_related("related_units")


class ChildQuerySet(models.QuerySet):
    """For models below an agreement. The model declares:

    - `agreement_path`: how to reach the agreement (default "agreement");
    - `partner_visible`: Q / True / False — what partner users see (default False: internal);
    - `public_visible`: Q / True / False — what the public sees (default False).
    """

    def visible_to(self, user):
        model = self.model
        return self.filter(
            agreement_scope_q(
                user,
                getattr(model, "agreement_path", "agreement"),
                partner_q=getattr(model, "partner_visible", False),
                public_q=getattr(model, "public_visible", False),
            )
        )

    def shared_with_parties(self):
        """Only the rows the model shares with the parties (its `partner_visible`), whoever reads: the
        parties' view of an agreement, for the portal page and the parties' summary PDF."""
        rule = getattr(self.model, "partner_visible", False)
        if rule is True:
            return self
        if rule is False:
            return self.none()
        return self.filter(rule)


class OccurrenceQuerySet(ChildQuerySet):
    def annotate_evidence(self):
        return self.annotate(
            has_evidence=models.Exists(_model("Document").objects.filter(occurrence=models.OuterRef("pk")))
        )

    def open(self):
        return self.filter(status__in=OPEN_OCCURRENCE_STATUSES)
