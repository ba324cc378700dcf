from django.contrib import admin

from .models import AgreementSummary, BackgroundJob, CheckedImport, IssuedDocument


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "kind",
        "status",
        "progress",
        "requested_by",
        "created_at",
        "finished_at",
        "attempts",
    ]
    list_filter = ["kind", "status"]
    readonly_fields = ["result_sha256", "error", "created_at", "enqueued_at", "started_at", "finished_at"]
    raw_id_fields = ["requested_by"]


@admin.register(AgreementSummary)
class AgreementSummaryAdmin(admin.ModelAdmin):
    list_display = ["agreement", "version", "audience", "sha256", "created_at"]
    list_filter = ["audience"]
    raw_id_fields = ["agreement", "job"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the system writes once and never lets anyone add, change or delete by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckedImport)
class CheckedImportAdmin(ReadOnlyAdmin):
    """Checked and applied import files: their state and result, read-only (imports apply once)."""

    list_display = ("name", "state", "rows", "checked_by", "created_at")
    list_filter = ("state",)
    search_fields = ("name", "key", "sha256")
    list_select_related = ("checked_by",)


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    """The PDFs issued with a verification code, read-only: the verification page states them as issued."""

    list_display = ("kind", "version", "audience", "agreement", "generated_at", "sha256")
    list_filter = ("kind", "audience")
    search_fields = ("sha256", "agreement__title", "agreement__number")
    list_select_related = ("agreement",)
    # The code is the document's capability: the admin does not show it.
    exclude = ("code",)
