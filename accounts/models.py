"""Users, invitations and calendar tokens."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Roles are groups; partner/OPD scope comes from registry.Membership."""

    preferred_language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES, default="id")
    phone = models.CharField(_("telepon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.get_full_name() or self.username


def _new_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=7)


class Invitation(models.Model):
    """A single-use, expiring link by which a partner or OPD user sets a password."""

    email = models.EmailField(_("email"))
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "registry.Partner", verbose_name=_("mitra"), null=True, blank=True, on_delete=models.CASCADE
    )
    organisation_unit = models.ForeignKey(
        "registry.OrganisationUnit",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField(_("kedaluwarsa pada"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("diterima pada"), null=True, blank=True)
    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("dibuat oleh"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False) | models.Q(organisation_unit__isnull=False),
                name="invitation_has_scope",
                violation_error_message=_("Undangan harus untuk mitra atau perangkat daerah."),
            )
        ]

    def __str__(self):
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class CalendarToken(models.Model):
    """The secret in a user's personal iCal feed URL; regenerating it retires the old one at once."""

    user = models.OneToOneField(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now=True)

    class Meta:
        verbose_name = _("token kalender")
        verbose_name_plural = _("token kalender")

    def __str__(self):
        return str(self.user)


class ApiToken(models.Model):
    """A key an API client sends as `Authorization: Token <key>`.

    Only the key's sha256 is stored: the key itself is shown once, when it is made. A token stops
    working when it expires, when it is revoked, when its user is deactivated, and when its user's
    password changes (`password_stamp` no longer matches), like the user's other sessions.
    """

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100, blank=True)
    key_hash = models.CharField(_("sidik kunci"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("awalan kunci"), max_length=8, editable=False)
    password_stamp = models.CharField(_("cap kata sandi"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("kedaluwarsa pada"))
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
                violation_error_message=_("Token harus kedaluwarsa setelah dibuat."),
            )
        ]

    def __str__(self):
        return f"{self.name or self.prefix} ({self.user})"
