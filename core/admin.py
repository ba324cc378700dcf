"""The read log in the admin: listed and searchable, never added, changed or deleted by hand."""

from django.contrib import admin

from .admin_helpers import ViewOnlyMixin
from .models import ReadLog


@admin.register(ReadLog)
class ReadLogAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["read_at", "user", "label", "version", "ip_address"]
    list_filter = ["content_type"]
    search_fields = ["label", "user__username", "ip_address", "sha256"]
    date_hierarchy = "read_at"
    list_select_related = ["user", "content_type"]
    fields = [
        "read_at",
        "user",
        "content_type",
        "object_id",
        "label",
        "version",
        "sha256",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = fields
