"""Django admin for users (with their roles and language), invitations and calendar tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import CalendarToken, Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Roles are groups (accounts.roles.Role); the partner or OPD a user acts for is a registry Membership."""

    list_display = (
        "username",
        "get_full_name",
        "email",
        "role_names",
        "preferred_language",
        "is_active",
        "last_login",
    )
    list_filter = ("groups", "preferred_language", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Preferensi"), {"fields": ("preferred_language", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Peran dan bahasa"), {"fields": ("email", "groups", "preferred_language")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("peran"))
    def role_names(self, user):
        return ", ".join(group.name for group in user.groups.all())


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "full_name",
        "partner",
        "organisation_unit",
        "expires_at",
        "accepted_at",
        "created_by",
    )
    list_filter = ("accepted_at", "expires_at")
    search_fields = ("email", "full_name", "partner__name", "organisation_unit__name")
    list_select_related = ("partner", "organisation_unit", "created_by")
    autocomplete_fields = ("partner", "organisation_unit", "user", "created_by")
    readonly_fields = ("token", "created_at")


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("token", "created_at")
