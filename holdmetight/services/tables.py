"""Tables for spreadsheets: CSV as Excel reads it in the file's language, and real .xlsx files.

Every column says what its cells are, so that each file shows them as a spreadsheet expects:
an amount is a plain number in CSV (``1234,50`` in a Dutch file, ``1234.50`` in an English
one: no euro sign, no thousands separator) and a number with a euro format in a workbook;
counts are whole numbers and dates are dates. A text in a number column (such as "< 5" for a
count too small to publish) stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

Cell = str | int | Decimal | date | None

# Euros whatever the reader's settings: the separators follow the reader's own locale.
EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
CENTS = Decimal("0.01")


class Kind(Enum):
    """What the cells of a column are."""

    TEXT = "text"
    COUNT = "count"  # a whole number: couples, meetings, a payment's number
    NUMBER = "number"  # a number with decimals that is not money, such as a median
    AMOUNT = "amount"  # euros
    DATE = "date"


NUMERIC = frozenset({Kind.COUNT, Kind.NUMBER, Kind.AMOUNT})


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Table:
    """Rows under titled columns, in ``language``: the language of the titles and texts, and
    so the one whose number format the CSV file is written in."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]
    language: str

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.title for column in self.columns)

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return tuple(column.kind for column in self.columns)


# One rule for every CSV, whatever the interface language: what Excel with Dutch settings
# opens as columns and numbers.
CSV_DELIMITER = ";"
DECIMAL_SIGN = ","
# A text that a spreadsheet would take for a formula; written with an apostrophe before it. A
# text that starts with an apostrophe gets one too, so that reading back removes only ours.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = (*FORMULA_START, "'")


def neutralised(text: str) -> str:
    """A text cell as written to CSV: one that starts like a formula (or with an apostrophe)
    gets an apostrophe before it, so that a spreadsheet shows it instead of running it."""
    return "'" + text if text.startswith(_GUARDED) else text


def unneutralised(text: str) -> str:
    """A text cell read back from our CSV: the apostrophe :func:`neutralised` added goes."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_GUARDED) else text


def cell_text(value: Cell, kind: Kind) -> str:
    """A cell as written in a CSV file: numbers plain with a decimal comma, amounts with two
    decimals and no currency sign, dates as dd-mm-yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if not isinstance(value, int | Decimal):
        return neutralised(str(value))
    if kind is Kind.AMOUNT:
        plain = f"{Decimal(value).quantize(CENTS):f}"
    else:
        plain = f"{value:f}" if isinstance(value, Decimal) else str(value)
    return plain.replace(".", DECIMAL_SIGN)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a BOM and CRLF, semicolons and decimal commas: what Excel with Dutch
    settings expects (the column titles are in the table's language)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow(table.header)
    kinds = table.kinds
    for row in table.rows:
        writer.writerow([cell_text(value, kind) for value, kind in zip(row, kinds, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An Excel workbook with one sheet: bold header, frozen first row, amounts as numbers in
    euros, counts as numbers, dates as dates and texts as texts."""
    # openpyxl is loaded only when a workbook is made (it slows the window's start).
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kinds = table.kinds
    right = Alignment(horizontal="right")
    for row in table.rows:
        # The control characters a workbook cannot hold (one pasted into a note) are left out.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        for cell, value, kind in zip(sheet[sheet.max_row], row, kinds, strict=True):
            if isinstance(value, str):
                # A typed text stays text, even one that starts like a formula ("=..."): and
                # stays text when someone edits the cell in Excel (its own "quote prefix").
                cell.data_type = TYPE_STRING
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True
                if kind in NUMERIC:
                    cell.alignment = right
            elif isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif kind is Kind.AMOUNT and isinstance(value, int | Decimal):
                cell.number_format = EURO_FORMAT
    for index, column in enumerate(table.columns, start=1):
        longest = max(
            [len(column.title)]
            + [len(cell_text(row[index - 1], column.kind)) for row in table.rows[:500]]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
