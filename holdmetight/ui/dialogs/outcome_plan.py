"""When partners fill in which questionnaires: a programme's plan, or a course's own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import OutcomeWave
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, capitalised
from holdmetight.services import instruments, outcome_waves
from holdmetight.services.outcome_waves import OFFSET_LIMITS, Plan, WaveInput
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import open_wide, save_cancel_buttons


def anchor_text(wave: OutcomeWave) -> str:
    """What a wave's days count from."""
    if wave is OutcomeWave.PRE:
        return _("days from the first meeting (negative: before it)")
    return _("days after the last meeting")


class OutcomePlanDialog(QDialog):
    """A row per wave: its day and the questionnaires filled in then. For a course, the plan is
    its programme's until "own plan" is ticked."""

    def __init__(
        self,
        context: AppContext,
        *,
        program_id: int | None = None,
        course_id: int | None = None,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert (program_id is None) != (course_id is None)
        self._context = context
        self._program_id, self._course_id = program_id, course_id
        self.setWindowTitle(_("Questionnaires: {title}").format(title=title))
        plan = (
            context.call(outcome_waves.program_waves, program_id=program_id)
            if program_id is not None
            else context.call(outcome_waves.course_waves, course_id=course_id or 0)
        )
        available = [
            i
            for i in context.call(instruments.list_instruments)
            if i.active or any(i.code in {x.code for x in p.instruments} for p in plan.waves)
        ]
        self.own = QCheckBox(_("This course has its own plan (else it follows its programme)"))
        self.own.setChecked(plan.own)
        self.own.setVisible(course_id is not None)
        self.own.toggled.connect(self._enable)
        self.days: dict[OutcomeWave, QSpinBox] = {}
        self.chosen: dict[tuple[OutcomeWave, str], QCheckBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(f"<b>{_('Wave')}</b>"), 0, 0)
        grid.addWidget(QLabel(f"<b>{_('When')}</b>"), 0, 1, 1, 2)
        for column, instrument in enumerate(available, start=3):
            label = QLabel(f"<b>{instrument.code}</b>")
            label.setToolTip(instrument.name)
            grid.addWidget(label, 0, column)
        for row, wave in enumerate(OutcomeWave, start=1):
            wave_plan = plan.of(wave)
            grid.addWidget(QLabel(capitalised(wave.label)), row, 0)
            low, high = OFFSET_LIMITS[wave]
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(wave_plan.offset_days)
            spin.setAccessibleName(_("{wave}: days").format(wave=wave.label))
            self.days[wave] = spin
            grid.addWidget(spin, row, 1)
            grid.addWidget(QLabel(anchor_text(wave)), row, 2)
            asked = {i.code for i in wave_plan.instruments}
            for column, instrument in enumerate(available, start=3):
                check = QCheckBox()
                check.setChecked(instrument.code in asked)
                check.setAccessibleName(
                    _("{wave}: {name}").format(wave=wave.label, name=instrument.name)
                )
                check.setToolTip(instrument.name)
                self.chosen[(wave, instrument.code)] = check
                grid.addWidget(check, row, column)
        note = QLabel(
            _(
                "Usually: before at the first meeting (or a few days earlier, at the intake), "
                "after at the last meeting, and the follow-up about three and a half months "
                "(107 days) after it, as the shipped programmes have it. Scores already entered "
                "stay when the plan changes."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self._enable(plan.own or course_id is None)
        open_wide(self, 640)

    def _enable(self, on: bool) -> None:
        for widget in [*self.days.values(), *self.chosen.values()]:
            widget.setEnabled(on)

    def waves(self) -> list[WaveInput]:
        return [
            WaveInput(
                wave,
                self.days[wave].value(),
                tuple(
                    code
                    for (w, code), check in self.chosen.items()
                    if w is wave and check.isChecked()
                ),
            )
            for wave in OutcomeWave
        ]

    def save(self) -> None:
        try:
            result: Plan
            if self._program_id is not None:
                result = self._context.call(
                    outcome_waves.save_program_waves,
                    program_id=self._program_id,
                    waves=self.waves(),
                )
            else:
                result = self._context.call(
                    outcome_waves.save_course_waves,
                    course_id=self._course_id or 0,
                    waves=self.waves() if self.own.isChecked() else None,
                )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.saved = result
        self.accept()
