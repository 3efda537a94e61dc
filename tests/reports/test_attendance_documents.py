"""Sign-in sheets and attendance summaries, parsed back from the PDF as a reader would."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from holdmetight.domain.enums import CourseStatus
from holdmetight.errors import NotFoundError
from holdmetight.reports.attendance_summary import render_attendance, totals
from holdmetight.reports.signin import render_signin
from holdmetight.services import courses, demo, sheets

PRINTED = date(2026, 11, 24)


@pytest.fixture
def running(database):
    with database.session() as session:
        demo.create_demo_data(session, today=PRINTED)
    with database.session() as session:
        row = next(r for r in courses.list_courses(session) if r.status is CourseStatus.RUNNING)
    return database, row


def text_of(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether it is embedded in the file."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return found


def test_dutch_sign_in_sheet_names_every_partner_with_the_meeting_in_dutch(running):
    database, row = running
    with database.session() as session:
        sheet = sheets.signin_sheet(session, course_code=row.code, step="6")
    text, reader = text_of(render_signin(sheet, language="nl", printed_on=PRINTED))
    assert "Presentielijst" in text and "Handtekening" in text
    assert "Onderdeel 6: Gesprek 5: Kwetsuren vergeven" in text
    assert sheet.meeting.date.strftime("%Y") in text and "november 2026" in text
    for first, second in sheet.couples:
        assert first in text and second in text
    assert "pagina 1 van 1" in text and "afgedrukt op 24 nov 2026" in text
    assert fonts(reader) == {"NotoSans-Regular": True, "NotoSans-Bold": True}


def test_english_sign_in_sheet_by_step_code_keeps_diacritics(running):
    database, row = running
    with database.session() as session:
        sheet = sheets.signin_sheet(session, course_code=row.code, step="c5")
    text, _reader = text_of(render_signin(sheet, language="en", printed_on=PRINTED))
    assert "Sign-in sheet" in text and "Step 6: Conversation 5: Forgiving injuries" in text
    assert "Thursday" in text or "Thu" in text
    names = " ".join(n for pair in sheet.couples for n in pair)
    for letter in set("éëïöüç") & set(names):
        assert letter in text


def test_unknown_step_is_explained(running):
    database, row = running
    with (
        database.session() as session,
        pytest.raises(NotFoundError, match="no meeting for step 12"),
    ):
        sheets.signin_sheet(session, course_code=row.code, step="12")


def test_attendance_summary_shows_the_grid_totals_and_completion(running):
    database, row = running
    with database.session() as session:
        summary = sheets.attendance_summary(session, course_code=row.code)
    per_meeting, (came, recorded) = totals(summary.grid)
    text, reader = text_of(render_attendance(summary, language="en", printed_on=PRINTED))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height, "A4 landscape"
    assert f"Attendance rate: {round(100 * came / recorded)}% ({came} of {recorded}" in text
    first = summary.grid.meetings[0]
    assert "{}/{}".format(*per_meeting[first.id]) in text
    for couple in summary.grid.couples:
        assert couple.partner_names[0] in text and couple.completion.state.label in text
    assert "Completion rule: attended at least 6 of 8 steps, both partners" in text
    assert "page 1 of 1" in text


def test_attendance_summary_in_dutch_uses_dutch_letters(running):
    database, row = running
    with database.session() as session:
        summary = sheets.attendance_summary(session, course_code=row.code)
    text, _reader = text_of(render_attendance(summary, language="nl", printed_on=PRINTED))
    flat = " ".join(text.split())
    assert "A aanwezig" in flat and "Z afwezig (zonder bericht)" in flat and "Opkomst:" in flat


def test_twelve_couples_and_ten_meetings_stay_readable_on_one_page(database, make, session):
    from datetime import time

    from holdmetight.services import attendance, courses, enrollments, scheduling

    course = make.course("HMV-BIG", capacity=12, first_date=date(2026, 9, 1))
    for position in (2, 5):
        scheduling.add_makeup_session(
            session,
            course_id=course.row.id,
            course_version=courses.get_course(session, course_id=course.row.id).version,
            position=position,
            on=date(2026, 11, 3),
            start_time=time(19),
            end_time=time(21),
            venue_id=None,
        )
    for n in range(12):
        enrollments.enroll(
            session, couple_id=make.couple(f"Familie{n}").id, course_id=course.row.id
        )
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert len(grid.meetings) == 10 and len(grid.couples) == 12
    summary = sheets.attendance_summary(session, course_code="HMV-BIG")
    text, reader = text_of(render_attendance(summary, language="nl", printed_on=PRINTED))
    assert len(reader.pages) == 1 and "Familie11" in text


def test_accented_names_are_intact_in_the_pdf(database, make, session):
    from holdmetight.domain.enums import IntakeOutcome, TrafficLight
    from holdmetight.services import couples, enrollments, intakes

    course = make.course("HMV-ACC", first_date=date(2027, 3, 9))
    couple = couples.create_couple(
        session,
        partners=(couples.PartnerInput("Renée", "Loïs"), couples.PartnerInput("Zoë", "Çelik")),
    )
    intakes.record_intake(
        session,
        couple_id=couple.id,
        on=date(2026, 11, 2),
        traffic_light=TrafficLight.ORANGE,
        outcome=IntakeOutcome.SUITABLE,
    )
    enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    sheet = sheets.signin_sheet(session, course_code="HMV-ACC", step="1")
    text, _reader = text_of(render_signin(sheet, language="nl", printed_on=PRINTED))
    assert "Renée Loïs" in text and "Zoë Çelik" in text
