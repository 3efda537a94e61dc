"""Our PDFs as pages for the screen and the printer, one page at a time.

reportlab makes the documents; pdfium (pypdfium2) renders a page to an image. Printing paints
each page at the printer's resolution (up to :data:`PRINT_DPI_LIMIT`) and lets go of it before
the next, so a course's worth of handouts never sits in memory as images. Painting on a
``QPrinter`` is allowed outside the GUI thread, so printing runs in a worker.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.internal as pdfium_internal
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.progress import Cancelled, Progress

# Text and lines are sharp at 300 dpi on office printers; more would multiply memory and time
# per page without a visible difference.
PRINT_DPI_LIMIT = 300
# A page goes to the printer in bands of this many rows: Qt holds Python's lock while it paints,
# and a band is painted quickly enough for the window to stay responsive in between.
BAND_ROWS = 256


class PdfPages:
    """An open PDF whose pages are rendered on request."""

    def __init__(self, pdf: bytes) -> None:
        self._document = pdfium.PdfDocument(pdf)
        self._pixels: Any = None  # one buffer for every page rendered, not one each

    def _bitmap(self, width: int, height: int, *, format: int, **options: Any) -> pdfium.PdfBitmap:
        stride = (width * pdfium_internal.BitmapTypeToNChannels[format] + 3) // 4 * 4
        if self._pixels is None or len(self._pixels) < stride * height:
            self._pixels = (ctypes.c_ubyte * (stride * height))()
        return pdfium.PdfBitmap.new_native(
            width, height, format, buffer=self._pixels, stride=stride, **options
        )

    def __len__(self) -> int:
        return len(self._document)

    def close(self) -> None:
        self._document.close()

    def landscape(self) -> bool:
        width, height = self._document[0].get_size() if len(self) else (0, 0)
        return width > height

    @contextmanager
    def rendered(self, index: int, dpi: float) -> Iterator[QImage]:
        """Page ``index`` as an image on pdfium's own pixels, valid inside the block only."""
        page = self._document[index]
        try:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, bitmap_maker=self._bitmap)
            try:
                yield QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                )
            finally:
                bitmap.close()
        finally:
            page.close()

    def image(self, index: int, dpi: float) -> QImage:
        """Page ``index`` as an image that owns its pixels."""
        with self.rendered(index, dpi) as image:
            return image.copy()


def orientation(pdf: bytes) -> QPageLayout.Orientation:
    pages = PdfPages(pdf)
    try:
        landscape = pages.landscape()
    finally:
        pages.close()
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def page_count(pdf: bytes) -> int:
    pages = PdfPages(pdf)
    try:
        return len(pages)
    finally:
        pages.close()


def _paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """Scale ``image`` to the printable area, keeping its proportions, and paint it in bands."""
    area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    area.moveTo(0, 0)
    size = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
    scale = size.height() / image.height()
    for top in range(0, image.height(), BAND_ROWS):
        # Each band reaches one row into the next, which paints over it: no seam between them.
        rows = min(BAND_ROWS + 1, image.height() - top)
        source = QRectF(0, top, image.width(), rows)
        target = QRectF(0, top * scale, size.width(), rows * scale)
        painter.drawImage(target, image, source)


def page_range(printer: QPrinter, total: int) -> tuple[int, int]:
    """The first and last of ``total`` pages (counted from 1) that the print dialog asked for."""
    if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return min(printer.fromPage(), total), min(max(printer.toPage(), printer.fromPage()), total)
    return 1, total


def pages_of(pdf: bytes, first: int, last: int) -> bytes:
    """The PDF with only pages ``first`` to ``last`` (counted from 1), still as text."""
    source = pdfium.PdfDocument(pdf)
    try:
        if first == 1 and last == len(source):
            return pdf
        part = pdfium.PdfDocument.new()
        try:
            part.import_pages(source, list(range(first - 1, last)))
            buffer = io.BytesIO()
            part.save(buffer)
            return buffer.getvalue()
        finally:
            part.close()
    finally:
        source.close()


def print_pdf(printer: QPrinter, pdf: bytes, progress: Progress) -> None:
    """Paint the pages of ``pdf`` that the print dialog asked for on ``printer``, one at a
    time, scaled to the printable area.

    Cancelling aborts the print job; a PDF file being printed to is then removed. Where the
    printer's driver cannot take back what it was sent (CUPS on Linux), the user is told.
    """
    pages = PdfPages(pdf)
    first, last = page_range(printer, len(pages))
    painter = QPainter()
    if not painter.begin(printer):
        pages.close()
        raise HoldMeTightError(_("The printer could not be started. Check it and try again."))
    dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
    total = last - first + 1
    try:
        for done, index in enumerate(range(first - 1, last)):
            progress(done, total)
            if done:
                printer.newPage()
            with pages.rendered(index, dpi) as image:
                _paint_page(painter, printer, image)
        progress(total, total)
    except Cancelled:
        taken_back = printer.abort()
        painter.end()
        if printer.outputFileName():
            Path(printer.outputFileName()).unlink(missing_ok=True)
        elif not taken_back:
            raise HoldMeTightError(
                _(
                    "Printing was stopped, but the printer could not be told to drop the pages "
                    "it had already received. Remove the job from the printer's queue if they "
                    "should not be printed."
                )
            ) from None
        raise
    finally:
        if painter.isActive():
            painter.end()
        pages.close()
