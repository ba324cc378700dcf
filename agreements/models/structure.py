"""The structured fields the reports need (issue 10, item 6): government affairs, funding sources per
year with their APBD budget line, the form of cooperation on its separate axes, and the KPBU's own
stages and project phase.

`AgreementStructure` is the abstract part of `Agreement` that holds the fields; `FundingSource` is a
row below an agreement, saved with it by `agreement_save`. Whether a year's cost is in the APBD is
derived from the funding rows (`is_budgeted`), never ticked.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from ..querysets import ChildQuerySet


class SectorMix(models.TextChoices):
    PUBLIC_PUBLIC = "public_public", _("Antarpemerintah")
    PUBLIC_PRIVATE = "public_private", _("Kemitraan Publik-Swasta")
    PUBLIC_SOCIAL = "public_social", _("Kemitraan Publik-Sosial")
    TRIPLE_HELIX = "triple_helix", _("Triple Helix (pemerintah, industri, akademisi)")
    PENTA_HELIX = "penta_helix", _("Penta Helix (dengan masyarakat dan media)")


class Arrangement(models.TextChoices):
    PERFORMANCE_CONTRACT = "performance_contract", _("Kontrak kinerja")
    INVESTMENT = "investment", _("Investasi")
    JOINT_CONSTRUCTION = "joint_construction", _("Pembangunan bersama")
    CONTRACT_SERVICES = "contract_services", _("Kontrak jasa")
    ASSET_UTILISATION = "asset_utilisation", _("Pemanfaatan aset / BMD")
    OTHER = "other", _("Lainnya")


class AssetUtilisation(models.TextChoices):
    """The forms of using regional property (pemanfaatan BMD, PP 27/2014 as amended by PP 28/2020)."""

    LEASE = "lease", _("Sewa")
    LOAN_FOR_USE = "loan_for_use", _("Pinjam pakai")
    KSP = "ksp", _("Kerja sama pemanfaatan (KSP)")
    BGS_BSG = "bgs_bsg", _("Bangun guna serah / bangun serah guna (BGS/BSG)")
    KSPI = "kspi", _("Kerja sama penyediaan infrastruktur (KSPI)")


class Depth(models.TextChoices):
    STRATEGIC = "strategic", _("Strategis")
    OPERATIONAL = "operational", _("Operasional")


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formal")
    INFORMAL = "informal", _("Informal")
    EXPLORATION = "exploration", _("Penjajakan")


class KpbuStage(models.TextChoices):
    """The KPBU's own stages (Perpres 38/2015; Peraturan LKPP on KPBU procurement)."""

    PLANNING = "planning", _("Perencanaan")
    OBC = "obc", _("Penyiapan: prastudi kelayakan awal (OBC)")
    FBC = "fbc", _("Penyiapan: prastudi kelayakan akhir (FBC)")
    MARKET_SOUNDING = "market_sounding", _("Penjajakan minat pasar (market sounding)")
    PROCUREMENT = "procurement", _("Pengadaan badan usaha pelaksana")
    AGREEMENT = "agreement", _("Penandatanganan perjanjian KPBU")
    FINANCIAL_CLOSE = "financial_close", _("Pemenuhan pembiayaan (financial close)")
    IMPLEMENTATION = "implementation", _("Pelaksanaan")


class KpbuInitiation(models.TextChoices):
    SOLICITED = "solicited", _("Prakarsa pemerintah (solicited)")
    UNSOLICITED = "unsolicited", _("Prakarsa badan usaha (unsolicited)")


class ProjectPhase(models.TextChoices):
    """The project phase the KPBU's risks are read against (the PPP risk-allocation reference)."""

    PRE_CONSTRUCTION = "pre_construction", _("Prakonstruksi")
    CONSTRUCTION = "construction", _("Konstruksi")
    OPERATION = "operation", _("Operasi")
    TERMINATION = "termination", _("Pengakhiran")


class FundingSourceKind(models.TextChoices):
    APBD = "apbd", _("APBD (pemerintah daerah sendiri)")
    APBD_OTHER = "apbd_other", _("APBD daerah lain / provinsi")
    APBN = "apbn", _("APBN")
    PARTNER = "partner", _("Dana mitra / badan usaha")
    CSR = "csr", _("TJSL/CSR")
    GRANT = "grant", _("Hibah (dalam / luar negeri)")
    OTHER = "other", _("Sumber lain yang sah")


# The home region's own budget: the rows whose budget line says whether the year's cost is in the APBD.
HOME_BUDGET_SOURCES = frozenset({FundingSourceKind.APBD})
KPBU_FIELDS = ("kpbu_stage", "kpbu_initiation", "kpbu_pjpk", "kpbu_government_support", "project_phase")


class AgreementStructure(models.Model):
    """The structured fields of an agreement (abstract: `Agreement` inherits them)."""

    government_affairs = models.ManyToManyField(
        "registry.GovernmentAffair",
        verbose_name=_("urusan pemerintahan"),
        blank=True,
        related_name="agreements",
        help_text=_("Urusan pemerintahan konkuren (UU 23/2014) yang menjadi objek kerja sama."),
    )
    sector_mix = models.CharField(_("bauran sektor"), max_length=20, choices=SectorMix.choices, blank=True)
    arrangement = models.CharField(
        _("bentuk pengaturan"), max_length=30, choices=Arrangement.choices, blank=True
    )
    asset_utilisation = models.CharField(
        _("bentuk pemanfaatan BMD"),
        max_length=20,
        choices=AssetUtilisation.choices,
        blank=True,
        help_text=_("Hanya untuk pemanfaatan aset / BMD."),
    )
    depth = models.CharField(_("kedalaman kemitraan"), max_length=20, choices=Depth.choices, blank=True)
    formality = models.CharField(_("sifat formal"), max_length=20, choices=Formality.choices, blank=True)
    kpbu_stage = models.CharField(_("tahap KPBU"), max_length=20, choices=KpbuStage.choices, blank=True)
    kpbu_initiation = models.CharField(
        _("prakarsa KPBU"), max_length=20, choices=KpbuInitiation.choices, blank=True
    )
    kpbu_pjpk = models.CharField(
        _("PJPK"),
        max_length=200,
        blank=True,
        help_text=_("Penanggung Jawab Proyek Kerja Sama: menteri, kepala lembaga atau kepala daerah."),
    )
    kpbu_government_support = models.TextField(
        _("dukungan / jaminan pemerintah"),
        blank=True,
        help_text=_("Dukungan kelayakan, insentif perpajakan, jaminan pemerintah, …"),
    )
    project_phase = models.CharField(
        _("fase proyek (risiko)"), max_length=20, choices=ProjectPhase.choices, blank=True
    )

    class Meta:
        abstract = True

    @property
    def structure_summary(self) -> list:
        """(label, value) of each axis that is filled in, for the agreement page."""
        names = ("sector_mix", "arrangement", "asset_utilisation", "depth", "formality", *KPBU_FIELDS)
        return [
            (
                self._meta.get_field(name).verbose_name,
                getattr(self, f"get_{name}_display", lambda n=name: getattr(self, n))(),
            )
            for name in names
            if getattr(self, name)
        ]

    def structure_problems(self) -> dict:
        """The combinations the axes do not allow, by field."""
        problems = {}
        if self.asset_utilisation and self.arrangement != Arrangement.ASSET_UTILISATION:
            problems["asset_utilisation"] = [
                _("Bentuk pemanfaatan BMD hanya untuk pengaturan pemanfaatan aset / BMD.")
            ]
        if self.category != "kpbu":
            for name in KPBU_FIELDS:
                if getattr(self, name):
                    problems[name] = [_("Hanya untuk kerja sama berkategori KPBU.")]
        return problems

    def clean(self):
        super().clean()
        problems = self.structure_problems()
        if problems:
            raise ValidationError(problems)


class FundingSource(TimeStampedModel):
    """Where an agreement's money comes from in one budget year, and for the home region's own budget
    the APBD line (DPA: program / kegiatan / sub kegiatan, kode rekening) that holds it."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    kind = models.CharField(_("sumber dana"), max_length=20, choices=FundingSourceKind.choices)
    year = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("jumlah (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    budget_line = models.CharField(
        _("mata anggaran APBD"),
        max_length=200,
        blank=True,
        help_text=_("Kode rekening / sub kegiatan pada DPA; kosong berarti belum teranggarkan."),
    )
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("sumber pendanaan")
        verbose_name_plural = _("sumber pendanaan")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("Jumlah dana tidak boleh negatif."),
            ),
            models.CheckConstraint(condition=Q(kind__in=FundingSourceKind.values), name="funding_kind_valid"),
        ]

    def __str__(self):
        return f"{self.year} — {self.get_kind_display()}"

    @property
    def is_home_budget(self) -> bool:
        return self.kind in HOME_BUDGET_SOURCES


def unbudgeted_years(agreement, rows=None) -> list[int]:
    """The years in which the home region pays (APBD rows) without an APBD budget line for it."""
    rows = list(agreement.funding_sources.all()) if rows is None else rows
    return sorted({r.year for r in rows if r.is_home_budget and not r.budget_line.strip()})


def is_budgeted(agreement, year: int, rows=None) -> bool:
    """Whether the agreement's cost to the home region in `year` is in that year's APBD: every APBD
    row of the year names its budget line. A year in which the region pays nothing is budgeted.

    The DPRD trigger "belum teranggarkan dalam APBD tahun anggaran berjalan" is
    `not is_budgeted(agreement, today.year)`."""
    return year not in unbudgeted_years(agreement, rows)
