"""header_safe: nothing that ends a header line survives, and the text itself is kept."""

import pytest
from django.core.mail import EmailMessage

from core.headers import header_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Laporan\r\ntriwulan", "Laporan triwulan"),
        ("  Laporan \n\n triwulan  ", "Laporan triwulan"),
        ("a\rb\tc\x00d\x1be\x7ff\x85g", "a b c d e f g"),
        ("baris\u2028pemisah\u2029paragraf", "baris pemisah paragraf"),
        ('Kerja sama "Agrowisata" — 30 hari', 'Kerja sama "Agrowisata" — 30 hari'),
        ("\r\n", ""),
        (42, "42"),
    ],
)
def test_collapses_breaks_and_control_characters_into_single_spaces(value, expected):
    assert header_safe(value) == expected


def test_cuts_long_values_with_an_ellipsis():
    assert header_safe("abcdef", max_length=6) == "abcdef"
    assert header_safe("abc defgh", max_length=6) == "abc d…"
    assert header_safe("abc defgh", max_length=5) == "abc…"  # no space before the ellipsis
    assert len(header_safe("x" * 500, max_length=300)) == 300


def test_a_cleaned_subject_is_accepted_by_django_mail():
    message = EmailMessage(header_safe("Judul\r\nBcc: korban@contoh.test"), "isi", "a@b.test", ["c@d.test"])
    rendered = message.message()
    assert rendered["Subject"] == "Judul Bcc: korban@contoh.test"
    assert rendered["Bcc"] is None
