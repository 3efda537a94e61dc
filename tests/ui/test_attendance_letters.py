"""One letter table per language: the keyboard, the legend on screen, the sign-in sheet and the
attendance summary say the same thing, so a facilitator never records attendance backwards."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from holdmetight.domain.enums import AttendanceStatus, CourseStatus
from holdmetight.i18n import set_language
from holdmetight.reports.attendance_letters import LETTERS, MEANINGS, legend
from holdmetight.reports.attendance_summary import render_attendance
from holdmetight.reports.signin import render_signin
from holdmetight.services import attendance, courses, sheets
from holdmetight.ui.views.attendance_tab import AttendanceTab

PAIRS = {
    "nl": ["A aanwezig", "T te laat", "M afgemeld (met bericht)", "Z afwezig (zonder bericht)"],
    "en": ["P present", "L late", "E excused (with notice)", "A absent (without notice)"],
}


def flat(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


@pytest.fixture
def running(demo_context):
    return next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_legend_reads_as_the_office_says_it(language):
    assert legend(language) == ", ".join(PAIRS[language])
    assert set(LETTERS[language]) == set(AttendanceStatus) == set(MEANINGS)
    assert len(set(LETTERS[language].values())) == 4, "one letter, one meaning"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_keyboard_screen_sign_in_sheet_and_summary_agree(qtbot, demo_context, running, language):
    set_language(language)
    tab = AttendanceTab(demo_context)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_course(running.id)
    assert legend(language) in " ".join(tab.legend.text().split())
    held = next(c for c in range(tab.model.columnCount()) if tab.model.meeting_at(c))
    for row, status in enumerate(AttendanceStatus):
        tab.table.setCurrentIndex(tab.model.index(row, held))
        qtbot.keyClicks(tab.table, LETTERS[language][status])
        couple, meeting = tab.model.couple_at(row), tab.model.meeting_at(held)
        grid = demo_context.call(attendance.attendance_grid, course_id=running.id)
        assert grid.mark(couple.enrollment_id, meeting.id)[row % 2] is status, (
            f"typing {LETTERS[language][status]} in {language} records {status}"
        )
    summary = demo_context.call(sheets.attendance_summary, course_code=running.code)
    meeting = tab.model.meeting_at(held)
    sheet = demo_context.call(
        sheets.signin_sheet, course_code=running.code, step="", meeting_id=meeting.id
    )
    for document in (
        render_attendance(summary, language=language),
        render_signin(sheet, language=language),
    ):
        text = flat(document)
        assert all(pair in text for pair in PAIRS[language]), text


def test_a_means_present_in_dutch_and_absent_in_english(qtbot, demo_context, running):
    recorded = []
    for language in ("nl", "en"):
        set_language(language)
        tab = AttendanceTab(demo_context)
        qtbot.addWidget(tab)
        tab.show()
        tab.show_course(running.id)
        held = next(c for c in range(tab.model.columnCount()) if tab.model.meeting_at(c))
        tab.table.setCurrentIndex(tab.model.index(0, held))
        qtbot.keyClicks(tab.table, "a")
        couple, meeting = tab.model.couple_at(0), tab.model.meeting_at(held)
        grid = demo_context.call(attendance.attendance_grid, course_id=running.id)
        recorded.append(grid.mark(couple.enrollment_id, meeting.id)[0])
    assert recorded == [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT]
