"""Access rules that the internal (staff and manager) pages share.

Reading: logged-in users who read everything (admin, staff, managers); anyone else gets 404, the same
answer as a page that does not exist (STYLE.md), and anonymous users go to the login page.
Changing: `can(user, permission_action)`; a manager who may read but not change gets 403.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import can
from accounts.roles import sees_everything


class InternalPageMixin(LoginRequiredMixin):
    """A page for the cooperation unit and managers. Set `permission_action` on pages that change data."""

    permission_action: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not sees_everything(request.user):
                raise Http404
            if self.permission_action and not can(request.user, self.permission_action):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
