"""A couple's questionnaires: per course a chart of both partners' scores per wave on each
questionnaire, and entering them."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import OutcomeWave
from holdmetight.i18n import _
from holdmetight.services import couples, instruments, outcome_scores
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.score_entry import ScoreEntryDialog
from holdmetight.ui.views.score_chart import ScoreChart
from holdmetight.ui.widgets import open_wide


class CoupleOutcomesDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self._partners = (couple.partners[0].given_name, couple.partners[1].given_name)
        self.setWindowTitle(_("Questionnaires: {names}").format(names=couple.names))
        self.holder = QVBoxLayout()
        inner = QWidget()
        inner.setLayout(self.holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(close)
        self.reload()
        open_wide(self, 820)
        self.resize(self.width(), 560)

    def reload(self) -> None:
        while self.holder.count():
            item = self.holder.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        scores = self._context.call(outcome_scores.couple_scores, couple_id=self._couple_id)
        known = {i.code: i for i in self._context.call(instruments.list_instruments)}
        courses = self._context.call(outcome_scores.measured_courses, couple_id=self._couple_id)
        if not courses:
            self.holder.addWidget(QLabel(_("This couple has not taken part in a course.")))
        for place in courses:
            box = QGroupBox(_("Course {code}").format(code=place.course_code))
            grid = QGridLayout(box)
            per_instrument: dict[str, dict[tuple[int, OutcomeWave], Decimal]] = defaultdict(dict)
            for s in scores:
                if s.course_id == place.course_id:
                    per_instrument[s.instrument_code][(s.partner, s.wave)] = s.score
            for index, (code, found) in enumerate(sorted(per_instrument.items())):
                grid.addWidget(
                    ScoreChart(known[code], self._partners, found), index // 2, index % 2
                )
            if not per_instrument:
                grid.addWidget(QLabel(_("No scores entered yet.")), 0, 0)
            enter = QPushButton(_("Enter scores…"))
            enter.clicked.connect(lambda _on, course_id=place.course_id: self.enter(course_id))
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(enter)
            grid.addLayout(buttons, 99, 0, 1, 2)
            self.holder.addWidget(box)
        self.holder.addStretch(1)

    def enter(self, course_id: int) -> None:
        if ScoreEntryDialog(self._context, course_id, self._couple_id, None, self).exec():
            self.reload()
