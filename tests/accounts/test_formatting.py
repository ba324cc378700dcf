"""Rupiah and dates as people read them, in the active language (kemitraan/templatetags/formatting.py)."""

import datetime
from decimal import Decimal

from django.utils import translation

from core.templatetags.formatting import rupiah, tanggal, tanggal_waktu


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
