"""Files attached to an agreement, stored privately and served only through a checked view."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import DocumentType, Visibility
from ..querysets import ChildQuerySet
from ..uploads import stored_extension
from .agreement import Agreement


def private_storage():
    return storages["private"]


def document_path(instance, filename):
    """A random stored name with the extension of the file's detected type (`content_type`, set by
    agreements.uploads before the file is saved): nothing of the uploader's file name."""
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}{stored_extension(instance.content_type)}"


class Document(models.Model):
    """A file of an agreement, optionally of one of its instruments, occurrences or evaluations."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="documents"
    )
    instrument = models.ForeignKey(
        "agreements.Instrument",
        verbose_name=_("naskah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    occurrence = models.ForeignKey(
        "agreements.ObligationOccurrence",
        verbose_name=_("jatuh tempo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        verbose_name=_("evaluasi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    doc_type = models.CharField(
        _("jenis dokumen"), max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    title = models.CharField(_("judul"), max_length=300)
    version = models.PositiveIntegerField(_("versi"), default=1)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=document_path, max_length=300)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    content_type = models.CharField(_("tipe isi"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("sha256"), max_length=64)
    visibility = models.CharField(
        _("visibilitas"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    history = HistoricalRecords()

    partner_visible = (
        Q(visibility__in=[Visibility.PARTIES, Visibility.PUBLIC])
        & (Q(occurrence__isnull=True) | Q(occurrence__obligation__shared_with_parties=True))
        & (Q(evaluation__isnull=True) | Q(evaluation__shared_with_parties=True))
    )
    public_visible = Q(visibility=Visibility.PUBLIC)
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["agreement", "-uploaded_at"]

    def __str__(self):
        return self.title
