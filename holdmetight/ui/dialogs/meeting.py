"""Move one meeting of a course, or add a make-up meeting, with warnings for double bookings."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import courses, group_sessions, scheduling, venues
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import (
    WarningsLabel,
    confirm_despite_warnings,
    date_edit,
    fill_combo,
    fill_rooms,
    from_qdate,
    from_qtime,
    open_wide,
    save_cancel_buttons,
    select_data,
    time_edit,
)


class MeetingDialog(QDialog):
    """With ``meeting`` it moves that meeting; without, it adds a make-up meeting."""

    def __init__(
        self,
        context: AppContext,
        course_id: int,
        meeting: GroupSessionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._course_id = course_id
        self._meeting = meeting
        self.saved: GroupSessionInfo | None = None
        course = context.call(courses.get_course, course_id=course_id)
        planned = context.call(group_sessions.list_group_sessions, course_id=course_id)
        # The course as the user sees it here: a move or make-up made from it hands this back.
        self._course_version = meeting.course_version if meeting else course.version
        self.setWindowTitle(_("Move meeting") if meeting else _("Add make-up meeting"))

        self.step_combo = QComboBox()
        steps = {m.position: m.step_title for m in planned}
        fill_combo(self.step_combo, [(f"{n}. {title}", n) for n, title in sorted(steps.items())])
        template = meeting or (planned[-1] if planned else None)
        self.date_edit = date_edit(meeting.date if meeting else date.today())
        self.start_edit = time_edit(template.start_time if template else time(19, 30))
        self.end_edit = time_edit(template.end_time if template else time(21, 30))
        self._venues = {v.id: v for v in context.call(venues.list_venues)}
        self.venue_combo = QComboBox()
        fill_combo(
            self.venue_combo,
            [(v.name, v.id) for v in self._venues.values()],
            empty_label=_("(no venue)"),
        )
        self.room_combo = QComboBox()
        self.venue_combo.currentIndexChanged.connect(self._venue_changed)
        select_data(self.venue_combo, template.venue_id if template else course.venue_id)
        self._venue_changed()
        if template is not None:
            select_data(self.room_combo, template.room_id)
        self.note_edit = QLineEdit(meeting.note if meeting else "")
        self.warnings = WarningsLabel()
        if meeting is not None:
            select_data(self.step_combo, meeting.position)
            self.step_combo.setEnabled(False)

        form = QFormLayout()
        form.addRow(_("Step:"), self.step_combo)
        form.addRow(_("Date:"), self.date_edit)
        form.addRow(_("Start:"), self.start_edit)
        form.addRow(_("End:"), self.end_edit)
        form.addRow(_("Venue:"), self.venue_combo)
        form.addRow(_("Room:"), self.room_combo)
        form.addRow(_("Note:"), self.note_edit)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        open_wide(self, 480)

        self.date_edit.dateChanged.connect(self.check)
        self.start_edit.timeChanged.connect(self.check)
        self.end_edit.timeChanged.connect(self.check)
        self.venue_combo.currentIndexChanged.connect(self.check)
        self.room_combo.currentIndexChanged.connect(self.check)
        self.step_combo.currentIndexChanged.connect(self.check)
        self.check()

    def _venue_changed(self) -> None:
        fill_rooms(self.room_combo, self._venues.get(self.venue_combo.currentData()))

    def slot(self) -> scheduling.MeetingSlot:
        return scheduling.MeetingSlot(
            position=self.step_combo.currentData() or 1,
            date=from_qdate(self.date_edit.date()),
            start_time=from_qtime(self.start_edit.time()),
            end_time=from_qtime(self.end_edit.time()),
            venue_id=self.venue_combo.currentData(),
            room_id=self.room_combo.currentData(),
            group_session_id=self._meeting.id if self._meeting else None,
            is_makeup=self._meeting.is_makeup if self._meeting else True,
        )

    def check(self) -> None:
        self.warnings.show_warnings(
            self._context.call(
                scheduling.check_meeting, course_id=self._course_id, slot=self.slot()
            )
        )

    def save(self) -> None:
        self.check()
        if not confirm_despite_warnings(self, self.warnings.warnings):
            return
        slot = self.slot()
        try:
            if self._meeting is not None:
                self.saved = self._context.call(
                    group_sessions.update_group_session,
                    group_session_id=self._meeting.id,
                    course_version=self._course_version,
                    on=slot.date,
                    start_time=slot.start_time,
                    end_time=slot.end_time,
                    venue_id=slot.venue_id,
                    room_id=slot.room_id,
                    note=self.note_edit.text(),
                )
            else:
                self.saved = self._context.call(
                    scheduling.add_makeup_session,
                    course_id=self._course_id,
                    course_version=self._course_version,
                    position=slot.position,
                    on=slot.date,
                    start_time=slot.start_time,
                    end_time=slot.end_time,
                    venue_id=slot.venue_id,
                    room_id=slot.room_id,
                    note=self.note_edit.text(),
                )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
