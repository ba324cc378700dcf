"""Agreements that predate the system (issue 10, item 11): a legacy entry records the stage the
agreement entered at and which of the law's steps happened outside the system, with their dates and
documents where known. The lifecycle gates read those steps (`agreements.legacy.legacy_steps`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.validators import not_after_today

from ..choices import Stage
from ..querysets import ChildQuerySet


class LegacyStepCode(models.TextChoices):
    """The law's steps, by the codes of the compliance checklist (agreements.rules.compliance)."""

    INITIATIVE_LETTER = "initiative_letter", _("Surat penawaran / permohonan dan jawabannya")
    PROPOSAL = "proposal", _("Proposal / KAK dari mitra")
    PARTNER_LEGALITY = "partner_legality", _("Verifikasi legalitas mitra")
    BENEFIT_STUDY = "benefit_study", _("Kajian manfaat")
    TKKSD_REVIEW = "tkksd_review", _("Pembahasan TKKSD")
    DRAFT_MOU = "draft_mou", _("Penyusunan kesepakatan bersama")
    SIGN_MOU = "sign_mou", _("Penandatanganan kesepakatan bersama")
    APPROVAL_DPRD = "approval_dprd", _("Persetujuan DPRD")
    APPROVAL_HOME_AFFAIRS = "approval_home_affairs", _("Persetujuan Menteri Dalam Negeri")
    APPROVAL_FOREIGN_AFFAIRS = "approval_foreign_affairs", _("Pertimbangan Menteri Luar Negeri")
    APPROVAL_GOVERNOR = "approval_governor", _("Fasilitasi gubernur")
    LEGAL_REVIEW = "legal_review", _("Telaah hukum")
    SIGN_OPERATIONAL = "sign_operational", _("Penandatanganan PKS / naskah operasional")
    VALIDATE_SIGNED = "validate_signed", _("Validasi naskah bertanda tangan (paraf, meterai, stempel)")


class LegacyEntry(TimeStampedModel):
    """How an agreement signed before the system entered it: at which stage, by whom, and why."""

    agreement = models.OneToOneField(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="legacy_entry",
    )
    entered_stage = models.CharField(_("dicatat pada tahap"), max_length=20, choices=Stage.choices)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("pencatatan kerja sama lama")
        verbose_name_plural = _("pencatatan kerja sama lama")

    def __str__(self):
        return f"{self.agreement_id}: {self.get_entered_stage_display()}"


class LegacyStep(TimeStampedModel):
    """One step that happened outside the system, with its date and document where known."""

    entry = models.ForeignKey(
        LegacyEntry, verbose_name=_("pencatatan"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("langkah"), max_length=40, choices=LegacyStepCode.choices)
    happened_on = models.DateField(_("tanggal"), null=True, blank=True, validators=[not_after_today])
    reference = models.CharField(_("nomor surat / dokumen"), max_length=200, blank=True)
    document = models.ForeignKey(
        "agreements.Document",
        verbose_name=_("dokumen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    agreement_path = "entry__agreement"
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("langkah di luar sistem")
        verbose_name_plural = _("langkah di luar sistem")
        ordering = ["happened_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "step"],
                name="legacy_step_once",
                violation_error_message=_("Langkah ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=models.Q(step__in=LegacyStepCode.values), name="legacy_step_known"
            ),
        ]

    def __str__(self):
        return self.get_step_display()
