"""The sign-in sheet as the facilitators hand it round: column titles inside their columns in
either language, a group of twelve couples on one page, and a larger group continued with the
column titles and the meeting atop every page."""

from __future__ import annotations

import io
from datetime import date, timedelta
from itertools import pairwise

import pytest
from pypdf import PdfReader
from pypdf._page import PageObject
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import stringWidth

from holdmetight.reports.common import FONT, FONT_BOLD
from holdmetight.reports.signin import render_signin
from holdmetight.services import couples as couples_service
from holdmetight.services import enrollments, sheets
from holdmetight.services.couples import PartnerInput

PRINTED = date(2026, 11, 24)
FAMILIES = [
    ("van den", "Heuvel"),
    ("", "Öztürk"),
    ("de", "Groot"),
    ("", "El Amrani"),
    ("van der", "Meer"),
    ("", "Schäfer"),
    ("ter", "Horst"),
    ("", "Vermeulen"),
    ("van", "Leeuwen"),
    ("", "Dijkstra"),
    ("de", "Vries"),
    ("", "Bakker"),
]


def course_of(session, make, couples: int):
    """A course with ``couples`` couples enrolled (its capacity), meeting weekly."""
    course = make.course(
        f"HMV-{couples}", capacity=couples, first_date=date.today() + timedelta(days=14)
    )
    for n in range(couples):
        prefix, family = FAMILIES[n % len(FAMILIES)]
        couple = couples_service.create_couple(
            session,
            partners=(
                PartnerInput(given_name="Annemarie", name_prefix=prefix, family_name=family),
                PartnerInput(given_name="Jan-Willem", family_name=f"Visser {n + 1}"),
            ),
            postcode="3512 AB",
            municipality="Utrecht",
        )
        make.suitable_intake(couple.id)
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    return course


def words(page: PageObject) -> list[tuple[str, float, float, float]]:
    """The texts of a page with where each starts and ends across, and its baseline."""
    found: list[tuple[str, float, float, float]] = []

    def seen(text, cm, tm, font, size) -> None:
        if text.strip():
            face = FONT_BOLD if font and "Bold" in str(font.get("/BaseFont")) else FONT
            x = cm[4] + tm[4]
            found.append(
                (text.strip(), x, x + stringWidth(text.strip(), face, size), cm[5] + tm[5])
            )

    page.extract_text(visitor_text=seen)
    return found


def vertical_rules(reader: PdfReader, page: PageObject) -> list[float]:
    """Where the table's vertical lines stand across the page."""
    shifts = [(0.0, 0.0)]
    start = (0.0, 0.0)
    rules = set()
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            shifts.append(shifts[-1])
        elif operator == b"Q":
            shifts.pop()
        elif operator == b"cm":
            dx, dy = shifts[-1]
            shifts[-1] = (dx + float(operands[4]), dy + float(operands[5]))
        elif operator == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif operator == b"l" and abs(float(operands[0]) - start[0]) < 0.01:
            rules.add(round(start[0] + shifts[-1][0], 2))
    return sorted(rules)


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("nl", ["Stel", "Naam", "Handtekening", "Aanwezigheid"]),
        ("en", ["Couple", "Name", "Signature", "Attendance"]),
    ],
)
def test_every_column_title_stands_inside_its_column(session, make, language, titles):
    course = course_of(session, make, 8)
    sheet = sheets.signin_sheet(session, course_code=course.row.code, step="1")
    reader = PdfReader(io.BytesIO(render_signin(sheet, language=language, printed_on=PRINTED)))
    page = reader.pages[0]
    rules = vertical_rules(reader, page)
    placed = {text: (left, right) for text, left, right, _y in words(page)}
    assert len(rules) == 5, rules
    for title, (left_rule, right_rule) in zip(titles, pairwise(rules), strict=True):
        left, right = placed[title]
        assert left_rule + 3 <= left and right <= right_rule - 3, (title, left, right, rules)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_group_of_twelve_couples_signs_in_on_one_page(session, make, language):
    course = course_of(session, make, 12)
    sheet = sheets.signin_sheet(session, course_code=course.row.code, step="1")
    assert len(sheet.couples) == 12
    reader = PdfReader(io.BytesIO(render_signin(sheet, language=language, printed_on=PRINTED)))
    assert len(reader.pages) == 1
    lines = reader.pages[0].extract_text().splitlines()
    for first, second in sheet.couples:
        assert first in lines and second in lines


def test_a_full_course_of_thirty_couples_repeats_titles_and_meeting_on_every_page(session, make):
    course = course_of(session, make, 30)
    sheet = sheets.signin_sheet(session, course_code=course.row.code, step="1")
    reader = PdfReader(io.BytesIO(render_signin(sheet, language="nl", printed_on=PRINTED)))
    assert len(reader.pages) > 1
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert "Handtekening" in text and "Aanwezigheid" in text, f"page {number}"
        assert course.row.code in text and "Onderdeel 1" in text, f"page {number}"
    for later in reader.pages[1:]:
        top = max(words(later), key=lambda word: word[3])
        assert course.row.code in top[0] and "Onderdeel 1" in top[0], top
    lines = [text.splitlines() for text in texts]
    for first, second in sheet.couples:  # the second partners' names are all different
        (page,) = [found for found in lines if second in found]
        assert page[page.index(second) - 1] == first, "a couple is never split over two pages"
