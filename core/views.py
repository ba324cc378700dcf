"""What every page shares: scoped reads, and the access rules of the internal (staff and manager) pages.

Reading starts from `Model.objects.visible_to(request.user)` — `ScopedObjectMixin` (and its detail and
list views) for class-based views, `scoped()` / `scoped_object_or_404()` for function views — so a new
page cannot forget the scope; an object outside it is a 404, like a missing one. A screen's named
queryset (`for_list()`, `for_detail()`) comes after the scope, never instead of it.

Internal pages: logged-in users who read everything (admin, staff, managers); anyone else gets 404,
the same answer as a page that does not exist (STYLE.md), and anonymous users go to the login page.
Changing: `can(user, permission_action)`; a manager who may read but not change gets 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .access import can

# The permission that opens the internal pages (accounts.permissions: staff, managers and admins).
INTERNAL_READ = "internal.read"


class InternalPageMixin(LoginRequiredMixin):
    """A page for the cooperation unit and managers. Set `permission_action` on pages that change data."""

    permission_action: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not can(request.user, INTERNAL_READ):
                raise Http404
            if self.permission_action and not can(request.user, self.permission_action):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def internal_page(action: str | None = None):
    """The same rule for function views: `@internal_page()` to read, `@internal_page("partner.change")`
    for a page that changes data."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not can(request.user, INTERNAL_READ):
                raise Http404
            if action and not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def paginate(request, queryset, per_page=25):
    """The requested page of a list (a bad or too-high page number gives the nearest real page)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def filters_in_use(request, ignore=("q", "ordering", "page", "format")) -> bool:
    """Whether the list is narrowed by more than the search box (to unfold the other filters)."""
    return any(value for key, value in request.GET.items() if key not in ignore)


def scoped(model, user, screen: str | None = None):
    """`model`'s rows that `user` may read, through the named queryset `screen` when given."""
    queryset = model.objects.visible_to(user)
    return getattr(queryset, screen)() if screen else queryset


def scoped_object_or_404(model, user, screen: str | None = None, **lookup):
    """One row in `user`'s scope, or 404 (the same answer as a missing row)."""
    return get_object_or_404(scoped(model, user, screen), **lookup)


class ScopedObjectMixin:
    """`get_queryset()` is `model.objects.visible_to(request.user)`, then the named queryset `screen`
    (e.g. "for_detail") when set, then `scope_queryset()` for what the page narrows further."""

    model = None
    screen: str | None = None

    def get_queryset(self):
        return self.scope_queryset(scoped(self.model, self.request.user, self.screen))

    def scope_queryset(self, queryset):
        return queryset


class ScopedDetailView(ScopedObjectMixin, DetailView):
    """One object in the user's scope; outside it, 404."""


class ScopedListView(ScopedObjectMixin, ListView):
    """The objects in the user's scope, paginated like every list."""

    paginate_by = 25
