"""Rights and obligations (hak dan kewajiban) and their due instances."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from ..choices import Frequency, ObligationCategory, ObligationKind, OccurrenceStatus
from ..querysets import ChildQuerySet, OccurrenceQuerySet
from .agreement import Agreement
from .parties import AgreementParty


class Obligation(TimeStampedModel):
    """What a party must do (or is entitled to), with its schedule."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="obligations"
    )
    party = models.ForeignKey(
        AgreementParty,
        verbose_name=_("pihak yang bertanggung jawab"),
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    responsible_unit = models.ForeignKey(
        "registry.OrganisationUnit",
        verbose_name=_("perangkat daerah penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=ObligationKind.choices, default=ObligationKind.OBLIGATION
    )
    category = models.CharField(
        _("kategori"), max_length=20, choices=ObligationCategory.choices, default=ObligationCategory.OTHER
    )
    title = models.CharField(_("uraian singkat"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    clause_reference = models.CharField(_("pasal"), max_length=100, blank=True)
    frequency = models.CharField(
        _("jadwal"), max_length=20, choices=Frequency.choices, default=Frequency.ONCE
    )
    first_due_date = models.DateField(_("jatuh tempo pertama"))
    until_date = models.DateField(
        _("berulang hingga"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk mengikuti tanggal berakhir kerja sama."),
    )
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=True)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("hak dan kewajiban")
        verbose_name_plural = _("hak dan kewajiban")
        ordering = ["agreement", "first_due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until_date__isnull=True) | Q(until_date__gte=F("first_due_date")),
                name="obligation_until_after_first_due",
                violation_error_message=_("Tanggal akhir jadwal tidak boleh sebelum jatuh tempo pertama."),
            ),
        ]

    def __str__(self):
        return self.title


class ObligationOccurrence(TimeStampedModel):
    """One due instance of an obligation, with its evidence and verdict."""

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("kewajiban"), on_delete=models.CASCADE, related_name="occurrences"
    )
    period_label = models.CharField(_("periode"), max_length=50, blank=True)
    due_date = models.DateField(_("jatuh tempo"))
    status = models.CharField(
        _("status"), max_length=20, choices=OccurrenceStatus.choices, default=OccurrenceStatus.UPCOMING
    )
    submission_note = models.TextField(_("catatan pengajuan"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verification_note = models.TextField(_("catatan verifikasi"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    history = HistoricalRecords()

    agreement_path = "obligation__agreement"
    partner_visible = Q(obligation__shared_with_parties=True)
    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("jatuh tempo kewajiban")
        verbose_name_plural = _("jatuh tempo kewajiban")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "due_date"],
                name="occurrence_once_per_due_date",
                violation_error_message=_("Jatuh tempo ini sudah ada untuk kewajiban ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The default order of every occurrence list (API, calendar feeds): read in index order, a page
            # of a million occurrences needs no sort (bench/README.md).
            models.Index(fields=["due_date", "id"], name="occurrence_due_date_id"),
            # "Has overdue" (AgreementFilterSet) and the dashboard's overdue figures ask, per agreement,
            # whether one of its obligations has an overdue occurrence: an index probe each, walking the
            # list's order, instead of joining every overdue occurrence.
            models.Index(
                fields=["obligation"], condition=Q(status=OccurrenceStatus.OVERDUE), name="occurrence_overdue"
            ),
        ]

    def __str__(self):
        return f"{self.obligation} — {self.due_date}"
