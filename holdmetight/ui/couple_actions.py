"""What an administrator does for a couple: register, change, intake, enroll, withdraw."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.exports import write_export
from holdmetight.i18n import _, current_language
from holdmetight.progress import Progress
from holdmetight.services import audit_trail, couple_export, couples, enrollments, tables
from holdmetight.services.audit_trail import Output, details
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.ui.background import run_in_background
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import date_edit, from_qdate, save_cancel_buttons

# Each dialog is imported in the action that opens it: the window starts without them.


def import_couples(parent: QWidget | None, context: AppContext) -> None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Import couples"), str(Path.home()), _("CSV files (*.csv *.txt)")
    )
    if name:
        from holdmetight.ui.dialogs.import_couples import ImportCouplesDialog

        ImportCouplesDialog(context, Path(name), parent).exec()


def export_table(
    parent: QWidget | None, context: AppContext, what: str, course_code: str | None = None
) -> None:
    """Save couples, enrollments or a course's attendance as .xlsx or .csv, as the chosen
    file name ends; the file is made in a worker and written only when it is complete, after
    the audit trail took note of what it holds."""
    excel, csv_files = _("Excel workbook (*.xlsx)"), _("CSV for Excel (*.csv)")
    default = {"couples": _("couples"), "enrollments": _("enrollments"), "fees": _("fees")}.get(
        what, f"{course_code or ''} {_('attendance')}".strip()
    )
    name, chosen = QFileDialog.getSaveFileName(
        parent, _("Export"), str(Path.home() / f"{default}.xlsx"), f"{excel};;{csv_files}"
    )
    if not name:
        return
    target = Path(name)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if chosen == csv_files else ".xlsx")
    language = current_language()

    def make(_progress: Progress) -> bytes:
        if what == "attendance":
            table = context.call(
                couple_export.attendance_table, language=language, course_code=course_code
            )
        elif what == "couples":
            table = context.call(couple_export.couples_table, language=language)
        elif what == "fees":
            table = context.call(couple_export.fees_table, language=language)
        else:
            table = context.call(couple_export.enrollments_table, language=language)
        kind = target.suffix.lower().lstrip(".")
        context.call(
            audit_trail.record_output,
            how=Output.EXPORT,
            document=what,
            detail=details(course=course_code, format=kind, rows=len(table.rows)),
        )
        return tables.to_csv(table) if kind == "csv" else tables.to_xlsx(table)

    def write(data: bytes) -> None:
        try:
            write_export(target, data)
        except HoldMeTightError as error:
            show_error(parent, error)

    run_in_background(parent, _("Exporting…"), make, write)


def new_couple(parent: QWidget | None, context: AppContext) -> int | None:
    from holdmetight.ui.dialogs.couple_form import CoupleDialog

    dialog = CoupleDialog(context, None, parent)
    if dialog.exec() and dialog.saved is not None:
        return dialog.saved.id
    return None


def note_view(parent: QWidget | None, context: AppContext, couple_id: int) -> bool:
    """Note in the audit trail that the user opens the couple's file; whether the file may be
    shown (it is not when the note could not be written: no view goes unrecorded)."""
    try:
        context.call(audit_trail.record_view, couple_id=couple_id)
    except HoldMeTightError as error:
        show_error(parent, error)
        return False
    return True


def show_messages(parent: QWidget | None, context: AppContext, couple_id: int) -> None:
    """The messages sent to the couple; opening them is noted in the audit trail."""
    from holdmetight.ui.dialogs.couple_messages import CoupleMessagesDialog

    if note_view(parent, context, couple_id):
        CoupleMessagesDialog(context, couple_id, parent).exec()


def edit_couple(parent: QWidget | None, context: AppContext, couple_id: int) -> None:
    """The couple's details, to read or change (a view the audit trail notes)."""
    try:
        couple = context.call(couples.get_couple, couple_id=couple_id)
        context.call(audit_trail.record_view, couple_id=couple_id)
    except HoldMeTightError as error:
        show_error(parent, error)
        return
    from holdmetight.ui.dialogs.couple_form import CoupleDialog

    CoupleDialog(context, couple, parent).exec()


def record_intake(parent: QWidget | None, context: AppContext, couple_id: int) -> None:
    couple = context.call(couples.get_couple, couple_id=couple_id)
    from holdmetight.ui.dialogs.intake_form import IntakeDialog

    IntakeDialog(context, couple_id, couple.names, parent).exec()


def enroll(parent: QWidget | None, context: AppContext, couple_id: int) -> None:
    from holdmetight.ui.dialogs.enroll_form import EnrollDialog

    EnrollDialog(context, couple_id, parent).exec()


def withdraw(parent: QWidget | None, context: AppContext, enrollment: EnrollmentInfo) -> None:
    from holdmetight.ui.dialogs.withdraw_form import WithdrawDialog

    WithdrawDialog(context, enrollment, parent).exec()


class ClosingDialog(QDialog):
    """The closing conversation after the course: when, and the advice given."""

    def __init__(self, enrollment: EnrollmentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Closing conversation: {names}").format(names=enrollment.names))
        self.date_edit = date_edit(enrollment.closing_date or date.today())
        self.advice_edit = QPlainTextEdit(enrollment.closing_advice)
        form = QFormLayout()
        form.addRow(_("Date:"), self.date_edit)
        form.addRow(_("Advice:"), self.advice_edit)
        buttons = save_cancel_buttons(self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def record_closing(parent: QWidget | None, context: AppContext, enrollment: EnrollmentInfo) -> None:
    dialog = ClosingDialog(enrollment, parent)
    if dialog.exec():
        context.run(
            parent,
            enrollments.record_closing,
            enrollment_id=enrollment.id,
            version=enrollment.version,
            on=from_qdate(dialog.date_edit.date()),
            advice=dialog.advice_edit.toPlainText(),
        )
