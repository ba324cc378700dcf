"""Shared pieces of the Django admin of every app: read-only inlines and view-only model admins."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows rows without editing them: these rows change through the services
    (the agreement pages), which keep splits at 100 %, versions and gates consistent."""

    extra = 0
    can_delete = False
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ViewOnlyMixin:
    """Records written only by the services (stage transitions, stored documents, split shares):
    the admin lists and shows them but never adds, changes or deletes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyAdmin(ViewOnlyMixin, SimpleHistoryAdmin):
    """View-only, with the change history of the record."""
