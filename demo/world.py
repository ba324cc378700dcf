"""The registry side of the demo: Kabupaten Jember, its OPDs, regional potentials and partners."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from registry import services
from registry.choices import LegalityDocumentKind, PartnerType, Sector, VerificationStatus
from registry.legality import legality_record

# (code, name, short name, active)
UNITS = [
    ("4.01.01", "Bagian Kerja Sama Sekretariat Daerah", "Bagian Kerja Sama Setda", True),
    ("5.01.01", "Badan Perencanaan Pembangunan Daerah", "Bappeda", True),
    ("3.27.01", "Dinas Pertanian", "Dinas Pertanian", True),
    ("2.16.01", "Dinas Komunikasi dan Informatika", "Diskominfo", True),
    ("2.11.01", "Dinas Lingkungan Hidup", "DLH", True),
    ("2.17.01", "Dinas Koperasi dan Usaha Mikro", "Dinas Koperasi dan UM", True),
    ("3.30.01", "Dinas Perindustrian dan Perdagangan", "Disperindag", True),
    ("3.26.01", "Dinas Pariwisata dan Kebudayaan", "Disparbud", True),
    ("1.02.01", "Dinas Kesehatan", "Dinkes", True),
    ("1.01.01", "Dinas Pendidikan", "Dispendik", True),
    ("1.03.01", "Dinas Pekerjaan Umum Bina Marga dan Sumber Daya Air", "Dinas PUBMSDA", True),
    ("5.02.01", "Badan Pendapatan Daerah", "Bapenda", True),
    # Merged into Disparbud in a reorganisation: kept for history, no longer active.
    ("3.26.02", "Kantor Kebudayaan (digabung)", "Kantor Kebudayaan", False),
]

# (key, name, government affair, location, OPD short name)
OBJECTS = [
    ("pasar", "Pasar Tradisional Tanjung", "Perdagangan", "Kecamatan Kaliwates", "Disperindag"),
    ("internet", "Akses internet desa", "Komunikasi dan Informatika", "31 kecamatan", "Diskominfo"),
    ("kopi", "Sentra kopi rakyat Jember", "Pertanian", "Kecamatan Sumberjambe dan Silo", "Dinas Pertanian"),
    ("sampah", "TPA regional Pakusari", "Lingkungan Hidup", "Kecamatan Pakusari", "DLH"),
    ("wisata", "Kawasan wisata Papuma", "Pariwisata", "Kecamatan Wuluhan", "Disparbud"),
    ("air", "Sumber air baku Rembangan", "Pekerjaan Umum", "Kecamatan Arjasa", "Dinas PUBMSDA"),
]

HOME = {
    "name": "Pemerintah Kabupaten Jember",
    "short_name": "Pemkab Jember",
    "sector": Sector.PUBLIC,
    "partner_type": PartnerType.REGENCY,
    "region_code": "35.09",
    "address": "Jl. Sudarman No. 1, Jember, Jawa Timur 68118",
    "email": "kerjasama@jemberkab.example",
    "phone": "0331-487601",
    "head_name": "Bupati Jember",
    "head_title": "Bupati",
    "verification_status": VerificationStatus.VERIFIED,
    "is_home_government": True,
}

# key → partner fields and one or two contacts (name, title, email, phone).
PARTNERS = {
    "developer": (
        {
            "name": "PT Graha Pasar Nusantara",
            "short_name": "Graha Pasar",
            "sector": Sector.PRIVATE,
            "partner_type": PartnerType.PRIVATE_COMPANY,
            "nib": "9120301234567",
            "npwp": "01.234.567.8-626.000",
            "address": "Jl. Gajah Mada No. 88, Jember",
            "head_name": "Hendra Wijaya",
            "head_title": "Direktur Utama",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Rina Kartika", "Manajer Proyek", "rina.kartika@grahapasar.example", "0812-3300-1122")],
    ),
    "telecom": (
        {
            "name": "PT Telekomunikasi Nusantara (Persero) Tbk",
            "short_name": "Telenusa",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.BUMN,
            "nib": "8120000111222",
            "npwp": "01.000.013.1-093.000",
            "address": "Jl. Jawa No. 12, Jember",
            "head_name": "Bambang Sutrisno",
            "head_title": "General Manager Witel Jember",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Dedi Kurniawan", "Account Manager Pemerintahan", "dedi.k@telenusa.example", "0811-3456-789")],
    ),
    "agri": (
        {
            "name": "PT Agro Tani Lestari",
            "short_name": "Agro Tani Lestari",
            "sector": Sector.PRIVATE,
            "partner_type": PartnerType.PRIVATE_COMPANY,
            "nib": "9120307654321",
            "npwp": "02.345.678.9-626.000",
            "address": "Jl. Hayam Wuruk No. 21, Jember",
            "head_name": "Siti Aminah",
            "head_title": "Direktur",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [
            ("Agus Prasetyo", "Manajer Kemitraan Petani", "agus@agrotani.example", "0813-3111-2233"),
            ("Lestari Handayani", "Staf Administrasi", "lestari@agrotani.example", "0813-3111-4455"),
        ],
    ),
    "university": (
        {
            "name": "Universitas Jember",
            "short_name": "UNEJ",
            "sector": Sector.ACADEMIC,
            "partner_type": PartnerType.UNIVERSITY,
            "address": "Jl. Kalimantan No. 37, Kampus Tegalboto, Jember",
            "website": "https://unej.example",
            "head_name": "Rektor Universitas Jember",
            "head_title": "Rektor",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Dr. Ir. Wahyu Santoso", "Ketua LP2M", "lp2m@unej.example", "0331-330224")],
    ),
    "bondowoso": (
        {
            "name": "Pemerintah Kabupaten Bondowoso",
            "short_name": "Pemkab Bondowoso",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.REGENCY,
            "region_code": "35.11",
            "address": "Jl. Letnan Karsono No. 2, Bondowoso",
            "head_name": "Bupati Bondowoso",
            "head_title": "Bupati",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Yuni Astuti", "Kepala Bagian Kerja Sama", "kerjasama@bondowosokab.example", "0332-421020")],
    ),
    "province": (
        {
            "name": "Pemerintah Provinsi Jawa Timur",
            "short_name": "Pemprov Jatim",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.PROVINCE,
            "region_code": "35",
            "address": "Jl. Pahlawan No. 110, Surabaya",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Hari Santoso", "Kepala Biro Pemerintahan", "biropem@jatimprov.example", "031-3524001")],
    ),
    "ministry": (
        {
            "name": "Kementerian Pertanian Republik Indonesia",
            "short_name": "Kementan",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.MINISTRY,
            "address": "Jl. Harsono RM No. 3, Jakarta Selatan",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [],
    ),
    "city": (
        {
            "name": "Pemerintah Kota Probolinggo",
            "short_name": "Pemkot Probolinggo",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.CITY,
            "region_code": "35.74",
            "verification_status": VerificationStatus.UNVERIFIED,
        },
        [],
    ),
    "bumd": (
        {
            "name": "Perumda Air Minum Tirta Pandalungan",
            "short_name": "Perumdam Tirta Pandalungan",
            "sector": Sector.PUBLIC,
            "partner_type": PartnerType.BUMD,
            "nib": "9120309998887",
            "address": "Jl. Trunojoyo No. 85, Jember",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Slamet Riyadi", "Direktur Teknik", "teknik@tirtapandalungan.example", "0331-421512")],
    ),
    "cooperative": (
        {
            "name": "Koperasi Produsen Kopi Rakyat Sumberjambe",
            "short_name": "Koperasi Kopi Sumberjambe",
            "sector": Sector.PRIVATE,
            "partner_type": PartnerType.COOPERATIVE,
            "nib": "9120305554443",
            "address": "Desa Sumberjambe, Kecamatan Sumberjambe, Jember",
            "head_name": "Haji Mansur",
            "head_title": "Ketua Koperasi",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Haji Mansur", "Ketua", "", "0852-3322-1100")],
    ),
    "foundation": (
        {
            "name": "Yayasan Cahaya Anak Pandalungan",
            "short_name": "Yayasan Cahaya",
            "sector": Sector.SOCIAL,
            "partner_type": PartnerType.FOUNDATION,
            "address": "Jl. Mastrip No. 5, Jember",
            "head_name": "Nur Hidayah",
            "head_title": "Ketua Yayasan",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Nur Hidayah", "Ketua Yayasan", "nur@cahayaanak.example", "0857-4000-1234")],
    ),
    "community": (
        {
            "name": "Komunitas Peduli Sungai Bedadung",
            "short_name": "Peduli Bedadung",
            "sector": Sector.SOCIAL,
            "partner_type": PartnerType.COMMUNITY,
            "verification_status": VerificationStatus.UNVERIFIED,
        },
        [("Joko Susilo", "Koordinator", "bedadung@komunitas.example", "0856-1111-2222")],
    ),
    "sister_city": (
        {
            "name": "Gimhae City Government",
            "short_name": "Gimhae",
            "sector": Sector.FOREIGN,
            "partner_type": PartnerType.FOREIGN_GOVERNMENT,
            "country": "Korea Selatan",
            "address": "Gimhae-daero 2401, Gimhae-si, Gyeongsangnam-do",
            "verification_status": VerificationStatus.VERIFIED,
        },
        [("Kim Min-jun", "International Relations Officer", "intl@gimhae.example", "+82-55-330-3000")],
    ),
    "foreign_institution": (
        {
            "name": "Netherlands Coffee Research Institute",
            "short_name": "NCRI",
            "sector": Sector.FOREIGN,
            "partner_type": PartnerType.FOREIGN_INSTITUTION,
            "country": "Belanda",
            "verification_status": VerificationStatus.UNVERIFIED,
        },
        [],
    ),
    "proposer": (
        {
            "name": "PT Energi Surya Jember",
            "short_name": "Energi Surya",
            "sector": Sector.PRIVATE,
            "partner_type": PartnerType.PRIVATE_COMPANY,
            "verification_status": VerificationStatus.REJECTED,
        },
        [],
    ),
}


@dataclass
class World:
    """What the agreements are built from, looked up by a short key."""

    home: object
    units: dict = field(default_factory=dict)  # short name → OrganisationUnit
    objects: dict = field(default_factory=dict)  # key → CooperationObject
    partners: dict = field(default_factory=dict)  # key → Partner


def build_world(actor) -> World:
    """Create the home government, its OPDs, potentials, partners and contacts through the services."""
    world = World(home=services.partner_create(actor=actor, **HOME))
    for code, name, short, active in UNITS:
        world.units[short] = services.organisation_unit_create(
            actor=actor, code=code, name=name, short_name=short, is_active=active
        )
    for key, name, affair, location, unit in OBJECTS:
        world.objects[key] = services.cooperation_object_create(
            actor=actor,
            name=name,
            government_affair=affair,
            location=location,
            description=f"Potensi daerah: {name.lower()} di {location}.",
            organisation_unit=world.units[unit],
        )
    for key, (fields, contacts) in PARTNERS.items():
        status = fields.get("verification_status")
        partner = services.partner_create(actor=actor, **{**fields, "verification_status": "unverified"})
        if status == VerificationStatus.VERIFIED:
            _verify_legality(partner, actor)
        elif status == VerificationStatus.REJECTED:
            _verify_legality(
                partner, actor, result="rejected", notes="Akta pendirian tidak dapat ditunjukkan."
            )
        world.partners[key] = partner
        for name, title, email, phone in contacts:
            services.contact_create(
                actor=actor, partner=partner, name=name, title=title, email=email, phone=phone
            )
    return world


def _verify_legality(partner, actor, **data):
    """The legality check that makes a partner verified (who, when, on which document)."""
    if partner.partner_type in (PartnerType.FOREIGN_GOVERNMENT, PartnerType.FOREIGN_INSTITUTION):
        kind, number = LegalityDocumentKind.FOREIGN_REGISTRATION, ""
    elif partner.sector == Sector.PUBLIC:
        kind, number = LegalityDocumentKind.ESTABLISHMENT, ""
    elif partner.nib:
        kind, number = LegalityDocumentKind.NIB, partner.nib
    else:
        kind, number = LegalityDocumentKind.DEED, ""
    legality_record(
        partner=partner,
        actor=actor,
        document_kind=kind,
        document_number=number,
        verified_on=timezone.localdate() - timedelta(days=1600),
        **data,
    )
