"""Django admin for partners' legality checks: view-only (staff record them on the partner page through
registry.legality, which keeps the partner's verification status in step). Registered from
RegistryConfig.ready()."""

from django.contrib import admin

from core.admin_helpers import ViewOnlyAdmin

from .models import PartnerLegality


@admin.register(PartnerLegality)
class PartnerLegalityAdmin(ViewOnlyAdmin):
    list_display = ("partner", "document_kind", "document_number", "result", "verified_on", "valid_until")
    list_filter = ("document_kind", "result")
    list_select_related = ("partner",)
    search_fields = ("partner__name", "document_number")
    exclude = ("file",)
