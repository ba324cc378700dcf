"""Reading an uploaded XLSX or CSV into rows, judged by content, not by the file's name."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import OPTIONAL_SHEETS, SHEETS, Sheet


@dataclass
class Problem:
    """One thing wrong with the file: where (sheet, row, column) and what."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self):
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class Table:
    sheet: Sheet
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number in the file, {column: raw})


class FileRejected(Exception):
    """The file as a whole cannot be read; `problems` says why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(str(p.message) for p in problems))


def _rows_to_table(sheet: Sheet, rows, problems) -> Table | None:
    rows = iter(rows)
    header = None
    for header in rows:
        if any(cell not in (None, "") for cell in header):
            break
    else:
        return None
    names = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    while names and not names[-1]:
        names.pop()
    missing = [c.name for c in sheet.columns if c.required and c.name not in names]
    unknown = [n for n in names if n and n not in sheet.names]
    if missing:
        problems.append(
            Problem(_("Kolom wajib tidak ada: %(c)s.") % {"c": ", ".join(missing)}, sheet.name, 1)
        )
    if unknown:
        problems.append(Problem(_("Kolom tidak dikenal: %(c)s.") % {"c": ", ".join(unknown)}, sheet.name, 1))
    table = Table(sheet)
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in values):
            continue
        table.rows.append(
            (number, {name: values[i] if i < len(values) else None for i, name in enumerate(names)})
        )
    return table


def _read_xlsx(data: bytes, problems) -> dict[str, Table]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileRejected([Problem(_("Berkas bukan spreadsheet XLSX yang valid."))]) from None
    tables = {}
    by_name = {s.name.lower(): s for s in SHEETS}
    for worksheet in workbook.worksheets:
        sheet = by_name.get(worksheet.title.strip().lower())
        if sheet is None:
            problems.append(
                Problem(
                    _("Sheet '%(s)s' tidak dikenal; gunakan sheet dari templat.") % {"s": worksheet.title}
                )
            )
            continue
        table = _rows_to_table(sheet, worksheet.iter_rows(values_only=True), problems)
        if table is not None:
            tables[sheet.name] = table
    workbook.close()
    return tables


def _read_csv(data: bytes, problems) -> dict[str, Table]:
    if b"\x00" in data[:4096]:
        raise FileRejected([Problem(_("Berkas bukan spreadsheet XLSX atau CSV."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected([Problem(_("Berkas CSV harus bersandi UTF-8."))]) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = {cell.strip().lower() for cell in (rows[0] if rows else [])}
    # A CSV holds one sheet: the one whose columns best match its header row.
    sheet = max(SHEETS, key=lambda s: len(header & set(s.names)))
    if not header & set(sheet.names):
        raise FileRejected([Problem(_("Baris judul CSV tidak cocok dengan sheet mana pun dalam templat."))])
    table = _rows_to_table(sheet, rows, problems)
    return {sheet.name: table} if table is not None else {}


WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def count_rows(data: bytes) -> int:
    """About how many data rows the file holds, without reading a cell: for deciding whether its
    check runs in the request or in the background. Rows of every sheet, less one header each; 0 for
    a file that is not a spreadsheet (its check says so at once)."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                total = 0
                for member in archive.namelist():
                    if not WORKSHEET.fullmatch(member):
                        continue
                    rows, tail = 0, b""
                    with archive.open(member) as handle:
                        while chunk := handle.read(1 << 20):
                            rows += len(ROW_TAG.findall(tail + chunk))
                            tail = chunk[-16:]
                            rows -= len(ROW_TAG.findall(tail))  # counted again with the next chunk
                        rows += len(ROW_TAG.findall(tail))
                    total += max(rows - 1, 0)
                return total
        except (zipfile.BadZipFile, OSError, ValueError):
            return 0
    lines = sum(1 for line in data.splitlines() if line.strip(b" \t\r,;"))
    return max(lines - 1, 0)


def read_upload(name: str, data: bytes) -> tuple[dict[str, Table], list[Problem]]:
    """Tables by sheet name, and the problems found in the file's shape. Raises FileRejected."""
    if not data:
        raise FileRejected([Problem(_("Berkas kosong."))])
    problems: list[Problem] = []
    if data[:4] == b"PK\x03\x04":
        tables = _read_xlsx(data, problems)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise FileRejected([Problem(_("Berkas bukan spreadsheet XLSX yang valid."))])
    else:
        tables = _read_csv(data, problems)
    if not any(t.rows for t in tables.values()):
        raise FileRejected([*problems, Problem(_("Berkas tidak berisi baris data."))])
    required = {s.name for s in SHEETS} - OPTIONAL_SHEETS
    if tables and not required & set(tables) and not (set(tables) - OPTIONAL_SHEETS):
        problems.append(Problem(_("Berkas harus memuat sheet Mitra atau Kerja Sama.")))
    return tables, problems
