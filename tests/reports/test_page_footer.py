"""Every page's footer (organisation, print date, page number) stays readable side by side,
however long the organisation's name."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from holdmetight.i18n import using_language
from holdmetight.reports.common import FONT, build_pdf, fitted, styles

LONG_NAME = "Stichting Maatschappelijk Werk en Welzijn Utrechtse Heuvelrug, Wijkteam Zuidoost"


def footer_pieces(pdf: bytes) -> list[tuple[str, float, float]]:
    """The footer's texts with where they start and end (points from the left edge)."""
    pieces: list[tuple[str, float, float]] = []

    def seen(text, cm, tm, _font, size) -> None:
        if text.strip() and cm[5] + tm[5] < 40:  # the footer line, 9 mm from the bottom
            start = tm[4]
            pieces.append((text.strip(), start, start + stringWidth(text.strip(), FONT, size)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=seen)
    return pieces


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("pagesize", [A4, landscape(A4)])
def test_a_long_organisation_name_never_runs_into_the_date_or_page_number(language, pagesize):
    assert len(LONG_NAME) == 80
    with using_language(language):
        pdf = build_pdf(
            [Paragraph("Betalingsbewijs", styles()["title"])],
            pagesize=pagesize,
            title="test",
            organisation=LONG_NAME,
            logo=None,
            printed_on=date(2026, 11, 26),
        )
    pieces = sorted(footer_pieces(pdf), key=lambda piece: piece[1])
    assert len(pieces) == 3, pieces
    (name, _name_start, name_end), (printed, printed_start, printed_end), (page, page_start, _) = (
        pieces
    )
    assert name_end < printed_start and printed_end < page_start
    assert LONG_NAME.startswith(name.rstrip("…").rstrip())
    assert "2026" in printed and "1" in page


def test_a_name_is_first_set_smaller_then_shortened_to_fit():
    assert fitted("Wijkteam De Brug", 200, 8) == ("Wijkteam De Brug", 8)
    text, size = fitted(LONG_NAME, 250, 8)
    assert size < 8 and stringWidth(text, FONT, size) <= 250
    text, size = fitted(LONG_NAME, 120, 8)
    assert text.endswith("…") and stringWidth(text, FONT, size) <= 120
