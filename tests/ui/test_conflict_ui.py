"""A save refused because someone else changed the data since: the window says so, keeps what
the user typed, and shows the other change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import AttendanceStatus
from holdmetight.services import attendance, couples, enrollments
from holdmetight.services.changes import Changes, perform
from holdmetight.ui.dialogs.couple_form import CoupleDialog
from holdmetight.ui.views.attendance_tab import AttendanceTab


@pytest.fixture
def messages(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_a_couple_changed_elsewhere_refuses_the_save_and_keeps_the_dialog_open(
    qtbot, context, make, messages
):
    made = make.couple("Jansen")
    make.session.commit()
    dialog = CoupleDialog(context, context.call(couples.get_couple, couple_id=made.id))
    qtbot.addWidget(dialog)
    dialog.show()
    announced: list[Changes] = []
    context.changed.connect(announced.append)
    elsewhere, _changes = perform(context.database, couples.get_couple, couple_id=made.id)
    first, second = elsewhere.partners
    perform(  # on another PC: this window hears nothing of it
        context.database,
        couples.update_couple,
        couple_id=made.id,
        version=elsewhere.version,
        partners=(replace(first, phone="06 12345678"), second),
        postcode=elsewhere.postcode,
        municipality=elsewhere.municipality,
    )

    dialog.second.phone_edit.setText("06 87654321")
    dialog.save()

    (message,) = messages
    assert "changed the couple Jansen, Anna & Visser, Bram in the meantime" in message
    assert message.endswith("nothing was saved. Reopen it to see their change and try again.")
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.second.phone_edit.text() == "06 87654321", "what the user typed stays"
    assert announced == [Changes.all()], "the views read the couple again"
    now = context.call(couples.get_couple, couple_id=made.id)
    assert [p.phone for p in now.partners] == ["06 12345678", ""]


def test_marks_typed_over_marks_saved_elsewhere_are_refused_and_the_grid_shows_theirs(
    qtbot, context, make, messages
):
    course = make.course("HMV-1", first_date=date.today() - timedelta(weeks=2))
    place = enrollments.enroll(make.session, couple_id=make.couple().id, course_id=course.row.id)
    make.session.commit()
    tab = AttendanceTab(context)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_course(course.row.id)
    seen = tab.model.meeting_at(1)
    assert seen is not None and seen.started
    perform(  # on another PC: this window hears nothing of it
        context.database,
        attendance.set_marks,
        group_session_id=seen.id,
        version=seen.version,
        marks=[(place.id, (AttendanceStatus.EXCUSED, AttendanceStatus.EXCUSED))],
    )

    tab.table.setCurrentIndex(tab.model.index(0, 1))
    qtbot.keyClick(tab.table, Qt.Key.Key_A)

    (message,) = messages
    assert message.endswith("Look at the attendance as it is now and enter yours again.")
    assert tab.undo_stack.count() == 0
    assert tab.model.status_at(0, 1) is AttendanceStatus.EXCUSED, "the grid shows their mark"
