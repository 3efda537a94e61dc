"""Add or edit an organisation's own programme: names and the ordered steps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import ProgramVariant
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import programs
from holdmetight.services.programs import ProgramInfo, StepInput
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, save_cancel_buttons, select_data

COL_CODE, COL_TITLE_NL, COL_TITLE_EN, COL_MINUTES, COL_DAY = range(5)


class ProgramEditor(QDialog):
    """Without ``program`` it creates a new one; courses already planned are never changed."""

    def __init__(
        self, context: AppContext, program: ProgramInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._program = program
        self.saved: ProgramInfo | None = None
        self.setWindowTitle(_("Edit programme") if program else _("New programme"))
        self.code_edit = QLineEdit(program.code if program else "")
        self.code_edit.setEnabled(program is None)
        self.name_nl_edit = QLineEdit(program.name_nl if program else "")
        self.name_en_edit = QLineEdit(program.name_en if program else "")
        self.variant_combo = QComboBox()
        fill_combo(self.variant_combo, [(v.label, v.value) for v in ProgramVariant])
        select_data(
            self.variant_combo, (program.variant if program else ProgramVariant.OTHER).value
        )
        self.variant_combo.setEnabled(program is None)
        self.steps_table = QTableWidget(0, 5)
        self.steps_table.setHorizontalHeaderLabels(
            [_("Code"), _("Dutch title"), _("English title"), _("Minutes"), _("Day")]
        )
        self.steps_table.setAccessibleName(_("Steps of the programme"))
        self.steps_table.verticalHeader().setVisible(False)
        header = self.steps_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE_NL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TITLE_EN, QHeaderView.ResizeMode.Stretch)
        for step in program.steps if program else ():
            self.add_step(
                StepInput(step.code, step.title_nl, step.title_en, step.duration_minutes, step.day)
            )
        self.add_button = QPushButton(_("Add step"))
        self.remove_button = QPushButton(_("Remove step"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(lambda: self.add_step(StepInput("", "", "", 120)))
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

        form = QFormLayout()
        form.addRow(_("Code:"), self.code_edit)
        form.addRow(_("Dutch name:"), self.name_nl_edit)
        form.addRow(_("English name:"), self.name_en_edit)
        form.addRow(_("Variant:"), self.variant_combo)
        step_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.steps_table, stretch=1)
        layout.addLayout(step_buttons)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def add_step(self, step: StepInput) -> None:
        row = self.steps_table.rowCount()
        self.steps_table.insertRow(row)
        self._fill_row(row, step)

    def _fill_row(self, row: int, step: StepInput) -> None:
        for column, text in (
            (COL_CODE, step.code),
            (COL_TITLE_NL, step.title_nl),
            (COL_TITLE_EN, step.title_en),
        ):
            self.steps_table.setItem(row, column, QTableWidgetItem(text))
        minutes = QSpinBox()
        minutes.setRange(15, 600)
        minutes.setSingleStep(15)
        minutes.setValue(step.duration_minutes)
        day = QSpinBox()
        day.setRange(0, 9)
        day.setSpecialValueText("–")
        day.setValue(step.day or 0)
        # Named by their column: a row's number changes as steps are moved or removed.
        minutes.setAccessibleName(_("Minutes"))
        day.setAccessibleName(_("Day"))
        self.steps_table.setCellWidget(row, COL_MINUTES, minutes)
        self.steps_table.setCellWidget(row, COL_DAY, day)

    def steps(self) -> list[StepInput]:
        result = []
        for row in range(self.steps_table.rowCount()):

            def text(column: int, row: int = row) -> str:
                item = self.steps_table.item(row, column)
                return item.text() if item else ""

            minutes = self.steps_table.cellWidget(row, COL_MINUTES)
            day = self.steps_table.cellWidget(row, COL_DAY)
            result.append(
                StepInput(
                    code=text(COL_CODE),
                    title_nl=text(COL_TITLE_NL),
                    title_en=text(COL_TITLE_EN),
                    duration_minutes=minutes.value(),  # type: ignore[attr-defined]
                    day=day.value() or None,  # type: ignore[attr-defined]
                )
            )
        return result

    def _remove(self) -> None:
        row = self.steps_table.currentRow()
        if row >= 0:
            self.steps_table.removeRow(row)

    def _move(self, offset: int) -> None:
        row = self.steps_table.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.steps_table.rowCount():
            return
        steps = self.steps()
        steps[row], steps[target] = steps[target], steps[row]
        for index in (row, target):
            self._fill_row(index, steps[index])
        self.steps_table.setCurrentCell(target, COL_CODE)

    def save(self) -> None:
        try:
            if self._program is None:
                self.saved = self._context.call(
                    programs.create_program,
                    code=self.code_edit.text(),
                    name_nl=self.name_nl_edit.text(),
                    name_en=self.name_en_edit.text(),
                    variant=ProgramVariant(self.variant_combo.currentData()),
                    steps=self.steps(),
                )
            else:
                self.saved = self._context.call(
                    programs.update_program,
                    program_id=self._program.id,
                    version=self._program.version,
                    name_nl=self.name_nl_edit.text(),
                    name_en=self.name_en_edit.text(),
                    steps=self.steps(),
                )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
