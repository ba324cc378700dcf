from django.contrib import admin

from .models import AgreementSummary, BackgroundJob


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
