"""The summary a head of region reads in a minute (decision 0062): the parties' version of an agreement
of up to 10 parties and 30 obligations in at most two A4 pages, each obligation one line from the
roll-up, the rest in an annex; the internal and government versions with every occurrence in the
annex; Indonesian numbers, nothing outside the page, no scientific notation; a fixed number of
queries; one render and one log line per audience and version, nothing from fontTools."""

import datetime
import logging
import re
from decimal import Decimal

import pytest

from agreements.choices import ApprovalKind, ApprovalResult, OccurrenceStatus
from agreements.models import AgreementParty, Approval, Obligation
from evaluations.choices import ChallengeCategory, ChallengeStatus
from evaluations.models import Challenge, Indicator, Observation
from jobs.choices import SUMMARY_AUDIENCES, Audience, JobKind
from jobs.models import AgreementSummary, BackgroundJob
from jobs.runner import job_run
from jobs.services import summary_requested_after_stage_change
from jobs.summary import summary_make, summary_render
from jobs.summary_context import achieved_percent, summary_context

from .pdftools import chars_outside_page, page_count, page_text, pdf_text, pdf_words, scientific_numbers
from .summary_world import summary_world

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def _annex_page(content):
    """The number of the page the annex starts on, or None."""
    for number in range(1, page_count(content) + 1):
        if re.search(r"^\s*Lampiran\s*$", page_text(content, number), re.MULTILINE):
            return number
    return None


@pytest.fixture
def full():
    """10 parties, 30 monthly obligations over ten years (3,600 occurrences)."""
    return summary_world(parties=10, obligations=30)


def test_parties_version_of_ten_parties_and_thirty_obligations_fits_two_pages(full):
    content = summary_render(full.pk, Audience.PARTIES, 1)
    assert page_count(content) <= 2
    assert _annex_page(content) is None
    words = pdf_words(content)
    for n in range(1, 31):  # every obligation is in the main part, as one line
        assert f"bulanan nomor {n} P" in words
    assert "Pemerintah Kabupaten Mitra 10" in words and "Penandatangan Pihak 10" in words


def test_each_obligation_is_one_line_of_roll_up_counts_not_its_occurrences(full):
    text = pdf_text(summary_render(full.pk, Audience.PARTIES, 1))
    # By hand: 120 monthly occurrences, the first 60 fulfilled, then 2 overdue; the earliest open one
    # is the first overdue, 31 January 2025.
    line = next(line for line in text.splitlines() if "bulanan nomor 7 " in line)
    assert re.search(r"P7\s+Bulanan\s+31 Januari 2025\s+60 / 120\s+2\s*$", line), line
    assert "28 Februari 2027" not in text  # an upcoming occurrence is not listed


def test_thirty_one_obligations_put_the_last_in_the_annex(db):
    agreement = summary_world(parties=4, obligations=31, months=24)
    content = summary_render(agreement.pk, Audience.PARTIES, 1)
    annex = _annex_page(content)
    assert annex is not None and annex <= 3
    assert "Dan 1 hak dan kewajiban lain di lampiran." in pdf_words(content)
    annex_text = " ".join(page_text(content, n) for n in range(annex, page_count(content) + 1))
    assert "bulanan nomor 31" in annex_text and "bulanan nomor 30" not in annex_text


def test_eleven_parties_put_the_eleventh_in_the_annex(db):
    agreement = summary_world(parties=11, obligations=3, months=12)
    content = summary_render(agreement.pk, Audience.PARTIES, 1)
    annex = _annex_page(content)
    assert annex is not None and annex <= 3
    main = " ".join(page_text(content, n) for n in range(1, annex))
    annex_text = " ".join(page_text(content, n) for n in range(annex, page_count(content) + 1))
    assert "Pemerintah Kabupaten Mitra 11" not in main
    assert "Pemerintah Kabupaten Mitra 11" in annex_text and "P11" in annex_text
    assert "Dan 1 pihak lain di lampiran." in pdf_words(content)


@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.GOVERNMENT])
def test_internal_and_government_annex_lists_every_occurrence(db, audience):
    agreement = summary_world(parties=3, obligations=2, months=24)
    content = summary_render(agreement.pk, audience, 1)
    annex = _annex_page(content)
    assert annex is not None
    annex_words = pdf_words(content).split("Lampiran", 1)[1]
    assert annex_words.count("Terpenuhi") == 2 * 12 and annex_words.count("Terlambat") == 2 * 2
    assert annex_words.count("Akan Datang") == 2 * 10
    for due in ("31 Januari 2020", "29 Februari 2020", "31 Desember 2021"):
        assert annex_words.count(due) == 2
    text = pdf_text(content)
    assert ("CATATAN-RAHASIA" in text) is (audience == Audience.INTERNAL)
    assert "CATATAN-PERSETUJUAN" in text  # the approval's notes are for the government side


def test_parties_version_states_approvals_and_the_tkksd_decision_without_their_notes(db):
    agreement = summary_world(parties=2, obligations=1, months=3)
    Approval.objects.create(agreement=agreement, kind=ApprovalKind.HOME_AFFAIRS, result=ApprovalResult.PENDING,
                            submitted_on=datetime.date(2026, 1, 5))  # fmt: skip
    words = pdf_words(summary_render(agreement.pk, Audience.PARTIES, 1))
    assert "Persetujuan DPRD Disetujui 2 September 2019 4 November 2019 170/45/DPRD/2019" in words
    assert "Persetujuan Menteri Dalam Negeri Menunggu keputusan 5 Januari 2026" in words
    assert "Pembahasan TKKSD Layak dengan catatan" in words and "12 Agustus 2019" in words
    assert "CATATAN-PERSETUJUAN" not in words and "CATATAN-RAHASIA" not in words


def test_kpis_against_target_and_benefits_realised_against_planned_in_indonesian_numbers(db):
    agreement = summary_world(parties=3, obligations=1, months=3)
    indicator = Indicator.objects.create(agreement=agreement, name="Debit air terjual", unit="liter/detik",
                                         target=Decimal("2000.50"))  # fmt: skip
    Observation.objects.create(indicator=indicator, period_label="S1 2026", observed_on=datetime.date(2026, 6, 30),
                               value=Decimal("1234.56"))  # fmt: skip
    words = pdf_words(summary_render(agreement.pk, Audience.PARTIES, 1))
    # By hand: 1,234.56 of 2,000.50 (no baseline) is 61.7 %; from a baseline of 1,000 to 13,000 of 25,000 is 50 %.
    assert "Debit air terjual (liter/detik) — 2.000,50 1.234,56 (S1 2026) 61,7 %" in words
    assert "1.000 25.000 13.000 (2025) 50 %" in words
    # The fixed contribution: planned Rp 1,200,000,000, realised Rp 900,000,000, i.e. 75 %.
    assert "Kontribusi Tetap Rp 1.200.000.000 Rp 900.000.000 75 %" in words
    assert "Jumlah Rp 1.200.000.000 Rp 2.600.000.000" in words
    assert "Rp 47.250.000.000" in words
    # Three parties split each risk 34 / 33 / 33; each brings Rp 4,725,000,000.
    assert "P1 Pemkab Jember 34 % 34 % Dana Rp 4.725.000.000" in words


def test_open_problems_only_and_only_the_shared_ones_for_the_parties(db):
    agreement = summary_world(parties=2, obligations=1, months=3)
    Challenge.objects.create(agreement=agreement, category=ChallengeCategory.RESOURCES, description="KENDALA-SELESAI",
                             reported_on=datetime.date(2025, 1, 1), status=ChallengeStatus.RESOLVED,
                             shared_with_parties=True)  # fmt: skip
    Challenge.objects.create(agreement=agreement, category=ChallengeCategory.CONFLICT_OF_INTEREST,
                             description="KENDALA-INTERNAL", reported_on=datetime.date(2025, 11, 1))  # fmt: skip
    parties = pdf_words(summary_render(agreement.pk, Audience.PARTIES, 1))
    internal = pdf_words(summary_render(agreement.pk, Audience.INTERNAL, 1))
    assert "Jadwal pemeliharaan pipa transmisi" in parties
    assert "KENDALA-SELESAI" not in parties and "KENDALA-SELESAI" not in internal
    assert "KENDALA-INTERNAL" not in parties and "Benturan kepentingan KENDALA-INTERNAL" in internal
    assert "Dilanjutkan — Capaian sambungan di bawah rencana" in parties  # the latest evaluation


@pytest.mark.parametrize("audience", SUMMARY_AUDIENCES)
def test_every_character_inside_the_page_and_no_scientific_notation(full, audience):
    # The longest texts the fields take, where a cell could push a character past the edge.
    Obligation.objects.filter(agreement=full).update(title="Setoran" + " sangat-panjang-sekali" * 13)
    AgreementParty.objects.filter(agreement=full, order__gt=1).update(signatory_title="Kepala " * 28)
    content = summary_render(full.pk, audience, 1)
    assert chars_outside_page(content) == []
    assert scientific_numbers(pdf_text(content)) == []


def test_achieved_percent_from_the_baseline_and_towards_a_reduction():
    d = Decimal
    assert achieved_percent(None, d(200), d(50)) == 25
    assert achieved_percent(d(1000), d(25000), d(13000)) == 50
    assert achieved_percent(d(30), d(20), d(25)) == 50  # stunting from 30 % down to 20 %: halfway
    assert achieved_percent(d(5), d(5), d(5)) == 100  # baseline equal to target reads from zero
    assert achieved_percent(None, d(0), d(5)) is None and achieved_percent(None, d(10), None) is None


def test_split_bars_share_one_scale_up_to_the_largest_part(db):
    agreement = summary_world(parties=3, obligations=1, months=1)
    splits = summary_context(agreement.pk, Audience.PARTIES)["splits"].main
    # By hand: the parts are 34, 33 and 33 %; the largest bar is full, 33 of 34 is 97 of 100.
    assert [(s["risk_bar"], s["benefit_bar"]) for s in splits] == [(100, 100), (97, 97), (97, 97)]


@pytest.mark.parametrize(("audience", "queries"), [(Audience.PARTIES, 16), (Audience.INTERNAL, 18)])
def test_the_number_of_queries_does_not_grow_with_the_agreement(
    db, django_assert_num_queries, audience, queries
):
    small = summary_world(parties=2, obligations=1, months=1, number="KS/KECIL/2020")
    large = summary_world(parties=11, obligations=31, months=24, number="KS/BESAR/2020")
    for agreement in (small, large):
        with django_assert_num_queries(queries):
            summary_context(agreement.pk, audience)


def test_one_log_line_per_document_and_nothing_from_fonttools_or_weasyprint(db, caplog):
    agreement = summary_world(parties=3, obligations=2, months=6)
    caplog.set_level(logging.INFO)  # the root at INFO, as a worker runs it
    summary_make(agreement.pk)
    lines = [r for r in caplog.records if r.name == "jobs.summary"]
    assert [r.getMessage().split(":")[0] for r in lines] == [
        f"summary of agreement {agreement.pk} v1 for {audience}" for audience in SUMMARY_AUDIENCES
    ]
    noisy = [r for r in caplog.records if r.name.split(".")[0] in ("fontTools", "weasyprint")]
    assert noisy == []
    # fontTools subsets fonts only where HarfBuzz cannot: its glyph lists stay out of the log either way.
    assert logging.getLogger("fontTools.subset").getEffectiveLevel() == logging.WARNING


def test_one_render_per_audience_per_change(db, caplog, django_capture_on_commit_callbacks):
    """Two stage changes of one agreement while its job waits make one job, rendered once per
    audience; running the job again renders nothing."""
    agreement = summary_world(parties=2, obligations=1, months=3)
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=False):
        first = summary_requested_after_stage_change(agreement_ids=[agreement.pk])
        second = summary_requested_after_stage_change(agreement_ids=[agreement.pk])
    assert first.pk == second.pk
    assert BackgroundJob.objects.filter(kind=JobKind.AGREEMENT_SUMMARY).count() == 1
    assert job_run(first.pk) == "done"
    assert job_run(first.pk) == "skipped"
    rows = AgreementSummary.objects.filter(agreement=agreement)
    assert sorted(rows.values_list("audience", flat=True)) == sorted(SUMMARY_AUDIENCES)
    assert {row.version for row in rows} == {1}
    assert len([r for r in caplog.records if r.name == "jobs.summary"]) == len(SUMMARY_AUDIENCES)


def test_a_long_purpose_is_shortened_in_the_main_part_and_given_in_full_in_the_annex(db):
    agreement = summary_world(parties=2, obligations=1, months=3)
    agreement.purpose = " ".join(f"Tujuan-{n:03d}" for n in range(80))
    agreement.save(update_fields=["purpose"])
    content = summary_render(agreement.pk, Audience.PARTIES, 1)
    annex = _annex_page(content)
    assert annex is not None
    main = pdf_words(content).split("Lampiran", 1)[0]
    assert "Tujuan-000" in main and "Tujuan-079" not in main and "(lengkap di lampiran)" in main
    assert "Uraian Lengkap" in page_text(content, annex) and "Tujuan-079" in page_text(content, annex)


def test_an_overdue_occurrence_counts_as_next_due_and_overdue(db):
    agreement = summary_world(parties=2, obligations=1, months=3)
    obligation = Obligation.objects.get(agreement=agreement)
    obligation.occurrences.update(status=OccurrenceStatus.FULFILLED)
    obligation.occurrences.filter(due_date=datetime.date(2020, 2, 29)).update(status=OccurrenceStatus.OVERDUE)
    words = pdf_words(summary_render(agreement.pk, Audience.PARTIES, 1))
    assert "P1 Bulanan 29 Februari 2020 2 / 3 1" in words
