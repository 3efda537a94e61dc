"""What every printed page shares: the embedded font, styles, header and numbered footer."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from holdmetight.i18n import _, short_date
from holdmetight.installation import resources_dir
from holdmetight.progress import Progress, no_progress

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
MARGIN = 15 * mm
FRAME_PADDING = 6  # points inside the page's frame on every side (reportlab's default)
GRID = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")
# A table of figures: a shaded, bold header row over a thin grid, cells aligned at the top.
HEADED_GRID = (
    ("FONT", (0, 0), (-1, -1), FONT, 8),
    ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)


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


class RowsByPage(Flowable):
    """A long table laid out a page at a time.

    At every page break reportlab splits a table by building a new one of all the rows still
    to come, so one table of a thousand rows costs the square of its length. This hands it at
    most :attr:`AT_ONCE` rows at a time; ``make(rows, last)`` builds the table of the header
    and those rows (``last``: they end the table, so a total row may be styled)."""

    AT_ONCE = 60

    def __init__(
        self,
        header: list[Any],
        rows: list[list[Any]],
        make: Callable[[list[list[Any]], bool], Table],
    ) -> None:
        super().__init__()
        self._header, self._rows, self._make = header, rows, make
        self._table: Table | None = None

    def _first_rows(self) -> Table:
        last = len(self._rows) <= self.AT_ONCE
        return self._make([self._header, *self._rows[: self.AT_ONCE]], last)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._table is None:
            self._table = self._first_rows()
        width, height = self._table.wrap(availWidth, availHeight)
        if len(self._rows) > self.AT_ONCE:
            height = max(height, availHeight + 1)  # more rows to come: ask to be split
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._table is None:
            self._table = self._first_rows()
            self._table.wrap(availWidth, availHeight)
        parts = self._table.split(availWidth, availHeight) or []
        if not parts:
            return []  # not a row fits in what is left of the page: the next page
        if len(parts) == 1 and len(self._rows) <= self.AT_ONCE:
            return parts
        shown = parts[0]._nrows - 1  # its rows less the header (reportlab keeps the count)
        rest = self._rows[shown:]
        return [parts[0], RowsByPage(self._header, rest, self._make)] if rest else [parts[0]]

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


def body_width(pagesize: tuple[float, float]) -> float:
    """The width a table or paragraph may take on a page of ``pagesize``."""
    return pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING


FOOTER_SIZE = 8
FOOTER_GAP = 4 * mm
SMALLEST_SIZE = 6.5


def fitted(
    text: str, width: float, size: float, smallest: float = SMALLEST_SIZE
) -> tuple[str, float]:
    """``text`` on one line of ``width`` points: in smaller type down to ``smallest``, and
    below that shortened with an ellipsis."""
    register_fonts()
    while size > smallest and stringWidth(text, FONT, size) > width:
        size = max(smallest, size - 0.5)
    if stringWidth(text, FONT, size) <= width:
        return text, size
    while text and stringWidth(text.rstrip() + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


FOOTER_BASELINE = 9 * mm  # the line with the print date and the page number
BOTTOM_MARGIN = 18 * mm  # room for that line and two lines of the organisation's name
RUNNING_HEAD_BASELINE = 9 * mm  # from the top edge, in the top margin


@dataclass(frozen=True)
class FooterName:
    """How the organisation's name is set in a page's footer: on the date's line left of the
    date when it fits there, else on one or two lines of its own above it."""

    lines: tuple[str, ...]
    size: float
    beside_date: bool

    @property
    def leading(self) -> float:
        return self.size + 1.5


def footer_name(organisation: str, *, beside: float, width: float) -> FooterName:
    """The whole name wherever the page allows: left of the print date (``beside`` points of
    room) in the footer's type; else on a line of its own across the page (``width`` points),
    in smaller type if need be; else wrapped over two lines. Only a name too long for two lines
    of the smallest type is shortened, with an ellipsis."""
    register_fonts()
    text = " ".join(organisation.split())

    def wide(line: str, size: float) -> float:
        return float(stringWidth(line, FONT, size))

    if wide(text, FOOTER_SIZE) <= beside:
        return FooterName((text,), FOOTER_SIZE, beside_date=True)
    for size in (FOOTER_SIZE, FOOTER_SIZE - 0.5, FOOTER_SIZE - 1):
        if wide(text, size) <= width:
            return FooterName((text,), size, beside_date=False)
    size = FOOTER_SIZE - 1
    while True:
        lines = simpleSplit(text, FONT, size, width)
        if len(lines) <= 2 and all(wide(line, size) <= width for line in lines):
            return FooterName(tuple(lines), size, beside_date=False)
        if size <= SMALLEST_SIZE:
            break
        size = max(SMALLEST_SIZE, size - 0.5)
    first = lines[0] if wide(lines[0], size) <= width else ""
    rest = text[len(first) :].strip()
    while rest and wide(rest.rstrip() + "…", size) > width:
        rest = rest[:-1]
    return FooterName(
        tuple(line for line in (first, rest.rstrip() + "…") if line), size, beside_date=False
    )


def numbered_canvas(
    organisation: str,
    printed_on: date,
    logo: bytes | None = None,
    progress: Progress = no_progress,
    running_head: str = "",
) -> Callable[..., Canvas]:
    """A canvas that writes "page n of m", the organisation and the print date on every page,
    the organisation's logo in the top right corner, and ``running_head`` (what the document
    is about) at the top of every page after the first; it reports every page laid out."""
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
            logo_width = 0.0
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
            if running_head and self._pageNumber > 1:
                room = width - 2 * MARGIN - (logo_width + FOOTER_GAP if logo_width else 0)
                head, size = fitted(running_head, room, FOOTER_SIZE + 1)
                self.setFont(FONT, size)
                self.drawString(MARGIN, height - RUNNING_HEAD_BASELINE, head)
            printed = _("printed on {date}").format(date=short_date(printed_on))
            page = _("page {n} of {total}").format(n=self._pageNumber, total=total)
            room = width / 2 - stringWidth(printed, FONT, FOOTER_SIZE) / 2 - FOOTER_GAP - MARGIN
            name = footer_name(organisation, beside=room, width=width - 2 * MARGIN)
            self.setFont(FONT, FOOTER_SIZE)
            self.drawRightString(width - MARGIN, FOOTER_BASELINE, page)
            if name.beside_date:
                self.drawCentredString(width / 2, FOOTER_BASELINE, printed)
                self.setFont(FONT, name.size)
                self.drawString(MARGIN, FOOTER_BASELINE, name.lines[0])
                return
            # The name above the date, both from the left margin, its last line lowest.
            self.drawString(MARGIN, FOOTER_BASELINE, printed)
            self.setFont(FONT, name.size)
            lowest = FOOTER_BASELINE + FOOTER_SIZE + 2
            for above, line in enumerate(reversed(name.lines)):
                self.drawString(MARGIN, lowest + above * name.leading, line)

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
    running_head: str = "",
) -> bytes:
    """Lay ``story`` out on numbered pages with the organisation's footer and logo, and
    ``running_head`` atop every page after the first."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=organisation,
    )
    document.build(
        story,
        canvasmaker=numbered_canvas(
            organisation, printed_on or date.today(), logo, progress, running_head
        ),
    )
    return buffer.getvalue()
