"""The downloadable import template: an XLSX with one sheet per entity and its header row."""

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.exports import xlsx_cell

from .columns import SHEETS


def template_xlsx() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        for index, column in enumerate(sheet.columns, start=1):
            cell = worksheet.cell(row=1, column=index, value=xlsx_cell(column.name))
            cell.font = Font(bold=column.required)
            notes = [str(column.help)] if column.help else []
            if column.choices is not None:
                notes.append(", ".join(str(label) for label in column.choices.labels))
            if column.kind == "date":
                notes.append("TTTT-BB-HH / HH/BB/TTTT")
            if notes:
                cell.comment = Comment("\n".join(notes), "Kemitraan")
            worksheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.name) + 4)
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
