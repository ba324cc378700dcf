"""Exporting a list as CSV or XLSX: one helper for every list page.

`columns` is a sequence of (header, value) where value is an attribute name or a function of the row.
Cells that a spreadsheet would run as a formula are written as text (CSV injection).
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Column = tuple[str, str | Callable]


def _value(row, getter):
    value = getter(row) if callable(getter) else getattr(row, getter)
    if callable(value):  # get_FOO_display
        value = value()
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    return value


def _safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return _safe_text(str(value))


def _xlsx_cell(value):
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    return _safe_text(str(value))


def export_rows(rows: Iterable, columns: Sequence[Column], fmt: str, filename: str) -> HttpResponse:
    """An attachment with a header line and one line per row; `filename` without extension."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    headers = [str(header) for header, _ in columns]
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if fmt == "csv":
        response.write("\ufeff")  # lets spreadsheet programs read UTF-8 (names with accents)
        writer = csv.writer(response)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(_value(row, getter)) for _, getter in columns])
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_cell(_value(row, getter)) for _, getter in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response.write(buffer.getvalue())
    return response
