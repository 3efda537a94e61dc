"""Letters on A4 for a window envelope: the address shows through a window on the left.

Each letter starts on a new page, with the organisation's logo or name at the top, its return
details beside the window, the recipient's address inside the window, the place and date, the
subject in bold and the text, which goes on over as many pages as it needs. A4 is folded in
three for a C5/6 or EA5/6 envelope (the marks on the left edge at 99 and 198 mm), so the
window's rectangle lies in the top third.

Where the window is: DIN 5008 form B and the DIN left-hand windows of C5/6 envelopes (90 x 45
mm, 20 mm from the envelope's left edge, as listed in the Swiss envelope standard SN 010130
beside the DIN one) put the address field 20 mm from the sheet's left edge and 45 mm from its
top, 85-90 mm wide and 45 mm high; the NTG letter class for NEN 1026 (isodoc) centres its
address 63.5 mm from the top. No published Dutch figure was found to be more exact, so the
defaults are 20 mm from the left and 50 mm from the top, 90 x 40 mm: inside each of those
fields. The organisation's settings give the left and top of its own envelopes' window.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph

from holdmetight.domain.enums import MessageChannel
from holdmetight.domain.organisation import LETTER_WINDOW_LEFT_MM, LETTER_WINDOW_TOP_MM
from holdmetight.i18n import _, long_date, using_language
from holdmetight.reports.common import FONT, FONT_BOLD, FOOTER_SIZE, fitted, register_fonts
from holdmetight.services.message_fields import Sender
from holdmetight.services.messages import Draft

__all__ = ["Letter", "Sender", "Window", "letters_of", "render_letters"]

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 20 * mm  # pages after a letter's first; the first begins below its window
BOTTOM_MARGIN = 20 * mm
FOOTER_BASELINE = 10 * mm
RUNNING_HEAD_BASELINE = 12 * mm  # from the top edge, on the pages after a letter's first
GREY = colors.HexColor("#555555")

FOLDS_MM = (99.0, 198.0)  # A4 folded in three
FOLD_MARK = (4 * mm, 9 * mm)  # from the left edge to where each fold mark ends

# Inside the window: room between its edges and the text, the return line's type.
WINDOW_PADDING_X = 4 * mm
WINDOW_PADDING_Y = 3 * mm
UNPRINTABLE = 6 * mm  # along the sheet's edges, where an office printer may not print
RETURN_SIZE = 7.0
RETURN_GAP = 1.5 * mm
ADDRESS_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0)  # the address in smaller type before it wraps
LEADING = 1.25  # line spacing of the address, as a multiple of its type size

LOGO_TOP = 12 * mm
LOGO_HEIGHT = 18 * mm
LOGO_WIDTH = 60 * mm
NAME_SIZE = 14.0
DETAILS_SIZE = 8.5
DETAILS_GAP = 8 * mm  # between the window and the return details beside it
BODY_GAP = 8 * mm  # between the window (or the details) and the date line

POSTCODE = re.compile(r"^\s*\d{4}\s*[A-Za-z]{2}\s+(?P<town>\S.*?)\s*$")


@dataclass(frozen=True)
class Letter:
    language: str  # "nl" or "en": dates and fixed words on the letter follow it
    recipient: tuple[str, ...]  # address lines: name, street and number, postcode and town
    subject: str
    body: str  # paragraphs between blank lines; a single newline breaks the line
    date: datetime.date  # printed in the long form of the letter's language


@dataclass(frozen=True)
class Window:
    """The envelope's address window, in mm from the sheet's left and top edges."""

    left_mm: float = LETTER_WINDOW_LEFT_MM
    top_mm: float = LETTER_WINDOW_TOP_MM
    width_mm: float = 90.0
    height_mm: float = 40.0

    @property
    def left(self) -> float:
        return self.left_mm * mm

    @property
    def right(self) -> float:
        return (self.left_mm + self.width_mm) * mm

    @property
    def top(self) -> float:
        """Points from the sheet's bottom edge (where PDF measures from)."""
        return PAGE_HEIGHT - self.top_mm * mm

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT - (self.top_mm + self.height_mm) * mm

    def text_box(self) -> tuple[float, float, float, float]:
        """Left, right, top and bottom of where text goes in the window: clear of its edges,
        and of the sheet's edges where a printer may not reach."""
        left = max(self.left + WINDOW_PADDING_X, UNPRINTABLE)
        right = min(self.right - WINDOW_PADDING_X, PAGE_WIDTH - UNPRINTABLE)
        top = min(self.top - WINDOW_PADDING_Y, PAGE_HEIGHT - UNPRINTABLE)
        bottom = max(self.bottom + WINDOW_PADDING_Y, UNPRINTABLE)
        return left, right, top, bottom


@dataclass(frozen=True)
class AddressBlock:
    """The address as it is set in the window: its lines, their type size and spacing."""

    lines: tuple[str, ...]
    size: float
    with_return_line: bool

    @property
    def leading(self) -> float:
        return self.size * LEADING


def _clipped(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut short with an ellipsis where it would run wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text.rstrip() + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def address_block(recipient: Sequence[str], window: Window) -> AddressBlock:
    """How the address fits the window: the return line above it when there is room, each
    line whole in the largest type that allows (down to 8 pt), else wrapped within the
    window's width, and only an address too long for the window cut short, with an ellipsis."""
    register_fonts()
    # Each line as given, the double space PostNL asks between postcode and town kept.
    lines = [line.replace("\t", " ").strip() for line in recipient if line.strip()]
    left, right, top, bottom = window.text_box()
    width, inside = right - left, top - bottom
    below_return = inside - RETURN_SIZE - RETURN_GAP
    for room, with_return in ((below_return, True), (inside, False)):
        for size in ADDRESS_SIZES:
            across = all(stringWidth(line, FONT, size) <= width for line in lines)
            if across and len(lines) * size * LEADING <= room:
                return AddressBlock(tuple(lines), size, with_return)
    # Too wide even in the smallest type: wrapped, then cut to the lines the window holds.
    size = ADDRESS_SIZES[-1]
    wrapped = [part for line in lines for part in simpleSplit(line, FONT, size, width)]
    for room, with_return in ((below_return, True), (inside, False)):
        if len(wrapped) * size * LEADING <= room:
            return AddressBlock(
                tuple(_clipped(part, FONT, size, width) for part in wrapped), size, with_return
            )
    room_for = max(1, int(inside // (size * LEADING)))
    kept = wrapped[:room_for]
    if len(wrapped) > room_for:
        kept[-1] = kept[-1] + "…"
    return AddressBlock(tuple(_clipped(part, FONT, size, width) for part in kept), size, False)


def town(sender: Sender) -> str:
    """The sender's town, from the address line that starts with a Dutch postcode."""
    for line in reversed(sender.address_lines):
        found = POSTCODE.match(line)
        if found:
            return found.group("town")
    return ""


def date_line(letter: Letter, sender: Sender) -> str:
    """ "Utrecht, donderdag 26 november 2026": the place, if known, and the letter's date."""
    when = long_date(letter.date, language=letter.language)
    place = town(sender)
    return f"{place}, {when}" if place else when


def _paragraphs(body: str) -> list[str]:
    """The body's paragraphs as paragraph markup: blank lines part them, newlines break lines."""
    parts = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip())
    return [
        "<br/>".join(escape(line.rstrip()) for line in part.strip("\n").split("\n"))
        for part in parts
        if part.strip()
    ]


def letter_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("letter", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=9)
    return {
        "body": body,
        "date": ParagraphStyle("date", parent=body, spaceAfter=10),
        "subject": ParagraphStyle("subject", parent=body, fontName=FONT_BOLD, spaceAfter=16),
    }


class LetterHead(Flowable):
    """The top of a letter's first page, down to where its date line begins: the logo or
    name, the fold marks, the return details beside the window and the address in it.

    It is the first thing in the page's frame, and draws at fixed places on the sheet."""

    def __init__(self, letter: Letter, sender: Sender, window: Window) -> None:
        super().__init__()
        self.letter, self.sender, self.window = letter, sender, window
        self.details = self._details()
        self._at = (0.0, 0.0)

    def _details(self) -> list[tuple[str, str]]:
        """The return details as (font, line): the name, the address, phone and e-mail."""
        with using_language(self.letter.language):
            phone_label, email_label = _("Phone:"), _("E-mail:")
        phone = f"{phone_label} {self.sender.phone}" if self.sender.phone else ""
        email = f"{email_label} {self.sender.email}" if self.sender.email else ""
        lines = [(FONT_BOLD, self.sender.name)]
        lines += [(FONT, line) for line in self.sender.address_lines if line.strip()]
        lines += [(FONT, line) for line in (phone, email) if line]
        return lines

    def _details_column(self) -> tuple[float, float]:
        """The left edge and width of the return details: beside the window, on the side of
        the page it leaves the wider."""
        w = self.window
        right_room = PAGE_WIDTH - RIGHT_MARGIN - (w.right + DETAILS_GAP)
        left_room = w.left - DETAILS_GAP - LEFT_MARGIN
        if right_room >= left_room:
            return w.right + DETAILS_GAP, right_room
        return LEFT_MARGIN, left_room

    def _details_bottom(self) -> float:
        return self.window.top - len(self.details) * DETAILS_SIZE * LEADING

    def body_top(self) -> float:
        """Where the text below the window begins."""
        return min(self.window.bottom, self._details_bottom()) - BODY_GAP

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, PAGE_HEIGHT - TOP_MARGIN - self.body_top()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        self._at = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canvas = self.canv
        begin = getattr(canvas, "begin_letter", None)
        if begin is not None:
            begin(self.letter)
        canvas.saveState()
        canvas.translate(-self._at[0], -self._at[1])  # draw in the sheet's own coordinates
        self._draw_top()
        self._draw_folds()
        self._draw_details()
        self._draw_address()
        canvas.restoreState()

    def _draw_top(self) -> None:
        """The logo at the top left, or without one the organisation's name in large type."""
        canvas = self.canv
        height = min(LOGO_HEIGHT, self.window.top_mm * mm - LOGO_TOP - 4 * mm)
        if self.sender.logo_png and height >= 6 * mm:
            picture = ImageReader(io.BytesIO(self.sender.logo_png))
            wide, high = picture.getSize()
            width = min(height * wide / high, LOGO_WIDTH)
            canvas.drawImage(
                picture,
                LEFT_MARGIN,
                PAGE_HEIGHT - LOGO_TOP - height,
                width=width,
                height=height,
                preserveAspectRatio=True,
                anchor="nw",
                mask="auto",
            )
            return
        width, size = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN, NAME_SIZE
        while size > 10 and stringWidth(self.sender.name, FONT_BOLD, size) > width:
            size -= 0.5
        name = _clipped(self.sender.name, FONT_BOLD, size, width)
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(LEFT_MARGIN, PAGE_HEIGHT - LOGO_TOP - size, name)

    def _draw_folds(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.5)
        for fold in FOLDS_MM:
            y = PAGE_HEIGHT - fold * mm
            canvas.line(FOLD_MARK[0], y, FOLD_MARK[1], y)

    def _draw_details(self) -> None:
        """The organisation's name, address, phone and e-mail beside the window, its first
        line level with the window's top."""
        canvas = self.canv
        left, width = self._details_column()
        if width < 20 * mm:
            return  # the window leaves no room beside it; the name is at the top
        leading = DETAILS_SIZE * LEADING
        baseline = self.window.top - DETAILS_SIZE
        canvas.setFillColor(GREY)
        for font, line in self.details:
            canvas.setFont(font, DETAILS_SIZE)
            canvas.drawString(left, baseline, _clipped(line, font, DETAILS_SIZE, width))
            baseline -= leading
        canvas.setFillColor(colors.black)

    def return_line(self) -> str:
        return " · ".join([self.sender.name, *(a for a in self.sender.address_lines if a)])

    def _draw_address(self) -> None:
        """The return line in small type at the top of the window, the address below it."""
        canvas = self.canv
        w = self.window
        block = address_block(self.letter.recipient, w)
        left, right, top, _bottom = w.text_box()
        width = right - left
        if block.with_return_line:
            text = _clipped(self.return_line(), FONT, RETURN_SIZE, width)
            canvas.setFillColor(GREY)
            canvas.setFont(FONT, RETURN_SIZE)
            canvas.drawString(left, top - RETURN_SIZE * 0.8, text)
            canvas.setFillColor(colors.black)
            top -= RETURN_SIZE + RETURN_GAP
        canvas.setFont(FONT, block.size)
        baseline = top - block.size * 0.8
        for line in block.lines:
            canvas.drawString(left, baseline, line)
            baseline -= block.leading


def letter_story(letter: Letter, sender: Sender, window: Window) -> list[Flowable]:
    """One letter's flowables, its fixed words in the letter's language."""
    s = letter_styles()
    with using_language(letter.language):
        label = _("Subject:")
    subject = f"{label} {letter.subject}"
    return [
        LetterHead(letter, sender, window),
        Paragraph(escape(date_line(letter, sender)), s["date"]),
        Paragraph(escape(subject), s["subject"]),
        *(Paragraph(part, s["body"]) for part in _paragraphs(letter.body)),
    ]


def letter_canvas(sender: Sender) -> type[Canvas]:
    """A canvas that numbers the pages of each letter that runs over more than one ("page 2
    of 3" in the letter's language) and heads every page after a letter's first with the
    organisation and the recipient, so loose sheets find their letter again."""

    class LetterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT  # no Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._starts: list[tuple[int, Letter]] = []  # first page (from 0), letter

        def begin_letter(self, letter: Letter) -> None:
            self._starts.append((len(self._pages), letter))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            ends = [start for start, _letter in self._starts[1:]] + [len(self._pages)]
            for (start, letter), end in zip(self._starts, ends, strict=True):
                for index in range(start, end):
                    self.__dict__.update(self._pages[index])
                    self._margins(letter, index - start + 1, end - start)
                    super().showPage()
            super().save()

        def _margins(self, letter: Letter, number: int, total: int) -> None:
            self.setFillColor(GREY)
            self.setFont(FONT, FOOTER_SIZE)
            if total > 1:
                with using_language(letter.language):
                    page = _("page {n} of {total}").format(n=number, total=total)
                self.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, FOOTER_BASELINE, page)
            if number > 1:
                whom = letter.recipient[0] if letter.recipient else ""
                head = " · ".join(part for part in (sender.name, whom) if part)
                text, size = fitted(head, PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN, FOOTER_SIZE)
                self.setFont(FONT, size)
                self.drawString(LEFT_MARGIN, PAGE_HEIGHT - RUNNING_HEAD_BASELINE, text)

    return LetterCanvas


def render_letters(letters: Sequence[Letter], *, sender: Sender, window: Window) -> bytes:
    """The letters as one PDF on A4: each starts on a new page, and a long one goes on over
    the pages after. ValueError if there are none."""
    if not letters:
        raise ValueError("no letters to print")
    register_fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=letters[0].subject if len(letters) == 1 else sender.name,
        author=sender.name,
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    document.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    story: list[Flowable] = []
    for number, letter in enumerate(letters):
        if number:
            story.append(PageBreak())
        story += letter_story(letter, sender, window)
    document.build(story, canvasmaker=letter_canvas(sender))
    return buffer.getvalue()


def letters_of(drafts: Sequence[Draft], on: datetime.date) -> list[Letter]:
    """The letters among ``drafts``, dated ``on``."""
    return [
        Letter(
            language=d.language.value,
            recipient=tuple(d.recipient.splitlines()),
            subject=d.subject,
            body=d.body,
            date=on,
        )
        for d in drafts
        if d.channel == MessageChannel.LETTER
    ]
