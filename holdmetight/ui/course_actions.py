"""What a coordinator does to a course: create it, move it along, move or add meetings, export."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from holdmetight.domain.enums import CourseStatus, GroupSessionStatus, Language
from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.errors import HoldMeTightError
from holdmetight.exports import write_export
from holdmetight.i18n import N_, _, format_date, using_language
from holdmetight.progress import Progress
from holdmetight.services import (
    calendar_export,
    couples,
    courses,
    enrollments,
    group_sessions,
    handouts,
    sheets,
)
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.print_action import open_print_dialog, recorder
from holdmetight.ui.widgets import ask_reason

# How each lifecycle step is offered in the Status menu.
STATUS_ACTIONS: dict[CourseStatus, str] = {
    CourseStatus.OPEN: N_("Open for enrollment"),
    CourseStatus.RUNNING: N_("Start the course"),
    CourseStatus.COMPLETED: N_("Mark as completed"),
    CourseStatus.PLANNED: N_("Back to planned"),
    CourseStatus.CANCELLED: N_("Cancel the course…"),
}

# Each dialog is imported in the action that opens it: the window starts without them.


def new_course(parent: QWidget | None, context: AppContext) -> int | None:
    """The new-course dialog; returns the new course's id."""
    from holdmetight.ui.dialogs.new_course import NewCourseDialog

    dialog = NewCourseDialog(context, parent)
    if dialog.exec() and dialog.created is not None:
        return dialog.created.row.id
    return None


def change_status(
    parent: QWidget | None, context: AppContext, course_id: int, status: CourseStatus
) -> None:
    reason = ""
    if status is CourseStatus.CANCELLED:
        answer = ask_reason(parent, _("Cancel the course"), _("Why is the course cancelled?"))
        if answer is None:
            return
        reason = answer
    context.run(
        parent,
        courses.change_course_status,
        course_id=course_id,
        status=status,
        reason=reason,
    )


def edit_meeting(
    parent: QWidget | None,
    context: AppContext,
    course_id: int,
    meeting: GroupSessionInfo | None = None,
) -> None:
    """Move ``meeting``, or add a make-up meeting when it is None."""
    from holdmetight.ui.dialogs.meeting import MeetingDialog

    MeetingDialog(context, course_id, meeting, parent).exec()


def record_meeting(parent: QWidget | None, context: AppContext, meeting: GroupSessionInfo) -> None:
    """Held or not, facilitators present, step covered, fidelity note and who came."""
    from holdmetight.ui.dialogs.meeting_record import MeetingRecordDialog

    MeetingRecordDialog(context, meeting.id, parent).exec()


def print_signin(
    parent: QWidget | None,
    context: AppContext,
    code: str,
    language: Language,
    meeting: GroupSessionInfo,
) -> None:
    """The sign-in sheet of one meeting: preview, print or save, in either language."""

    def render(chosen: str, _progress: Progress) -> bytes:
        from holdmetight.reports.signin import render_signin

        sheet = context.call(sheets.signin_sheet, course_code=code, step="", meeting_id=meeting.id)
        return render_signin(sheet, language=chosen)

    open_print_dialog(
        _("Sign-in sheet"),
        f"{code}-{meeting.position}.pdf",
        render,
        language,
        parent,
        record=recorder(context, "signin", course=code, step=meeting.position),
    )


def print_attendance(
    parent: QWidget | None, context: AppContext, code: str, language: Language
) -> None:
    """The attendance summary of a course: preview, print or save, in either language."""

    def render(chosen: str, progress: Progress) -> bytes:
        from holdmetight.reports.attendance_summary import render_attendance

        summary = context.call(sheets.attendance_summary, course_code=code)
        return render_attendance(summary, language=chosen, progress=progress)

    open_print_dialog(
        _("Attendance"),
        f"{code}.pdf",
        render,
        language,
        parent,
        record=recorder(context, "attendance", course=code),
    )


PER_PARTNER = "per_partner"


def print_handouts(
    parent: QWidget | None,
    context: AppContext,
    code: str,
    language: Language,
    meeting_id: int | None = None,
) -> None:
    """Handouts of the whole course, or of one meeting: in one language, or a copy for every
    partner in the language that partner prefers (mixed-language couples get both)."""

    def render(chosen: str, progress: Progress) -> bytes:
        from holdmetight.reports.handout import render_handouts, render_handouts_in_languages

        ids = [meeting_id] if meeting_id is not None else None
        if chosen != PER_PARTNER:
            items = context.call(
                handouts.handouts_for_course, course_code=code, language=chosen, meeting_ids=ids
            )
            return render_handouts(items, language=chosen, progress=progress)
        course = context.call(courses.get_course, code=code)
        wanted = Counter(
            partner_language.value
            for e in context.call(enrollments.list_enrollments, course_id=course.row.id)
            if e.status in PLACE_HOLDING
            for partner_language in e.languages
        )
        parts = [
            (
                lang,
                context.call(
                    handouts.handouts_for_course, course_code=code, language=lang, meeting_ids=ids
                )
                * wanted[lang],
            )
            for lang in sorted(wanted)
        ]
        return render_handouts_in_languages(parts, language=language.value, progress=progress)

    name = f"{code}-handouts.pdf" if meeting_id is None else f"{code}-handout.pdf"
    open_print_dialog(
        _("Handouts"),
        name,
        render,
        language,
        parent,
        extra_choices=[(_("each partner's preferred language"), PER_PARTNER)],
    )


def print_catch_up(
    parent: QWidget | None, context: AppContext, code: str, meeting_id: int, couple_id: int
) -> None:
    """The handout of a missed meeting with a catch-up note, in the couple's language."""
    couple = context.call(couples.get_couple, couple_id=couple_id)

    def render(chosen: str, _progress: Progress) -> bytes:
        from holdmetight.reports.handout import render_handouts

        items = context.call(
            handouts.handouts_for_course,
            course_code=code,
            language=chosen,
            meeting_ids=[meeting_id],
        )
        with using_language(chosen):
            note = _(
                "Catch-up: you missed this meeting on {date}. Read this handout together and try "
                "the exercise before the next meeting. Your facilitators are glad to answer your "
                "questions."
            ).format(date=format_date(items[0].meeting.date, style="long"))
        return render_handouts(items, language=chosen, catch_up=note)

    open_print_dialog(
        _("Catch-up handout"),
        f"{code}-catch-up.pdf",
        render,
        couple.partners[0].preferred_language,
        parent,
    )


def cancel_meeting(parent: QWidget | None, context: AppContext, meeting: GroupSessionInfo) -> None:
    reason = ask_reason(parent, _("Cancel meeting"), _("Why is this meeting cancelled?"))
    if reason is None:
        return
    context.run(
        parent,
        group_sessions.set_group_session_status,
        group_session_id=meeting.id,
        course_version=meeting.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason=reason,
    )


def export_calendar(parent: QWidget | None, context: AppContext, code: str) -> None:
    """Save the course's meetings as an .ics file where the user chooses."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export calendar"),
        str(Path.home() / f"{code}.ics"),
        _("Calendar files (*.ics)"),
    )
    if name:
        target = Path(name)
        try:
            write_export(target, context.call(calendar_export.course_calendar, code=code))
        except HoldMeTightError as error:
            show_error(parent, error)
