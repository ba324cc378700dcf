from django.contrib import admin

from core.admin_helpers import HistoryAdmin

from .models import Notification, NotificationPreference, ReminderDelivery, ReminderPolicy


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(HistoryAdmin):
    list_display = ["kind", "offsets", "is_active"]


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    """Read-only: deliveries are the record of what was sent."""

    list_display = [
        "item_type",
        "item_id",
        "due_date",
        "offset",
        "recipient",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["item_type", "status"]
    search_fields = ["recipient", "email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the row is what keeps a reminder from being sent twice


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "title", "created_at", "read_at"]
    raw_id_fields = ["user"]
    search_fields = ["title", "user__username"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(HistoryAdmin):
    list_display = ["user", "email_occurrence_before", "email_occurrence_after", "email_agreement_end",
                    "email_instrument_end"]  # fmt: skip
    raw_id_fields = ["user"]
