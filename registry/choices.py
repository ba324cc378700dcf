from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC = "public", _("Publik (pemerintah, BUMN/BUMD)")
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


# A partner's sector follows from its type, by this one table (docs/decisions/0053): the state's own
# enterprises are public, a cooperative is a business like a company, a person is civil society.
SECTOR_BY_TYPE = {
    PartnerType.PROVINCE: Sector.PUBLIC,
    PartnerType.REGENCY: Sector.PUBLIC,
    PartnerType.CITY: Sector.PUBLIC,
    PartnerType.MINISTRY: Sector.PUBLIC,
    PartnerType.VERTICAL_AGENCY: Sector.PUBLIC,
    PartnerType.BUMN: Sector.PUBLIC,
    PartnerType.BUMD: Sector.PUBLIC,
    PartnerType.PRIVATE_COMPANY: Sector.PRIVATE,
    PartnerType.COOPERATIVE: Sector.PRIVATE,
    PartnerType.FOUNDATION: Sector.SOCIAL,
    PartnerType.COMMUNITY: Sector.SOCIAL,
    PartnerType.INDIVIDUAL: Sector.SOCIAL,
    PartnerType.UNIVERSITY: Sector.ACADEMIC,
    PartnerType.FOREIGN_GOVERNMENT: Sector.FOREIGN,
    PartnerType.FOREIGN_INSTITUTION: Sector.FOREIGN,
}

# Government bodies, at home and abroad: the public side of an agreement they are party to (OCDS
# buyer / procuring entity / public authority), whatever their sector says.
GOVERNMENT_TYPES = frozenset(
    {
        PartnerType.PROVINCE,
        PartnerType.REGENCY,
        PartnerType.CITY,
        PartnerType.MINISTRY,
        PartnerType.VERTICAL_AGENCY,
        PartnerType.FOREIGN_GOVERNMENT,
    }
)

# Where the law speaks of a *Badan Usaha* (KPBU under Perpres 38/2015, KSDPK's business partners):
# state and regional enterprises and cooperatives count as business entities too.
BUSINESS_ENTITY_TYPES = frozenset(
    {PartnerType.BUMN, PartnerType.BUMD, PartnerType.PRIVATE_COMPANY, PartnerType.COOPERATIVE}
)


def sector_for(partner_type) -> str:
    """The sector a partner of this type belongs to ("" for an unknown type, which validation refuses)."""
    return SECTOR_BY_TYPE.get(partner_type, "")


class GovernmentAffairKind(models.TextChoices):
    """The groups of concurrent government affairs (urusan pemerintahan konkuren, UU 23/2014 Pasal 11–12)."""

    BASIC_SERVICE = "basic_service", _("Wajib — pelayanan dasar")
    NON_BASIC_SERVICE = "non_basic_service", _("Wajib — bukan pelayanan dasar")
    ELECTIVE = "elective", _("Pilihan")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Belum diverifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Anggota")
    COORDINATOR = "coordinator", _("Koordinator")


class LegalityDocumentKind(models.TextChoices):
    DEED = "deed", _("Akta pendirian / perubahan")
    SK_KEMENKUMHAM = "sk_kemenkumham", _("SK pengesahan badan hukum (Kemenkumham)")
    NIB = "nib", _("Nomor Induk Berusaha (NIB)")
    SKT = "skt", _("Surat Keterangan Terdaftar (SKT)")
    ESTABLISHMENT = "establishment", _("Dasar hukum pembentukan (undang-undang / perda)")
    BUSINESS_PERMIT = "business_permit", _("Izin usaha")
    FOREIGN_REGISTRATION = "foreign_registration", _("Dokumen pendirian di negara asal")
    OTHER = "other", _("Dokumen lain")


class LegalityResult(models.TextChoices):
    VERIFIED = "verified", _("Sah dan berlaku")
    REJECTED = "rejected", _("Tidak sah / tidak berlaku")
