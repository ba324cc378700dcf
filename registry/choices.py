from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC = "public", _("Publik (pemerintah)")
    SOCIAL = "social", _("Sosial (masyarakat sipil)")
    PRIVATE = "private", _("Swasta")
    ACADEMIC = "academic", _("Akademisi (perguruan tinggi)")
    FOREIGN = "foreign", _("Luar Negeri")


class PartnerType(models.TextChoices):
    PROVINCE = "province", _("Pemerintah Provinsi")
    REGENCY = "regency", _("Pemerintah Kabupaten")
    CITY = "city", _("Pemerintah Kota")
    MINISTRY = "ministry", _("Kementerian/Lembaga")
    VERTICAL_AGENCY = "vertical_agency", _("Instansi Vertikal")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    PRIVATE_COMPANY = "private_company", _("Badan Usaha Swasta")
    COOPERATIVE = "cooperative", _("Koperasi")
    FOUNDATION = "foundation", _("Yayasan/Perkumpulan (ormas berbadan hukum)")
    COMMUNITY = "community", _("Ormas tidak berbadan hukum")
    UNIVERSITY = "university", _("Perguruan Tinggi")
    INDIVIDUAL = "individual", _("Perseorangan")
    FOREIGN_GOVERNMENT = "foreign_government", _("Pemerintah Daerah di Luar Negeri")
    FOREIGN_INSTITUTION = "foreign_institution", _("Lembaga di Luar Negeri")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Belum diverifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Anggota")
    COORDINATOR = "coordinator", _("Koordinator")
