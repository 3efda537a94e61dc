"""Printing our PDFs from the window: a preview, the printer dialog, or saving the PDF.

The documents are made by reportlab as PDF; pdfium (pypdfium2) renders each page at the
printer's resolution so that what is printed is exactly what is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language
from holdmetight.errors import HoldMeTightError
from holdmetight.exports import write_export
from holdmetight.i18n import _
from holdmetight.ui.actions import show_error
from holdmetight.ui.widgets import fill_combo, select_data

Render = Callable[[str], bytes]  # language -> PDF


def page_images(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())  # own the pixels before pdfium frees them
    finally:
        document.close()
    return images


def paint_pdf(printer: QPrinter, pdf: bytes) -> None:
    """Draw the PDF's pages on the printer, one page each, scaled to the printable area."""
    painter = QPainter(printer)
    try:
        for number, image in enumerate(page_images(pdf, min(printer.resolution(), 300))):
            if number:
                printer.newPage()
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            size = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.topLeft(), size.toSizeF()), image)
    finally:
        painter.end()


def _orientation(pdf: bytes) -> QPageLayout.Orientation:
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    return QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait


class PrintDialog(QDialog):
    """Choose the document's language, then preview, print or save it."""

    def __init__(
        self,
        title: str,
        file_name: str,
        render: Render,
        language: Language,
        parent: QWidget | None = None,
        extra_choices: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._render = render
        self._file_name = file_name
        self.language_combo = QComboBox()
        fill_combo(
            self.language_combo,
            [(lang.label, lang.value) for lang in Language] + list(extra_choices),
        )
        select_data(self.language_combo, language.value)
        self.preview_button = QPushButton(_("Preview…"))
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.close_button = QPushButton(_("Close"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(_("Language of the document:"), self.language_combo)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def pdf(self) -> bytes | None:
        try:
            return self._render(self.language_combo.currentData())
        except HoldMeTightError as error:
            show_error(self, error)
            return None

    def _printer(self, pdf: bytes) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(_orientation(pdf))
        printer.setDocName(self._file_name)
        return printer

    def preview(self) -> None:
        pdf = self.pdf()
        if pdf is None:
            return
        printer = self._printer(pdf)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.paintRequested.connect(lambda target: paint_pdf(target, pdf))
        dialog.exec()

    def print_(self) -> None:
        pdf = self.pdf()
        if pdf is None:
            return
        printer = self._printer(pdf)
        if QPrintDialog(printer, self).exec():
            paint_pdf(printer, pdf)

    def save(self) -> Path | None:
        pdf = self.pdf()
        if pdf is None:
            return None
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / self._file_name), _("PDF files (*.pdf)")
        )
        if not name:
            return None
        target = Path(name).with_suffix(".pdf")
        try:
            write_export(target, pdf)
        except HoldMeTightError as error:
            show_error(self, error)
            return None
        return target
