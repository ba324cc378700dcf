"""Monitoring and evaluation: evaluations with scores, indicators with observations, the challenge log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.querysets import ChildQuerySet
from core.models import TimeStampedModel
from core.validators import not_after_today

from .choices import CRITERIA, ChallengeCategory, ChallengeStatus, EvaluatorRole, PeriodType, Recommendation

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(TimeStampedModel):
    """A monitoring and evaluation of an agreement for a period, by one evaluator role."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    period_type = models.CharField(_("jenis periode"), max_length=10, choices=PeriodType.choices)
    period_label = models.CharField(_("periode"), max_length=50, blank=True)
    evaluated_on = models.DateField(_("tanggal evaluasi"), validators=[not_after_today])
    evaluator_role = models.CharField(_("dievaluasi oleh"), max_length=10, choices=EvaluatorRole.choices)
    score_objectives = models.PositiveSmallIntegerField(
        CRITERIA[0][1], null=True, blank=True, validators=SCORE
    )
    score_timeliness = models.PositiveSmallIntegerField(
        CRITERIA[1][1], null=True, blank=True, validators=SCORE
    )
    score_partner_contribution = models.PositiveSmallIntegerField(
        CRITERIA[2][1], null=True, blank=True, validators=SCORE
    )
    score_coordination = models.PositiveSmallIntegerField(
        CRITERIA[3][1], null=True, blank=True, validators=SCORE
    )
    score_indicators = models.PositiveSmallIntegerField(
        CRITERIA[4][1], null=True, blank=True, validators=SCORE
    )
    score_impact = models.PositiveSmallIntegerField(CRITERIA[5][1], null=True, blank=True, validators=SCORE)
    score_benefit = models.PositiveSmallIntegerField(CRITERIA[6][1], null=True, blank=True, validators=SCORE)
    score_documents = models.PositiveSmallIntegerField(
        CRITERIA[7][1], null=True, blank=True, validators=SCORE
    )
    score_reporting = models.PositiveSmallIntegerField(
        CRITERIA[8][1], null=True, blank=True, validators=SCORE
    )
    score_administration = models.PositiveSmallIntegerField(
        CRITERIA[9][1], null=True, blank=True, validators=SCORE
    )
    score_relevance = models.PositiveSmallIntegerField(
        CRITERIA[10][1], null=True, blank=True, validators=SCORE
    )
    findings = models.TextField(_("temuan"), blank=True)
    recommendation = models.CharField(_("rekomendasi"), max_length=10, choices=Recommendation.choices)
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluasi")
        verbose_name_plural = _("evaluasi")
        ordering = ["agreement", "-evaluated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5})
                        for name, _label in CRITERIA
                    ]
                ),
                name="evaluation_scores_1_to_5",
                violation_error_message=_("Nilai setiap kriteria 1 sampai 5."),
            ),
        ]

    def __str__(self):
        return f"{self.get_period_type_display()} {self.period_label} — {self.agreement_id}"

    @property
    def is_final(self) -> bool:
        return self.period_type == PeriodType.FINAL

    def scores(self):
        """(label, score) for each criterion, in the fixed order."""
        return [(label, getattr(self, name)) for name, label in CRITERIA]

    @property
    def average_score(self):
        values = [getattr(self, name) for name, _label in CRITERIA if getattr(self, name) is not None]
        return round(sum(values) / len(values), 2) if values else None


class Indicator(TimeStampedModel):
    """A key performance indicator of an agreement, with unit, baseline and target."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=50)
    baseline = models.DecimalField(_("nilai awal"), max_digits=18, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=True)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["agreement", "pk"]

    def __str__(self):
        return self.name


class Observation(TimeStampedModel):
    """A measured value of an indicator for one period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="observations"
    )
    period_label = models.CharField(_("periode"), max_length=50)
    observed_on = models.DateField(_("tanggal pengukuran"), validators=[not_after_today])
    value = models.DecimalField(_("nilai"), max_digits=18, decimal_places=2)
    note = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    agreement_path = "indicator__agreement"
    partner_visible = Q(indicator__shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("capaian indikator")
        verbose_name_plural = _("capaian indikator")
        ordering = ["indicator", "observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_label"],
                name="observation_once_per_period",
                violation_error_message=_("Capaian untuk periode ini sudah dicatat."),
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.period_label})"


class Challenge(TimeStampedModel):
    """A problem met in the cooperation (kendala), with its status and resolution."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    category = models.CharField(_("kategori"), max_length=30, choices=ChallengeCategory.choices)
    description = models.TextField(_("uraian"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    reported_on = models.DateField(_("tanggal dicatat"))
    resolution = models.TextField(_("penyelesaian"), blank=True)
    resolved_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    shared_with_parties = models.BooleanField(_("dibagikan kepada para pihak"), default=False)
    history = HistoricalRecords()

    partner_visible = Q(shared_with_parties=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("kendala")
        verbose_name_plural = _("kendala")
        ordering = ["agreement", "-reported_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("reported_on")),
                name="challenge_resolved_after_reported",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal dicatat."),
            )
        ]

    def __str__(self):
        return self.description[:60]
