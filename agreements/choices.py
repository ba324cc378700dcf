"""Enumerations of the agreements app, labelled in Bahasa Indonesia (GLOSSARY.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    KSDD = "ksdd", _("KSDD — Kerja Sama Daerah dengan Daerah Lain")
    KSDPK = "ksdpk", _("KSDPK — Kerja Sama Daerah dengan Pihak Ketiga")
    KSDPL = "ksdpl", _("KSDPL — dengan Pemerintah Daerah di Luar Negeri")
    KSDLL = "ksdll", _("KSDLL — dengan Lembaga di Luar Negeri")
    SYNERGY = "synergy", _("Sinergi program pemerintah pusat")
    KPBU = "kpbu", _("KPBU — Kerja Sama Pemerintah dan Badan Usaha")


FOREIGN_CATEGORIES = frozenset({Category.KSDPL, Category.KSDLL})


class Form(models.TextChoices):
    PUBLIC_PRIVATE = "public_private", _("Kemitraan Publik-Swasta")
    PUBLIC_SOCIAL = "public_social", _("Kemitraan Publik-Sosial")
    TRIPLE_HELIX = "triple_helix", _("Triple Helix")
    CONTRACT_SERVICES = "contract_services", _("Kontrak kinerja / jasa")
    JOINT_CONSTRUCTION = "joint_construction", _("Pembangunan bersama")
    ASSET_UTILISATION = "asset_utilisation", _("Pemanfaatan aset / BMD")
    INVESTMENT = "investment", _("Investasi")
    STRATEGIC = "strategic", _("Kemitraan strategis")
    OPERATIONAL = "operational", _("Kemitraan operasional")
    SISTER_CITY = "sister_city", _("Kota/daerah kembar")
    OTHER = "other", _("Lainnya")


class KsddNature(models.TextChoices):
    MANDATORY = "mandatory", _("Wajib")
    VOLUNTARY = "voluntary", _("Sukarela")


class Initiative(models.TextChoices):
    REGION = "region", _("Prakarsa daerah")
    PARTNER = "partner", _("Prakarsa mitra")


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("Persiapan")
    SIGNING = "signing", _("Penandatanganan")
    IMPLEMENTATION = "implementation", _("Pelaksanaan")
    EVALUATION = "evaluation", _("Evaluasi")
    COMPLETED = "completed", _("Selesai")
    TERMINATED = "terminated", _("Diakhiri sebelum waktunya")
    REVOKED = "revoked", _("Dicabut")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


WORKING_STAGES = (Stage.PREPARATION, Stage.SIGNING, Stage.IMPLEMENTATION, Stage.EVALUATION)
OUTCOMES = (Stage.COMPLETED, Stage.TERMINATED, Stage.REVOKED, Stage.REJECTED, Stage.CANCELLED)


class ClosureReason(models.TextChoices):
    TERM_ENDED = "term_ended", _("Jangka waktu berakhir")
    GOAL_ACHIEVED = "goal_achieved", _("Tujuan tercapai")
    MUTUAL_AGREEMENT = "mutual_agreement", _("Kesepakatan para pihak")
    DEFAULT = "default", _("Wanprestasi")
    FORCE_MAJEURE = "force_majeure", _("Keadaan kahar")
    REGULATION_CHANGE = "regulation_change", _("Perubahan mendasar / peraturan")
    OBJECT_LOST = "object_lost", _("Objek hilang")
    NATIONAL_INTEREST = "national_interest", _("Merugikan kepentingan nasional")
    REPLACED = "replaced", _("Diganti perjanjian baru")


class InstrumentKind(models.TextChoices):
    MOU = "mou", _("Kesepakatan Bersama (MoU)")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    ADDENDUM = "addendum", _("Adendum")
    LOI = "loi", _("Surat Pernyataan Kehendak (LoI)")
    KPBU_AGREEMENT = "kpbu_agreement", _("Perjanjian KPBU")
    ASSET_AGREEMENT = "asset_agreement", _("Perjanjian Pemanfaatan Aset")


OPERATIONAL_INSTRUMENTS = frozenset(
    {InstrumentKind.PKS, InstrumentKind.KPBU_AGREEMENT, InstrumentKind.ASSET_AGREEMENT}
)


class InstrumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SIGNED = "signed", _("Ditandatangani")
    VALIDATED = "validated", _("Divalidasi")
    EXPIRED = "expired", _("Berakhir")


class SigningMethod(models.TextChoices):
    DESK_TO_DESK = "desk_to_desk", _("Desk to Desk")
    CEREMONIAL = "ceremonial", _("Seremonial")
    HYBRID = "hybrid", _("Hybrid")


class PartyRole(models.TextChoices):
    LEAD = "lead", _("Penanggung Jawab")
    IMPLEMENTER = "implementer", _("Pelaksana")
    FUNDER = "funder", _("Penyandang dana")
    ASSET_PROVIDER = "asset_provider", _("Penyedia aset")
    BENEFICIARY = "beneficiary", _("Penerima manfaat")
    SUPERVISOR = "supervisor", _("Pengawas")
    FACILITATOR = "facilitator", _("Fasilitator")


class ObligationKind(models.TextChoices):
    OBLIGATION = "obligation", _("Kewajiban")
    RIGHT = "right", _("Hak")


class ObligationCategory(models.TextChoices):
    REPORTING = "reporting", _("Pelaporan")
    PAYMENT = "payment", _("Pembayaran")
    DELIVERY = "delivery", _("Penyerahan / pelaksanaan kegiatan")
    PERMIT = "permit", _("Perizinan")
    COORDINATION = "coordination", _("Koordinasi")
    MAINTENANCE = "maintenance", _("Pemeliharaan")
    OTHER = "other", _("Lainnya")


class Frequency(models.TextChoices):
    ONCE = "once", _("Sekali")
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMESTER = "semester", _("Semesteran")
    YEARLY = "yearly", _("Tahunan")


class OccurrenceStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Akan Datang")
    IN_PROGRESS = "in_progress", _("Dalam Proses")
    SUBMITTED = "submitted", _("Diajukan")
    # The submission was rejected: open again for a new one, due date unchanged (GLOSSARY.md); the
    # daily run marks it overdue once the due date has passed, like any open occurrence.
    REJECTED = "rejected", _("Ditolak")
    FULFILLED = "fulfilled", _("Terpenuhi")
    OVERDUE = "overdue", _("Terlambat")
    NOT_FULFILLED = "not_fulfilled", _("Tidak Terpenuhi")
    WAIVED = "waived", _("Dibebaskan")


OPEN_OCCURRENCE_STATUSES = (
    OccurrenceStatus.UPCOMING,
    OccurrenceStatus.IN_PROGRESS,
    OccurrenceStatus.REJECTED,
    OccurrenceStatus.OVERDUE,
)
# Open and not yet past due: what the daily run marks overdue once the date has passed, and what
# reminders before the due date go out for.
NOT_YET_DUE_STATUSES = (OccurrenceStatus.UPCOMING, OccurrenceStatus.IN_PROGRESS, OccurrenceStatus.REJECTED)


class RiskCategory(models.TextChoices):
    SITE = "site", _("Risiko Lokasi/Lahan")
    DESIGN_CONSTRUCTION = "design_construction", _("Desain-Konstruksi-Uji Operasi")
    SPONSOR = "sponsor", _("Sponsor")
    FINANCIAL = "financial", _("Finansial")
    OPERATIONAL = "operational", _("Operasional")
    DEMAND = "demand", _("Pendapatan/Permintaan")
    NETWORK = "network", _("Konektivitas Jaringan")
    INTERFACE = "interface", _("Interface")
    POLITICAL = "political", _("Politik/Perubahan Regulasi")
    FORCE_MAJEURE = "force_majeure", _("Keadaan Kahar")
    ASSET_OWNERSHIP = "asset_ownership", _("Kepemilikan Aset")
    SOCIAL_ENVIRONMENTAL = "social_environmental", _("Sosial dan Lingkungan")
    LEGAL = "legal", _("Hukum/Kepatuhan")
    REPUTATION = "reputation", _("Reputasi")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    MITIGATED = "mitigated", _("Dimitigasi")
    OCCURRED = "occurred", _("Terjadi")
    CLOSED = "closed", _("Ditutup")


class BenefitKind(models.TextChoices):
    FIXED_CONTRIBUTION = "fixed_contribution", _("Kontribusi Tetap")
    PROFIT_SHARE = "profit_share", _("Bagi Hasil")
    LOCAL_REVENUE = "local_revenue", _("Pendapatan Asli Daerah")
    ASSETS = "assets", _("Aset yang diserahterimakan")
    PUBLIC_SERVICE = "public_service", _("Peningkatan pelayanan publik")
    KNOWLEDGE_TRANSFER = "knowledge_transfer", _("Alih pengetahuan")
    CSR = "csr", _("TJSL/CSR")


class SplitMethod(models.TextChoices):
    PERCENT = "percent", _("Persentase")
    AMOUNT = "amount", _("Nominal")


class ContributionKind(models.TextChoices):
    FUNDS = "funds", _("Dana")
    LAND_ASSETS = "land_assets", _("Lahan/aset")
    FACILITIES = "facilities", _("Sarana dan prasarana")
    STAFF = "staff", _("Sumber daya manusia")
    DATA = "data", _("Data dan informasi")
    EXPERTISE = "expertise", _("Keahlian")
    PERMITS = "permits", _("Perizinan")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    PARTIES = "parties", _("Para pihak")
    PUBLIC = "public", _("Publik")


class DocumentType(models.TextChoices):
    SIGNED_COPY = "signed_copy", _("Naskah bertanda tangan")
    DRAFT = "draft", _("Draf naskah")
    PROPOSAL = "proposal", _("Proposal / KAK")
    LEGALITY = "legality", _("Dokumen legalitas mitra")
    MANDATE = "mandate", _("Surat kuasa")
    DPRD_APPROVAL = "dprd_approval", _("Persetujuan DPRD")
    TKKSD_REVIEW = "tkksd_review", _("Hasil pembahasan TKKSD")
    APPROVAL = "approval", _("Surat persetujuan / pertimbangan")
    BENEFIT_STUDY = "benefit_study", _("Kajian manfaat")
    LEGAL_REVIEW = "legal_review", _("Telaah hukum")
    LETTER = "letter", _("Surat penawaran / permohonan dan jawabannya")
    TERMINATION_NOTICE = "termination_notice", _("Surat pemberitahuan pengakhiran")
    HANDOVER = "handover", _("Berita acara serah terima (BAST)")
    DISPUTE = "dispute", _("Dokumen penyelesaian perselisihan")
    EVIDENCE = "evidence", _("Bukti pelaksanaan")
    REPORT = "report", _("Laporan")
    OTHER = "other", _("Lainnya")


class TkksdDecision(models.TextChoices):
    FEASIBLE = "feasible", _("Layak")
    FEASIBLE_WITH_NOTES = "feasible_with_notes", _("Layak dengan catatan")
    REVISE = "revise", _("Revisi")
    NOT_FEASIBLE = "not_feasible", _("Tidak layak")


# --- the law's process (PP 28/2018, Permendagri 22/2020 and 25/2020, Perpres 38/2015) -----------


class ApprovalKind(models.TextChoices):
    DPRD = "dprd", _("Persetujuan DPRD")
    HOME_AFFAIRS = "home_affairs", _("Persetujuan Menteri Dalam Negeri")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Pertimbangan Menteri Luar Negeri")
    GOVERNOR = "governor", _("Fasilitasi gubernur")
    OTHER = "other", _("Persetujuan lain")


class ApprovalResult(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")


class StudyRecommendation(models.TextChoices):
    RECOMMENDED = "recommended", _("Direkomendasikan")
    WITH_NOTES = "with_notes", _("Direkomendasikan dengan catatan")
    NOT_RECOMMENDED = "not_recommended", _("Tidak direkomendasikan")


class LegalReviewResult(models.TextChoices):
    NO_OBJECTION = "no_objection", _("Dapat disetujui")
    REVISE = "revise", _("Perlu perbaikan")
    OBJECTION = "objection", _("Tidak dapat disetujui")


class LetterKind(models.TextChoices):
    OFFER = "offer", _("Surat penawaran (prakarsa daerah)")
    REQUEST = "request", _("Surat permohonan (prakarsa mitra)")


class LetterAnswer(models.TextChoices):
    PENDING = "pending", _("Belum dijawab")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")


class PartnerSelection(models.TextChoices):
    DIRECT = "direct", _("Penunjukan langsung")
    SELECTION = "selection", _("Seleksi calon mitra")
    TENDER = "tender", _("Pengadaan / lelang badan usaha")
    OTHER = "other", _("Cara lain")


class DisputeStageKind(models.TextChoices):
    DELIBERATION = "deliberation", _("Musyawarah")
    GOVERNOR = "governor", _("Fasilitasi gubernur")
    MINISTER = "minister", _("Fasilitasi menteri")
    ARBITRATION = "arbitration", _("Arbitrase")
    COURT = "court", _("Pengadilan")


DISPUTE_STAGE_ORDER = {
    DisputeStageKind.DELIBERATION: 1,
    DisputeStageKind.GOVERNOR: 2,
    DisputeStageKind.MINISTER: 2,
    DisputeStageKind.ARBITRATION: 3,
    DisputeStageKind.COURT: 3,
}


class DisputeOutcome(models.TextChoices):
    ONGOING = "ongoing", _("Sedang berlangsung")
    SETTLED = "settled", _("Tercapai kesepakatan")
    NOT_SETTLED = "not_settled", _("Tidak tercapai kesepakatan")


class ReportFrequency(models.TextChoices):
    SEMESTER = "semester", _("Semesteran")
    YEARLY = "yearly", _("Tahunan")
    END_ONLY = "end_only", _("Pada akhir kerja sama")
