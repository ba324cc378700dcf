"""The partner page's slot: agreements adds the list of the partner's agreements here."""

from core.panels import Slot

PARTNER_PAGE = Slot("registry.partner_page")
