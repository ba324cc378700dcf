"""One record per saved action on an agreement, grouping the row-level history it wrote (decision 0051)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreement import Agreement

REASON_PREFIX = "action:"


class ActionKind(models.TextChoices):
    CREATE = "create", _("Pembuatan")
    EDIT = "edit", _("Penyuntingan")


class AgreementAction(models.Model):
    """What one save of an agreement changed (`summary`), by whom and when.

    Every history record written by the save carries `reason` as its change reason, so the row-level
    records of one action can be found together (`history_records`).
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="actions"
    )
    key = models.UUIDField(_("kunci"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=ActionKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    version = models.PositiveIntegerField(_("versi sesudahnya"))
    summary = models.JSONField(_("ringkasan perubahan"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tindakan pada kerja sama")
        verbose_name_plural = _("tindakan pada kerja sama")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.agreement_id} v{self.version} ({self.get_kind_display()})"

    @staticmethod
    def reason_for(key) -> str:
        """The change reason the history records of the action with `key` carry."""
        return f"{REASON_PREFIX}{key}"

    @property
    def reason(self) -> str:
        return self.reason_for(self.key)

    def history_records(self, model) -> models.QuerySet:
        """The history records of `model` this action wrote."""
        return model.history.filter(history_change_reason=self.reason)
