"""What every printed page shares: the embedded font, styles, header and numbered footer."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from holdmetight.i18n import _, short_date
from holdmetight.installation import resources_dir
from holdmetight.progress import Progress, no_progress

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
MARGIN = 15 * mm
GRID = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")


@cache
def register_fonts() -> tuple[str, str]:
    """Embed Noto Sans (OFL, in resources/fonts): it covers Dutch and other European letters."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "NotoSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    return FONT, FONT_BOLD


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=12)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14, spaceAfter=6
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10
        ),
    }


# Table cells are padded 6 pt left and right unless a table style says otherwise.
CELL_PADDING = 12


def cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell of ``width`` points: the text as it is when it fits on one line (quick to
    lay out, which matters in lists of a thousand rows), else a paragraph that wraps."""
    if (
        "\n" not in text
        and stringWidth(text, style.fontName, style.fontSize) <= width - CELL_PADDING
    ):
        return text
    return Paragraph(escape(text), style)


FOOTER_SIZE = 8
FOOTER_GAP = 4 * mm
SMALLEST_SIZE = 6.5


def fitted(
    text: str, width: float, size: float, smallest: float = SMALLEST_SIZE
) -> tuple[str, float]:
    """``text`` and a font size at which it fits ``width`` points: smaller type down to
    ``smallest``, and below that the text shortened with an ellipsis."""
    register_fonts()
    while size > smallest and stringWidth(text, FONT, size) > width:
        size = max(smallest, size - 0.5)
    if stringWidth(text, FONT, size) <= width:
        return text, size
    while text and stringWidth(text.rstrip() + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def numbered_canvas(
    organisation: str,
    printed_on: date,
    logo: bytes | None = None,
    progress: Progress = no_progress,
) -> Callable[..., Canvas]:
    """A canvas that writes "page n of m", the organisation and the print date on every page,
    and the organisation's logo in the top right corner; it reports every page laid out."""
    picture = ImageReader(io.BytesIO(logo)) if logo else None

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT  # no Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            progress(len(self._pages), 0)
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, height = self._pagesize
            if picture is not None:
                wide, high = picture.getSize()
                logo_height = 12 * mm
                logo_width = min(logo_height * wide / high, 60 * mm)
                self.drawImage(
                    picture,
                    width - MARGIN - logo_width,
                    height - MARGIN + 2 * mm,
                    width=logo_width,
                    height=logo_height,
                    preserveAspectRatio=True,
                    mask="auto",
                )
            self.setFillColor(colors.HexColor("#555555"))
            printed = _("printed on {date}").format(date=short_date(printed_on))
            page = _("page {n} of {total}").format(n=self._pageNumber, total=total)
            self.setFont(FONT, FOOTER_SIZE)
            self.drawCentredString(width / 2, 9 * mm, printed)
            self.drawRightString(width - MARGIN, 9 * mm, page)
            # The organisation's name has the room left of the date, however long it is.
            room = width / 2 - stringWidth(printed, FONT, FOOTER_SIZE) / 2 - FOOTER_GAP - MARGIN
            name, size = fitted(organisation, room, FOOTER_SIZE)
            self.setFont(FONT, size)
            self.drawString(MARGIN, 9 * mm, name)

    return NumberedCanvas


def build_pdf(
    story: list[Any],
    *,
    pagesize: tuple[float, float],
    title: str,
    organisation: str,
    logo: bytes | None,
    printed_on: date | None,
    progress: Progress = no_progress,
) -> bytes:
    """Lay ``story`` out on numbered pages with the organisation's footer and logo."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=18 * mm,
        title=title,
        author=organisation,
    )
    document.build(
        story,
        canvasmaker=numbered_canvas(organisation, printed_on or date.today(), logo, progress),
    )
    return buffer.getvalue()
