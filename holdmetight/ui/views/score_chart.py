"""A small line chart of one questionnaire: both partners' scores at each wave, on the
questionnaire's own scale, with its cut-off dashed and which way is better."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from holdmetight.domain.enums import OutcomeWave
from holdmetight.i18n import _, format_number
from holdmetight.services.instruments import InstrumentInfo

# Two colours told apart by people with the common colour-vision deficiencies (Okabe & Ito).
PARTNER_COLOURS = (QColor("#0072b2"), QColor("#e69f00"))
WAVES = tuple(OutcomeWave)


class ScoreChart(QWidget):
    def __init__(
        self,
        instrument: InstrumentInfo,
        partners: tuple[str, str],
        scores: dict[tuple[int, OutcomeWave], Decimal],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.partners = partners
        self.scores = scores
        self.setMinimumSize(280, 170)
        described = [
            _("{partner}, {wave}: {score}").format(
                partner=partners[p - 1], wave=wave.label, score=format_number(score)
            )
            for (p, wave), score in sorted(
                scores.items(), key=lambda kv: (kv[0][0], WAVES.index(kv[0][1]))
            )
        ]
        self.setAccessibleName(_("Scores on {name}").format(name=instrument.name))
        self.setAccessibleDescription("; ".join(described))
        self.setToolTip("\n".join(described))

    def sizeHint(self) -> QSize:
        return QSize(340, 190)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        d = self.instrument.definition
        low, high = float(d.score_min), float(d.score_max)
        left = metrics.horizontalAdvance(format_number(d.score_max)) + 8
        plot = QRectF(left, line * 1.5, self.width() - left - 10, self.height() - line * 4.2)

        def y(score: float) -> float:
            return plot.bottom() - (score - low) / (high - low) * plot.height()

        def x(index: int) -> float:
            return plot.left() + plot.width() * (index + 0.5) / len(WAVES)

        painter.setPen(text)
        direction = _("higher is better") if d.higher_is_better else _("lower is better")
        heading = f"{self.instrument.code} ({direction})"
        if d.cutoff is not None:
            heading += " · " + _("- - - cut-off {value}").format(value=format_number(d.cutoff))
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, heading)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(plot)
        painter.setPen(text)
        for value in (d.score_min, d.score_max):
            painter.drawText(
                QRectF(0, y(float(value)) - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_number(value),
            )
        for index, wave in enumerate(WAVES):
            painter.drawText(
                QRectF(x(index) - plot.width() / 6, plot.bottom() + 2, plot.width() / 3, line),
                Qt.AlignmentFlag.AlignCenter,
                wave.label,
            )
        if d.cutoff is not None:
            pen = QPen(palette.color(QPalette.ColorRole.Mid))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            at = y(float(d.cutoff))
            painter.drawLine(QPointF(plot.left(), at), QPointF(plot.right(), at))
        legend_x = plot.left()
        for position, colour in enumerate(PARTNER_COLOURS, start=1):
            points = [
                QPointF(x(i), y(float(self.scores[(position, wave)])))
                for i, wave in enumerate(WAVES)
                if (position, wave) in self.scores
            ]
            pen = QPen(colour, 2)
            painter.setPen(pen)
            painter.setBrush(colour)
            for a, b in pairwise(points):
                painter.drawLine(a, b)
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
            label = self.partners[position - 1]
            legend_y = self.height() - line * 1.2
            painter.drawLine(
                QPointF(legend_x, legend_y + line / 2), QPointF(legend_x + 14, legend_y + line / 2)
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(legend_x + 18, legend_y, plot.width() / 2 - 20, line),
                Qt.AlignmentFlag.AlignLeft,
                label,
            )
            legend_x += plot.width() / 2
