"""Answers and decisions on a waiting list: a declined offer, a move to another course."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import CourseStatus
from holdmetight.i18n import _
from holdmetight.services import courses
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.course_table import course_dates
from holdmetight.ui.widgets import fill_combo, open_wide, save_cancel_buttons


def other_courses_combo(context: AppContext, course_id: int) -> QComboBox:
    """The open and planned courses other than ``course_id``, soonest first."""
    combo = QComboBox()
    rows = [
        row
        for status in (CourseStatus.OPEN, CourseStatus.PLANNED)
        for row in context.call(courses.list_courses, status=status)
        if row.id != course_id
    ]
    fill_combo(
        combo,
        [
            (f"{r.code} – {r.title} ({course_dates(r.first_date, r.last_date)})", r.id)
            for r in sorted(rows, key=lambda r: (r.first_date is None, r.first_date, r.code))
        ],
    )
    return combo


class DeclineDialog(QDialog):
    """The couple does not take the offered place; it may wait for another course instead."""

    def __init__(
        self, context: AppContext, course_id: int, names: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Offer declined: {names}").format(names=names))
        explanation = QLabel(
            _(
                "The couple leaves this course's waiting list and the place is offered to the "
                "next couple in line. If they want to wait for another course, they keep their "
                "date of application there."
            )
        )
        explanation.setWordWrap(True)
        self.move_check = QCheckBox(_("Put them on the waiting list of:"))
        self.course_combo = other_courses_combo(context, course_id)
        self.course_combo.setAccessibleName(_("Course to wait for"))
        self.course_combo.setEnabled(False)
        self.move_check.setEnabled(self.course_combo.count() > 0)
        self.move_check.toggled.connect(self.course_combo.setEnabled)
        form = QFormLayout()
        form.addRow(self.move_check, self.course_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self, self.accept))
        open_wide(self, 560)

    def move_to(self) -> int | None:
        return self.course_combo.currentData() if self.move_check.isChecked() else None


class MoveDialog(QDialog):
    """Move a waiting couple to another course's waiting list."""

    def __init__(
        self, context: AppContext, course_id: int, names: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move to another course: {names}").format(names=names))
        explanation = QLabel(
            _("The couple keeps its date of application, and so its fair place in the new line.")
        )
        explanation.setWordWrap(True)
        self.course_combo = other_courses_combo(context, course_id)
        form = QFormLayout()
        form.addRow(_("Course:"), self.course_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self, self.accept))
        open_wide(self, 560)
