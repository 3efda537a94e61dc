"""The end of an evening: record the meeting itself and who came, in one dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import AttendanceStatus
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, long_date
from holdmetight.services import attendance, meeting_record
from holdmetight.services.attendance import Mark
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, save_cancel_buttons, select_data


class MeetingRecordDialog(QDialog):
    def __init__(self, context: AppContext, group_session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self.record = context.call(meeting_record.meeting_record, group_session_id=group_session_id)
        self.grid = context.call(attendance.attendance_grid, course_id=self.record.course_id)
        self.meeting = next(m for m in self.grid.meetings if m.id == group_session_id)
        self.saved = False
        self.setWindowTitle(
            _("Meeting {n}: {date}").format(
                n=self.meeting.position, date=long_date(self.meeting.date)
            )
        )
        self.held_check = QCheckBox(_("The meeting was held"))
        # Recording a meeting usually happens at the end of it, or later from the paper sheet.
        self.held_check.setChecked(self.record.held or self.meeting.started)
        self.held_check.setEnabled(self.meeting.started)
        self.not_started = QLabel(
            _(
                "This meeting has not started yet: whether it was held and who came can be "
                "recorded once it has begun."
            )
        )
        self.not_started.setWordWrap(True)
        self.not_started.setVisible(not self.meeting.started)
        self.facilitator_checks = {}
        for facilitator_id, name in self.record.course_facilitators:
            check = QCheckBox(name)
            check.setChecked(
                facilitator_id in self.record.present_facilitators
                or not self.record.present_facilitators
            )
            self.facilitator_checks[facilitator_id] = check
        self.covered_combo = QComboBox()
        steps = sorted({(m.position, m.step_title) for m in self.grid.meetings})
        fill_combo(
            self.covered_combo,
            [(f"{n}. {title}", n) for n, title in steps],
            empty_label=_("as planned: {n}. {title}").format(
                n=self.meeting.position, title=self.meeting.step_title
            ),
        )
        select_data(self.covered_combo, self.record.covered_position)
        self.fidelity_edit = QPlainTextEdit(self.record.fidelity_note)
        self.fidelity_edit.setPlaceholderText(
            _("Deviations from the programme, for supervision (no personal details)")
        )
        self.fidelity_edit.setMaximumHeight(70)
        self.people = QTableWidget(2 * len(self.grid.couples), 2)
        self.people.setHorizontalHeaderLabels([_("Partner"), _("Attendance")])
        self.people.setAccessibleName(_("Attendance per partner"))
        self.people.verticalHeader().setVisible(False)
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status_combos: list[tuple[int, int, QComboBox]] = []
        for number, couple in enumerate(self.grid.couples):
            mark = self.grid.mark(couple.enrollment_id, self.meeting.id)
            for partner in (0, 1):
                row = 2 * number + partner
                self.people.setItem(row, 0, QTableWidgetItem(couple.partner_names[partner]))
                combo = QComboBox()
                combo.setAccessibleName(
                    _("Attendance of {name}").format(name=couple.partner_names[partner])
                )
                fill_combo(combo, [(s.label, s.value) for s in AttendanceStatus], empty_label="–")
                status = mark[partner]
                select_data(combo, status.value if status else None)
                self.people.setCellWidget(row, 1, combo)
                self.status_combos.append((couple.enrollment_id, partner, combo))
        self.people.setEnabled(self.meeting.started)
        form = QFormLayout()
        form.addRow("", self.not_started)
        form.addRow("", self.held_check)
        for number, check in enumerate(self.facilitator_checks.values()):
            form.addRow(_("Facilitators present:") if number == 0 else "", check)
        form.addRow(_("Step covered:"), self.covered_combo)
        form.addRow(_("Fidelity note:"), self.fidelity_edit)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.people, stretch=1)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def marks(self) -> list[tuple[int, Mark]]:
        if not self.meeting.started:
            return []
        found: dict[int, list[AttendanceStatus | None]] = {}
        for enrollment_id, partner, combo in self.status_combos:
            value = combo.currentData()
            found.setdefault(enrollment_id, [None, None])[partner] = (
                AttendanceStatus(value) if value else None
            )
        return [(enrollment_id, (pair[0], pair[1])) for enrollment_id, pair in found.items()]

    def save(self) -> None:
        try:
            self._context.call(
                meeting_record.record_meeting,
                group_session_id=self.record.group_session_id,
                version=self.record.version,
                held=self.held_check.isChecked(),
                facilitator_ids=[i for i, c in self.facilitator_checks.items() if c.isChecked()],
                covered_position=self.covered_combo.currentData(),
                fidelity_note=self.fidelity_edit.toPlainText(),
                marks=self.marks(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.saved = True
        self.accept()
