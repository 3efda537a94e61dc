"""Handouts: complete content for every step in both languages, and the PDFs parsed back."""

from __future__ import annotations

import io
import tomllib
from datetime import date

import pytest
from pypdf import PdfReader

from holdmetight.reports.handout import render_handouts
from holdmetight.services import demo, handouts
from holdmetight.services.programs import programs_dir

PRINTED = date(2026, 11, 24)
STEP_CODES = sorted(
    {
        step["code"]
        for path in programs_dir().glob("*.toml")
        for step in tomllib.loads(path.read_text(encoding="utf-8"))["steps"]
    }
)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("code", STEP_CODES)
def test_every_step_has_aim_ideas_exercise_questions_and_homework(code, language):
    sections = handouts.handout_text(code, language)
    assert len(sections) == 5
    aim, ideas, exercise, questions, homework = sections
    assert aim.paragraphs and exercise.paragraphs and homework.paragraphs
    assert len(ideas.bullets) >= 3 and len(questions.bullets) >= 2


def test_dutch_and_english_files_have_matching_shape():
    for code in STEP_CODES:
        nl, en = handouts.handout_text(code, "nl"), handouts.handout_text(code, "en")
        assert [len(s.bullets) for s in nl] == [len(s.bullets) for s in en]


@pytest.fixture
def open_course(database):
    with database.session() as session:
        demo.create_demo_data(session, today=PRINTED)
    return database


def pdf_text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages), reader


def test_dutch_handout_names_the_meeting_in_dutch(open_course):
    with open_course.session() as session:
        code = "HMV-27-03C"
        items = handouts.handouts_for_course(session, course_code=code, language="nl")
    assert [i.meeting.step_code for i in items] == ["INTRO", *[f"C{n}" for n in range(1, 8)]]
    text, reader = pdf_text(render_handouts(items[4:5], language="nl", printed_on=PRINTED))
    assert "Gesprek 4: Houd me vast – contact maken en verbinden" in text
    assert "dinsdag 6 april 2027" in text or "di 6 april 2027" in text
    assert "Oefening voor jullie samen" in text and "Kernideeën" in text
    assert "Ahmed Benali" in text and "Wijkcentrum De Brug" in text
    fonts = {
        str(f.get_object()["/BaseFont"]).split("+")[-1]
        for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts == {"NotoSans-Regular", "NotoSans-Bold"}


def test_english_handout_with_a_catch_up_note(open_course):
    with open_course.session() as session:
        items = handouts.handouts_for_course(session, course_code="HMV-27-03C", language="en")
    note = "Catch-up: you missed this meeting."
    text, _reader = pdf_text(
        render_handouts(items[1:2], language="en", catch_up=note, printed_on=PRINTED)
    )
    assert note in text and "Recognising the demon dialogues" in text
    assert "Tue 16 March 2027" in text or "16 March 2027" in text


def test_diacritics_survive_in_the_pdf(open_course):
    with open_course.session() as session:
        items = handouts.handouts_for_course(session, course_code="HMV-27-03C", language="nl")
    text, _reader = pdf_text(render_handouts(items, language="nl", printed_on=PRINTED))
    assert "ideeën" in text
    assert len(PdfReader(io.BytesIO(render_handouts(items, language="nl"))).pages) >= 8
