"""Printing our PDFs from the window: a preview, the printer, or saving the PDF.

The document is made once per language chosen, in a worker, and the preview, the printer and
the saved file all use that same PDF. Printing paints one page at a time in a worker (see
``pdf_pages``); the window stays responsive and the user can cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
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
from holdmetight.progress import Progress
from holdmetight.services.audit_trail import Output
from holdmetight.ui.background import Job, run_in_background
from holdmetight.ui.messages import show_error
from holdmetight.ui.pdf_pages import orientation, page_count, page_range, pages_of, print_pdf
from holdmetight.ui.pdf_preview import PdfPreview
from holdmetight.ui.widgets import fill_combo, select_data

Render = Callable[[str, Progress], bytes]
"""Makes the PDF in the chosen language (or other choice), reporting pages made."""

Record = Callable[[Output, str], None]
"""Notes in the audit trail that the document leaves the application, how and in which
language (or other choice), before it leaves; an error it raises stops it from leaving."""


def ask_pdf_name(parent: QWidget | None, suggested: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Save as PDF"), str(Path.home() / suggested), _("PDF files (*.pdf)")
    )
    return Path(name).with_suffix(".pdf") if name else None


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
        record: Record | None = None,
        language_choice: bool = True,
    ) -> None:
        """Without ``language_choice`` the document has its languages of its own (letters,
        each in its reader's language): none is asked."""
        super().__init__(parent)
        self._record = record
        self.setWindowTitle(title)
        self._title = title
        self._render = render
        self._file_name = file_name
        self._made: dict[str, bytes] = {}
        self.job: Job[Any] | None = None
        self.saved_to: Path | None = None
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
        form.setRowVisible(self.language_combo, language_choice)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def with_pdf(self, then: Callable[[bytes], None]) -> None:
        """Hand the PDF in the chosen language to ``then``: made once, in a worker."""
        choice = str(self.language_combo.currentData())
        if choice in self._made:
            then(self._made[choice])
            return

        def keep(pdf: bytes) -> None:
            self._made[choice] = pdf
            then(pdf)

        self._start(
            _("Making the document…"), lambda progress: self._render(choice, progress), keep
        )

    def _start(
        self, label: str, work: Callable[[Progress], Any], then: Callable[[Any], None]
    ) -> None:
        """One job at a time: the buttons wait until it is over, so a quick second click
        neither makes the document twice nor opens windows out of order."""
        buttons = (self.preview_button, self.print_button, self.save_button, self.close_button)
        for button in buttons:
            button.setEnabled(False)

        def ready() -> None:
            for button in buttons:
                button.setEnabled(True)

        self.job = run_in_background(self, label, work, then)
        self.job.finished.connect(ready)

    def _printer(self, pdf: bytes) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation(pdf))
        printer.setDocName(self._file_name)
        return printer

    def preview(self) -> None:
        self.with_pdf(self._preview)

    def _preview(self, pdf: bytes) -> None:
        PdfPreview(self._title, pdf, self.print_, self.save, self).exec()

    def print_(self) -> None:
        self.with_pdf(self._choose_printer)

    def _choose_printer(self, pdf: bytes) -> None:
        printer = self._printer(pdf)
        if not QPrintDialog(printer, self).exec():
            return
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            first, last = page_range(printer, page_count(pdf))
            self._write(
                Path(printer.outputFileName()).with_suffix(".pdf"), pages_of(pdf, first, last)
            )
        elif self._recorded(Output.PRINT):
            self.print_on(printer, pdf)

    def _recorded(self, how: Output) -> bool:
        """Whether the audit trail took note of the document leaving (it leaves only then)."""
        if self._record is None:
            return True
        try:
            self._record(how, str(self.language_combo.currentData()))
        except HoldMeTightError as error:
            show_error(self, error)
            return False
        return True

    def print_on(self, printer: QPrinter, pdf: bytes) -> None:
        """Paint ``pdf`` on ``printer`` in a worker, a page at a time."""
        self._start(_("Printing…"), lambda progress: print_pdf(printer, pdf, progress), _nothing)

    def save(self) -> None:
        target = ask_pdf_name(self, self._file_name)
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> None:
        """Write the PDF to ``target`` once it is made; a cancelled save writes nothing."""

        self.with_pdf(lambda pdf: self._write(target, pdf))

    def _write(self, target: Path, pdf: bytes) -> None:
        """The document itself, not pictures of its pages: "print to file" is a save."""
        if not self._recorded(Output.EXPORT):
            return
        try:
            write_export(target, pdf)
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.saved_to = target


def _nothing(_result: object) -> None:
    return None
