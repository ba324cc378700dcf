"""Shared pieces of the Django admin of every app: read-only inlines, view-only model admins, and the
history admin whose past versions can be looked at but never restored."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class CheckedInitialMixin:
    """The add page takes its initial values from the query string (`?partner=3`). A value its field
    cannot hold (text where an id goes) is dropped: Django's autocomplete widget looks the initial ids
    up unchecked, and a value that is not an id would be a server error."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            check = field.related_model._meta.pk if field.is_relation and field.related_model else field
            try:
                for item in value if isinstance(value, list) else [value]:
                    check.to_python(item)
            except (ValidationError, ValueError, TypeError):
                del initial[name]
        return initial


def _is_pk(model, object_id) -> bool:
    try:
        model._meta.pk.to_python(unquote(object_id))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class HistoryAdmin(CheckedInitialMixin, SimpleHistoryAdmin):
    """simple_history's admin with its history read-only. Its "revert to this version" page saves
    whatever form is POSTed to it — settings.SIMPLE_HISTORY_REVERT_DISABLED only hides the button — so
    here the page answers GET alone: history is evidence, and a record changes through its services.
    Every admin with history uses this class (tests/core/test_read_log.py checks the registry)."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        if not _is_pk(self.model, object_id):  # simple_history filters by it unchecked: a server error
            raise Http404
        return super().history_view(request, object_id, extra_context)

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
