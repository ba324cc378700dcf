"""The agreement (kerja sama) itself, its lifecycle records and its TKKSD reviews."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.validators import not_after_today

from ..choices import (
    FOREIGN_CATEGORIES,
    OUTCOMES,
    Category,
    ClosureReason,
    Form,
    Initiative,
    KsddNature,
    Stage,
    TkksdDecision,
)
from ..querysets import AgreementQuerySet, ChildQuerySet
from .structure import AgreementStructure, is_budgeted

# Derived from the occurrences, kept by refresh_due_facts alone (see Agreement.save).
DUE_FACTS = ("next_due_on", "overdue_count")


class Agreement(AgreementStructure, TimeStampedModel):
    """A cooperation agreement with its parties, obligations, splits, documents and lifecycle stage.

    `version` rises with every change so that concurrent edits are detected; agreements are archived,
    never deleted.
    """

    number = models.CharField(_("nomor registrasi"), max_length=100, blank=True)
    title = models.CharField(_("judul"), max_length=500)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    form = models.CharField(_("bentuk"), max_length=30, choices=Form.choices, blank=True)
    ksdd_nature = models.CharField(_("sifat KSDD"), max_length=20, choices=KsddNature.choices, blank=True)
    # What a *wajib* KSDD rests on (PP 28/2018): regions that border each other, and a government affair
    # whose effects cross their borders or whose service is more efficient run together.
    ksdd_bordering_regions = models.ManyToManyField(
        "registry.Partner",
        verbose_name=_("daerah yang berbatasan"),
        blank=True,
        related_name="+",
        help_text=_("KSDD wajib: daerah para pihak yang berbatasan dengan daerah sendiri."),
    )
    ksdd_affair = models.ForeignKey(
        "registry.GovernmentAffair",
        verbose_name=_("urusan pemerintahan yang dikerjasamakan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "KSDD wajib: urusan yang eksternalitasnya lintas daerah atau yang layanan publiknya lebih "
            "efisien bila dikelola bersama."
        ),
    )
    initiative = models.CharField(
        _("prakarsa"), max_length=20, choices=Initiative.choices, default=Initiative.REGION
    )
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    cooperation_object = models.ForeignKey(
        "registry.CooperationObject",
        verbose_name=_("potensi daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    object_description = models.TextField(_("objek kerja sama"), blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    location = models.CharField(_("lokasi"), max_length=255, blank=True)
    financing_sources = models.CharField(_("sumber pembiayaan"), max_length=255, blank=True)
    estimated_value = models.DecimalField(
        _("perkiraan nilai (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    lead_unit = models.ForeignKey(
        "registry.OrganisationUnit",
        verbose_name=_("perangkat daerah penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_agreements",
    )
    related_units = models.ManyToManyField(
        "registry.OrganisationUnit",
        verbose_name=_("perangkat daerah terkait"),
        blank=True,
        related_name="related_agreements",
    )
    start_date = models.DateField(_("tanggal mulai"), null=True, blank=True)
    end_date = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    signed_date = models.DateField(
        _("tanggal penandatanganan"), null=True, blank=True, validators=[not_after_today]
    )
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.PREPARATION)
    closure_reason = models.CharField(
        _("alasan pengakhiran"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("catatan pengakhiran"), blank=True)
    closed_on = models.DateField(
        _("tanggal pengakhiran"), null=True, blank=True, validators=[not_after_today]
    )
    closure_notice = models.ForeignKey(
        "agreements.Document",
        verbose_name=_("surat pemberitahuan pengakhiran"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_framework = models.BooleanField(
        _("kerja sama kerangka (hanya MoU)"),
        default=False,
        help_text=_("Pelaksanaan cukup dengan kesepakatan bersama yang ditandatangani."),
    )
    is_public = models.BooleanField(_("tampil di register publik"), default=False)
    burdens_public = models.BooleanField(_("membebani masyarakat dan daerah"), default=False)
    dprd_approval_date = models.DateField(_("tanggal persetujuan DPRD"), null=True, blank=True)
    dprd_approval_reference = models.CharField(_("nomor persetujuan DPRD"), max_length=150, blank=True)
    internal_notes = models.TextField(_("catatan internal"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    # Rises with every write that changes what any page of the agreement shows (agreements/shown.py);
    # the cached sections of its page are keyed by it. `version` stays the editor's conflict check.
    shown_version = models.PositiveBigIntegerField(_("versi tampilan"), default=1, editable=False)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("memperpanjang"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    archived_at = models.DateTimeField(_("diarsipkan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Due facts, precomputed from the occurrences by agreements.services.due_facts.refresh_due_facts
    # (docs/decisions/0064): written by that function only, never by a form or a save of the agreement.
    next_due_on = models.DateField(_("jatuh tempo berikutnya"), null=True, blank=True, editable=False)
    overdue_count = models.PositiveIntegerField(_("jumlah jatuh tempo terlambat"), default=0, editable=False)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "shown_version", *DUE_FACTS], m2m_fields=[related_units]
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("kerja sama")
        verbose_name_plural = _("kerja sama")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="agreement_end_not_before_start",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="agreement_value_not_negative",
                violation_error_message=_("Perkiraan nilai tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="agreement_stage_valid",
            ),
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="agreement_unique_number",
                violation_error_message=_("Nomor registrasi ini sudah dipakai kerja sama lain."),
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "category"]),
            models.Index(fields=["end_date"]),
            models.Index(fields=["signed_date"]),
            # The lists' default order and the by-value order (StableOrderingFilter ends on -pk), over
            # live agreements as every list shows by default: a page is read in index order, no sort of
            # the whole table (docs/decisions/0059).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(archived_at__isnull=True),
                name="agreement_live_recent",
            ),
            models.Index(
                fields=["-estimated_value", "-id"],
                condition=Q(archived_at__isnull=True),
                name="agreement_live_by_value",
            ),
            # "Has overdue" in the default order, its count, and the dashboard's sum of overdue
            # occurrences: only the live agreements with an overdue occurrence (docs/decisions/0064).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(archived_at__isnull=True, overdue_count__gt=0),
                include=["overdue_count"],  # the sum is read from the index alone (PostgreSQL)
                name="agreement_live_overdue",
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}" if self.number else self.title

    def save(self, *args, **kwargs):
        """A save of a stored agreement writes the fields loaded in memory except `shown_version` and
        the due facts: the copy in memory may be older than the row. A child's write may have raised
        the counter meanwhile, and writing it back would lower the counter that keys the page's cache
        (the save itself raises it: agreements/shown.py); an instance read before its occurrences
        changed would put back stale due facts (refresh_due_facts writes them)."""
        if not self._state.adding and self.pk is not None and not args and not kwargs.get("force_insert"):
            fields = kwargs.get("update_fields")
            if fields is None:  # every loaded field, as Django's own save writes them
                deferred = self.get_deferred_fields()
                fields = [
                    f.name
                    for f in self._meta.concrete_fields
                    if not f.primary_key and f.attname not in deferred
                ]
            kwargs["update_fields"] = [
                name for name in fields if name != "shown_version" and name not in DUE_FACTS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])

    @property
    def is_foreign(self) -> bool:
        return self.category in FOREIGN_CATEGORIES

    @property
    def not_budgeted(self) -> bool:
        """ "Belum teranggarkan dalam APBD tahun anggaran berjalan": the home region pays this year from
        its APBD without a budget line for it — derived from the funding sources, never ticked."""
        return not is_budgeted(self, timezone.localdate().year)

    @property
    def requires_dprd_approval(self) -> bool:
        """DPRD approval applies when the agreement burdens the public and the region, its cost is not
        in this year's APBD, or it is foreign cooperation (DESIGN.md §3)."""
        return self.burdens_public or self.not_budgeted or self.is_foreign

    @property
    def is_closed(self) -> bool:
        return self.stage in OUTCOMES


class StageTransition(models.Model):
    """One change of stage: who (empty for the system), when, from, to, and why."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_stage = models.CharField(_("dari tahap"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("ke tahap"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("perpindahan tahap")
        verbose_name_plural = _("perpindahan tahap")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.agreement_id}: {self.from_stage} → {self.to_stage}"

    @property
    def actor_label(self):
        return str(self.actor) if self.actor_id else _("sistem")


class ChecklistTick(models.Model):
    """A lifecycle sub-step ticked by hand where no data shows it (who and when are kept)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="checklist_ticks"
    )
    step = models.CharField(_("langkah"), max_length=50)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("centang daftar periksa")
        verbose_name_plural = _("centang daftar periksa")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "step"],
                name="checklist_tick_once",
                violation_error_message=_("Langkah ini sudah dicentang."),
            )
        ]

    def __str__(self):
        return self.step


class TkksdReview(TimeStampedModel):
    """A TKKSD review (pembahasan TKKSD) with its decision."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="tkksd_reviews"
    )
    review_date = models.DateField(_("tanggal pembahasan"), validators=[not_after_today])
    decision = models.CharField(_("rekomendasi"), max_length=30, choices=TkksdDecision.choices)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("pembahasan TKKSD")
        verbose_name_plural = _("pembahasan TKKSD")
        ordering = ["-review_date"]

    def __str__(self):
        return f"{self.review_date}: {self.get_decision_display()}"
