"""Risks, benefits and contributions, and how they are split among the parties."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.validators import not_after_today

from ..choices import BenefitKind, ContributionKind, RiskCategory, RiskStatus, SplitMethod, Stage
from ..querysets import ChildQuerySet
from .agreement import Agreement
from .parties import AgreementParty

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def percent_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS, **kwargs
    )


def money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=18, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class Risk(TimeStampedModel):
    """A risk of the cooperation, scored for likelihood and impact, split among the parties."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="risks"
    )
    category = models.CharField(_("kategori risiko"), max_length=30, choices=RiskCategory.choices)
    event = models.CharField(_("peristiwa risiko"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("kemungkinan (1–5)"), validators=SCORE_VALIDATORS)
    impact = models.PositiveSmallIntegerField(_("dampak (1–5)"), validators=SCORE_VALIDATORS)
    mitigation = models.TextField(_("mitigasi"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=True)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("risiko")
        verbose_name_plural = _("risiko")
        ordering = ["agreement", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5) & Q(impact__gte=1, impact__lte=5),
                name="risk_scores_1_to_5",
                violation_error_message=_("Kemungkinan dan dampak bernilai 1 sampai 5."),
            ),
        ]

    def __str__(self):
        return self.event

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class RiskShare(models.Model):
    """The percentage of a risk one party bears; a risk's shares, when any, total exactly 100."""

    risk = models.ForeignKey(Risk, verbose_name=_("risiko"), on_delete=models.CASCADE, related_name="shares")
    party = models.ForeignKey(
        AgreementParty, verbose_name=_("pihak"), on_delete=models.CASCADE, related_name="risk_shares"
    )
    percent = percent_field(_("porsi (%)"))
    history = HistoricalRecords()

    agreement_path = "risk__agreement"
    partner_visible = Q(risk__shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("alokasi risiko")
        verbose_name_plural = _("alokasi risiko")
        ordering = ["risk", "party__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["risk", "party"],
                name="risk_share_once_per_party",
                violation_error_message=_("Pihak ini sudah memiliki porsi untuk risiko ini."),
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100),
                name="risk_share_percent_range",
                violation_error_message=_("Porsi harus antara 0 dan 100 %."),
            ),
        ]

    def __str__(self):
        return f"{self.party}: {self.percent} %"


class Benefit(TimeStampedModel):
    """A benefit of the cooperation and how it is split: by percent or by amount, never both."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="benefits"
    )
    kind = models.CharField(_("jenis manfaat"), max_length=30, choices=BenefitKind.choices)
    description = models.TextField(_("uraian"), blank=True)
    split_method = models.CharField(
        _("cara pembagian"), max_length=10, choices=SplitMethod.choices, default=SplitMethod.PERCENT
    )
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=True)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("pembagian manfaat")
        verbose_name_plural = _("pembagian manfaat")
        ordering = ["agreement", "pk"]

    def __str__(self):
        return self.get_kind_display()


class BenefitShare(models.Model):
    """One party's part of a benefit: a percent (shares total 100) or an amount in Rupiah."""

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("manfaat"), on_delete=models.CASCADE, related_name="shares"
    )
    party = models.ForeignKey(
        AgreementParty, verbose_name=_("pihak"), on_delete=models.CASCADE, related_name="benefit_shares"
    )
    percent = percent_field(_("porsi (%)"), null=True, blank=True)
    amount = money_field(_("nominal (Rp)"), null=True, blank=True)
    history = HistoricalRecords()

    agreement_path = "benefit__agreement"
    partner_visible = Q(benefit__shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("porsi manfaat")
        verbose_name_plural = _("porsi manfaat")
        ordering = ["benefit", "party__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "party"],
                name="benefit_share_once_per_party",
                violation_error_message=_("Pihak ini sudah memiliki porsi untuk manfaat ini."),
            ),
            models.CheckConstraint(
                condition=(Q(percent__isnull=False) & Q(amount__isnull=True))
                | (Q(percent__isnull=True) & Q(amount__isnull=False)),
                name="benefit_share_percent_xor_amount",
                violation_error_message=_("Isi porsi dalam persen atau nominal, tidak keduanya."),
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="benefit_share_percent_range",
                violation_error_message=_("Porsi harus antara 0 dan 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="benefit_share_amount_not_negative",
                violation_error_message=_("Nominal tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.party}: {self.percent if self.percent is not None else self.amount}"


class BenefitRealisation(TimeStampedModel):
    """What actually flowed from a benefit: date, amount, recipient and proof."""

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("manfaat"), on_delete=models.CASCADE, related_name="realisations"
    )
    party = models.ForeignKey(
        AgreementParty,
        verbose_name=_("pihak penerima"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    realised_on = models.DateField(_("tanggal"), validators=[not_after_today])
    amount = money_field(_("nilai (Rp)"), null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    proof = models.ForeignKey(
        "agreements.Document",
        verbose_name=_("bukti"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Dokumen kerja sama yang membuktikan realisasi ini."),
    )
    history = HistoricalRecords()

    agreement_path = "benefit__agreement"
    partner_visible = Q(benefit__shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi manfaat")
        verbose_name_plural = _("realisasi manfaat")
        ordering = ["benefit", "realised_on"]

    def __str__(self):
        return f"{self.benefit} — {self.realised_on}"


class Contribution(TimeStampedModel):
    """What a party brings to the cooperation, with an estimated value."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="contributions"
    )
    party = models.ForeignKey(
        AgreementParty, verbose_name=_("pihak"), on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField(_("jenis kontribusi"), max_length=20, choices=ContributionKind.choices)
    description = models.TextField(_("uraian"), blank=True)
    estimated_value = money_field(_("perkiraan nilai (Rp)"), null=True, blank=True)
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=True)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontribusi")
        verbose_name_plural = _("kontribusi")
        ordering = ["agreement", "party__order", "pk"]

    def __str__(self):
        return f"{self.party}: {self.get_kind_display()}"
