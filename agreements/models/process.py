"""The steps the law names, each a record with its date and document (PP 28/2018, Permendagri 22/2020
and 25/2020, Perpres 38/2015): approvals, the benefit study, the legal review, the offer or request
letter, disputes and asset handovers — and the rules the law leaves to the region (`ProcessRules`).

Every record keeps who recorded it and when (history); what already happened cannot be dated after
today. Writes go through agreements.services.process.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.validators import not_after_today
from registry.choices import PartnerType

from ..choices import (
    OUTCOMES,
    ApprovalKind,
    ApprovalResult,
    Category,
    ClosureReason,
    DisputeOutcome,
    DisputeStageKind,
    LegalReviewResult,
    LetterAnswer,
    LetterKind,
    PartnerSelection,
    ReportFrequency,
    Stage,
    StudyRecommendation,
)
from ..querysets import ChildQuerySet
from .agreement import Agreement


def _recorded_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _document(label=None):
    return models.ForeignKey(
        "agreements.Document",
        verbose_name=label or _("dokumen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _money(label):
    return models.DecimalField(
        label, max_digits=18, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )


# --- the rules in force -----------------------------------------------------------------------

ALL_CATEGORIES = [c.value for c in Category]


def default_party_types():
    """Who may be the counterpart in each category (partner types; the home government is always a
    party): KSDD another region, KSDPK a third party, KSDPL a foreign local government, KSDLL a foreign
    institution, KPBU a business entity (BUMN, BUMD, private company, cooperative), Sinergi a
    central-government party."""
    return {
        Category.KSDD.value: ["province", "regency", "city"],
        Category.KSDPK.value: [
            "bumn",
            "bumd",
            "private_company",
            "cooperative",
            "foundation",
            "community",
            "university",
            "individual",
        ],
        Category.KSDPL.value: ["foreign_government"],
        Category.KSDLL.value: ["foreign_institution"],
        # The governor takes part as the central government's representative in the regions.
        Category.SYNERGY.value: ["ministry", "vertical_agency", "province"],
        Category.KPBU.value: ["bumn", "bumd", "private_company", "cooperative"],
    }


def default_central_approvals():
    return {
        Category.KSDPL.value: [ApprovalKind.HOME_AFFAIRS.value, ApprovalKind.FOREIGN_AFFAIRS.value],
        Category.KSDLL.value: [ApprovalKind.HOME_AFFAIRS.value, ApprovalKind.FOREIGN_AFFAIRS.value],
    }


def default_approvals_before_mou():
    return [Category.KSDPL.value, Category.KSDLL.value]


def default_mou_before_operational():
    return [Category.KSDD.value, Category.KSDPK.value, Category.KSDPL.value, Category.KSDLL.value]


def default_benefit_study_categories():
    return [c for c in ALL_CATEGORIES if c != Category.SYNERGY.value]


def default_mandate_exempt_titles():
    return ["Gubernur", "Bupati", "Wali Kota", "Walikota"]


def default_termination_reasons():
    return [r.value for r in ClosureReason]


def default_notice_required_for():
    return [Stage.TERMINATED.value, Stage.REVOKED.value]


def _empty_dict():
    return {}


class ProcessRules(TimeStampedModel):
    """The rules the law leaves to the region, in one row an admin reads and changes (Django admin);
    staff see them on the page "Aturan yang berlaku" with the regulation each comes from. The defaults
    follow the law where it speaks and the system's own rule where it does not (agreements/rules)."""

    dprd_when_burdens = models.BooleanField(
        _("persetujuan DPRD bila membebani masyarakat dan daerah"), default=True
    )
    dprd_when_not_budgeted = models.BooleanField(
        _("persetujuan DPRD bila belum teranggarkan dalam APBD tahun anggaran berjalan"), default=True
    )
    dprd_for_foreign = models.BooleanField(_("persetujuan DPRD untuk kerja sama luar negeri"), default=True)
    central_approvals = models.JSONField(
        _("persetujuan pemerintah pusat per kategori"),
        default=default_central_approvals,
        blank=True,
        help_text=_('Contoh: {"ksdll": ["home_affairs", "foreign_affairs"]}'),
    )
    approvals_before_mou = models.JSONField(
        _("kategori yang persetujuannya diperlukan sebelum kesepakatan bersama"),
        default=default_approvals_before_mou,
        blank=True,
    )
    mou_before_operational = models.JSONField(
        _("kategori yang memerlukan kesepakatan bersama sebelum PKS"),
        default=default_mou_before_operational,
        blank=True,
    )
    party_types = models.JSONField(
        _("jenis mitra yang boleh menjadi pihak per kategori"), default=default_party_types, blank=True
    )
    duration_caps_years = models.JSONField(
        _("batas jangka waktu per kategori (tahun, peringatan)"),
        default=_empty_dict,
        blank=True,
        help_text=_('Contoh: {"ksdpk": 5}. Melebihi batas hanya memberi peringatan.'),
    )
    mandate_exempt_titles = models.JSONField(
        _("jabatan penandatangan pemerintah daerah tanpa surat kuasa"),
        default=default_mandate_exempt_titles,
        blank=True,
    )
    benefit_study_categories = models.JSONField(
        _("kategori yang memerlukan kajian manfaat"), default=default_benefit_study_categories, blank=True
    )
    legal_review_required = models.BooleanField(_("telaah hukum wajib sebelum pelaksanaan"), default=False)
    risk_split_required_outside_kpbu = models.BooleanField(
        _("alokasi risiko lengkap sebelum penandatanganan di luar KPBU"), default=True
    )
    report_recipients = models.CharField(
        _("penerima laporan kerja sama"),
        max_length=300,
        blank=True,
        default="Gubernur sebagai wakil Pemerintah Pusat; Menteri Dalam Negeri",
    )
    report_frequency = models.CharField(
        _("frekuensi laporan"), max_length=20, choices=ReportFrequency.choices, default=ReportFrequency.YEARLY
    )
    # What the report's cover letter says of its sender; left empty, the home government's level
    # decides (jobs.reports.letter).
    report_letterhead_unit = models.CharField(
        _("unit kerja pada kop laporan"),
        max_length=200,
        blank=True,
        help_text=_(
            "Kosongkan untuk mengikuti tingkat pemerintah daerah: Biro … (provinsi) atau Bagian Kerja Sama "
            "(kabupaten/kota)."
        ),
    )
    report_place = models.CharField(
        _("tempat surat pengantar laporan"), max_length=100, blank=True, help_text=_("Contoh: Jember.")
    )
    report_signatory_name = models.CharField(_("nama penanda tangan laporan"), max_length=200, blank=True)
    report_signatory_title = models.CharField(
        _("jabatan penanda tangan laporan"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan untuk jabatan kepala daerah (Gubernur, Bupati atau Wali Kota)."),
    )
    report_signatory_nip = models.CharField(
        _("NIP penanda tangan laporan"),
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^\d{18}$", _("NIP terdiri atas 18 angka."))],
        help_text=_("Kosongkan bila penanda tangan tidak ber-NIP (kepala daerah)."),
    )
    evaluation_frequency = models.CharField(
        _("frekuensi evaluasi"),
        max_length=20,
        choices=ReportFrequency.choices,
        default=ReportFrequency.YEARLY,
    )
    termination_reasons = models.JSONField(
        _("alasan pengakhiran yang dapat dipilih"), default=default_termination_reasons, blank=True
    )
    notice_required_for = models.JSONField(
        _("hasil akhir yang memerlukan surat pemberitahuan"), default=default_notice_required_for, blank=True
    )
    renewal_requires_final_evaluation = models.BooleanField(
        _("perpanjangan memerlukan evaluasi akhir"), default=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("aturan proses kerja sama")
        verbose_name_plural = _("aturan proses kerja sama")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="process_rules_single_row",
                violation_error_message=_("Aturan proses hanya satu baris."),
            )
        ]

    def __str__(self):
        return str(_("Aturan proses kerja sama"))

    @classmethod
    def current(cls) -> "ProcessRules":
        """The rules in force (the row is created with the defaults the first time it is asked for)."""
        rules, _created = cls.objects.get_or_create(pk=1)
        return rules

    def clean(self):
        errors = {}
        categories = set(ALL_CATEGORIES)

        def check_list(name, allowed, value):
            if not isinstance(value, list) or any(v not in allowed for v in value):
                errors[name] = _("Isi daftar nilai yang dikenal: %(v)s.") % {"v": ", ".join(sorted(allowed))}

        def check_map(name, allowed_values, value, *, number=False):
            if not isinstance(value, dict) or any(k not in categories for k in value):
                errors[name] = _("Kunci harus kategori yang dikenal: %(v)s.") % {
                    "v": ", ".join(ALL_CATEGORIES)
                }
                return
            for item in value.values():
                if number:
                    if not isinstance(item, int | float) or item <= 0:
                        errors[name] = _("Isi jumlah tahun yang lebih dari nol.")
                elif not isinstance(item, list) or any(v not in allowed_values for v in item):
                    errors[name] = _("Isi daftar nilai yang dikenal: %(v)s.") % {
                        "v": ", ".join(sorted(allowed_values))
                    }

        check_map("central_approvals", set(ApprovalKind.values), self.central_approvals)
        check_map("party_types", set(PartnerType.values), self.party_types)
        check_map("duration_caps_years", set(), self.duration_caps_years, number=True)
        check_list("approvals_before_mou", categories, self.approvals_before_mou)
        check_list("mou_before_operational", categories, self.mou_before_operational)
        check_list("benefit_study_categories", categories, self.benefit_study_categories)
        check_list("termination_reasons", set(ClosureReason.values), self.termination_reasons)
        check_list("notice_required_for", set(OUTCOMES), self.notice_required_for)
        if not isinstance(self.mandate_exempt_titles, list) or not all(
            isinstance(t, str) for t in self.mandate_exempt_titles
        ):
            errors["mandate_exempt_titles"] = _("Isi daftar jabatan.")
        if errors:
            raise ValidationError(errors)


# --- the steps as records ---------------------------------------------------------------------


class Approval(TimeStampedModel):
    """An approval or consideration an agreement needs (DPRD, the Minister of Home Affairs, the
    Foreign Minister, the governor's facilitation…): when it was asked for, under which letter, when
    it was decided and how. `instrument` names the addendum it is for, when an addendum re-opens it."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="approvals"
    )
    kind = models.CharField(_("jenis persetujuan"), max_length=20, choices=ApprovalKind.choices)
    instrument = models.ForeignKey(
        "agreements.Instrument",
        verbose_name=_("untuk adendum"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    submitted_on = models.DateField(
        _("tanggal pengajuan"), null=True, blank=True, validators=[not_after_today]
    )
    letter_number = models.CharField(_("nomor surat"), max_length=150, blank=True)
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True, validators=[not_after_today])
    result = models.CharField(
        _("hasil"), max_length=20, choices=ApprovalResult.choices, default=ApprovalResult.PENDING
    )
    document = _document()
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")
        ordering = ["agreement", "kind", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result=ApprovalResult.PENDING) | Q(decided_on__isnull=False),
                name="approval_decided_has_date",
                violation_error_message=_("Persetujuan yang sudah diputuskan memerlukan tanggal keputusan."),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | Q(submitted_on__isnull=True)
                | Q(decided_on__gte=F("submitted_on")),
                name="approval_decided_after_submitted",
                violation_error_message=_("Tanggal keputusan tidak boleh sebelum tanggal pengajuan."),
            ),
            models.CheckConstraint(
                condition=Q(result__in=ApprovalResult.values), name="approval_result_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.get_result_display()}"


class BenefitStudy(TimeStampedModel):
    """The study of costs and benefits (kajian) before the region commits: what it costs the APBD a
    year, what local revenue it is expected to bring, its other benefits and the recommendation."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="benefit_studies"
    )
    study_date = models.DateField(_("tanggal kajian"), validators=[not_after_today])
    prepared_by = models.CharField(_("disusun oleh"), max_length=200, blank=True)
    yearly_apbd_cost = _money(_("beban APBD per tahun (Rp)"))
    expected_local_revenue = _money(_("perkiraan pendapatan asli daerah per tahun (Rp)"))
    non_financial_benefits = models.TextField(_("manfaat nonkeuangan"), blank=True)
    recommendation = models.CharField(_("rekomendasi"), max_length=20, choices=StudyRecommendation.choices)
    document = _document()
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("kajian manfaat")
        verbose_name_plural = _("kajian manfaat")
        ordering = ["agreement", "-study_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(yearly_apbd_cost__isnull=True) | Q(yearly_apbd_cost__gte=0),
                name="study_cost_not_negative",
                violation_error_message=_("Beban APBD tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(expected_local_revenue__isnull=True) | Q(expected_local_revenue__gte=0),
                name="study_revenue_not_negative",
                violation_error_message=_("Perkiraan pendapatan tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.study_date}: {self.get_recommendation_display()}"


class LegalReview(TimeStampedModel):
    """The legal bureau's review of a draft (telaah hukum): who reviewed it, when, and the result."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="legal_reviews"
    )
    instrument = models.ForeignKey(
        "agreements.Instrument",
        verbose_name=_("naskah yang ditelaah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_reviews",
    )
    reviewer = models.CharField(_("penelaah"), max_length=200)
    review_date = models.DateField(_("tanggal telaah"), validators=[not_after_today])
    result = models.CharField(_("hasil telaah"), max_length=20, choices=LegalReviewResult.choices)
    notes = models.TextField(_("catatan"), blank=True)
    document = _document()
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("telaah hukum")
        verbose_name_plural = _("telaah hukum")
        ordering = ["agreement", "-review_date", "-pk"]

    def __str__(self):
        return f"{self.review_date}: {self.get_result_display()}"


class InitiativeLetter(TimeStampedModel):
    """The letter that starts a cooperation — the region's offer or the partner's request — and its
    answer; for the region's initiative, how the partner was chosen."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="initiative_letters"
    )
    kind = models.CharField(_("jenis surat"), max_length=20, choices=LetterKind.choices)
    letter_number = models.CharField(_("nomor surat"), max_length=150, blank=True)
    letter_date = models.DateField(_("tanggal surat"), validators=[not_after_today])
    answered_on = models.DateField(_("tanggal jawaban"), null=True, blank=True, validators=[not_after_today])
    answer_number = models.CharField(_("nomor surat jawaban"), max_length=150, blank=True)
    answer = models.CharField(
        _("jawaban"), max_length=20, choices=LetterAnswer.choices, default=LetterAnswer.PENDING
    )
    partner_selection = models.CharField(
        _("cara pemilihan mitra"), max_length=20, choices=PartnerSelection.choices, blank=True
    )
    selection_notes = models.TextField(_("keterangan pemilihan mitra"), blank=True)
    document = _document(_("dokumen surat"))
    answer_document = _document(_("dokumen jawaban"))
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("surat penawaran / permohonan")
        verbose_name_plural = _("surat penawaran / permohonan")
        ordering = ["agreement", "letter_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("letter_date")),
                name="letter_answer_after_letter",
                violation_error_message=_("Tanggal jawaban tidak boleh sebelum tanggal surat."),
            ),
            models.CheckConstraint(
                condition=Q(answer=LetterAnswer.PENDING) | Q(answered_on__isnull=False),
                name="letter_answer_has_date",
                violation_error_message=_("Jawaban surat memerlukan tanggal jawaban."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.letter_number}".strip()


class Dispute(TimeStampedModel):
    """A dispute between the parties (perselisihan) and the stages of its settlement."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="disputes"
    )
    subject = models.CharField(_("pokok perselisihan"), max_length=300)
    raised_on = models.DateField(_("tanggal timbul"), validators=[not_after_today])
    raised_by = models.ForeignKey(
        "agreements.AgreementParty",
        verbose_name=_("diajukan oleh pihak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("uraian"), blank=True)
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("perselisihan")
        verbose_name_plural = _("perselisihan")
        ordering = ["agreement", "-raised_on", "-pk"]

    def __str__(self):
        return self.subject


class DisputeStage(TimeStampedModel):
    """One stage of settling a dispute: musyawarah first, then facilitation by the governor or the
    minister, then arbitration or court as the PKS clause says — each dated, with its outcome."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("perselisihan"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("tahap penyelesaian"), max_length=20, choices=DisputeStageKind.choices)
    started_on = models.DateField(_("tanggal mulai"), validators=[not_after_today])
    ended_on = models.DateField(_("tanggal selesai"), null=True, blank=True, validators=[not_after_today])
    outcome = models.CharField(
        _("hasil"), max_length=20, choices=DisputeOutcome.choices, default=DisputeOutcome.ONGOING
    )
    notes = models.TextField(_("catatan"), blank=True)
    document = _document()
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    agreement_path = "dispute__agreement"
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("tahap penyelesaian perselisihan")
        verbose_name_plural = _("tahap penyelesaian perselisihan")
        ordering = ["dispute", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="dispute_stage_end_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(outcome=DisputeOutcome.ONGOING) | Q(ended_on__isnull=False),
                name="dispute_stage_outcome_has_date",
                violation_error_message=_("Tahap yang sudah berhasil atau gagal memerlukan tanggal selesai."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.get_outcome_display()}"


class Handover(TimeStampedModel):
    """An asset handover (berita acara serah terima, BAST): what was handed over, by whom to whom, when."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="handovers"
    )
    number = models.CharField(_("nomor BAST"), max_length=150, blank=True)
    handed_over_on = models.DateField(_("tanggal serah terima"), validators=[not_after_today])
    from_party = models.ForeignKey(
        "agreements.AgreementParty",
        verbose_name=_("diserahkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_party = models.ForeignKey(
        "agreements.AgreementParty",
        verbose_name=_("diterima oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assets = models.TextField(_("aset yang diserahterimakan"))
    value = _money(_("nilai aset (Rp)"))
    document = _document()
    recorded_by = _recorded_by()
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("serah terima aset (BAST)")
        verbose_name_plural = _("serah terima aset (BAST)")
        ordering = ["agreement", "handed_over_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="handover_value_not_negative",
                violation_error_message=_("Nilai aset tidak boleh negatif."),
            )
        ]

    def __str__(self):
        return self.number or str(self.handed_over_on)
