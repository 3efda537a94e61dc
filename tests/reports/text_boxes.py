"""Where text stands on a PDF page, read back with pypdf: for the tests of layout (footers
apart from the body, an address inside an envelope's window)."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf._page import PageObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from holdmetight.reports.common import FONT, FONT_BOLD


@dataclass(frozen=True)
class Piece:
    """A run of text on a page and the box it takes (points from the bottom left corner)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float

    def overlaps(self, other: Piece) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )


def pieces(page: PageObject) -> list[Piece]:
    found: list[Piece] = []

    def seen(text, cm, tm, font, size) -> None:
        text = text.strip()
        if not text:
            return
        face = FONT_BOLD if font and "Bold" in str(font.get("/BaseFont")) else FONT
        x, y = cm[4] + tm[4], cm[5] + tm[5]
        wide = max(stringWidth(line, face, size) for line in text.splitlines())
        found.append(Piece(text, x, x + wide, y - 0.25 * size, y + 0.75 * size))

    page.extract_text(visitor_text=seen)
    return found


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())
