"""Shared pieces of the Django admin of every app: read-only inlines, view-only model admins, and the
history admin whose past versions can be looked at but never restored."""

from django.contrib import admin
from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple_history's admin with its history read-only. Its "revert to this version" page saves
    whatever form is POSTed to it — settings.SIMPLE_HISTORY_REVERT_DISABLED only hides the button — so
    here the page answers GET alone: history is evidence, and a record changes through its services.
    Every admin with history uses this class (tests/core/test_read_log.py checks the registry)."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class ViewOnlyAdmin(ViewOnlyMixin, HistoryAdmin):
    """View-only, with the change history of the record."""
