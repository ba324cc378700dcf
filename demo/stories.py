"""The demo agreements, one function each, covering every stage, several outcomes and every category.

Each is built the way staff would build it: created in preparation, given its parties, splits,
instruments and obligations, then moved with `agreement_advance` or, for agreements signed before the
system existed, `agreement_set_stage_directly` — so every gate is honoured and every change has history.
"""

from decimal import Decimal as D

from agreements import services
from agreements.choices import (
    ApprovalKind,
    BenefitKind,
    Category,
    ClosureReason,
    ContributionKind,
    DocumentType,
    Form,
    Frequency,
    Initiative,
    InstrumentKind,
    KsddNature,
    ObligationCategory,
    RiskCategory,
    Stage,
    TkksdDecision,
    Visibility,
)
from evaluations.choices import ChallengeCategory, EvaluatorRole, PeriodType, Recommendation
from registry.legality import legality_record

LEAD_ASSET = ["lead", "asset_provider"]
LEAD_FACILITATOR = ["lead", "facilitator"]


def market_ppp(k):
    """KPBU: revitalisation of Pasar Tanjung with a private developer — implementation, public."""
    a = k.agreement(
        title="KPBU Revitalisasi Pasar Tradisional Tanjung",
        category=Category.KPBU,
        form=Form.PUBLIC_PRIVATE,
        initiative=Initiative.PARTNER,
        lead="Disperindag",
        related=["Bappeda", "Bapenda"],
        obj="pasar",
        purpose="Membangun kembali Pasar Tanjung menjadi pasar tradisional yang bersih, aman dan tertata.",
        object_description="Lahan dan bangunan Pasar Tanjung seluas 2,1 ha.",
        scope="Desain, pembangunan, pembiayaan, pengoperasian dan pemeliharaan pasar selama 20 tahun.",
        location="Kelurahan Kepatihan, Kecamatan Kaliwates",
        financing_sources="Badan usaha (100 %), APBD untuk pendampingan",
        estimated_value=D("85000000000"),
        start_date=k.day(-400),
        end_date=k.day(-400 + 20 * 365),
        burdens_public=True,
        is_public=True,
        internal_notes="Negosiasi tarif sewa kios masih dipantau Bapenda.",
        parties=[
            ("home", LEAD_ASSET, "Bupati Jember", "Bupati"),
            ("developer", ["implementer", "funder"], "Hendra Wijaya", "Direktur Utama"),
        ],
    )
    k.risk(a, RiskCategory.SITE, "Sengketa status lahan pasar", 2, 4, [("home", D(100))])
    k.risk(a, RiskCategory.DESIGN_CONSTRUCTION, "Keterlambatan pembangunan", 3, 3, [("developer", D(100))])
    k.risk(
        a, RiskCategory.DEMAND, "Tingkat hunian kios rendah", 3, 4, [("home", D(30)), ("developer", D(70))]
    )
    k.risk(
        a, RiskCategory.FORCE_MAJEURE, "Banjir atau gempa bumi", 1, 5, [("home", D(50)), ("developer", D(50))]
    )
    k.risk(
        a,
        RiskCategory.REPUTATION,
        "Penolakan pedagang lama terhadap relokasi sementara",
        3,
        3,
        [("home", D(80)), ("developer", D(20))],
        shared=False,
        mitigation="Sosialisasi bersama paguyuban pedagang sebelum relokasi.",
    )
    fixed = k.benefit(
        a,
        BenefitKind.FIXED_CONTRIBUTION,
        "Kontribusi tetap tahunan kepada kas daerah.",
        amount=[("home", D("1500000000"))],
    )
    k.benefit(
        a,
        BenefitKind.PROFIT_SHARE,
        "Bagi hasil pendapatan sewa kios setelah tahun kelima.",
        percent=[("home", D(30)), ("developer", D(70))],
    )
    k.contribution(
        a, "home", ContributionKind.LAND_ASSETS, "Lahan Pasar Tanjung (HPL Pemda)", D("25000000000")
    )
    k.contribution(a, "home", ContributionKind.PERMITS, "Fasilitasi perizinan bangunan gedung")
    k.contribution(a, "developer", ContributionKind.FUNDS, "Pembiayaan konstruksi", D("60000000000"))
    services.initiative_letter_create(
        agreement=a,
        actor=k.staff,
        kind="request",
        letter_number="012/GPN/2024",
        letter_date=k.day(-560),
        answered_on=k.day(-540),
        answer_number="415.4/088/35.09.2/2024",
        answer="accepted",
    )
    k.upload(a, "Proposal KPBU Revitalisasi Pasar Tanjung", DocumentType.PROPOSAL, Visibility.INTERNAL)
    k.study(a, -500, cost=D("250000000"), revenue=D("1500000000"), benefits="Pasar tertata dan layak.")
    k.tkksd(a, -480, TkksdDecision.FEASIBLE, "Layak; risiko lahan menjadi tanggungan daerah.")
    mou = k.instrument(
        a,
        InstrumentKind.MOU,
        "Kesepakatan Bersama Revitalisasi Pasar Tanjung",
        signed_on=k.day(-460),
        visibility=Visibility.PUBLIC,
    )
    a = k.advance(a, "Kesepakatan bersama telah disusun dan disepakati.")
    services.dprd_approval_record(
        agreement=a, actor=k.staff, approval_date=k.day(-430), reference="188.4/12/35.09.1/2025"
    )
    services.legal_review_create(
        agreement=a,
        actor=k.staff,
        reviewer="Bagian Hukum Setda",
        review_date=k.day(-415),
        result="no_objection",
        notes="Rancangan perjanjian KPBU sesuai peraturan.",
    )
    k.instrument(
        a,
        InstrumentKind.KPBU_AGREEMENT,
        "Perjanjian KPBU Pasar Tanjung",
        signed_on=k.day(-400),
        start=k.day(-400),
        end=k.day(-400 + 20 * 365),
        parent=mou,
        validate=True,
    )
    a = k.advance(a, "Perjanjian KPBU ditandatangani dan divalidasi.")
    report = k.obligation(
        a,
        "developer",
        "Laporan kemajuan pembangunan dan operasional pasar",
        Frequency.QUARTERLY,
        k.day(-370),
        category=ObligationCategory.REPORTING,
        clause_reference="Pasal 9",
        until_date=k.day(3 * 365),
    )
    k.settle(report, fulfilled=2, submitted=1)
    payment = k.obligation(
        a,
        "developer",
        "Pembayaran kontribusi tetap tahunan",
        Frequency.YEARLY,
        k.day(-35),
        category=ObligationCategory.PAYMENT,
        clause_reference="Pasal 12",
    )
    k.settle(payment, fulfilled=1)
    land = k.obligation(
        a,
        "home",
        "Penyerahan lahan dalam keadaan kosong",
        Frequency.ONCE,
        k.day(-380),
        unit="Disperindag",
        category=ObligationCategory.DELIVERY,
    )
    k.settle(land, fulfilled=1)
    services.realisation_create(
        benefit=fixed,
        actor=k.staff,
        party=k.party(a, "home"),
        realised_on=k.day(-30),
        amount=D("1500000000"),
        note="Setoran ke kas daerah, bukti setor terlampir di bagian dokumen.",
    )
    k.indicator(
        a,
        "Pedagang menempati kios baru",
        "pedagang",
        D(0),
        D(1200),
        [("TW 1", -280, D(0)), ("TW 2", -190, D(350)), ("TW 3", -100, D(780)), ("TW 4", -10, D(1010))],
    )
    k.evaluate(
        a,
        PeriodType.YEAR,
        "Tahun 1",
        -20,
        EvaluatorRole.UNIT,
        4,
        Recommendation.CONTINUE,
        findings="Pembangunan tepat waktu.",
    )
    k.challenge(
        a,
        ChallengeCategory.COORDINATION,
        "Jadwal relokasi sementara belum disepakati paguyuban.",
        -60,
        shared=True,
    )
    return a


def rural_internet(k):
    """Rural internet access with a telecom BUMN — signed before the system, extended by an addendum,
    ending within 90 days."""
    a = k.agreement(
        title="Penyediaan Akses Internet Desa (Desa Digital)",
        category=Category.KSDPK,
        form=Form.CONTRACT_SERVICES,
        lead="Diskominfo",
        related=["Bappeda"],
        obj="internet",
        purpose="Menyediakan akses internet di balai desa dan sekolah di 120 desa.",
        location="120 desa di 31 kecamatan",
        financing_sources="APBD Kabupaten Jember",
        estimated_value=D("9600000000"),
        start_date=k.day(-665),
        end_date=k.day(-20),
        is_public=True,
        parties=[
            ("home", ["lead", "funder"], "Kepala Dinas Komunikasi dan Informatika", "Kepala Dinas"),
            ("telecom", ["implementer"], "Bambang Sutrisno", "General Manager Witel Jember"),
        ],
    )
    k.risk(a, RiskCategory.NETWORK, "Gangguan jaringan di desa terpencil", 4, 3, [("telecom", D(100))])
    k.risk(a, RiskCategory.FINANCIAL, "Keterlambatan pembayaran termin", 2, 3, [("home", D(100))])
    k.benefit(
        a,
        BenefitKind.PUBLIC_SERVICE,
        "Layanan internet desa untuk administrasi dan sekolah.",
        percent=[("home", D(100)), ("telecom", D(0))],
    )
    k.contribution(a, "home", ContributionKind.FUNDS, "Biaya langganan layanan", D("9600000000"))
    k.contribution(a, "telecom", ContributionKind.FACILITIES, "Perangkat akses dan menara mikro")
    k.study(a, -720, cost=D("4800000000"), benefits="Layanan internet desa.")
    k.tkksd(a, -710, TkksdDecision.FEASIBLE)
    mou = k.instrument(a, InstrumentKind.MOU, "Kesepakatan Bersama Desa Digital", signed_on=k.day(-700))
    pks = k.instrument(
        a,
        InstrumentKind.PKS,
        "PKS Penyediaan Akses Internet Desa",
        signed_on=k.day(-670),
        start=k.day(-665),
        end=k.day(-20),
        parent=mou,
        validate=True,
    )
    # Signed before the registry existed: entered at its stage, with the steps that happened outside it.
    a = services.agreement_enter_legacy(
        agreement=a,
        actor=k.staff,
        stage=Stage.IMPLEMENTATION,
        steps=[
            {"step": "tkksd_review", "happened_on": k.day(-710)},
            {"step": "sign_mou", "happened_on": k.day(-700)},
            {"step": "sign_operational", "happened_on": k.day(-670)},
        ],
        note="Dicatat dari arsip Bagian Kerja Sama.",
    )
    a = services.agreement_save(
        actor=k.staff,
        agreement=a,
        expected_version=a.version,
        changes=services.AgreementChanges(
            funding_sources=[
                services.RowChange(
                    fields={
                        "kind": "apbd",
                        "year": k.day(-670).year,
                        "amount": D("350000000"),
                        "budget_line": "2.16.01.2.02",
                    }
                ),
                services.RowChange(
                    fields={"kind": "partner", "year": k.day(-670).year, "amount": D("1200000000")}
                ),
            ]
        ),
    )
    k.instrument(
        a,
        InstrumentKind.ADDENDUM,
        "Adendum I PKS Akses Internet Desa (perpanjangan jangka waktu)",
        signed_on=k.day(-25),
        parent=pks,
        new_end_date=k.day(60),
    )
    sla = k.obligation(
        a,
        "telecom",
        "Laporan ketersediaan layanan (SLA) bulanan",
        Frequency.MONTHLY,
        k.day(-150),
        category=ObligationCategory.REPORTING,
        clause_reference="Pasal 7 ayat (2)",
    )
    k.settle(sla, fulfilled=3, submitted=1)
    k.obligation(
        a,
        "telecom",
        "Uji fungsi 50 titik akses tahap akhir",
        Frequency.ONCE,
        k.day(7),
        category=ObligationCategory.DELIVERY,
    )
    k.obligation(
        a,
        "home",
        "Pembayaran termin layanan",
        Frequency.QUARTERLY,
        k.day(-120),
        unit="Diskominfo",
        category=ObligationCategory.PAYMENT,
    )
    k.indicator(
        a, "Desa terhubung internet", "desa", D(0), D(120), [("2025", -300, D(74)), ("2026", -30, D(112))]
    )
    return a


def farmer_support(k):
    """Coffee farmer support with an agribusiness and a cooperative — implementation, with something due
    today and in seven days, items not shared with the parties, and evidence waiting for verification."""
    a = k.agreement(
        title="Kemitraan Pendampingan dan Pemasaran Kopi Rakyat",
        category=Category.KSDPK,
        form=Form.PUBLIC_PRIVATE,
        lead="Dinas Pertanian",
        related=["Dinas Koperasi dan UM", "Disperindag"],
        obj="kopi",
        purpose="Meningkatkan mutu dan harga kopi rakyat melalui pendampingan dan jaminan pembelian.",
        scope="Bibit, pendampingan budidaya, pascapanen dan pembelian hasil panen.",
        location="Kecamatan Sumberjambe dan Silo",
        financing_sources="Mitra (CSR dan pembelian), APBD (penyuluh)",
        estimated_value=D("4200000000"),
        start_date=k.day(-240),
        end_date=k.day(485),
        is_public=True,
        internal_notes="Pantau potensi konflik kepentingan pengurus koperasi.",
        parties=[
            ("home", LEAD_FACILITATOR, "Kepala Dinas Pertanian", "Kepala Dinas"),
            ("agri", ["implementer", "funder"], "Siti Aminah", "Direktur"),
            ("cooperative", ["beneficiary"], "Haji Mansur", "Ketua Koperasi"),
        ],
    )
    k.risk(a, RiskCategory.DEMAND, "Harga kopi dunia turun", 3, 4, [("agri", D(60)), ("cooperative", D(40))])
    k.risk(
        a,
        RiskCategory.OPERATIONAL,
        "Gagal panen karena cuaca",
        2,
        4,
        [("home", D(20)), ("agri", D(50)), ("cooperative", D(30))],
    )
    k.risk(
        a,
        RiskCategory.LEGAL,
        "Ketergantungan koperasi pada satu pembeli",
        2,
        2,
        [("home", D(100))],
        shared=False,
    )
    k.benefit(
        a,
        BenefitKind.PROFIT_SHARE,
        "Selisih harga jual kopi olahan.",
        percent=[("home", D(10)), ("agri", D(60)), ("cooperative", D(30))],
    )
    k.benefit(
        a,
        BenefitKind.CSR,
        "Program CSR bibit dan alat pascapanen.",
        amount=[("cooperative", D("750000000"))],
    )
    k.benefit(
        a,
        BenefitKind.LOCAL_REVENUE,
        "Retribusi pemanfaatan gudang daerah (catatan internal).",
        percent=[("home", D(100))],
        shared=False,
    )
    k.contribution(a, "agri", ContributionKind.FUNDS, "Dana pembelian dan CSR", D("3500000000"))
    k.contribution(a, "agri", ContributionKind.EXPERTISE, "Agronom pendamping")
    k.contribution(a, "home", ContributionKind.STAFF, "Penyuluh pertanian lapangan", D("450000000"))
    k.contribution(a, "cooperative", ContributionKind.LAND_ASSETS, "Gudang dan lantai jemur koperasi")
    k.study(a, -320, cost=D("450000000"), revenue=D("120000000"), benefits="Harga kopi petani naik.")
    k.tkksd(a, -300, TkksdDecision.FEASIBLE_WITH_NOTES, "Perjelas porsi risiko koperasi.")
    k.instrument(
        a,
        InstrumentKind.MOU,
        "Kesepakatan Bersama Kemitraan Kopi Rakyat",
        signed_on=k.day(-280),
        visibility=Visibility.PUBLIC,
    )
    a = k.advance(a)
    k.instrument(
        a,
        InstrumentKind.PKS,
        "PKS Pendampingan dan Pemasaran Kopi Rakyat",
        signed_on=k.day(-240),
        start=k.day(-240),
        end=k.day(485),
        validate=True,
    )
    a = k.advance(a, "PKS ditandatangani di Pendopo.")
    purchases = k.obligation(
        a,
        "agri",
        "Laporan pembelian kopi dari petani",
        Frequency.MONTHLY,
        k.day(-200),
        category=ObligationCategory.REPORTING,
        clause_reference="Pasal 6",
    )
    k.settle(purchases, fulfilled=4, submitted=1, by=k.users["mitra"])
    k.obligation(
        a,
        "agri",
        "Penyerahan bibit kopi 50.000 batang tahap II",
        Frequency.ONCE,
        k.today,
        category=ObligationCategory.DELIVERY,
    )
    k.obligation(
        a,
        "cooperative",
        "Laporan penyaluran bibit kepada anggota",
        Frequency.ONCE,
        k.day(7),
        category=ObligationCategory.REPORTING,
    )
    mentoring = k.obligation(
        a,
        "home",
        "Pendampingan penyuluh pertanian",
        Frequency.QUARTERLY,
        k.day(-180),
        unit="Dinas Pertanian",
        category=ObligationCategory.DELIVERY,
    )
    k.settle(mentoring, fulfilled=1, submitted=1, by=k.users["opd"])
    k.obligation(
        a,
        "home",
        "Monitoring internal kepatuhan mitra",
        Frequency.SEMESTER,
        k.day(-60),
        unit="Dinas Pertanian",
        category=ObligationCategory.COORDINATION,
        shared_with_parties=False,
    )
    services.checklist_tick(agreement=a, actor=k.staff, step="periodic_reporting")
    k.upload(a, "Notulen rapat koordinasi triwulan", DocumentType.REPORT, Visibility.PARTIES)
    k.upload(a, "Catatan internal evaluasi mitra", DocumentType.OTHER, Visibility.INTERNAL)
    k.indicator(
        a,
        "Petani kopi bermitra",
        "petani",
        D(320),
        D(1500),
        [("Semester 1", -60, D(910))],
    )
    k.indicator(
        a, "Serapan anggaran pendampingan", "%", D(0), D(100), [("Semester 1", -60, D(42))], shared=False
    )
    k.evaluate(
        a,
        PeriodType.SEMESTER,
        "Semester 1",
        -45,
        EvaluatorRole.OPD,
        4,
        Recommendation.EXPAND,
        findings="Jumlah petani bermitra melampaui rencana.",
        shared_with_parties=True,
    )
    k.evaluate(a, PeriodType.AD_HOC, "Rapat TKKSD", -15, EvaluatorRole.TKKSD, 3, Recommendation.IMPROVE)
    k.challenge(a, ChallengeCategory.RESOURCES, "Harga kopi turun 15 % pada panen raya.", -40, shared=True)
    k.challenge(
        a,
        ChallengeCategory.CONFLICT_OF_INTEREST,
        "Pengurus koperasi juga pemasok mitra.",
        -25,
    )
    dispute = services.dispute_create(
        agreement=a,
        actor=k.staff,
        subject="Harga pembelian kopi di bawah harga acuan",
        raised_on=k.day(-35),
        raised_by=k.party(a, "cooperative"),
    )
    services.dispute_stage_add(
        dispute=dispute, actor=k.staff, kind="deliberation", started_on=k.day(-30), notes="Rapat para pihak."
    )
    return a


def triple_helix(k):
    """Research partnership with the university and industry — signing: MoU signed, PKS in draft."""
    a = k.agreement(
        title="Riset Terapan Varietas Kopi Unggul Jember (Triple Helix)",
        category=Category.KSDPK,
        form=Form.TRIPLE_HELIX,
        lead="Bappeda",
        related=["Dinas Pertanian"],
        obj="kopi",
        purpose="Mengembangkan varietas kopi unggul lokal dan hilirisasinya.",
        start_date=k.day(30),
        end_date=k.day(30 + 3 * 365),
        estimated_value=D("1800000000"),
        parties=[
            ("home", LEAD_FACILITATOR, "Kepala Bappeda", "Kepala Badan"),
            ("university", ["implementer"], "Rektor Universitas Jember", "Rektor"),
            ("agri", ["funder"], "Siti Aminah", "Direktur"),
        ],
    )
    k.risk(
        a,
        RiskCategory.OPERATIONAL,
        "Hasil riset tidak dapat dikomersialkan",
        3,
        3,
        [("university", D(40)), ("agri", D(60))],
    )
    k.benefit(
        a,
        BenefitKind.KNOWLEDGE_TRANSFER,
        "Hak kekayaan intelektual dan alih teknologi.",
        percent=[("home", D(20)), ("university", D(40)), ("agri", D(40))],
    )
    k.contribution(a, "university", ContributionKind.EXPERTISE, "Peneliti dan laboratorium")
    k.contribution(a, "agri", ContributionKind.FUNDS, "Dana riset", D("1200000000"))
    k.study(a, -100, cost=D("600000000"), benefits="Varietas kopi unggul lokal.")
    k.tkksd(a, -90, TkksdDecision.FEASIBLE)
    k.instrument(a, InstrumentKind.MOU, "Kesepakatan Bersama Riset Kopi", signed_on=k.day(-40))
    a = k.advance(a)
    k.instrument(a, InstrumentKind.PKS, "Draf PKS Riset Terapan Varietas Kopi")
    k.obligation(
        a,
        "university",
        "Laporan kemajuan riset",
        Frequency.SEMESTER,
        k.day(200),
        category=ObligationCategory.REPORTING,
    )
    return a


def waste_ksdd(k):
    """Inter-regional waste management with Bondowoso — ended, moved to evaluation by the system."""
    a = k.agreement(
        title="Pengelolaan Sampah Regional TPA Pakusari",
        category=Category.KSDD,
        ksdd_nature=KsddNature.VOLUNTARY,
        form=Form.JOINT_CONSTRUCTION,
        lead="DLH",
        obj="sampah",
        purpose="Pengolahan sampah bersama di TPA regional.",
        start_date=k.day(-1095),
        end_date=k.day(-10),
        estimated_value=D("12500000000"),
        is_public=True,
        parties=[
            ("home", LEAD_ASSET, "Bupati Jember", "Bupati"),
            ("bondowoso", ["beneficiary", "funder"], "Bupati Bondowoso", "Bupati"),
        ],
    )
    k.risk(
        a,
        RiskCategory.SOCIAL_ENVIRONMENTAL,
        "Pencemaran lindi",
        3,
        5,
        [("home", D(60)), ("bondowoso", D(40))],
    )
    k.benefit(
        a,
        BenefitKind.LOCAL_REVENUE,
        "Retribusi pengolahan sampah dari Bondowoso.",
        percent=[("home", D(100)), ("bondowoso", D(0))],
    )
    k.contribution(a, "home", ContributionKind.LAND_ASSETS, "Lahan TPA Pakusari", D("8000000000"))
    k.contribution(a, "bondowoso", ContributionKind.FUNDS, "Biaya operasional bersama", D("4500000000"))
    k.study(a, -1150, cost=D("1200000000"), revenue=D("900000000"), benefits="Sampah kedua daerah terolah.")
    k.tkksd(a, -1140, TkksdDecision.FEASIBLE)
    k.instrument(a, InstrumentKind.MOU, "Kesepakatan Bersama Pengelolaan Sampah", signed_on=k.day(-1120))
    k.instrument(
        a,
        InstrumentKind.PKS,
        "PKS Pengelolaan Sampah Regional",
        signed_on=k.day(-1100),
        start=k.day(-1095),
        end=k.day(-10),
        validate=True,
    )
    a = services.agreement_set_stage_directly(agreement=a, actor=k.staff, stage=Stage.IMPLEMENTATION)
    fee = k.obligation(
        a,
        "bondowoso",
        "Pembayaran retribusi pengolahan sampah",
        Frequency.SEMESTER,
        k.day(-1000),
        category=ObligationCategory.PAYMENT,
    )
    k.settle(fee, waived=1, fulfilled=3)
    services.agreements_move_ended_to_evaluation(today=k.today)
    k.indicator(
        a,
        "Sampah terolah",
        "ton/hari",
        D(40),
        D(120),
        [("2024", -700, D(65)), ("2025", -340, D(92)), ("2026", -15, D(104))],
    )
    k.evaluate(a, PeriodType.YEAR, "2025", -330, EvaluatorRole.TKKSD, 3, Recommendation.IMPROVE)
    k.challenge(
        a,
        ChallengeCategory.UNCLEAR_SPLIT,
        "Pembagian biaya perbaikan alat berat belum diatur.",
        -200,
        shared=True,
        resolution="Diatur dalam notulen kesepakatan bersama.",
    )
    return a


def public_social(k):
    """Stunting prevention with a foundation — preparation, a risk not split yet."""
    a = k.agreement(
        title="Kemitraan Pencegahan Stunting dan Pendampingan Gizi Anak",
        category=Category.KSDPK,
        form=Form.PUBLIC_SOCIAL,
        initiative=Initiative.PARTNER,
        lead="Dinkes",
        related=["Dispendik"],
        purpose="Pendampingan gizi bagi 2.000 balita di 10 desa prioritas.",
        start_date=k.day(45),
        end_date=k.day(45 + 2 * 365),
        estimated_value=D("650000000"),
        parties=[
            ("home", LEAD_FACILITATOR, "Kepala Dinas Kesehatan", "Kepala Dinas"),
            ("foundation", ["implementer", "funder"], "Nur Hidayah", "Ketua Yayasan"),
        ],
    )
    k.risk(a, RiskCategory.OPERATIONAL, "Kader posyandu berhenti", 3, 2, [])
    k.tkksd(a, -5, TkksdDecision.REVISE, "Lengkapi rencana kerja dan anggaran yayasan.")
    k.instrument(a, InstrumentKind.MOU, "Draf Kesepakatan Bersama Pencegahan Stunting")
    k.upload(a, "Proposal Yayasan Cahaya Anak Pandalungan", DocumentType.PROPOSAL, Visibility.PARTIES)
    return a


def sister_city(k):
    """Sister city with a foreign local government (KSDPL) — signing, waiting for DPRD approval."""
    a = k.agreement(
        title="Kerja Sama Kota Kembar Jember – Gimhae",
        category=Category.KSDPL,
        form=Form.SISTER_CITY,
        lead="Bagian Kerja Sama Setda",
        related=["Disparbud", "Dispendik"],
        obj="wisata",
        purpose="Pertukaran budaya, pendidikan vokasi dan promosi pariwisata.",
        start_date=k.day(20),
        end_date=k.day(20 + 5 * 365),
        is_framework=True,
        internal_notes="Menunggu persetujuan DPRD dan rekomendasi Kemendagri.",
        parties=[
            ("home", ["lead"], "Bupati Jember", "Bupati"),
            ("sister_city", ["lead"], "Mayor of Gimhae", "Mayor"),
        ],
    )
    k.study(a, -130, benefits="Pertukaran budaya, pendidikan vokasi dan promosi pariwisata.")
    k.tkksd(a, -120, TkksdDecision.FEASIBLE)
    k.instrument(a, InstrumentKind.LOI, "Letter of Intent Jember – Gimhae", signed_on=k.day(-200))
    a = k.advance(a)
    # Cooperation abroad: the MoU is signed only after the DPRD and the ministries have decided.
    k.approval(a, ApprovalKind.FOREIGN_AFFAIRS, -90, -60, letter="B-0123/KL/2026")
    k.approval(a, ApprovalKind.DPRD, -50, letter="005/DPRD/2026", result="pending")
    k.instrument(a, InstrumentKind.MOU, "Memorandum of Understanding Sister City")
    return a


def water_completed(k):
    """Raw water use with the regional water company — completed after its final evaluation, then renewed."""
    a = k.agreement(
        title="Pemanfaatan Sumber Air Baku Rembangan",
        category=Category.KSDPK,
        form=Form.ASSET_UTILISATION,
        lead="Dinas PUBMSDA",
        obj="air",
        start_date=k.day(-1500),
        end_date=k.day(-100),
        estimated_value=D("3000000000"),
        is_public=True,
        parties=[
            ("home", ["asset_provider"], "Bupati Jember", "Bupati"),
            ("bumd", ["implementer"], "Direktur Utama Perumdam", "Direktur Utama"),
        ],
    )
    k.benefit(
        a, BenefitKind.FIXED_CONTRIBUTION, "Kontribusi pemanfaatan aset.", amount=[("home", D("300000000"))]
    )
    k.study(a, -1560, revenue=D("300000000"), benefits="Pasokan air baku untuk kota.")
    k.tkksd(a, -1550, TkksdDecision.FEASIBLE)
    k.instrument(a, InstrumentKind.MOU, "Kesepakatan Bersama Air Baku Rembangan", signed_on=k.day(-1530))
    k.instrument(
        a,
        InstrumentKind.ASSET_AGREEMENT,
        "Perjanjian Pemanfaatan Sumber Air Baku",
        signed_on=k.day(-1510),
        start=k.day(-1500),
        end=k.day(-100),
        visibility=Visibility.PUBLIC,
        validate=True,
    )
    a = services.agreement_set_stage_directly(agreement=a, actor=k.staff, stage=Stage.EVALUATION)
    k.evaluate(
        a,
        PeriodType.FINAL,
        "Akhir",
        -60,
        EvaluatorRole.TKKSD,
        4,
        Recommendation.CONTINUE,
        findings="Pasokan air baku stabil; layak diperpanjang.",
        shared_with_parties=True,
    )
    services.handover_create(
        agreement=a,
        actor=k.staff,
        number="BAST/032/PUBMSDA/2026",
        handed_over_on=k.day(-90),
        from_party=k.party(a, "bumd"),
        to_party=k.party(a, "home"),
        assets="Bangunan penangkap air dan pipa transmisi 2,4 km diserahterimakan kepada Pemda.",
        value=D("1750000000"),
    )
    a = services.agreement_close(
        agreement=a, actor=k.staff, outcome=Stage.COMPLETED, note="Jangka waktu berakhir."
    )
    successor = services.agreement_renew(
        agreement=a,
        actor=k.staff,
        title="Pemanfaatan Sumber Air Baku Rembangan (perpanjangan)",
        start_date=k.day(60),
        end_date=k.day(60 + 5 * 365),
    )
    return a, successor


def river_terminated(k):
    """River clean-up with a community organisation — a framework MoU, terminated early."""
    a = k.agreement(
        title="Gerakan Bersih Sungai Bedadung",
        category=Category.KSDPK,
        form=Form.PUBLIC_SOCIAL,
        lead="DLH",
        start_date=k.day(-500),
        end_date=k.day(230),
        is_framework=True,
        parties=[
            ("home", ["lead"], "Kepala Dinas Lingkungan Hidup", "Kepala Dinas"),
            ("community", ["implementer"], "Joko Susilo", "Koordinator"),
        ],
    )
    legality_record(
        partner=k.partner("community"),
        actor=k.staff,
        document_kind="skt",
        document_number="220/145/SKT/2024",
        verified_on=k.day(-540),
    )
    k.study(a, -530, benefits="Sungai bersih dengan peran serta warga.")
    k.tkksd(a, -520, TkksdDecision.FEASIBLE)
    k.instrument(
        a,
        InstrumentKind.MOU,
        "Kesepakatan Bersama Bersih Sungai",
        signed_on=k.day(-505),
        start=k.day(-500),
        end=k.day(230),
    )
    a = services.agreement_set_stage_directly(agreement=a, actor=k.staff, stage=Stage.IMPLEMENTATION)
    notice = k.upload(
        a, "Surat pemberitahuan pengakhiran kerja sama", DocumentType.TERMINATION_NOTICE, Visibility.PARTIES
    )
    return services.agreement_close(
        agreement=a,
        actor=k.staff,
        outcome=Stage.TERMINATED,
        reason=ClosureReason.DEFAULT,
        note="Komunitas tidak melaksanakan kegiatan selama dua triwulan berturut-turut.",
        closed_on=k.day(-3),
        notice=notice,
    )


def solar_rejected(k):
    """A partner's proposal found not feasible by TKKSD — rejected."""
    a = k.agreement(
        title="Usulan PLTS Atap Gedung Pemerintah",
        category=Category.KSDPK,
        form=Form.INVESTMENT,
        initiative=Initiative.PARTNER,
        lead="Bappeda",
        numbered=False,
        parties=[
            ("home", ["lead"], "", ""),
            ("proposer", ["implementer"], "", ""),
        ],
    )
    k.tkksd(a, -70, TkksdDecision.NOT_FEASIBLE, "Legalitas badan usaha belum terverifikasi.")
    return services.agreement_close(
        agreement=a, actor=k.staff, outcome=Stage.REJECTED, note="Tidak layak menurut TKKSD."
    )


def food_synergy(k):
    """Central-government programme synergy with the ministry and the province — implementation."""
    a = k.agreement(
        title="Sinergi Program Optimalisasi Lahan Rawa dan Kering",
        category=Category.SYNERGY,
        form=Form.STRATEGIC,
        lead="Dinas Pertanian",
        start_date=k.day(-200),
        end_date=k.day(530),
        is_framework=True,
        is_public=True,
        parties=[
            ("home", ["implementer"], "Bupati Jember", "Bupati"),
            (
                "ministry",
                ["lead", "funder"],
                "Direktur Jenderal Prasarana dan Sarana Pertanian",
                "Direktur Jenderal",
            ),
            ("province", ["supervisor"], "Kepala Dinas Pertanian Provinsi", "Kepala Dinas"),
        ],
    )
    k.tkksd(a, -230, TkksdDecision.FEASIBLE)
    k.instrument(
        a,
        InstrumentKind.MOU,
        "Kesepakatan Bersama Optimalisasi Lahan",
        signed_on=k.day(-210),
        start=k.day(-200),
        end=k.day(530),
        visibility=Visibility.PUBLIC,
    )
    a = services.agreement_set_stage_directly(agreement=a, actor=k.staff, stage=Stage.IMPLEMENTATION)
    k.obligation(
        a,
        "home",
        "Laporan luas tanam optimalisasi lahan",
        Frequency.QUARTERLY,
        k.day(-110),
        unit="Dinas Pertanian",
        category=ObligationCategory.REPORTING,
    )
    return a


def coffee_research_abroad(k):
    """Specialty coffee research with a foreign institution (KSDLL) — preparation."""
    return k.agreement(
        title="Riset Kopi Spesialti dengan Lembaga Riset Belanda",
        category=Category.KSDLL,
        form=Form.OTHER,
        lead="Dinas Pertanian",
        start_date=k.day(120),
        end_date=k.day(120 + 2 * 365),
        numbered=False,
        parties=[("home", ["lead"], "", ""), ("foreign_institution", ["implementer"], "", "")],
    )


def tourism_cancelled(k):
    """Joint tourism promotion with a neighbouring city — cancelled in preparation; and a duplicate
    entry of it, archived."""
    fields = {
        "category": Category.KSDD,
        "ksdd_nature": KsddNature.VOLUNTARY,
        "form": Form.OPERATIONAL,
        "lead": "Disparbud",
        "numbered": False,
        "parties": [("home", ["lead"], "", ""), ("city", ["lead"], "", "")],
    }
    a = k.agreement(title="Promosi Wisata Bersama Jember – Probolinggo", **fields)
    a = services.agreement_close(
        agreement=a, actor=k.staff, outcome=Stage.CANCELLED, note="Dibatalkan atas kesepakatan kedua daerah."
    )
    duplicate = k.agreement(title="Promosi Wisata Bersama Jember – Probolinggo (entri ganda)", **fields)
    services.agreement_archive(agreement=duplicate, actor=k.staff)
    return a


STORIES = [
    market_ppp,
    rural_internet,
    farmer_support,
    triple_helix,
    waste_ksdd,
    public_social,
    sister_city,
    water_completed,
    river_terminated,
    solar_rejected,
    food_synergy,
    coffee_research_abroad,
    tourism_cancelled,
]
