"""Every page names the organisation in full in its footer, beside the print date and page
number or above them, and neither footer nor header ever runs into the page's own text."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from holdmetight.domain.enums import CourseStatus
from holdmetight.i18n import using_language
from holdmetight.reports.attendance_summary import render_attendance
from holdmetight.reports.common import (
    FONT,
    MARGIN,
    SMALLEST_SIZE,
    build_pdf,
    footer_name,
    styles,
)
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
    organisations,
    payments,
    receipts,
    sheets,
)
from tests.reports.text_boxes import flat, pieces

LONG_NAME = "Stichting Maatschappelijk Werk en Welzijn Utrechtse Heuvelrug, Wijkteam Zuidoost"
PRINTED = date(2026, 11, 24)


def assert_footer_whole_and_apart(pdf: bytes, pagesize: tuple[float, float]) -> None:
    """On every page: the whole name in the footer, the footer's texts side by side or above
    one another without touching, all of it below the page's text and within the margins;
    a running head, if any, above the page's text."""
    reader = PdfReader(io.BytesIO(pdf))
    width, height = pagesize
    for number, page in enumerate(reader.pages, start=1):
        found = pieces(page)
        footer = [
            p
            for p in found
            if p.top < 20 * (72 / 25.4)
            and (
                p.text in LONG_NAME
                or p.text.startswith(("printed on", "afgedrukt op", "page ", "pagina "))
            )
        ]
        heads = [p for p in found if p.bottom > height - MARGIN]
        body = [p for p in found if p not in footer and p not in heads]
        assert LONG_NAME in flat(page.extract_text()), f"page {number}"
        assert LONG_NAME in flat(" ".join(p.text for p in footer)), f"page {number}: {footer}"
        assert any(f"{number} " in p.text for p in footer), f"page {number}: {footer}"
        for i, piece in enumerate(footer):
            assert piece.left >= MARGIN - 1 and piece.right <= width - MARGIN + 1, piece
            for other in footer[i + 1 :]:
                assert not piece.overlaps(other), (piece, other)
        lowest = min(p.bottom for p in body)
        assert max(p.top for p in footer) < lowest - 2, f"page {number}: footer touches text"
        if heads:
            assert min(p.bottom for p in heads) > max(p.top for p in body) + 2, heads


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("pagesize", [A5, A4, landscape(A4)])
def test_a_long_organisation_name_is_whole_and_never_runs_into_the_date_or_page_number(
    language, pagesize
):
    assert len(LONG_NAME) == 80
    with using_language(language):
        pdf = build_pdf(
            [Paragraph("Betalingsbewijs", styles()["title"])],
            pagesize=pagesize,
            title="test",
            organisation=LONG_NAME,
            logo=None,
            printed_on=date(2026, 11, 26),
        )
    assert_footer_whole_and_apart(pdf, pagesize)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The demo office under a long name, with every kind of document it prints."""
    from holdmetight.config import database_url
    from holdmetight.db.database import open_database

    database = open_database(database_url(tmp_path_factory.mktemp("office") / "office.sqlite3"))
    with database.session() as session:
        demo.create_demo_data(session, today=PRINTED)
    with database.session() as session:
        info = organisations.get_organisation(session)
        assert info is not None
        organisations.save_organisation(
            session, name=LONG_NAME, city=info.city, version=info.version
        )
    yield database
    database.dispose()


def _documents() -> dict[str, tuple[tuple[float, float], Callable[..., bytes]]]:
    """Each kind of document: its page size, and how to print it from a session."""

    def running(session) -> str:
        return next(
            r.code for r in courses.list_courses(session) if r.status is CourseStatus.RUNNING
        )

    def receipt(session, language):
        first = payments.payment_lines(session)[0]
        return render_receipt(
            receipts.receipt(session, payment_id=first.id), language=language, printed_on=PRINTED
        )

    def signin(session, language):
        sheet = sheets.signin_sheet(session, course_code=running(session), step="1")
        return render_signin(sheet, language=language, printed_on=PRINTED)

    def signin_over_pages(session, language):
        sheet = sheets.signin_sheet(session, course_code=running(session), step="1")
        many = tuple((f"Anna Jansen {n}", f"Bram Visser {n}") for n in range(1, 31))
        return render_signin(replace(sheet, couples=many), language=language, printed_on=PRINTED)

    def attendance(session, language):
        summary = sheets.attendance_summary(session, course_code=running(session))
        return render_attendance(summary, language=language, printed_on=PRINTED)

    def fees(session, language):
        summary = fee_summary.fee_summary(session, course_code=running(session))
        return render_fee_summary(summary, language=language, printed_on=PRINTED)

    def municipality(session, language):
        first, last = date(2026, 1, 1), date(2026, 12, 31)
        return render_municipality_report(
            municipality_report.municipality_report(session, first=first, last=last),
            first=first,
            last=last,
            organisation=LONG_NAME,
            logo=None,
            language=language,
            printed_on=PRINTED,
        )

    def handout(session, language):
        items = handouts.handouts_for_course(
            session, course_code=running(session), language=language
        )
        return render_handouts(items[:2], language=language, printed_on=PRINTED)

    return {
        "receipt": (A5, receipt),
        "sign-in sheet": (A4, signin),
        "sign-in sheet of 30 couples": (A4, signin_over_pages),
        "attendance summary": (landscape(A4), attendance),
        "fee summary": (A4, fees),
        "municipality report": (landscape(A4), municipality),
        "handouts": (A4, handout),
    }


DOCUMENTS = _documents()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_every_document_names_a_long_organisation_in_full_on_every_page(office, kind, language):
    pagesize, render = DOCUMENTS[kind]
    with office.session() as session:
        pdf = render(session, language)
    assert PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width == pytest.approx(pagesize[0])
    assert_footer_whole_and_apart(pdf, pagesize)


def test_a_name_goes_beside_the_date_then_above_it_then_over_two_lines_then_shortened():
    short = footer_name("Wijkteam De Brug", beside=200, width=400)
    assert (short.lines, short.size, short.beside_date) == (("Wijkteam De Brug",), 8, True)
    above = footer_name(LONG_NAME, beside=200, width=350)
    assert (above.lines, above.size, above.beside_date) == ((LONG_NAME,), 8, False)
    smaller = footer_name(LONG_NAME, beside=200, width=280)
    assert smaller.lines == (LONG_NAME,) and smaller.size < 8
    wrapped = footer_name(LONG_NAME, beside=100, width=200)
    assert len(wrapped.lines) == 2 and " ".join(wrapped.lines) == LONG_NAME
    assert all(stringWidth(line, FONT, wrapped.size) <= 200 for line in wrapped.lines)
    absurd = footer_name(" ".join([LONG_NAME] * 4), beside=100, width=200)
    assert len(absurd.lines) == 2 and absurd.lines[-1].endswith("…")
    assert absurd.size == SMALLEST_SIZE
    assert all(stringWidth(line, FONT, absurd.size) <= 200 for line in absurd.lines)
