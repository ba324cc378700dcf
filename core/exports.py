"""Every CSV and XLSX the application writes goes through this module (decision 0052).

`export_rows` serves the list pages: `columns` is a sequence of (header, value) where value is an
attribute name or a function of the row. The cell helpers serve every other writer (the public register,
reports, the import template): `csv_cell` / `csv_row` and `xlsx_cell` / `xlsx_row`.

Text that a spreadsheet would run as a formula — anything starting with `= + - @`, a tab or a carriage
return — is written with a leading apostrophe, so a partner named `=1+1` or a title
`=HYPERLINK("http://…")` stays text (CSV / formula injection). Only text is touched: numbers, dates and
booleans keep their type, so a negative amount stays a number.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from .headers import content_disposition

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


def neutralise(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: a leading apostrophe before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value) -> str:
    """One CSV cell: empty for None, ya/tidak, ISO dates, plain decimals, numbers as numbers, text
    neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def csv_row(values: Iterable) -> list[str]:
    return [csv_cell(value) for value in values]


def xlsx_cell(value):
    """One XLSX cell value: None, booleans, numbers and dates as they are (typed cells), anything else
    as neutralised text — openpyxl stores a string starting with `=` as a formula otherwise."""
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    return neutralise(str(value))


def xlsx_row(values: Iterable) -> list:
    return [xlsx_cell(value) for value in values]


def export_rows(rows: Iterable, columns: Sequence[Column], fmt: str, filename: str) -> HttpResponse:
    """An attachment with a header line and one line per row; `filename` without extension."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    headers = [str(header) for header, _ in columns]
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
    if fmt == "csv":
        response.write("\ufeff")  # lets spreadsheet programs read UTF-8 (names with accents)
        writer = csv.writer(response)
        writer.writerow(csv_row(headers))
        for row in rows:
            writer.writerow(csv_row(_value(row, getter) for _, getter in columns))
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append(xlsx_row(headers))
    for row in rows:
        sheet.append(xlsx_row(_value(row, getter) for _, getter in columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response.write(buffer.getvalue())
    return response
