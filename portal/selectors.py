"""Reads for the portal screens. Every query starts from `visible_to(user)` and narrows from there.

"Theirs" is the same rule everywhere in the portal (home, evidence, calendar feed): occurrences of
shared obligations whose responsible party is the user's organisation, and occurrences of obligations
whose responsible OPD is the officer's unit.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, roles_of, sees_everything
from accounts.scope import partner_ids, unit_ids
from agreements.choices import NOT_YET_DUE_STATUSES, OPEN_OCCURRENCE_STATUSES, OUTCOMES, OccurrenceStatus
from agreements.models import (
    Agreement,
    AgreementParty,
    Benefit,
    Contribution,
    Document,
    Obligation,
    ObligationOccurrence,
    Risk,
)
from agreements.querysets import NOTHING
from evaluations.models import Challenge, Evaluation, Indicator
from registry.models import Membership

# What the portal home shows as "upcoming": due within this many days.
UPCOMING_DAYS = 90
# The staff calendar feed: open occurrences due in this window around today (docs/decisions/0003).
STAFF_FEED_PAST_DAYS = 30
STAFF_FEED_FUTURE_DAYS = 365


def responsible_q(user) -> Q:
    """Occurrences the user answers for: their organisation's shared obligations, their OPD's ones."""
    roles = roles_of(user)
    condition = NOTHING
    if Role.PARTNER in roles:
        condition |= Q(
            obligation__party__partner_id__in=partner_ids(user), obligation__shared_with_parties=True
        )
    if Role.OPD_OFFICER in roles:
        condition |= Q(obligation__responsible_unit_id__in=unit_ids(user))
    return condition


def occurrences_of(user):
    """The scoped occurrences this user answers for, with what their rows need."""
    return (
        ObligationOccurrence.objects.visible_to(user)
        .filter(responsible_q(user))
        .select_related("obligation__agreement", "obligation__party__partner", "obligation__responsible_unit")
    )


def portal_organisations(user, *, today=None) -> dict:
    """The user's portal roles and the organisations (partners and OPDs) they act for today, read in
    one query: the same for every user of one scope, so the views take it from the cache."""
    today = today or timezone.localdate()
    memberships = (
        Membership.objects.visible_to(user)
        .valid_on(today)
        .filter(user=user)
        .select_related("partner", "organisation_unit")
        .order_by("pk")
    )
    organisations = []
    for membership in memberships:
        organisation = membership.partner or membership.organisation_unit
        if organisation is not None and organisation not in organisations:
            organisations.append(organisation)
    return {
        "roles": [Role(role).label for role in (Role.PARTNER, Role.OPD_OFFICER) if role in roles_of(user)],
        "organisations": [getattr(o, "name", str(o)) for o in organisations],
    }


def portal_agreements(user):
    """The agreements of the user's organisation (partner) or OPD (lead or related), newest first."""
    return Agreement.objects.visible_to(user).select_related("lead_unit").order_by("-start_date", "-pk")


def portal_due(user, *, today=None) -> dict:
    """The portal home's duties: overdue, due soon, and the latest evidence with its verdict — the same
    for every reader of one scope (registry/register_cache.py keys them so)."""
    today = today or timezone.localdate()
    mine = occurrences_of(user)
    return {
        "overdue": list(
            mine.filter(
                Q(status=OccurrenceStatus.OVERDUE)
                | Q(status__in=OPEN_OCCURRENCE_STATUSES, due_date__lt=today)
            ).order_by("due_date", "pk")
        ),
        "upcoming": list(
            mine.filter(
                status__in=NOT_YET_DUE_STATUSES,
                due_date__gte=today,
                due_date__lte=today + timedelta(days=UPCOMING_DAYS),
            ).order_by("due_date", "pk")
        ),
        # Every submission and its verdict, a rejected one too (even once it is overdue: the verdict's
        # time stays on it until the next submission).
        "recent": list(
            mine.filter(
                Q(
                    status__in=(
                        OccurrenceStatus.SUBMITTED,
                        OccurrenceStatus.FULFILLED,
                        OccurrenceStatus.NOT_FULFILLED,
                        OccurrenceStatus.REJECTED,
                    )
                )
                | Q(status=OccurrenceStatus.OVERDUE, verified_at__isnull=False)
            ).order_by("-updated_at", "-pk")[:10]
        ),
    }


def portal_home_agreements(user) -> dict:
    """The portal home's agreements: those running, and those ended."""
    agreements = list(portal_agreements(user))
    return {
        "active_agreements": [a for a in agreements if a.stage not in OUTCOMES],
        "past_agreements": [a for a in agreements if a.stage in OUTCOMES],
    }


def partner_agreement_detail(user, pk) -> dict | None:
    """What a portal user may see of one agreement: parties and the items shared with the parties.

    Returns None when the agreement is outside the user's scope (the view answers 404).
    """
    agreement = Agreement.objects.visible_to(user).select_related("lead_unit").filter(pk=pk).first()
    if agreement is None:
        return None
    shared_occurrences = (
        ObligationOccurrence.objects.visible_to(user).shared_with_parties().order_by("due_date", "pk")
    )
    documents = (
        _portal_visible(Document, user, agreement).select_related("occurrence").order_by("-uploaded_at")
    )
    obligations = _portal_visible(Obligation, user, agreement).select_related(
        "party__partner", "responsible_unit"
    )
    mine = set(occurrences_of(user).filter(obligation__agreement=agreement).values_list("pk", flat=True))
    return {
        "agreement": agreement,
        "parties": _portal_visible(AgreementParty, user, agreement)
        .select_related("partner")
        .order_by("order"),
        "obligations": obligations.prefetch_related(Prefetch("occurrences", queryset=shared_occurrences)),
        "my_occurrence_ids": mine,
        "risks": _portal_visible(Risk, user, agreement).prefetch_related("shares__party__partner"),
        "benefits": _portal_visible(Benefit, user, agreement).prefetch_related("shares__party__partner"),
        "contributions": _portal_visible(Contribution, user, agreement).select_related("party__partner"),
        "documents": with_download_urls(documents),
        "evaluations": _portal_visible(Evaluation, user, agreement),
        "indicators": _portal_visible(Indicator, user, agreement).prefetch_related("observations"),
        "challenges": _portal_visible(Challenge, user, agreement),
    }


def document_download_url(document) -> str | None:
    """The checked download view of the agreements app."""
    return reverse("agreements:document_download", args=[document.pk])


def with_download_urls(documents) -> list:
    documents = list(documents)
    for document in documents:
        document.download_url = document_download_url(document)
    return documents


def _portal_visible(model, user, agreement):
    """Items of one agreement the user may read, limited to those shared with the parties.

    Staff see everything through `visible_to`; on the portal page they see what partners see, so that
    the page shows exactly the shared view whoever opens it.
    """
    return model.objects.visible_to(user).shared_with_parties().filter(agreement=agreement)


def verification_queue(user):
    """Evidence waiting for staff's verdict, oldest first, in the user's scope (callers check the role)."""
    documents = Document.objects.visible_to(user)
    return (
        ObligationOccurrence.objects.visible_to(user)
        .filter(status=OccurrenceStatus.SUBMITTED)
        .annotate(has_evidence=Exists(documents.filter(occurrence=OuterRef("pk"))))
        .select_related("obligation__agreement", "obligation__party__partner", "submitted_by")
        .prefetch_related(Prefetch("documents", queryset=documents.order_by("pk")))
        .order_by("submitted_at", "pk")
    )


def calendar_occurrences(user, *, today=None):
    """The due dates in a user's calendar feed: the portal's scope; staff get a window of open ones."""
    today = today or timezone.localdate()
    if sees_everything(user):
        return (
            ObligationOccurrence.objects.visible_to(user)
            .filter(
                status__in=(*OPEN_OCCURRENCE_STATUSES, OccurrenceStatus.SUBMITTED),
                due_date__gte=today - timedelta(days=STAFF_FEED_PAST_DAYS),
                due_date__lte=today + timedelta(days=STAFF_FEED_FUTURE_DAYS),
            )
            .select_related("obligation__agreement", "obligation__party__partner")
            .order_by("due_date", "pk")
        )
    return occurrences_of(user).order_by("due_date", "pk")
