from django.apps import AppConfig
from django.urls import reverse

from accounts.roles import Role, roles_of
from accounts.scope import unit_ids
from core.access import can, sees_everything
from notifications.links import register_link


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        register_link("agreement", portal_agreement_page)
        register_link("occurrence", portal_occurrence_page)
        register_link("evidence", verification_queue_page)


def _portal_reader(user) -> bool:
    """Partner users and OPD officers read in the portal; so does a partner's contact without an
    account (the page asks them to sign in, or to accept an invitation first)."""
    return user is None or (not sees_everything(user) and can(user, "portal.use"))


def _opens(user, agreement) -> bool:
    """Whether the portal reader may open the agreement's pages. An OPD officer is told of the duties
    of their OPD, which may sit in an agreement another OPD leads and theirs is not related to: that
    page would answer 404, so they get their portal home instead. Partners are told only of their own
    agreements; an officer of the leading OPD needs no query."""
    if user is None or Role.PARTNER in roles_of(user) or agreement.lead_unit_id in unit_ids(user):
        return True
    # Imported here: the agreements' models load once the app registry is ready (this runs per link).
    from agreements.models import Agreement

    return Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()


def portal_agreement_page(user, agreement):
    if not _portal_reader(user):
        return None
    return (
        reverse("portal:agreement", args=[agreement.pk])
        if _opens(user, agreement)
        else reverse("portal:home")
    )


def portal_occurrence_page(user, occurrence):
    """The occurrence's page, with its evidence and verdict, where a new submission is made."""
    if not _portal_reader(user):
        return None
    if not _opens(user, occurrence.obligation.agreement):
        return reverse("portal:home")
    return reverse("portal:occurrence_submit", args=[occurrence.pk])


def verification_queue_page(user, occurrence):
    """Staff decide on new evidence in the verification queue, narrowed to the occurrence's agreement."""
    if user is not None and can(user, "occurrence.verify"):
        return f"{reverse('portal:verification_queue')}?agreement={occurrence.obligation.agreement_id}"
    return None
