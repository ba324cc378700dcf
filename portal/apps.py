from django.apps import AppConfig
from django.urls import reverse

from core.access import can, sees_everything
from notifications.links import register_link


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        register_link("agreement", portal_agreement_page)


def portal_agreement_page(user, agreement):
    """Partner users and OPD officers open an agreement in the portal; so does a partner's contact
    without an account (the page asks them to sign in, or to accept an invitation first)."""
    if user is None or (not sees_everything(user) and can(user, "portal.use")):
        return reverse("portal:agreement", args=[agreement.pk])
    return None
