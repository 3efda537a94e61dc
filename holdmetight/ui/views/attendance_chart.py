"""A small bar chart: the share of partners present (or late) at each meeting."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.i18n import _
from holdmetight.services.attendance import AttendanceGrid

CAME = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
BAR = QColor("#5b9a55")
EMPTY_BAR = QColor("#dddddd")


def shares(grid: AttendanceGrid) -> list[tuple[str, float | None]]:
    """(label, share present) per meeting; None where nothing was recorded or it was cancelled."""
    result: list[tuple[str, float | None]] = []
    for meeting in grid.meetings:
        label = f"{meeting.position}{'+' if meeting.is_makeup else ''}"
        if meeting.status is GroupSessionStatus.CANCELLED:
            result.append((label, None))
            continue
        recorded = came = 0
        for couple in grid.couples:
            for status in grid.mark(couple.enrollment_id, meeting.id):
                if status is not None:
                    recorded += 1
                    came += status in CAME
        result.append((label, came / recorded if recorded else None))
    return result


class AttendanceChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float | None]] = []
        self.setMinimumHeight(90)

    def sizeHint(self) -> QSize:
        return QSize(400, 100)

    def show_grid(self, grid: AttendanceGrid) -> None:
        self.bars = shares(grid)
        known = [
            f"{label}: {round(100 * share)}%" for label, share in self.bars if share is not None
        ]
        self.setToolTip(
            _("Present per meeting: {list}").format(list=", ".join(known)) if known else ""
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() / len(self.bars)
        label_height = painter.fontMetrics().height() + 2
        small = self._share_font(width)
        usable = self.height() - 2 * label_height
        for index, (label, share) in enumerate(self.bars):
            slot = QRectF(index * width, 0, width, self.height())
            x = slot.x() + width * 0.15
            bar_width = width * 0.7
            painter.fillRect(QRectF(x, label_height, bar_width, usable), EMPTY_BAR)
            if share is not None:
                height = usable * share
                painter.fillRect(QRectF(x, label_height + usable - height, bar_width, height), BAR)
                painter.save()
                painter.setFont(small)
                painter.drawText(
                    QRectF(slot.x(), 0, width, label_height),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{round(100 * share)}%",
                )
                painter.restore()
            painter.drawText(
                QRectF(slot.x(), self.height() - label_height, width, label_height),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        painter.end()

    def _share_font(self, width: float) -> QFont:
        """The widget's font, smaller where needed for "100%" to fit above a bar."""
        font = QFont(self.font())
        for _smaller in range(6):
            if QFontMetricsF(font).horizontalAdvance("100%") <= width:
                break
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * 0.9)
            else:
                font.setPixelSize(max(1, round(font.pixelSize() * 0.9)))
        return font
