"""Changing a course's completion rule: how many steps, and whether both partners must come."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox, QWidget

from holdmetight.i18n import _
from holdmetight.services import courses
from holdmetight.services.courses import CourseInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.form_dialog import FormDialog


class CompletionRuleDialog(FormDialog):
    def __init__(self, context: AppContext, course: CourseInfo, parent: QWidget | None = None):
        super().__init__(_("Completion rule: {code}").format(code=course.row.code), parent)
        self._context, self._course = context, course
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(0, course.step_count)
        self.steps_spin.setValue(course.completion_min_steps)
        self.steps_spin.setSuffix(" " + _("of {total} steps").format(total=course.step_count))
        self.both_check = QCheckBox(_("both partners must attend a step for it to count"))
        self.both_check.setChecked(course.completion_both_partners)
        explanation = QLabel(
            _(
                "Couples who attended this many steps complete the course; the attendance grid "
                "shows everyone's standing under the new rule at once."
            )
        )
        explanation.setWordWrap(True)
        self.form.addRow(explanation)
        self.form.addRow(_("Steps needed to complete:"), self.steps_spin)
        self.form.addRow("", self.both_check)

    def save(self) -> None:
        course = self._course
        self.save_with(
            lambda: self._context.call(
                courses.set_completion_rule,
                course_id=course.row.id,
                version=course.version,
                min_steps=self.steps_spin.value(),
                both_partners=self.both_check.isChecked(),
            )
        )
