"""Django admin for users (with their roles and language), invitations, calendar and API tokens."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin_helpers import CheckedInitialMixin

from .models import ApiToken, CalendarToken, Invitation, User
from .tokens import token_revoke, user_deactivate


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

    actions = ["deactivate"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Unticking "active" ends the user's sessions and revokes their API tokens at once.
            user_deactivate(user=obj, actor=request.user)

    @admin.action(description=_("Nonaktifkan pengguna terpilih (akhiri sesi, cabut token API)"))
    def deactivate(self, request, queryset):
        users = list(queryset.exclude(pk=request.user.pk))
        for user in users:
            user_deactivate(user=user, actor=request.user)
        messages.success(request, _("%(count)s pengguna dinonaktifkan.") % {"count": len(users)})

    @admin.display(description=_("peran"))
    def role_names(self, user):
        return ", ".join(group.name for group in user.groups.all())


@admin.register(Invitation)
class InvitationAdmin(CheckedInitialMixin, admin.ModelAdmin):
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
class CalendarTokenAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("token", "created_at")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked here; their keys cannot be read (only a hash is stored)."""

    list_display = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("user__username", "user__email", "name", "prefix")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    exclude = ("key_hash", "password_stamp")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a key is made by its user (profile page, API) or `manage.py api_token_create`

    @admin.action(description=_("Cabut token terpilih"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token, actor=request.user)
