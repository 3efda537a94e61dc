"""A new course: its details, then the proposed meeting dates, which the user can edit."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language
from holdmetight.domain.schedule import ProposedMeeting
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date
from holdmetight.services import facilitators, organisations, programs, scheduling, venues
from holdmetight.services.courses import CourseInfo
from holdmetight.services.programs import ProgramInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import (
    WarningsLabel,
    add_row_naming,
    confirm_despite_warnings,
    date_edit,
    fill_combo,
    fill_rooms,
    from_qdate,
    from_qtime,
    select_data,
    time_edit,
)

COL_STEP, COL_DATE, COL_START, COL_END = range(4)


class NewCourseDialog(QDialog):
    """Saves nothing until *Save*; then the course and all its meetings in one transaction."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._code_edited = False
        self.created: CourseInfo | None = None
        self.setWindowTitle(_("New course"))
        self._programs = {p.code: p for p in context.call(programs.list_programs, active_only=True)}

        self.program_combo = QComboBox()
        fill_combo(self.program_combo, [(p.name, p.code) for p in self._programs.values()])
        select_data(self.program_combo, "HMT-WEEKLY")
        self.title_edit = QLineEdit()
        self.code_edit = QLineEdit()
        self.code_edit.textEdited.connect(self._on_code_edited)
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [(lang.label, lang.value) for lang in Language])
        people = [
            (f.list_name, f.id)
            for f in context.call(facilitators.list_facilitators, active_only=True)
        ]
        self.lead_combo = QComboBox()
        fill_combo(self.lead_combo, people, empty_label=_("(choose)"))
        self.co_combo = QComboBox()
        fill_combo(self.co_combo, people, empty_label=_("(none)"))
        self._venues = {v.id: v for v in context.call(venues.list_venues, active_only=True)}
        self.venue_combo = QComboBox()
        fill_combo(
            self.venue_combo,
            [(v.name, v.id) for v in self._venues.values()],
            empty_label=_("(no venue yet)"),
        )
        self.room_combo = QComboBox()
        fill_rooms(self.room_combo, None)
        self.venue_combo.currentIndexChanged.connect(
            lambda: fill_rooms(self.room_combo, self._venues.get(self.venue_combo.currentData()))
        )
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 30)
        self.capacity_spin.setValue(8)
        self.capacity_spin.setSuffix(" " + _("couples"))
        self.municipality_edit = QLineEdit()

        details = QFormLayout()
        details.addRow(_("Programme:"), self.program_combo)
        details.addRow(_("Title:"), self.title_edit)
        details.addRow(_("Code:"), self.code_edit)
        details.addRow(_("Language:"), self.language_combo)
        details.addRow(_("Venue:"), self.venue_combo)
        details.addRow(_("Room:"), self.room_combo)
        details.addRow(_("Lead facilitator:"), self.lead_combo)
        details.addRow(_("Co-facilitator:"), self.co_combo)
        details.addRow(_("Capacity:"), self.capacity_spin)
        details.addRow(_("Funding municipality:"), self.municipality_edit)

        self.first_date_edit = date_edit(self._next_weekday(date.today() + timedelta(weeks=4), 1))
        self.start_time_edit = time_edit(time(19, 30))
        self.holidays_check = QCheckBox(_("Skip Dutch public holidays"))
        self.holidays_check.setChecked(True)
        self.school_region = context.call(organisations.school_region)
        self.school_holidays_check = QCheckBox()
        if self.school_region is None:
            self.school_holidays_check.setText(_("Skip school holidays"))
            self.school_holidays_check.setEnabled(False)
            self.school_holidays_check.setToolTip(
                _("Choose the organisation's school-holiday region in the settings first.")
            )
        else:
            self.school_holidays_check.setText(
                _("Skip school holidays (region {region})").format(region=self.school_region.label)
            )
            self.school_holidays_check.setChecked(True)
        # Dates beyond the school years whose holidays are known: said here, not only in a tip.
        self.school_holidays_note = WarningsLabel()
        self.exclude_edit = date_edit(from_qdate(self.first_date_edit.date()))
        self.exclude_button = QPushButton(_("Exclude date"))
        self.excluded_list = QListWidget()
        self.excluded_list.setMaximumHeight(48)
        self.excluded_list.setAccessibleName(_("Dates to skip"))
        self.remove_excluded_button = QPushButton(_("Remove"))
        self.meetings_table = QTableWidget(0, 4)
        self.meetings_table.setHorizontalHeaderLabels([_("Step"), _("Date"), _("Start"), _("End")])
        self.meetings_table.setAccessibleName(_("Meetings of the course"))
        self.meetings_table.verticalHeader().setVisible(False)
        header = self.meetings_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STEP, QHeaderView.ResizeMode.Stretch)
        self.warnings = WarningsLabel()

        rhythm = QFormLayout()
        rhythm.addRow(_("First meeting:"), self.first_date_edit)
        rhythm.addRow(_("Start time:"), self.start_time_edit)
        skip_row = QHBoxLayout()
        skip_row.addWidget(self.holidays_check)
        skip_row.addWidget(self.school_holidays_check)
        skip_row.addStretch(1)
        rhythm.addRow("", skip_row)
        exclude_row = QHBoxLayout()
        exclude_row.addWidget(self.exclude_edit)
        exclude_row.addWidget(self.exclude_button)
        exclude_row.addWidget(self.remove_excluded_button)
        add_row_naming(rhythm, _("Skip also:"), exclude_row, self.exclude_edit)
        rhythm.addRow("", self.excluded_list)
        self.schedule_box = schedule_box = QGroupBox()
        schedule_layout = QVBoxLayout(schedule_box)
        schedule_layout.addLayout(rhythm)
        schedule_layout.addWidget(self.school_holidays_note)
        schedule_layout.addWidget(self.meetings_table, stretch=1)
        schedule_layout.addWidget(self.warnings)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        left = QWidget()
        left.setLayout(details)
        columns.addWidget(left)
        columns.addWidget(schedule_box, stretch=1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        self.resize(1100, 620)

        self.program_combo.currentIndexChanged.connect(self._on_program_changed)
        self.first_date_edit.dateChanged.connect(self._on_first_date_changed)
        self.start_time_edit.timeChanged.connect(self.propose)
        self.holidays_check.toggled.connect(self.propose)
        self.school_holidays_check.toggled.connect(self.propose)
        self.exclude_button.clicked.connect(self._exclude)
        self.remove_excluded_button.clicked.connect(self._remove_excluded)
        for combo in (self.lead_combo, self.co_combo, self.venue_combo, self.room_combo):
            combo.currentIndexChanged.connect(self.check)
        self._on_program_changed()
        self._on_first_date_changed()

    @staticmethod
    def _next_weekday(day: date, weekday: int) -> date:
        return day + timedelta(days=(weekday - day.weekday()) % 7)

    @property
    def program(self) -> ProgramInfo | None:
        return self._programs.get(self.program_combo.currentData())

    def _on_code_edited(self, _text: str) -> None:
        self._code_edited = True

    def _on_program_changed(self) -> None:
        program = self.program
        if program is not None:
            if not self.title_edit.isModified():
                self.title_edit.setText(program.name)
            long_days = any(step.day for step in program.steps)
            self.schedule_box.setTitle(
                _(
                    "Meetings (course days one after another, lunch around 12:30; edit any "
                    "date or time)"
                )
                if long_days
                else _("Meetings (one step a week; edit any date or time)")
            )
            self.start_time_edit.blockSignals(True)
            self.start_time_edit.setTime(QTime(9, 30) if long_days else QTime(19, 30))
            self.start_time_edit.blockSignals(False)
        self.propose()

    def _on_first_date_changed(self) -> None:
        first = from_qdate(self.first_date_edit.date())
        self.exclude_edit.setDate(self.first_date_edit.date())
        if not self._code_edited:
            self.code_edit.setText(
                self._context.call(scheduling.suggest_course_code, first_date=first)
            )
        self.propose()

    def excluded_dates(self) -> list[date]:
        items = (self.excluded_list.item(row) for row in range(self.excluded_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items]

    def _exclude(self) -> None:
        day = from_qdate(self.exclude_edit.date())
        if day not in self.excluded_dates():
            item = QListWidgetItem(format_date(day))
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.excluded_list.addItem(item)
            self.propose()

    def _remove_excluded(self) -> None:
        for item in self.excluded_list.selectedItems():
            self.excluded_list.takeItem(self.excluded_list.row(item))
        self.propose()

    def propose(self) -> None:
        """Fill the table with proposed dates (replacing any edits: the rhythm changed)."""
        program = self.program
        if program is None:
            self.meetings_table.setRowCount(0)
            return
        try:
            proposal = self._context.call(
                scheduling.propose_schedule,
                program_code=program.code,
                first_date=from_qdate(self.first_date_edit.date()),
                start_time=from_qtime(self.start_time_edit.time()),
                skip_holidays=self.holidays_check.isChecked(),
                exclude=self.excluded_dates(),
                skip_school_holidays=self.skips_school_holidays(),
            )
        except HoldMeTightError as error:
            self.meetings_table.setRowCount(0)
            self.school_holidays_note.show_warnings([])
            self.warnings.show_warnings([str(error)])
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        table = self.meetings_table
        table.setRowCount(len(proposal))
        for row, (meeting, step) in enumerate(zip(proposal, program.steps, strict=True)):
            label = QTableWidgetItem(f"{step.position}. {step.title}")
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, COL_STEP, label)
            day = date_edit(meeting.date)
            start, end = time_edit(meeting.start_time), time_edit(meeting.end_time)
            for widget, column, name in (
                (day, COL_DATE, _("Date")),
                (start, COL_START, _("Start")),
                (end, COL_END, _("End")),
            ):
                widget.setAccessibleName(
                    _("Meeting {n}: {column}").format(n=step.position, column=name)
                )
                table.setCellWidget(row, column, widget)
            day.dateChanged.connect(self.check)
            start.timeChanged.connect(self.check)
            end.timeChanged.connect(self.check)
        self.check()

    def skips_school_holidays(self) -> bool:
        return self.school_holidays_check.isEnabled() and self.school_holidays_check.isChecked()

    def _show_school_holiday_coverage(self, meetings: list[ProposedMeeting]) -> None:
        """Warn when meetings fall in school years whose holidays are not known (not skipped)."""
        warning = (
            self._context.call(scheduling.school_holiday_warning, dates=[m.date for m in meetings])
            if self.skips_school_holidays()
            else None
        )
        self.school_holidays_note.show_warnings([warning] if warning else [])

    def meetings(self) -> list[ProposedMeeting]:
        """The meetings as the table shows them now, edits included."""
        table = self.meetings_table
        result = []
        for row in range(table.rowCount()):
            day = table.cellWidget(row, COL_DATE)
            start = table.cellWidget(row, COL_START)
            end = table.cellWidget(row, COL_END)
            result.append(
                ProposedMeeting(
                    row + 1,
                    from_qdate(day.date()),  # type: ignore[attr-defined]
                    from_qtime(start.time()),  # type: ignore[attr-defined]
                    from_qtime(end.time()),  # type: ignore[attr-defined]
                )
            )
        return result

    def _facilitator_ids(self) -> list[int]:
        return [i for i in (self.lead_combo.currentData(), self.co_combo.currentData()) if i]

    def check(self) -> None:
        meetings = self.meetings()
        self._show_school_holiday_coverage(meetings)
        slots = [
            scheduling.MeetingSlot(
                m.position,
                m.date,
                m.start_time,
                m.end_time,
                venue_id=self.venue_combo.currentData(),
                room_id=self.room_combo.currentData(),
            )
            for m in meetings
        ]
        self.warnings.show_warnings(
            self._context.call(
                scheduling.check_new_course, meetings=slots, facilitator_ids=self._facilitator_ids()
            )
        )

    def save(self) -> None:
        self.check()
        if not confirm_despite_warnings(self, self.warnings.warnings):
            return
        program = self.program
        try:
            self.created = self._context.call(
                scheduling.create_planned_course,
                code=self.code_edit.text(),
                title=self.title_edit.text(),
                program_code=program.code if program else "",
                lead_facilitator_id=self.lead_combo.currentData(),
                co_facilitator_id=self.co_combo.currentData(),
                venue_id=self.venue_combo.currentData(),
                room_id=self.room_combo.currentData(),
                language=Language(self.language_combo.currentData()),
                capacity=self.capacity_spin.value(),
                funding_municipality=self.municipality_edit.text(),
                meetings=self.meetings(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
