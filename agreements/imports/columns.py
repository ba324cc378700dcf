"""The import template: one sheet per entity, its columns, and how cell text becomes a value.

Choice columns accept the code or the Indonesian label (case-insensitive); dates accept spreadsheet
dates, YYYY-MM-DD or DD/MM/YYYY; numbers accept Indonesian notation (1.250.000,50 and 750.000.000) as
well as a plain 1250000.50; yes/no columns accept ya/tidak, yes/no, 1/0.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from agreements.choices import (
    BenefitKind,
    Category,
    Form,
    Frequency,
    ObligationCategory,
    PartyRole,
    RiskCategory,
    Stage,
)
from agreements.models.legacy import LegacyStepCode
from registry.choices import PartnerType, Sector


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the user's language."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text, date, decimal, int, bool, choice, choices
    required: bool = False
    choices: type | None = None
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[Column] = field(default_factory=list)

    @property
    def names(self):
        return [c.name for c in self.columns]


PARTNERS = Sheet(
    "Mitra",
    [
        Column("nama", required=True),
        Column("nama_singkat"),
        Column("sektor", "choice", False, Sector),  # follows from "jenis" (decision 0053)
        Column("jenis", "choice", True, PartnerType),
        Column("nib"),
        Column("npwp"),
        Column("alamat"),
        Column("email"),
        Column("telepon"),
    ],
)
AGREEMENTS = Sheet(
    "Kerja Sama",
    [
        Column("kode", required=True, help=gettext_lazy("Kode rujukan di berkas ini, mis. KS1")),
        Column("nomor"),
        Column("judul", required=True),
        Column("kategori", "choice", True, Category),
        Column("bentuk", "choice", False, Form),
        Column("tanggal_mulai", "date"),
        Column("tanggal_berakhir", "date"),
        Column("perkiraan_nilai", "decimal"),
        Column("lokasi"),
        Column("objek"),
        Column("ruang_lingkup"),
        Column("publik", "bool"),
        Column(
            "tahap",
            "choice",
            False,
            Stage,
            help=gettext_lazy(
                "Untuk kerja sama lama: tahapnya sekarang (langkah di luar sistem pada sheet Langkah Lama)"
            ),
        ),
    ],
)
PARTIES = Sheet(
    "Pihak",
    [
        Column("kode_kerja_sama", required=True),
        Column("mitra", required=True, help=gettext_lazy("Nama, NIB atau NPWP mitra")),
        Column("peran", "choices", False, PartyRole),
        Column("nama_penandatangan"),
        Column("jabatan_penandatangan"),
    ],
)
OBLIGATIONS = Sheet(
    "Kewajiban",
    [
        Column("kode_kerja_sama", required=True),
        Column("mitra", required=True),
        Column("uraian", required=True),
        Column("kategori", "choice", False, ObligationCategory),
        Column("jadwal", "choice", False, Frequency),
        Column("jatuh_tempo_pertama", "date", True),
        Column("pasal"),
        Column("dibagikan", "bool"),
    ],
)
RISKS = Sheet(
    "Risiko",
    [
        Column("kode_kerja_sama", required=True),
        Column("kode_risiko", required=True),
        Column("kategori", "choice", True, RiskCategory),
        Column("peristiwa", required=True),
        Column("kemungkinan", "int", True),
        Column("dampak", "int", True),
        Column("mitra", required=True),
        Column("persen", "decimal", True),
    ],
)
BENEFITS = Sheet(
    "Manfaat",
    [
        Column("kode_kerja_sama", required=True),
        Column("kode_manfaat", required=True),
        Column("jenis", "choice", True, BenefitKind),
        Column("mitra", required=True),
        Column("persen", "decimal", True),
    ],
)
# The steps of an agreement that predates the system which happened outside it, as on the legacy entry page.
LEGACY_STEPS = Sheet(
    "Langkah Lama",
    [
        Column("kode_kerja_sama", required=True),
        Column("langkah", "choice", True, LegacyStepCode),
        Column("tanggal", "date"),
        Column("nomor"),
    ],
)
SHEETS = [PARTNERS, AGREEMENTS, PARTIES, OBLIGATIONS, RISKS, BENEFITS, LEGACY_STEPS]
OPTIONAL_SHEETS = {PARTIES.name, OBLIGATIONS.name, RISKS.name, BENEFITS.name, LEGACY_STEPS.name}
YES = {"ya", "y", "yes", "1", "true", "benar"}
NO = {"tidak", "t", "no", "n", "0", "false", "salah", ""}
# Dots between groups of three digits and no comma: Indonesian thousands ("750.000.000"), not a decimal.
THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


@functools.cache
def _choice_codes(choices, language) -> dict:
    """Code by lowercased code and label, in one language (a file of 50,000 rows asks 100,000 times)."""
    codes = {}
    for code, label in reversed(choices.choices):  # the first choice wins, as a search in order would
        codes[str(label).lower()] = code
        codes[code.lower()] = code
    return codes


def _choice(value, choices):
    code = _choice_codes(choices, get_language()).get(str(value).strip().lower())
    if code is not None:
        return code
    raise CellError(
        _("Nilai '%(v)s' tidak dikenal. Pilihan: %(c)s.")
        % {"v": value, "c": ", ".join(str(label) for label in choices.labels)}
    )


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 — a calendar date
        except ValueError:
            continue
    raise CellError(
        _("Tanggal '%(v)s' tidak valid; gunakan format TTTT-BB-HH atau HH/BB/TTTT.") % {"v": value}
    )


def _decimal(value):
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).strip().replace("Rp", "").replace(" ", "")
    if "," in text or THOUSANDS.fullmatch(text):  # Indonesian notation: 1.250.000,50 or 750.000.000
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("'%(v)s' bukan angka.") % {"v": value}) from None
    if not number.is_finite():
        raise CellError(_("'%(v)s' bukan angka.") % {"v": value})
    return number


def read_cell(column: Column, value):
    """The value of a cell for `column`; None for an empty optional cell. Raises CellError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if column.required:
            raise CellError(_("Wajib diisi."))
        return None
    if column.kind == "text":
        return str(value).strip()
    if column.kind == "date":
        return _date(value)
    if column.kind == "decimal":
        return _decimal(value)
    if column.kind == "int":
        number = _decimal(value)
        if number != number.to_integral_value():
            raise CellError(_("'%(v)s' harus bilangan bulat.") % {"v": value})
        return int(number)
    if column.kind == "bool":
        text = str(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(_("Isi 'ya' atau 'tidak'."))
    if column.kind == "choice":
        return _choice(value, column.choices)
    if column.kind == "choices":
        return [_choice(part, column.choices) for part in str(value).split(",") if part.strip()]
    raise AssertionError(column.kind)
