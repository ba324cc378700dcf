"""Small shared pieces for the apps' models, and the log of downloads (ReadLog)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-change times."""

    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        abstract = True


class ReadLog(models.Model):
    """One download of a private file or PDF: who read which object (and which version of it), when,
    and from which address. Written by core.audit.read_log_record, never changed, and removed once it
    is older than settings.READ_LOG_RETENTION_DAYS (core.audit.read_log_prune)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    read_at = models.DateTimeField(_("diunduh pada"), default=timezone.now)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("jenis objek"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("id objek"))
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("nama objek"), max_length=300)
    version = models.CharField(_("versi"), max_length=50, blank=True)
    sha256 = models.CharField(_("sha256"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    user_agent = models.CharField(_("agen pengguna"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("catatan unduhan")
        verbose_name_plural = _("catatan unduhan")
        ordering = ["-read_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-read_at"], name="readlog_object_recent"),
            models.Index(fields=["read_at"], name="readlog_read_at"),
        ]

    def __str__(self):
        return f"{self.label} ({self.read_at:%Y-%m-%d %H:%M})"
