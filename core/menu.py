"""The main menu, as data: each entry names its page, the URL prefix that marks it active and the
permission (accounts.permissions.can, through core.access) its view checks. The navbar is drawn from
this list for the user at hand, so no user is offered a link that answers 403 or 404
(tests/scoping/test_menus.py walks every role through every entry)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from core import access


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    action: str
    active_prefix: str = ""


MAIN_MENU = (
    MenuEntry(_lazy("Dasbor"), "dashboard", "dashboard.view"),
    MenuEntry(_lazy("Kerja Sama"), "agreements:list", "internal.read", "agreements:"),
    MenuEntry(_lazy("Mitra"), "registry:partner_list", "internal.read", "registry:partner"),
    MenuEntry(_lazy("Perangkat Daerah"), "registry:unit_list", "internal.read", "registry:unit"),
    MenuEntry(_lazy("Potensi Daerah"), "registry:object_list", "internal.read", "registry:object"),
    MenuEntry(_lazy("Impor"), "imports:upload", "import.run", "imports:"),
    MenuEntry(_lazy("Antrean Verifikasi"), "portal:verification_queue", "occurrence.verify"),
    MenuEntry(_lazy("Laporan"), "jobs:reports", "report.view", "jobs:"),
    MenuEntry(_lazy("Portal"), "portal:home", "portal.use", "portal:"),
)


def menu_for(user, current_view_name: str = "") -> list[dict]:
    """The entries `user` may open, with their address and whether the current page is theirs."""
    return [
        {
            "label": entry.label,
            "href": reverse(entry.url_name),
            "active": bool(current_view_name)
            and current_view_name.startswith(entry.active_prefix or entry.url_name),
        }
        for entry in MAIN_MENU
        if access.can(user, entry.action)
    ]
