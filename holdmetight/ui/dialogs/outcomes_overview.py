"""Outcome measurement across courses: the questionnaires due now, and the figures of the
courses that started in a period."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.progress import Progress
from holdmetight.services import outcome_figures, outcome_scores
from holdmetight.services.outcome_figures import OutcomeFigures, Selection
from holdmetight.ui.background import run_in_background
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.score_entry import ScoreEntryDialog
from holdmetight.ui.messages import show_error
from holdmetight.ui.views.outcomes_tab import DueTableModel, figures_html, print_outcomes
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import date_edit, from_qdate, open_wide


def _closing(parent: QDialog) -> QDialogButtonBox:
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(parent.reject)
    return close


class DueQuestionnairesDialog(QDialog):
    """Who still has to fill in what: due in the last 60 days or the next 14, follow-ups
    included; a double-click enters the scores."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Questionnaires due"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = DueTableModel(self, with_course=True)
        self.table = make_table(self.model, sortable=False, stretch_column=2)
        self.table.setAccessibleName(_("Questionnaires due"))
        self.table.doubleClicked.connect(lambda _index: self.enter())
        self.enter_button = QPushButton(_("Enter scores…"))
        self.enter_button.clicked.connect(self.enter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, stretch=1)
        buttons.addWidget(self.enter_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(_closing(self))
        self.reload()
        open_wide(self, 900)

    def reload(self) -> None:
        due = self._context.call(outcome_scores.due_questionnaires)
        with keeping_place(self.table):
            self.model.set_rows(due)
        self.note.setText(
            _(
                "Partners who still have to fill in questionnaires that fell due in the last 60 "
                "days or fall due in the next 14: {n}."
            ).format(n=len(due))
        )
        self.enter_button.setEnabled(bool(due))

    def enter(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.model.rowCount():
            self.table.selectRow(0)
            rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.model.row_at(rows[0].row())
        if ScoreEntryDialog(self._context, item.course_id, item.couple_id, item.wave, self).exec():
            self.reload()


class OutcomeFiguresDialog(QDialog):
    """The figures of every course that started in a period, together."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Outcome figures"))
        today = date.today()
        self.first = date_edit(date(today.year, 1, 1))
        self.first.setAccessibleName(_("First day of the period"))
        self.last = date_edit(today)
        self.last.setAccessibleName(_("Last day of the period"))
        show = QPushButton(_("Show"))
        show.clicked.connect(self.reload)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_figures)
        self.courses = QLabel()
        self.courses.setWordWrap(True)
        self.figures = QTextBrowser()
        self.figures.setAccessibleName(_("Outcome figures"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Courses starting between")))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(_("and")))
        bar.addWidget(self.last)
        bar.addWidget(show)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.courses)
        layout.addWidget(self.figures, stretch=1)
        layout.addWidget(_closing(self))
        self.reload()
        open_wide(self, 900)
        self.resize(self.width(), 620)

    def selection(self) -> Selection:
        return Selection(first=from_qdate(self.first.date()), last=from_qdate(self.last.date()))

    def reload(self) -> None:
        """Work out the figures in the background: years of scores take a few seconds."""
        selection = self.selection()
        try:
            selection.check()
        except HoldMeTightError as error:
            show_error(self, error)
            return

        def work(_progress: Progress) -> OutcomeFigures:
            return self._context.call(outcome_figures.outcome_figures, selection=selection)

        run_in_background(self, _("Working out the figures…"), work, self.show_figures)

    def show_figures(self, figures: OutcomeFigures) -> None:
        self.courses.setText(_("Courses: {codes}").format(codes=", ".join(figures.courses) or "–"))
        self.figures.setHtml(figures_html(figures))

    def print_figures(self) -> None:
        selection = self.selection()
        try:
            selection.check()
        except HoldMeTightError as error:
            show_error(self, error)
            return
        print_outcomes(self, self._context, selection)
