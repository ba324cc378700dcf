"""The yearly, semester and DPRD reports as the governor, the Minister or the DPRD's chair receive them:
the cover letter first, the addressee by the home government's level, the signature block, the counts
of the hand-counted world, and pages that print (nothing past the page edge, nothing written over,
no number in scientific notation) — for every report kind."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import Role
from agreements.models import ProcessRules
from jobs.choices import JobKind
from jobs.reports import BUILDERS, report_pdf, report_xlsx
from jobs.reports.periodic import periodic, periodic_dprd
from registry.choices import PartnerType
from registry.models import Partner
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory
from tests.agreements.reporting_world import FROZEN, HAND_COUNT, build_world
from tests.registry.factories import MembershipFactory, OrganisationUnitFactory

from .pdftools import (
    SCIENTIFIC,
    assert_pages_not_blank,
    chars_outside_page,
    letterhead_text,
    overlapping_words,
    page_sizes,
    page_text,
    pdf_words,
)

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)


@pytest.fixture
def world():
    return build_world()


def _build(kind, user, params):
    with translation.override("id"):
        if kind in (JobKind.REPORT_YEARLY, JobKind.REPORT_DPRD):
            return BUILDERS[kind](user, params, today=FROZEN)
        return BUILDERS[kind](user, params)


def _pdf(kind, user, params=None):
    report = _build(kind, user, {"year": 2025, **(params or {})})
    with translation.override("id"):
        return report, report_pdf(report, kind=kind, parameters=params)


def _summary(report) -> dict:
    return dict(report.tables[0].rows)


def _set_level(partner_type):
    Partner.objects.filter(is_home_government=True).update(
        partner_type=partner_type,
        name={
            PartnerType.PROVINCE: "Pemerintah Provinsi Jawa Timur",
            PartnerType.CITY: "Pemerintah Kota Malang",
        }.get(partner_type, "Pemerintah Kabupaten Jember"),
    )


def test_yearly_report_counts_the_hand_count(world, manager_user):
    summary = _summary(_build(JobKind.REPORT_YEARLY, manager_user, {"year": 2025}))
    hand = HAND_COUNT[(2025, None)]
    assert summary["Kerja sama berjalan dalam periode"] == hand["running"] == 8
    assert (
        summary["Kerja sama ditandatangani dalam periode (MoU, PKS, perjanjian KPBU/aset)"] == hand["signed"]
    )
    assert summary["Kerja sama berakhir dalam periode"] == hand["ended"]
    assert summary["Usulan kerja sama dalam proses"] == hand["in_progress"]
    # The same figures drive the list: one row per running agreement, none rejected or cancelled.
    listed = {row[0] for row in _build(JobKind.REPORT_YEARLY, manager_user, {"year": 2025}).tables[2].rows}
    assert listed == {f"KS/{k}/2025" for k in "ABEFGLMO"}


@pytest.mark.parametrize("semester", [1, 2])
def test_semester_report_counts_the_hand_count(world, manager_user, semester):
    report, content = _pdf(JobKind.REPORT_YEARLY, manager_user, {"semester": semester})
    summary, hand = _summary(report), HAND_COUNT[(2025, semester)]
    assert summary["Kerja sama berjalan dalam periode"] == hand["running"]
    assert (
        summary["Kerja sama ditandatangani dalam periode (MoU, PKS, perjanjian KPBU/aset)"] == hand["signed"]
    )
    assert summary["Kerja sama berakhir dalam periode"] == hand["ended"]
    label = "Semester I Tahun 2025" if semester == 1 else "Semester II Tahun 2025"
    words = pdf_words(content)
    assert f"Laporan Pelaksanaan Kerja Sama Daerah {label}" in words
    assert f"Kerja sama berjalan dalam periode {hand['running']}" in words
    assert report.slug.endswith(f"2025-semester-{semester}")


def test_the_report_opens_with_its_cover_letter(world, manager_user):
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "PEMERINTAH KABUPATEN JEMBER" in first and "Bagian Kerja Sama Sekretariat Daerah" in first
    assert "Perihal : Laporan pelaksanaan kerja sama daerah Tahun 2025" in first
    assert "Kepada Yth. Gubernur sebagai Wakil Pemerintah Pusat" in first
    assert "Tembusan: 1. Menteri Dalam Negeri Republik Indonesia" in first
    assert "Ikhtisar" not in first  # the report itself starts on the next page
    assert "Ikhtisar" in page_text(content, 2)


def test_signature_block_names_the_configured_signatory(world, manager_user):
    ProcessRules.objects.filter(pk=ProcessRules.current().pk).update(
        report_signatory_name="Drs. Budi Santoso, M.Si.",
        report_signatory_title="Sekretaris Daerah",
        report_signatory_nip="196805121990031004",
        report_place="Jember",
    )
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "Jember, 15 Oktober 2025" in first
    assert "Sekretaris Daerah, Drs. Budi Santoso, M.Si. NIP. 196805121990031004" in first


def test_signature_block_defaults_to_the_head_of_region(world, manager_user):
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "Bupati Jember," in first and "NIP." not in first


def test_a_province_reports_to_the_minister_under_its_bureau(world, manager_user):
    _set_level(PartnerType.PROVINCE)
    report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "Kepada Yth. Menteri Dalam Negeri Republik Indonesia di Jakarta" in first
    assert "Gubernur sebagai Wakil" not in first and "Tembusan" not in first
    assert "Biro Pemerintahan dan Kerja Sama Sekretariat Daerah" in letterhead_text(content)
    assert "Gubernur Jawa Timur," in first  # the signatory: the head of the province
    assert report.subtitle == "Disampaikan kepada Menteri Dalam Negeri Republik Indonesia"


def test_a_city_reports_to_the_governor_signed_by_its_mayor(world, manager_user):
    _set_level(PartnerType.CITY)
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "Yth. Gubernur sebagai Wakil Pemerintah Pusat" in first and "Tembusan" in first
    assert "Wali Kota Malang," in first
    assert "Bagian Kerja Sama Sekretariat Daerah" in letterhead_text(content)


def test_the_letterhead_unit_is_configurable(world, manager_user):
    ProcessRules.objects.filter(pk=ProcessRules.current().pk).update(
        report_letterhead_unit="Bagian Tata Pemerintahan dan Kerja Sama"
    )
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    first = page_text(content, 1)
    assert "Bagian Tata Pemerintahan dan Kerja Sama" in first and "Bagian Kerja Sama Sekretariat" not in first


def test_dprd_version_is_addressed_to_the_chair_with_the_approvals(world, manager_user):
    report, content = _pdf(JobKind.REPORT_DPRD, manager_user)
    first = " ".join(page_text(content, 1).split())
    assert "Yth. Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Jember" in first
    assert "Tembusan" not in first
    given, pending = report.tables[-2], report.tables[-1]
    # Given in 2025: B's (decided 20 February 2025); A's was given in 2022, J's is still waiting.
    assert [row[3] for row in given.rows] == ["170/12/DPRD/2025"]
    assert [row[3] for row in pending.rows] == ["170/88/DPRD/2025"]
    words = pdf_words(content)
    assert "Persetujuan DPRD yang diberikan dalam periode ini" in words
    assert "Persetujuan DPRD yang menunggu keputusan" in words
    assert "170/88/DPRD/2025" in words
    # The same facts as the governor's version.
    assert _summary(report) == _summary(_build(JobKind.REPORT_YEARLY, manager_user, {"year": 2025}))


def test_each_running_agreement_shows_its_facts(world, manager_user):
    report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    listing = report.tables[2]
    columns = [label for label, _kind in listing.columns]
    row = dict(zip(columns, next(r for r in listing.rows if r[0] == "KS/A/2025"), strict=True))
    assert row["Urusan pemerintahan"] == world["A"].government_affairs.get().name
    assert row["Perangkat daerah"] == "Dinas Pariwisata"
    assert row["PKS / perjanjian: nomor · tanggal"] == "180/01/2023 · 10 Januari 2023"
    assert row["Persetujuan DPRD"] == "Disetujui 20 November 2022 170/45/DPRD/2022"
    # Realised in 2025: 250 jt of local revenue and 50 jt of CSR; the 2024 realisation is not counted.
    assert row["Realisasi manfaat (Rp)"] == 300_000_000
    assert row["PAD (Rp)"] == 250_000_000
    assert row["Kendala dan tindak lanjut"] == "Petugas loket kurang — Ditangani: Rekrutmen tenaga honorer"
    assert row["Evaluasi terakhir dan rekomendasi"] == "20 Januari 2025: Diperluas"
    mou = dict(zip(columns, next(r for r in listing.rows if r[0] == "KS/B/2025"), strict=True))
    assert mou["MoU: nomor · tanggal"] == "119/03/2025 · 10 Maret 2025"
    words = pdf_words(content)
    for text in ("Rp 300.000.000", "Rp 250.000.000", "180/01/2023", "Petugas loket kurang"):
        assert text in words, text


def test_proposals_in_progress_have_their_section(world, manager_user):
    report, _content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    proposals = report.tables[3]
    assert proposals.title == "Usulan kerja sama dalam proses (per 15 Oktober 2025)"
    assert sorted(row[1] for row in proposals.rows) == ["Kerja sama C", "Kerja sama J"]


def test_the_wide_agreement_table_prints_on_a_landscape_page(world, manager_user):
    _report, content = _pdf(JobKind.REPORT_YEARLY, manager_user)
    sizes = page_sizes(content)
    assert sizes[0] == A4_PORTRAIT and A4_LANDSCAPE in sizes


@pytest.fixture
def long_texts(world):
    """Long titles, numbers and names: what pushes a column past the page edge."""
    unit = OrganisationUnitFactory(name="Dinas Pekerjaan Umum, Bina Marga, Cipta Karya dan Penataan Ruang")
    AgreementFactory(
        number="KS/000.5.1.2/1234/35.09.325/2025-ADENDUM-II", lead_unit=unit, estimated_value=47_300_000_000,
        title="Pembangunan, pengoperasian dan pemeliharaan sistem penyediaan air minum regional lintas "
        "kabupaten dengan skema kerja sama pemerintah dan badan usaha",
    )  # fmt: skip
    return world


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_character_lies_inside_the_page(long_texts, manager_user, kind):
    _report, content = _pdf(kind, manager_user)
    assert_pages_not_blank(content)
    assert chars_outside_page(content) == []
    assert overlapping_words(content) == []


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_no_number_in_scientific_notation(long_texts, manager_user, kind):
    _report, content = _pdf(kind, manager_user)
    assert SCIENTIFIC.findall(pdf_words(content)) == []


def test_money_on_charts_reads_as_rupiah_in_short(long_texts, manager_user):
    _report, content = _pdf(JobKind.REPORT_PORTFOLIO, manager_user)
    words = pdf_words(content)
    # KSDPK: the long agreement's 47,3 M and 13 × 1 M of the world; KPBU: F's 1 M.
    assert "Rp 60,3 M" in words and "Rp 1 M" in words
    assert "Rp 0 Rp 20 M Rp 40 M Rp 60 M Rp 80 M" in words  # whole ticks, a step above the longest bar


def test_periodic_xlsx_holds_the_letter_and_the_same_figures(world, manager_user):
    report = _build(JobKind.REPORT_YEARLY, manager_user, {"year": 2025, "semester": 1})
    with translation.override("id"):
        book = load_workbook(io.BytesIO(report_xlsx(report)))
    cover = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Yth. Gubernur sebagai Wakil Pemerintah Pusat" in cover and "Bupati Jember" in cover
    summary = {r[0]: r[1] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert summary["Kerja sama berjalan dalam periode"] == HAND_COUNT[(2025, 1)]["running"]
    listing = list(book.worksheets[3].iter_rows(min_row=2, values_only=True))
    assert len(listing) == HAND_COUNT[(2025, 1)]["running"]


def test_an_opd_officer_counts_only_its_own_agreements(world):
    officer = UserFactory(roles=[Role.OPD_OFFICER])
    MembershipFactory(user=officer, organisation_unit=world["units"][1])
    summary = _summary(_build(JobKind.REPORT_YEARLY, officer, {"year": 2025}))
    # The second OPD leads E, F and O: all three run in 2025, O was signed, E and F ended.
    assert summary["Kerja sama berjalan dalam periode"] == 3
    assert summary["Kerja sama ditandatangani dalam periode (MoU, PKS, perjanjian KPBU/aset)"] == 1
    assert summary["Kerja sama berakhir dalam periode"] == 2


@pytest.mark.parametrize("builder", [periodic, periodic_dprd])
def test_the_number_of_queries_does_not_grow_with_the_register(
    world, manager_user, builder, django_assert_num_queries
):
    builder(manager_user, {"year": 2025}, today=FROZEN)  # the user's roles are read once, then kept
    # home government, rules, counts, obligations, evaluations, running per category, running
    # agreements and their seven prefetches (affairs, funding rows, texts, texts' numbers, DPRD approvals,
    # problems, counterparts), proposals; the DPRD version adds approvals given and pending.
    expected = 15 + (2 if builder is periodic_dprd else 0)
    with django_assert_num_queries(expected):
        builder(manager_user, {"year": 2025}, today=FROZEN)
    for _ in range(5):
        more = AgreementFactory(start_date=FROZEN, end_date=FROZEN)
        more.instruments.create(kind="pks", status="signed", signing_date=FROZEN)
    with django_assert_num_queries(expected):
        builder(manager_user, {"year": 2025}, today=FROZEN)
