"""A long table laid out a page at a time (the open balances of a large organisation's year):
every row once and in order, the column titles atop every page, the total row only at the
end, and however long the list, the table is never rebuilt from all the rows still to come."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, Table, TableStyle

from holdmetight.reports.common import FONT, FONT_BOLD, RowsByPage, build_pdf, styles

ROWS = 1000


def render(rows: list[list[str]], built: list[int]) -> bytes:
    def table(part: list[list[str]], last: bool) -> Table:
        built.append(len(part))
        made = Table(part, repeatRows=1)
        made.setStyle(
            TableStyle(
                [("FONT", (0, 0), (-1, -1), FONT, 9)]
                + ([("FONT", (0, -1), (-1, -1), FONT_BOLD, 9)] if last else [])
            )
        )
        return made

    story = [
        Paragraph("Open balances", styles()["title"]),
        RowsByPage(["Code", "Couple"], rows, table),
    ]
    return build_pdf(
        story, pagesize=A4, title="t", organisation="Wijkteam", logo=None, printed_on=date.today()
    )


def test_every_row_once_in_order_with_titles_on_every_page_and_the_total_at_the_end():
    rows = [[f"C{n:04d}", f"Couple {n:04d}"] for n in range(ROWS)] + [["Total", ""]]
    built: list[int] = []
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render(rows, built))).pages]
    seen = [code for page in pages for code in re.findall(r"\bC\d{4}\b", page)]
    assert seen == [f"C{n:04d}" for n in range(ROWS)]
    assert len(pages) > 10 and all("Code\nCouple\n" in page for page in pages)
    assert [page.count("Total") for page in pages] == [0] * (len(pages) - 1) + [1]
    # A page's worth at a time: no table is ever built from all the rows still to come.
    assert max(built) <= RowsByPage.AT_ONCE + 1
