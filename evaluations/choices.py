from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    QUARTER = "quarter", _("Triwulan")
    SEMESTER = "semester", _("Semester")
    YEAR = "year", _("Tahunan")
    FINAL = "final", _("Akhir")
    AD_HOC = "ad_hoc", _("Insidental")


class EvaluatorRole(models.TextChoices):
    OPD = "opd", _("Perangkat Daerah")
    PARTNER = "partner", _("Mitra")
    TKKSD = "tkksd", _("TKKSD")
    UNIT = "unit", _("Bagian Kerja Sama")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Dilanjutkan")
    EXPAND = "expand", _("Diperluas")
    IMPROVE = "improve", _("Diperbaiki")
    STOP = "stop", _("Dihentikan")


class ChallengeCategory(models.TextChoices):
    COORDINATION = "coordination", _("Koordinasi")
    DIVERGENT_GOALS = "divergent_goals", _("Perbedaan tujuan/kepentingan")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Benturan kepentingan")
    RESOURCES = "resources", _("Sumber daya")
    UNCLEAR_SPLIT = "unclear_split", _("Pembagian risiko/manfaat tidak jelas")
    POLITICAL_CHANGE = "political_change", _("Perubahan kebijakan/kepemimpinan")
    OTHER = "other", _("Lainnya")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    IN_PROGRESS = "in_progress", _("Ditangani")
    RESOLVED = "resolved", _("Selesai")


# The fixed evaluation criteria, scored 1 (sangat kurang) to 5 (sangat baik) (DESIGN.md §2): field name →
# label. Every label names a quality, so that a 5 reads as "very good" ("Kelancaran administrasi", not
# "Hambatan administrasi", where a 5 would read as many obstacles).
CRITERIA = [
    ("score_objectives", _("Kesesuaian dengan tujuan")),
    ("score_timeliness", _("Ketepatan waktu")),
    ("score_partner_contribution", _("Kontribusi mitra")),
    ("score_coordination", _("Koordinasi")),
    ("score_indicators", _("Capaian indikator")),
    ("score_impact", _("Dampak")),
    ("score_benefit", _("Manfaat / inovasi")),
    ("score_documents", _("Kelengkapan dokumen")),
    ("score_reporting", _("Pelaporan berkala")),
    ("score_administration", _("Kelancaran administrasi")),
    ("score_relevance", _("Relevansi")),
]
