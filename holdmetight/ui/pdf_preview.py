"""Looking at a document before printing it: one page on screen at a time.

Only the page shown is rendered, at the screen's resolution, so a preview of a whole course's
handouts opens at once and holds one page in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.i18n import _
from holdmetight.ui.pdf_pages import PdfPages

ZOOMS = (0.75, 1.0, 1.25, 1.5, 2.0)


class PdfPreview(QDialog):
    """A page at a time, with Print and Save for the very document shown."""

    def __init__(
        self,
        title: str,
        pdf: bytes,
        print_: Callable[[], None],
        save: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pages = PdfPages(pdf)
        self._zoom = 1.0
        self.page = QLabel()
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.page)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QSpinBox()
        self.number.setRange(1, max(len(self._pages), 1))
        self.number.valueChanged.connect(lambda _value: self.show_page())
        self.number.setAccessibleName(_("Page"))
        self.of_label = QLabel(_("of {total}").format(total=len(self._pages)))
        self.previous_button = QPushButton(_("Previous page"))
        self.next_button = QPushButton(_("Next page"))
        self.previous_button.clicked.connect(lambda: self.number.stepBy(-1))
        self.next_button.clicked.connect(lambda: self.number.stepBy(1))
        self.zoom_out_button = QPushButton(_("Smaller"))
        self.zoom_in_button = QPushButton(_("Larger"))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1))
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.close_button = QPushButton(_("Close"))
        self.print_button.clicked.connect(print_)
        self.save_button.clicked.connect(save)
        self.close_button.clicked.connect(self.accept)
        for keys, step in (
            (QKeySequence.StandardKey.MoveToNextPage, 1),
            (QKeySequence.StandardKey.MoveToPreviousPage, -1),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(
                lambda s=step: self.number.stepBy(s)
            )
        for keys, step in (
            (QKeySequence.StandardKey.ZoomIn, 1),
            (QKeySequence.StandardKey.ZoomOut, -1),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda s=step: self.zoom(s))
        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.number,
            self.of_label,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, stretch=1)
        self._fit_to_screen()
        self.show_page()

    def _fit_to_screen(self) -> None:
        """As large as a page wants, never larger than the screen it opens on."""
        screen = self.screen().availableGeometry()
        self.resize(min(900, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9)))

    def zoom(self, step: int) -> None:
        index = ZOOMS.index(self._zoom) + step
        self._zoom = ZOOMS[max(0, min(index, len(ZOOMS) - 1))]
        self.show_page()

    def show_page(self) -> None:
        self.zoom_out_button.setEnabled(self._zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self._zoom < ZOOMS[-1])
        index = self.number.value() - 1
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._pages) - 1)
        if not len(self._pages):
            return
        ratio = self.devicePixelRatioF()
        dpi = self.logicalDpiX() * self._zoom * ratio
        pixmap = QPixmap.fromImage(self._pages.image(index, dpi))
        pixmap.setDevicePixelRatio(ratio)
        self.page.setPixmap(pixmap)

    def done(self, result: int) -> None:
        self._pages.close()
        super().done(result)
