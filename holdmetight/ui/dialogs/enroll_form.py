"""Enroll a couple in a course: which course, whether the language fits, a place or the list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import CourseStatus
from holdmetight.domain.rules import ENROLLING_COURSE_STATUSES
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import couples, courses, enrollments, waiting_list
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.course_table import course_dates
from holdmetight.ui.widgets import fill_combo, open_wide


class EnrollDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple = context.call(couples.get_couple, couple_id=couple_id)
        self.saved: EnrollmentInfo | None = None
        self.setWindowTitle(_("Enroll {names}").format(names=self._couple.names))
        self._courses = {
            row.id: row
            for status in (CourseStatus.OPEN, CourseStatus.PLANNED)
            if status in ENROLLING_COURSE_STATUSES
            for row in context.call(courses.list_courses, status=status)
        }
        self.course_combo = QComboBox()
        fill_combo(
            self.course_combo,
            [
                (
                    f"{row.code} – {row.title} ({course_dates(row.first_date, row.last_date)})",
                    row.id,
                )
                for row in self._courses.values()
            ],
        )
        self.language_label = QLabel()
        self.places_label = QLabel()
        self.places_label.setWordWrap(True)
        self.objection_label = QLabel()
        self.objection_label.setWordWrap(True)
        self.override_edit = QLineEdit()
        self.override_edit.setPlaceholderText(_("Why enroll them anyway?"))
        form = QFormLayout()
        form.addRow(_("Course:"), self.course_combo)
        form.addRow(_("Language:"), self.language_label)
        form.addRow(_("Places:"), self.places_label)
        form.addRow(self.objection_label)
        form.addRow(_("Reason:"), self.override_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Enroll"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        open_wide(self, 560)
        self.course_combo.currentIndexChanged.connect(self._update)
        objection = context.call(enrollments.intake_objection, couple_id=couple_id)
        self.objection_label.setText(objection.message if objection else "")
        self.objection_label.setVisible(objection is not None)
        self.override_edit.setEnabled(bool(objection and objection.may_override))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self._courses) and not (objection and not objection.may_override)
        )
        self._update()

    def _update(self) -> None:
        row = self._courses.get(self.course_combo.currentData())
        if row is None:
            self.language_label.setText(_("There is no open or planned course."))
            self.places_label.clear()
            return
        spoken = {p.preferred_language for p in self._couple.partners}
        fits = row.language in spoken
        self.language_label.setText(
            (
                _("course in {language}: matches")
                if fits
                else _("course in {language}: does not match the partners' preferred language")
            ).format(language=row.language.label)
        )
        places = self._context.call(enrollments.course_places, course_id=row.id)
        applying = self._context.call(
            waiting_list.on_applying, couple_id=self._couple.id, course_id=row.id
        )
        free = _("{free} of {capacity} places free").format(
            free=places.free, capacity=places.capacity
        )
        self.places_label.setText(
            free
            if applying.takes_place
            else _("{places}; the couple goes on the waiting list (no. {n}): {reason}").format(
                places=free, n=applying.position, reason=applying.reason
            )
        )

    def save(self) -> None:
        try:
            self.saved = self._context.call(
                enrollments.enroll,
                couple_id=self._couple.id,
                course_id=self.course_combo.currentData(),
                override_reason=self.override_edit.text(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
