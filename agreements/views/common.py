"""What every staff agreement page shares: who may open it and how the agreement is loaded.

The staff pages are for internal users (staff, managers, admins). Partner users and OPD officers use
the portal; for them these pages answer 404, like an agreement that does not exist
(docs/decisions/0002-staff-pages-vs-portal.md).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import can
from core.views import INTERNAL_READ, scoped_object_or_404

from ..models import Agreement


def internal_only(view):
    """Logged-in internal users only; anyone else gets the same 404 as for a missing page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can(request.user, INTERNAL_READ):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def agreement_or_404(request, pk, screen: str | None = None) -> Agreement:
    """The agreement, loaded through the user's scope and then the named queryset `screen`."""
    return scoped_object_or_404(Agreement, request.user, screen, pk=pk)


# The section of the agreement page (agreements/views/detail.py TABS) that holds each card an action
# goes back to: after recording a TKKSD review the user is back on "Persetujuan & tahapan", at it.
SECTION_OF_ANCHOR = {
    "#tahap": "persetujuan",
    "#kepatuhan": "persetujuan",
    "#naskah": "naskah",
    "#dokumen": "dokumen",
    "#manfaat": "risiko",
    "#risiko": "risiko",
    "#pihak": "pihak",
    "#kontribusi": "pihak",
    "#kewajiban": "kewajiban",
    "#evaluasi": "monev",
    "#kendala": "kendala",
}


def section_url(agreement, anchor="") -> str:
    """The agreement page on the section that holds `anchor` (a card's id), scrolled to it."""
    section = SECTION_OF_ANCHOR.get(anchor)
    query = f"?tab={section}" if section else ""
    return f"{agreement.get_absolute_url()}{query}{anchor}"


def require(user, action, obj=None):
    """Refuse (403) an action the user's role does not allow; reading was already checked."""
    if not can(user, action, obj):
        raise PermissionDenied
