"""Rupiah, numbers and dates as people read them, in the active language (core/templatetags/formatting.py)."""

import datetime
from decimal import Decimal

from django.utils import translation

from agreements.choices import InstrumentKind
from agreements.models import Instrument
from core.templatetags.formatting import angka, nilai, pasal, rupiah, tanggal, tanggal_waktu


def test_rupiah_in_indonesian():
    with translation.override("id"):
        assert rupiah(Decimal("1250000000.00")) == "Rp 1.250.000.000"
        assert rupiah(Decimal("1500.50")) == "Rp 1.500,50"
        assert rupiah(0) == "Rp 0"
        assert rupiah(Decimal("-2500")) == "-Rp 2.500"
        assert rupiah(None) == "—"


def test_rupiah_follows_english():
    with translation.override("en"):
        assert rupiah(Decimal("1250000000")) == "Rp 1,250,000,000"


def test_dates_in_indonesian_and_english():
    day = datetime.date(2026, 11, 22)
    with translation.override("id"):
        assert tanggal(day) == "22 November 2026"
        assert tanggal(datetime.date(2026, 8, 17)) == "17 Agustus 2026"
        assert tanggal(None) == "—"
        moment = datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC)
        assert tanggal_waktu(moment) == "5 Januari 2026 08.30"  # Asia/Jakarta
    with translation.override("en"):
        assert tanggal(datetime.date(2026, 8, 17)) == "17 August 2026"


def test_numbers_keep_only_the_decimals_that_mean_something():
    with translation.override("id"):
        assert angka(Decimal("250.00")) == "250"
        assert angka(Decimal("300000000.00")) == "300.000.000"
        assert angka(Decimal("12.50")) == "12,5"
        assert angka(Decimal("0.25")) == "0,25"
        assert angka(1500) == "1.500"
        assert angka(None) == "—"
        assert angka("bukan angka") == "bukan angka"
    with translation.override("en"):
        assert angka(Decimal("300000000.50")) == "300,000,000.5"


def test_a_clause_reads_pasal_once_however_it_was_typed():
    with translation.override("id"):
        assert pasal("5") == "Pasal 5"
        assert pasal("Pasal 5") == "Pasal 5"
        assert pasal("pasal 5 ayat (2)") == "Pasal 5 ayat (2)"
        assert pasal("") == "—"


def test_any_stored_value_reads_as_people_write_it():
    with translation.override("id"):
        assert nilai(datetime.date(2028, 6, 30)) == "30 Juni 2028"
        assert nilai(Decimal("1250000000.00")) == "1.250.000.000"
        assert nilai(True) == "Ya" and nilai(False) == "Tidak"
        assert nilai("") == "—"


def test_an_addendum_term_says_what_it_changes():
    with translation.override("id"):
        own = Instrument(kind=InstrumentKind.PKS, start_date=datetime.date(2026, 1, 15))
        assert own.term_label == "15 Januari 2026 – —"
        longer = Instrument(kind=InstrumentKind.ADDENDUM, new_end_date=datetime.date(2028, 12, 31))
        assert longer.term_label == "mengubah tanggal berakhir menjadi 31 Desember 2028"
        assert Instrument(kind=InstrumentKind.ADDENDUM).term_label == "tidak mengubah jangka waktu"
        assert "— – —" not in Instrument(kind=InstrumentKind.ADDENDUM).term_label


def test_compact_rupiah_in_indonesian():
    from core.templatetags.formatting import rupiah_ringkas

    with translation.override("id"):
        assert rupiah_ringkas(Decimal("47300000000")) == "Rp 47,3 M"
        assert rupiah_ringkas(850_000_000) == "Rp 850 jt"
        assert rupiah_ringkas(4.725e10) == "Rp 47,3 M"
        assert rupiah_ringkas(Decimal("1250000000000")) == "Rp 1,3 T"
        assert rupiah_ringkas(999_960_000) == "Rp 1 M"
        assert rupiah_ringkas(12_000) == "Rp 12 rb"
        assert rupiah_ringkas(750) == "Rp 750"
        assert rupiah_ringkas(0) == "Rp 0"
        assert rupiah_ringkas(-2_500_000) == "-Rp 2,5 jt"
        assert rupiah_ringkas(None) == "—"
    with translation.override("en"):
        assert rupiah_ringkas(Decimal("47300000000")) == "Rp 47.3 M"
