"""Which version of an agreement a user reads: one answer for the page panels, the document download,
the summary PDF and the API (docs/decisions/0010-scoping-rules.md).

- INTERNAL — staff, managers and admins: everything, the agreement's internal notes included;
- GOVERNMENT — OPD officers of the agreement's lead or related OPDs: the internal items too, but never
  the internal notes (they are for the cooperation unit);
- PARTIES — users of a party: only what is shared with the parties;
- PUBLIC — anyone else, on a public agreement that is not archived: the open register's view.

A user holding several roles gets the widest audience any of them gives for that agreement.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, roles_of, sees_everything
from accounts.scope import partner_ids, unit_ids

from .choices import Visibility
from .querysets import NOTHING, agreement_scope_q


class Audience(models.TextChoices):
    """Who a rendering of an agreement is for, widest first. Stored on each summary PDF."""

    INTERNAL = "internal", _("Internal")
    GOVERNMENT = "government", _("Pemerintah daerah")
    PARTIES = "parties", _("Para pihak")
    PUBLIC = "public", _("Publik")


# What each audience may read besides its own rendering: every narrower one.
READABLE = {
    Audience.INTERNAL: (Audience.INTERNAL, Audience.GOVERNMENT, Audience.PARTIES, Audience.PUBLIC),
    Audience.GOVERNMENT: (Audience.GOVERNMENT, Audience.PARTIES, Audience.PUBLIC),
    Audience.PARTIES: (Audience.PARTIES, Audience.PUBLIC),
    Audience.PUBLIC: (Audience.PUBLIC,),
}
# The document visibilities each audience reads (evidence also follows its obligation's sharing).
VISIBILITIES = {
    Audience.INTERNAL: tuple(Visibility.values),
    Audience.GOVERNMENT: tuple(Visibility.values),
    Audience.PARTIES: (Visibility.PARTIES, Visibility.PUBLIC),
    Audience.PUBLIC: (Visibility.PUBLIC,),
}


def readable(audience) -> tuple:
    """The audiences whose renderings a reader of `audience` may have (none for no audience)."""
    return READABLE.get(audience, ())


def shows_internal_items(audience) -> bool:
    """Items not shared with the parties (internal risks, obligations, evaluations, documents…)."""
    return audience in (Audience.INTERNAL, Audience.GOVERNMENT)


def shows_internal_notes(audience) -> bool:
    """The agreement's internal notes: for the cooperation unit (and managers) only."""
    return audience == Audience.INTERNAL


def _cached(agreement, name):
    """The prefetched rows of a relation, or None when they were not prefetched."""
    return getattr(agreement, "_prefetched_objects_cache", {}).get(name)


def _is_opd_agreement(user, agreement) -> bool:
    units = unit_ids(user)
    if not units:
        return False
    if agreement.lead_unit_id in units:
        return True
    related = _cached(agreement, "related_units")
    if related is not None:
        return any(unit.pk in units for unit in related)
    return agreement.related_units.filter(pk__in=units).exists()


def _is_party_agreement(user, agreement) -> bool:
    partners = partner_ids(user)
    if not partners:
        return False
    parties = _cached(agreement, "parties")
    if parties is not None:
        return any(party.partner_id in partners for party in parties)
    return agreement.parties.filter(partner_id__in=partners).exists()


def audience_for(user, agreement) -> Audience | None:
    """The audience `user` reads `agreement` as; None when the agreement is outside their scope."""
    if sees_everything(user):
        return Audience.INTERNAL
    if agreement.archived_at is not None:
        return None
    if user is None or not user.is_authenticated:
        return Audience.PUBLIC if agreement.is_public else None
    roles = roles_of(user)
    if Role.OPD_OFFICER in roles and _is_opd_agreement(user, agreement):
        return Audience.GOVERNMENT
    if Role.PARTNER in roles and _is_party_agreement(user, agreement):
        return Audience.PARTIES
    return None


def audience_q(user, path="agreement") -> Q:
    """`audience_for` as a condition, on rows with an `audience` field that reach an agreement by `path`:
    the rows the user may read (their own audience for that agreement, or a narrower one)."""
    if sees_everything(user):
        return Q()
    if user is None or not user.is_authenticated:
        return Q(audience__in=readable(Audience.PUBLIC)) & agreement_scope_q(
            None, path, partner_q=False, public_q=True
        )
    roles = roles_of(user)
    condition = NOTHING
    if Role.OPD_OFFICER in roles:
        # partner_q=False: only the OPD path of the scope, so a partner role adds nothing here.
        condition |= Q(audience__in=readable(Audience.GOVERNMENT)) & agreement_scope_q(
            user, path, partner_q=False, public_q=False
        )
    if Role.PARTNER in roles:
        condition |= Q(audience__in=readable(Audience.PARTIES)) & agreement_scope_q(
            user, path, partner_q=True, public_q=False
        )
    return condition


def document_readable(audience, document) -> bool:
    """Whether a reader of `audience` may have `document` (its visibility, and for evidence and
    evaluation documents, the sharing of what it belongs to — Document.partner_visible)."""
    if audience is None or document.visibility not in VISIBILITIES[audience]:
        return False
    if shows_internal_items(audience):
        return True
    if document.occurrence_id is not None and not document.occurrence.obligation.shared_with_parties:
        return False
    return document.evaluation_id is None or document.evaluation.shared_with_parties
