"""Enumerations of the notifications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    OCCURRENCE_BEFORE = "occurrence_before", _("Kewajiban: sebelum jatuh tempo")
    OCCURRENCE_AFTER = "occurrence_after", _("Kewajiban: setelah jatuh tempo (eskalasi)")
    AGREEMENT_END = "agreement_end", _("Kerja sama: sebelum berakhir")
    INSTRUMENT_END = "instrument_end", _("Naskah: sebelum berakhir")


DEFAULT_OFFSETS = {
    ReminderKind.OCCURRENCE_BEFORE: [30, 7, 1, 0],
    ReminderKind.OCCURRENCE_AFTER: [1, 7],
    ReminderKind.AGREEMENT_END: [90, 60, 30, 7, 0],
    ReminderKind.INSTRUMENT_END: [90, 60, 30, 7, 0],
}


class ItemType(models.TextChoices):
    OCCURRENCE = "occurrence", _("Jatuh tempo kewajiban")
    AGREEMENT = "agreement", _("Kerja sama")
    INSTRUMENT = "instrument", _("Naskah")
    # A notice of what happened to an occurrence's evidence; the item is the occurrence's history
    # record of that change, so one change is told once to each reader.
    OCCURRENCE_EVENT = "occurrence_event", _("Bukti jatuh tempo")


class NoticeKind(models.TextChoices):
    """Notices of what someone did (not of a date): who hears of them, and whether by e-mail too."""

    OCCURRENCE_VERDICT = "occurrence_verdict", _("Hasil verifikasi bukti")
    EVIDENCE_SUBMITTED = "evidence_submitted", _("Bukti baru menunggu verifikasi")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENDING = "sending", _("Sedang dikirim")
    RETRYING = "retrying", _("Menunggu dicoba lagi")
    SENT = "sent", _("Terkirim")
    IN_APP_ONLY = "in_app_only", _("Hanya di aplikasi")
    FAILED = "failed", _("Gagal")


# A delivery in one of these may be taken by a send task (the others are settled or being sent).
SENDABLE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
