"""Printing from the window: the printer gets exactly the pages of the saved PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from holdmetight.domain.enums import CourseStatus, Language
from holdmetight.reports.attendance_summary import render_attendance
from holdmetight.services import courses, sheets
from holdmetight.ui.printing import PrintDialog
from tests.ui.conftest import wait_for_jobs


def summary_pdf(context, language: str) -> bytes:
    code = next(
        r.code for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )
    return render_attendance(
        context.call(sheets.attendance_summary, course_code=code), language=language
    )


def made_pdf(qtbot, dialog: PrintDialog) -> bytes:
    """The PDF the dialog makes in the background for the language chosen."""
    made: list[bytes] = []
    dialog.with_pdf(made.append)
    wait_for_jobs(qtbot)
    return made[0]


def test_printer_receives_every_page_in_the_pdfs_orientation(qtbot, demo_context, tmp_path):
    pdf = summary_pdf(demo_context, "nl")
    dialog = PrintDialog(
        "Aanwezigheid", "x.pdf", lambda lang, _p: summary_pdf(demo_context, lang), Language.NL
    )
    qtbot.addWidget(dialog)
    printer = dialog._printer(pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_on(printer, pdf)
    wait_for_jobs(qtbot)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    box = printed.pages[0].mediabox
    assert box.width > box.height, "the landscape summary prints landscape"


def test_save_as_pdf_writes_the_chosen_language(qtbot, demo_context, tmp_path, monkeypatch):
    target = tmp_path / "overzicht"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = PrintDialog(
        "Attendance", "x.pdf", lambda lang, _p: summary_pdf(demo_context, lang), Language.NL
    )
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.save()
    wait_for_jobs(qtbot)
    saved = dialog.saved_to
    assert saved == Path(f"{target}.pdf")
    text = PdfReader(saved).pages[0].extract_text()
    assert "Attendance rate" in text


def test_catch_up_handout_is_in_the_couples_language_with_the_note(
    qtbot, demo_context, monkeypatch
):
    from holdmetight.services import attendance
    from holdmetight.ui import course_actions

    row = next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )
    grid = demo_context.call(attendance.attendance_grid, course_id=row.id)
    couple, meeting = grid.couples[0], grid.meetings[2]
    made: list[bytes] = []

    def fake_exec(dialog):
        made.append(made_pdf(qtbot, dialog))
        return 0

    monkeypatch.setattr(PrintDialog, "exec", fake_exec)
    course_actions.print_catch_up(None, demo_context, row.code, meeting.id, couple.couple_id)
    text = PdfReader(io.BytesIO(made[0])).pages[0].extract_text()
    assert "Inhalen:" in text or "Catch-up:" in text
    assert "Gesprek 2" in text or "Conversation 2" in text


def test_handouts_per_preferred_language_give_each_partner_a_copy_in_their_language(
    qtbot, context, make, session, monkeypatch
):
    from datetime import date

    from holdmetight.services import couples, enrollments, group_sessions
    from holdmetight.ui import course_actions

    course = make.course("HMV-MIX", first_date=date(2027, 3, 9))
    mixed = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput("Anna", "Smit"),
            couples.PartnerInput("John", "Smith", preferred_language=Language.EN),
        ),
    )
    make.suitable_intake(mixed.id)
    dutch = make.couple("Jansen")
    for couple in (mixed, dutch):
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    first_meeting = group_sessions.list_group_sessions(session, course_id=course.row.id)[0]
    made: list[bytes] = []

    def fake_exec(dialog):
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("per_partner"))
        made.append(made_pdf(qtbot, dialog))
        return 0

    monkeypatch.setattr(PrintDialog, "exec", fake_exec)
    course_actions.print_handouts(None, context, "HMV-MIX", Language.NL, first_meeting.id)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(made[0])).pages]
    dutch_pages = [p for p in pages if "Introductie: liefde als hechting" in p]
    english_pages = [p for p in pages if "Introduction: love as attachment" in p]
    assert (len(dutch_pages), len(english_pages)) == (3, 1)


def test_print_to_file_writes_the_document_itself_with_its_text(
    qtbot, demo_context, tmp_path, monkeypatch
):
    from PySide6.QtPrintSupport import QPrintDialog

    target = tmp_path / "printed.pdf"

    def choose_print_to_file(print_dialog):
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", choose_print_to_file)
    dialog = PrintDialog(
        "Attendance", "x.pdf", lambda lang, _p: summary_pdf(demo_context, lang), Language.EN
    )
    qtbot.addWidget(dialog)
    dialog.print_()
    wait_for_jobs(qtbot)
    assert "Attendance rate" in PdfReader(target).pages[0].extract_text()
    assert target.read_bytes() == made_pdf(qtbot, dialog), "the very document, not page images"
