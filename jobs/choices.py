"""Enumerations of the jobs app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Who a summary PDF is for: the agreements app decides it for every document (agreements.audience).
from agreements.audience import Audience


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


ACTIVE_STATUSES = (JobStatus.PENDING, JobStatus.QUEUED, JobStatus.RUNNING)


class JobKind(models.TextChoices):
    AGREEMENT_SUMMARY = "agreement_summary", _("Ringkasan kerja sama (PDF)")
    REPORT_PORTFOLIO = "report_portfolio", _("Laporan portofolio kerja sama")
    REPORT_ENDING = "report_ending", _("Laporan kerja sama yang akan berakhir")
    REPORT_OVERDUE = "report_overdue", _("Laporan kewajiban terlambat")
    REPORT_EVALUATIONS = "report_evaluations", _("Laporan hasil evaluasi")
    REPORT_YEARLY = "report_yearly", _("Laporan pelaksanaan kerja sama daerah (tahunan / semester)")
    REPORT_DPRD = "report_dprd", _("Laporan kerja sama daerah kepada DPRD")
    IMPORT = "import", _("Impor mitra dan kerja sama")
    IMPORT_CHECK = "import_check", _("Pemeriksaan berkas impor")


class ImportState(models.TextChoices):
    """Where a checked import file stands: it is applied at most once (jobs.imports.services)."""

    CHECKING = "checking", _("Sedang diperiksa")
    REFUSED = "refused", _("Ada masalah")
    CHECKED = "checked", _("Siap diimpor")
    APPLYING = "applying", _("Sedang diimpor")
    APPLIED = "applied", _("Sudah diimpor")
    FAILED = "failed", _("Impor gagal")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (XLSX)")


# The audiences each summary version is rendered for, in the order the panel lists them; the public
# has none (the open register is its view).
SUMMARY_AUDIENCES = (Audience.INTERNAL, Audience.GOVERNMENT, Audience.PARTIES)
