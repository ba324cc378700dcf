"""Who takes part and what can be cooperated on: partners, OPDs, contacts, memberships, objects."""

import uuid
from functools import reduce
from operator import or_
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.validators import not_after_today

from .choices import (
    SECTOR_BY_TYPE,
    GovernmentAffairKind,
    LegalityDocumentKind,
    LegalityResult,
    MembershipRole,
    PartnerType,
    Sector,
    VerificationStatus,
)
from .querysets import (
    ContactQuerySet,
    CooperationObjectQuerySet,
    InternalOnlyQuerySet,
    MembershipQuerySet,
    OrganisationUnitQuerySet,
    PartnerQuerySet,
)


class Partner(TimeStampedModel):
    """A partner organisation (mitra). The home government is a partner too, flagged as such.

    Its sector follows from its type (registry.choices.SECTOR_BY_TYPE, decision 0053): the registry
    services set it, and a database constraint keeps every row to the table.
    """

    name = models.CharField(_("nama resmi"), max_length=255)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    sector = models.CharField(
        _("sektor"), max_length=20, choices=Sector.choices, help_text=_("Mengikuti jenis mitra.")
    )
    partner_type = models.CharField(_("jenis"), max_length=30, choices=PartnerType.choices)
    nib = models.CharField(_("NIB"), max_length=30, blank=True, help_text=_("Nomor Induk Berusaha"))
    npwp = models.CharField(_("NPWP"), max_length=30, blank=True)
    region_code = models.CharField(_("kode wilayah"), max_length=20, blank=True)
    other_identifier = models.CharField(_("identitas lain"), max_length=100, blank=True)
    country = models.CharField(_("negara"), max_length=80, default="Indonesia")
    address = models.TextField(_("alamat"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    head_name = models.CharField(_("nama pimpinan"), max_length=200, blank=True)
    head_title = models.CharField(_("jabatan pimpinan"), max_length=200, blank=True)
    verification_status = models.CharField(
        _("status verifikasi"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    is_home_government = models.BooleanField(_("pemerintah daerah sendiri"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    archived_at = models.DateTimeField(_("diarsipkan pada"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home_government"],
                condition=Q(is_home_government=True),
                name="single_home_government",
                violation_error_message=_(
                    "Hanya satu mitra yang dapat ditandai sebagai pemerintah daerah sendiri."
                ),
            ),
            models.UniqueConstraint(
                fields=["nib"],
                condition=~Q(nib=""),
                name="partner_unique_nib",
                violation_error_message=_("Mitra dengan NIB ini sudah terdaftar."),
            ),
            models.UniqueConstraint(
                fields=["npwp"],
                condition=~Q(npwp=""),
                name="partner_unique_npwp",
                violation_error_message=_("Mitra dengan NPWP ini sudah terdaftar."),
            ),
            models.CheckConstraint(
                condition=reduce(or_, (Q(partner_type=t, sector=s) for t, s in SECTOR_BY_TYPE.items())),
                name="partner_sector_follows_type",
                violation_error_message=_("Sektor mitra tidak sesuai dengan jenisnya."),
            ),
        ]
        indexes = [models.Index(fields=["sector", "partner_type"])]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class OrganisationUnit(TimeStampedModel):
    """A regional work unit (perangkat daerah / OPD) of the home government."""

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = OrganisationUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Contact(TimeStampedModel):
    """A person at a partner, optionally linked to a portal user."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nama"), max_length=200)
    title = models.CharField(_("jabatan"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    receives_reminders = models.BooleanField(_("menerima pengingat"), default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    history = HistoricalRecords()

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontak")
        verbose_name_plural = _("kontak")
        ordering = ["partner", "name"]

    def __str__(self):
        return self.name


class Membership(TimeStampedModel):
    """Links a user to a partner or to an OPD for a period; this is what scopes portal users."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("mitra"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("peran"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku hingga"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(organisation_unit__isnull=True))
                | (Q(partner__isnull=True) & Q(organisation_unit__isnull=False)),
                name="membership_partner_xor_unit",
                violation_error_message=_("Keanggotaan harus pada satu mitra atau satu perangkat daerah."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="membership_dates_ordered",
                violation_error_message=_("Tanggal akhir keanggotaan tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.partner or self.organisation_unit}"


class GovernmentAffairQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A reference list from the law: everyone may read it."""
        return self


class GovernmentAffair(models.Model):
    """A concurrent government affair (urusan pemerintahan, UU 23/2014 Pasal 12), seeded from the law by
    a data migration: what an agreement or a cooperation object is about, for the reports."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("kelompok"), max_length=20, choices=GovernmentAffairKind.choices)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = GovernmentAffairQuerySet.as_manager()

    class Meta:
        verbose_name = _("urusan pemerintahan")
        verbose_name_plural = _("urusan pemerintahan")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=GovernmentAffairKind.values), name="government_affair_kind_valid"
            )
        ]

    def __str__(self):
        return self.name


class CooperationObject(TimeStampedModel):
    """A mapped regional potential or resource (potensi daerah) that an agreement can take as its object."""

    name = models.CharField(_("nama"), max_length=255)
    government_affair = models.CharField(_("urusan pemerintahan (teks lama)"), max_length=200, blank=True)
    government_affairs = models.ManyToManyField(
        GovernmentAffair,
        verbose_name=_("urusan pemerintahan"),
        blank=True,
        related_name="cooperation_objects",
    )
    description = models.TextField(_("uraian"), blank=True)
    location = models.CharField(_("lokasi"), max_length=255, blank=True)
    organisation_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("perangkat daerah penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation_objects",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = CooperationObjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("potensi daerah")
        verbose_name_plural = _("potensi daerah")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _private_storage():
    return storages["private"]


def legality_path(instance, filename):
    """A stored name that keeps nothing of the uploader's file name but a known suffix."""
    suffix = PurePosixPath(filename).suffix.lower()
    if not suffix.isascii() or not suffix[1:].isalnum() or len(suffix) > 6:
        suffix = ""
    return f"partners/{instance.partner_id}/legality/{uuid.uuid4().hex}{suffix}"


class PartnerLegality(TimeStampedModel):
    """A check of a partner's legality on one document (deed, SK Kemenkumham, NIB, SKT, …): who checked
    it, when, what it says and until when it holds. It hangs on the partner, so every agreement the
    partner joins reads the same check. Staff record it; only internal users read it (never partners)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="legality_checks"
    )
    document_kind = models.CharField(
        _("jenis dokumen legalitas"), max_length=30, choices=LegalityDocumentKind.choices
    )
    document_number = models.CharField(_("nomor dokumen"), max_length=150, blank=True)
    issued_on = models.DateField(_("tanggal dokumen"), null=True, blank=True, validators=[not_after_today])
    valid_until = models.DateField(_("berlaku hingga"), null=True, blank=True)
    file = models.FileField(
        _("berkas"), storage=_private_storage, upload_to=legality_path, max_length=300, blank=True
    )
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("tipe isi"), max_length=100, blank=True)
    sha256 = models.CharField(_("sha256"), max_length=64, blank=True)
    result = models.CharField(
        _("hasil verifikasi"), max_length=20, choices=LegalityResult.choices, default=LegalityResult.VERIFIED
    )
    verified_on = models.DateField(_("tanggal verifikasi"), validators=[not_after_today])
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = InternalOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verifikasi legalitas mitra")
        verbose_name_plural = _("verifikasi legalitas mitra")
        ordering = ["partner", "-verified_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(valid_until__gte=models.F("issued_on")),
                name="legality_valid_after_issued",
                violation_error_message=_("Masa berlaku dokumen tidak boleh sebelum tanggal dokumen."),
            ),
            models.CheckConstraint(
                condition=Q(result__in=LegalityResult.values),
                name="legality_result_valid",
            ),
        ]

    def __str__(self):
        return f"{self.partner} — {self.get_document_kind_display()}"

    def holds_on(self, day) -> bool:
        """A verified check whose document has not expired on `day`."""
        return self.result == LegalityResult.VERIFIED and (
            self.valid_until is None or self.valid_until >= day
        )
