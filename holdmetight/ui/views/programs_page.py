"""The Programmes page: the shipped and the organisation's own course templates."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from holdmetight.i18n import _
from holdmetight.services import programs
from holdmetight.services.changes import Kind
from holdmetight.services.programs import ProgramInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.handout_editor import HandoutEditor
from holdmetight.ui.dialogs.instruments import InstrumentsDialog
from holdmetight.ui.dialogs.outcome_plan import OutcomePlanDialog
from holdmetight.ui.dialogs.program_editor import ProgramEditor
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.program_tables import ProgramStepTableModel, ProgramTableModel
from holdmetight.ui.views.tables import make_table


class ProgramsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.title = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.new_button.clicked.connect(self.new_program)
        self.edit_button.clicked.connect(self.edit_program)
        self.model = ProgramTableModel(self)
        self.table = make_table(self.model, sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self.edit_program())
        self.steps_model = ProgramStepTableModel(self)
        self.steps_table = make_table(self.steps_model, sortable=False, stretch_column=1)
        self.steps_table.doubleClicked.connect(lambda _index: self.edit_handout())
        self.handout_button = QPushButton()
        self.handout_button.clicked.connect(self.edit_handout)
        # Outcome measurement: which questionnaires a programme's courses use, and when.
        self.plan_button = QPushButton()
        self.plan_button.clicked.connect(self.edit_plan)
        self.instruments_button = QPushButton()
        self.instruments_button.clicked.connect(self.edit_instruments)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.handout_button)
        bar.addWidget(self.plan_button)
        bar.addWidget(self.instruments_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.steps_table)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(splitter, stretch=1)
        self.freshness = Freshness(self, context, {Kind.PROGRAMS}, self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<b>" + _("Programmes") + "</b>")
        self.table.setAccessibleName(_("Programmes"))
        self.steps_table.setAccessibleName(_("Steps of the programme"))
        self.note.setText(
            _(
                "A course keeps the steps it was planned with; editing a programme changes only "
                "courses created afterwards."
            )
        )
        self.new_button.setText(_("New programme…"))
        self.edit_button.setText(_("Edit programme…"))
        self.handout_button.setText(_("Edit handout of step…"))
        self.plan_button.setText(_("Questionnaires per wave…"))
        self.plan_button.setToolTip(
            _(
                "Which questionnaires the programme's partners fill in before, after and at "
                "follow-up"
            )
        )
        self.instruments_button.setText(_("Questionnaires…"))
        self.instruments_button.setToolTip(_("The questionnaires: shipped and your own"))
        self.model.retranslate()
        self.steps_model.retranslate()
        self.freshness.request()

    def selected(self) -> ProgramInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def refresh(self) -> None:
        current = self.selected()
        self.model.set_rows(self._context.call(programs.list_programs))
        target = 0
        for row in range(self.model.rowCount()):
            if current is not None and self.model.row_at(row).id == current.id:
                target = row
        if self.model.rowCount():
            self.table.selectRow(target)
        self._on_selection()

    def _on_selection(self, *_args: QItemSelection) -> None:
        program = self.selected()
        self.steps_model.set_rows(list(program.steps) if program else [])
        self.edit_button.setEnabled(program is not None)
        self.plan_button.setEnabled(program is not None)

    def edit_handout(self) -> None:
        rows = self.steps_table.selectionModel().selectedRows()
        if not rows:
            return
        step = self.steps_model.row_at(rows[0].row())
        HandoutEditor(self._context, step.code, f"{step.position}. {step.title}", self).exec()

    def new_program(self) -> None:
        ProgramEditor(self._context, None, self).exec()

    def edit_program(self) -> None:
        program = self.selected()
        if program is not None:
            ProgramEditor(self._context, program, self).exec()

    def edit_plan(self) -> None:
        program = self.selected()
        if program is not None:
            OutcomePlanDialog(
                self._context, program_id=program.id, title=program.name, parent=self
            ).exec()

    def edit_instruments(self) -> None:
        InstrumentsDialog(self._context, self).exec()
