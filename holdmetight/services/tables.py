"""Tables for spreadsheets: CSV that opens cleanly in Dutch Excel, and real .xlsx files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def to_csv(table: Table) -> bytes:
    """Semicolon-separated UTF-8 with a BOM and CRLF: what Excel with Dutch settings expects."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An Excel workbook with one sheet: bold header, frozen first row, dates as dates."""
    # openpyxl is loaded only when a workbook is made (it slows the window's start).
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, date):
                cell.number_format = "dd-mm-yyyy"
    for index, title in enumerate(table.header, start=1):
        longest = max([len(title)] + [len(_text(row[index - 1])) for row in table.rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
