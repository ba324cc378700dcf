"""Django admin for the registry: partners, OPDs, contacts, memberships and regional potentials."""

from django.contrib import admin

from core.admin_helpers import HistoryAdmin, ViewOnlyAdmin

from .models import Contact, CooperationObject, GovernmentAffair, Membership, OrganisationUnit, Partner


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("name", "title", "email", "phone", "receives_reminders", "user")
    autocomplete_fields = ("user",)


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = (
        "name",
        "short_name",
        "sector",
        "partner_type",
        "verification_status",
        "is_home_government",
        "is_active",
    )
    list_filter = (
        "sector",
        "partner_type",
        "verification_status",
        "is_home_government",
        "is_active",
        "country",
    )
    search_fields = ("name", "short_name", "nib", "npwp", "region_code", "email")
    readonly_fields = ("archived_at", "created_at", "updated_at")
    inlines = [ContactInline]


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(HistoryAdmin):
    list_display = ("code", "name", "short_name", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name", "short_name")


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ("name", "title", "partner", "email", "phone", "receives_reminders", "user")
    list_filter = ("receives_reminders", "partner__sector")
    search_fields = ("name", "title", "email", "phone", "partner__name")
    list_select_related = ("partner", "user")
    autocomplete_fields = ("partner", "user")


@admin.register(Membership)
class MembershipAdmin(ViewOnlyAdmin):
    """View-only: memberships are granted and ended through the registry services (invitations)."""

    list_display = ("user", "partner", "organisation_unit", "role", "valid_from", "valid_until")
    list_filter = ("role", "valid_until")
    search_fields = ("user__username", "user__email", "partner__name", "organisation_unit__name")
    list_select_related = ("user", "partner", "organisation_unit")
    autocomplete_fields = ("user", "partner", "organisation_unit")


@admin.register(CooperationObject)
class CooperationObjectAdmin(HistoryAdmin):
    list_display = ("name", "government_affair", "location", "organisation_unit", "is_active")
    list_filter = ("is_active", "government_affair", "organisation_unit")
    search_fields = ("name", "government_affair", "location", "description")
    list_select_related = ("organisation_unit",)
    autocomplete_fields = ("organisation_unit",)


@admin.register(GovernmentAffair)
class GovernmentAffairAdmin(admin.ModelAdmin):
    """The UU 23/2014 list, seeded by a migration; an admin may correct names or retire an entry."""

    list_display = ("code", "name")
    search_fields = ("code", "name")
