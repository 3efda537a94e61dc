"""On paper, too, a date is in the short or the long form of the document's language: the
meetings' columns of the attendance summary, the print date in the footer, the meeting
announced on a sign-in sheet or handout, the date of a receipt (issue 14, item 6)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import col, select

from holdmetight.domain.fees import Payment
from holdmetight.i18n import long_date, short_date
from holdmetight.reports.attendance_summary import render_attendance
from holdmetight.reports.fee_summary import render_fee_summary
from holdmetight.reports.handout import render_handouts
from holdmetight.reports.municipality import render_municipality_report
from holdmetight.reports.receipt import render_receipt
from holdmetight.reports.signin import render_signin
from holdmetight.services import (
    courses,
    demo,
    fee_summary,
    handouts,
    municipality_report,
    receipts,
    sheets,
)
from tests.date_forms import dates_in, stray_dates

PRINTED = date(2026, 11, 24)
LANGUAGES = ["nl", "en"]


@pytest.fixture
def office(database):
    with database.session() as session:
        demo.create_demo_data(session, today=PRINTED)
    return database


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def documents(database, language: str) -> dict[str, bytes]:
    """Every kind of document the office prints, from the demo's data."""
    printed: dict[str, bytes] = {}
    with database.session() as session:
        for row in courses.list_courses(session):
            summary = sheets.attendance_summary(session, course_code=row.code)
            printed[f"attendance {row.code}"] = render_attendance(
                summary, language=language, printed_on=PRINTED
            )
            printed[f"fees {row.code}"] = render_fee_summary(
                fee_summary.fee_summary(session, course_code=row.code),
                language=language,
                printed_on=PRINTED,
            )
        code = next(r.code for r in courses.list_courses(session) if r.code.endswith("B"))
        sheet = sheets.signin_sheet(session, course_code=code, step="6")
        printed["sign-in sheet"] = render_signin(sheet, language=language, printed_on=PRINTED)
        items = handouts.handouts_for_course(session, course_code=code, language=language)
        printed["handouts"] = render_handouts(items[:2], language=language, printed_on=PRINTED)
        payment = session.exec(select(Payment).order_by(col(Payment.id))).first()
        assert payment is not None and payment.id is not None
        receipt = receipts.receipt(session, payment_id=payment.id)
        printed["receipt"] = render_receipt(receipt, language=language, printed_on=PRINTED)
        first, last = date(2026, 1, 1), date(2026, 12, 31)
        printed["municipality"] = render_municipality_report(
            municipality_report.municipality_report(session, first=first, last=last),
            first=first,
            last=last,
            organisation="Wijkteam",
            logo=None,
            language=language,
            printed_on=PRINTED,
        )
    return printed


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_printed_is_in_the_short_or_the_long_form(office, language):
    for name, pdf in documents(office, language).items():
        text = text_of(pdf)
        assert dates_in([text]), f"{name} shows at least its print date"
        assert stray_dates([text], language) == [], name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_is_announced_by_its_weekday_and_date_and_a_list_is_short(office, language):
    printed = documents(office, language)
    with office.session() as session:
        code = next(r.code for r in courses.list_courses(session) if r.code.endswith("B"))
        meeting = sheets.signin_sheet(session, course_code=code, step="6").meeting
        grid = sheets.attendance_summary(session, course_code=code).grid
    announced = long_date(meeting.date, language=language)
    assert announced in text_of(printed["sign-in sheet"])
    summary = text_of(printed[f"attendance {code}"])
    for column in grid.meetings:
        assert short_date(column.date, language=language) in summary
    assert f"{short_date(PRINTED, language=language)}" in summary, "the print date"
