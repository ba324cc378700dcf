"""In-app notifications, the reminder policy, reminder deliveries and notification preferences."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import DEFAULT_OFFSETS, DeliveryStatus, ItemType, ReminderKind


def validate_offsets(value):
    if not isinstance(value, list) or not all(isinstance(v, int) and 0 <= v <= 3650 for v in value):
        raise ValidationError(
            _("Isi daftar jumlah hari berupa bilangan bulat 0 sampai 3650, mis. [30, 7, 1, 0].")
        )


class ReminderPolicy(models.Model):
    """When reminders go out for one kind of item: days before (or, for overdue, after) the date."""

    kind = models.CharField(_("jenis"), max_length=30, choices=ReminderKind.choices, unique=True)
    offsets = models.JSONField(
        _("jumlah hari"),
        default=list,
        validators=[validate_offsets],
        help_text=_("Daftar jumlah hari, mis. [30, 7, 1, 0]. 0 berarti pada hari itu."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kebijakan pengingat")
        verbose_name_plural = _("kebijakan pengingat")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()

    @classmethod
    def offsets_by_kind(cls) -> dict[str, list[int]]:
        """The active offsets of every kind; kinds without a row use the defaults."""
        found = {p.kind: (p.offsets if p.is_active else []) for p in cls.objects.all()}
        return {kind: sorted(set(found.get(kind, default))) for kind, default in DEFAULT_OFFSETS.items()}


class ReminderDelivery(models.Model):
    """One reminder to one recipient. The unique key (item, due date, offset, recipient) is written
    before anything is sent: whoever inserts the row sends, everyone else skips — exactly once, even
    with retries and several workers. The due date is part of the key, so a new date gets its own.

    The message is rendered when the row is claimed (in the recipient's language) and kept on it; the
    send task takes the row from pending (or retrying) to sending before it sends, so a task that
    runs twice sends once. `error` is the last attempt's error."""

    item_type = models.CharField(_("jenis butir"), max_length=20, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField(_("id butir"))
    due_date = models.DateField(_("tanggal"))
    offset = models.IntegerField(_("selisih hari"), help_text=_("Positif: sebelum; negatif: sesudah."))
    recipient = models.CharField(_("penerima"), max_length=260, help_text=_("user:<id> atau email:<alamat>"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("email"), blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=15, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    error = models.TextField(_("galat"), blank=True)
    subject = models.CharField(_("subjek"), max_length=300, blank=True)
    body_text = models.TextField(_("isi (teks)"), blank=True)
    body_html = models.TextField(_("isi (HTML)"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan kirim"), default=0)
    last_attempt_at = models.DateTimeField(_("percobaan terakhir pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman pengingat")
        verbose_name_plural = _("pengiriman pengingat")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The claim step sends again what is still waiting for a task (one lost with a broker outage).
            models.Index(
                fields=["created_at"], condition=Q(status="pending"), name="reminder_delivery_pending"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "due_date", "offset", "recipient"],
                name="reminder_delivery_exactly_once",
                violation_error_message=_("Pengingat ini sudah dikirim kepada penerima ini."),
            )
        ]

    def __str__(self):
        return f"{self.item_type}:{self.item_id} {self.due_date} ({self.offset:+d}) → {self.recipient}"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message in a user's in-app inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("judul"), max_length=300)
    body = models.TextField(_("isi"), blank=True)
    link = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Which kinds of reminder and notice a user also receives by email (in the app they always arrive)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_occurrence_before = models.BooleanField(_("email: kewajiban akan jatuh tempo"), default=True)
    email_occurrence_after = models.BooleanField(_("email: kewajiban terlambat"), default=True)
    email_agreement_end = models.BooleanField(_("email: kerja sama akan berakhir"), default=True)
    email_instrument_end = models.BooleanField(_("email: naskah akan berakhir"), default=True)
    email_occurrence_verdict = models.BooleanField(_("email: bukti diverifikasi atau ditolak"), default=True)
    email_evidence_submitted = models.BooleanField(_("email: bukti baru menunggu verifikasi"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self):
        return str(self.user)

    def wants_email(self, kind: str) -> bool:
        return getattr(self, f"email_{kind}", True)
