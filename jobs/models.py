"""The outbox of background work (PDFs, reports, imports) and the stored agreement summaries."""

import os
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Audience, ImportState, JobKind, JobStatus
from .imports.querysets import CheckedImportQuerySet
from .querysets import AgreementSummaryQuerySet, BackgroundJobQuerySet, IssuedDocumentQuerySet


def private_storage():
    return storages["private"]


def _new_key():
    return uuid.uuid4().hex


class BackgroundJob(models.Model):
    """One piece of background work. Written in the requester's transaction, enqueued after commit and
    re-enqueued by the sweep while the broker is unreachable, so that no request loses its job."""

    kind = models.CharField(_("jenis"), max_length=40, choices=JobKind.choices)
    parameters = models.JSONField(_("parameter"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="background_jobs",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    result_file = models.FileField(
        _("berkas hasil"), storage=private_storage, upload_to="jobs/%Y/%m/", blank=True, max_length=255
    )
    result_name = models.CharField(_("nama berkas hasil"), max_length=255, blank=True)
    result_sha256 = models.CharField(_("sha256 hasil"), max_length=64, blank=True)
    # What a job that stores no file reports (an import's counts), written in the handler's own
    # transaction so that a second run of the job can tell the work is already done.
    outcome = models.JSONField(_("ringkasan hasil"), default=dict, blank=True)
    error = models.TextField(_("galat"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("jumlah pengiriman ke antrean"), default=0)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("masuk antrean pada"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("pekerjaan latar belakang")
        verbose_name_plural = _("pekerjaan latar belakang")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_max_100"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.PENDING, JobStatus.QUEUED, JobStatus.RUNNING)


class AgreementSummary(models.Model):
    """One rendered version of an agreement's PDF summary for one audience, with its checksum.

    Every version is rendered twice: for internal readers and for the parties (only what is shared).
    """

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        on_delete=models.CASCADE,
        related_name="summaries",
    )
    version = models.PositiveIntegerField(_("versi"))
    audience = models.CharField(_("untuk"), max_length=10, choices=Audience.choices)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to="summaries/%Y/", max_length=255)
    sha256 = models.CharField(_("sha256"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    job = models.ForeignKey(
        BackgroundJob,
        verbose_name=_("pekerjaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summaries",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = AgreementSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ringkasan kerja sama")
        verbose_name_plural = _("ringkasan kerja sama")
        ordering = ["agreement", "-version", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "version", "audience"],
                name="summary_version_once_per_audience",
                violation_error_message=_("Versi ringkasan ini sudah ada."),
            )
        ]

    def __str__(self):
        return f"{self.agreement_id} v{self.version} ({self.audience})"

    @property
    def download_name(self) -> str:
        return f"ringkasan-kerja-sama-{self.agreement_id}-v{self.version}-{self.audience}.pdf"


def verification_code_new() -> str:
    """128 random bits, URL-safe (22 characters): the code is all it takes to read a document's
    verification page, and it is printed as a QR code, which stays small with a short link."""
    return secrets.token_urlsafe(16)


class IssuedDocument(models.Model):
    """One PDF the system issued (a summary for one audience, a report), as its verification page
    states it: printed on the document as a QR code and a short link to /verifikasi/<code>/.

    Only the facts about the document are kept, never its content: the sha256 of the sealed bytes
    tells whether a file someone holds is the one that was issued. A later document of the same
    series is a newer version (IssuedDocumentQuerySet.with_newer_exists)."""

    code = models.CharField(
        _("kode verifikasi"), max_length=43, unique=True, default=verification_code_new, editable=False
    )
    kind = models.CharField(_("jenis dokumen"), max_length=40, choices=JobKind.choices)
    version = models.PositiveIntegerField(_("versi"), null=True, blank=True)
    audience = models.CharField(_("untuk"), max_length=10, choices=Audience.choices)
    # Which documents are versions of one another: the same kind, agreement and audience — and for a
    # report the same period and filters (a report of another year is not a newer version).
    series = models.CharField(_("seri"), max_length=120, db_index=True, editable=False)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("kerja sama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    agreement_public = models.BooleanField(
        _("kerja sama terbuka untuk publik saat diterbitkan"), default=False
    )
    generated_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    sha256 = models.CharField(_("sha256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen terbitan")
        verbose_name_plural = _("dokumen terbitan")
        ordering = ["-generated_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.generated_at:%Y-%m-%d %H:%M}"


def checked_import_path(instance, filename):
    """Under the key, with the extension of the detected type (the caller names it), never the
    uploader's file name."""
    return f"imports/{instance.created_at:%Y/%m}/{instance.key}{os.path.splitext(filename)[1]}"


class CheckedImport(models.Model):
    """An uploaded import file, its dry run and its one application.

    The state goes checking → checked (or refused, when the dry run found problems) → applying →
    applied or failed. The step to applying is a conditional UPDATE (jobs.imports.services), in the
    request and in the job alike, so a file is imported at most once: a second apply — a double click,
    a second tab, a redelivered message — finds it taken and answers with the first one's result.
    """

    key = models.CharField(_("kunci"), max_length=32, unique=True, default=_new_key, editable=False)
    name = models.CharField(_("nama berkas"), max_length=255)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.CASCADE,
        related_name="checked_imports",
    )
    file = models.FileField(
        _("berkas"), storage=private_storage, upload_to=checked_import_path, blank=True, max_length=255
    )
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(_("sha256"), max_length=64)
    rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    state = models.CharField(
        _("status"), max_length=10, choices=ImportState.choices, default=ImportState.CHECKING
    )
    # The dry run's counts or problems while checked or refused; what was imported (or why not) after.
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    error = models.TextField(_("galat"), blank=True)
    check_job = models.ForeignKey(
        BackgroundJob,
        verbose_name=_("pekerjaan pemeriksaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    apply_job = models.ForeignKey(
        BackgroundJob,
        verbose_name=_("pekerjaan impor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    checked_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    applied_at = models.DateTimeField(_("diimpor pada"), null=True, blank=True)

    objects = CheckedImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas impor")
        verbose_name_plural = _("berkas impor")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ImportState.values), name="import_state_valid"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_state_display()})"

    @property
    def job(self):
        """The job working on the file now or last (None when it is checked and applied in requests)."""
        return self.apply_job or self.check_job
