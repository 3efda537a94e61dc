"""Letters for a window envelope: the address inside the window, whatever the window, the
letter's words and date in its own language, and every letter on pages of its own."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf._page import PageObject
from reportlab.lib.units import mm

from holdmetight.i18n import _, using_language
from holdmetight.reports.letters import (
    Letter,
    Sender,
    Window,
    address_block,
    render_letters,
)
from tests.reports.text_boxes import Piece, flat, pieces

A4_HEIGHT = 297 * mm
WRITTEN = date(2026, 11, 26)

SENDER = Sender(
    name="Wijkteam Utrecht Zuid",
    address_lines=("Stationsstraat 1", "1234 AB Utrecht"),
    phone="030 123 45 67",
    email="info@wijkteam.example",
    logo_png=None,
)
ZOE = Letter(
    language="nl",
    recipient=("Zoë Çelik-de Vries", "Ëlkestraat 12 bis", "3512 AB  UTRECHT"),
    subject="Uitnodiging voor de cursus",
    body=(
        "Beste Zoë,\n\n"
        "Van harte welkom bij de cursus Houd me vast.\n"
        "De eerste bijeenkomst is in het buurthuis.\n\n"
        "Met vriendelijke groet,\n"
        "Wijkteam Utrecht Zuid"
    ),
    date=WRITTEN,
)
FRANS = Letter(
    language="en",
    recipient=("Frans-Ëlke Brouwer", "Kerkstraat 3", "3511 CD  UTRECHT"),
    subject="Invitation to the course",
    body="Dear Frans,\n\nYou are welcome to join the course.\n\nKind regards,\nWijkteam",
    date=WRITTEN,
)


def pages_of(pdf: bytes) -> list[PageObject]:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def text_of(page: PageObject) -> str:
    return flat(page.extract_text())


def assert_inside(piece: Piece, window: Window) -> None:
    left, right = window.left_mm * mm, (window.left_mm + window.width_mm) * mm
    top = A4_HEIGHT - window.top_mm * mm
    bottom = top - window.height_mm * mm
    assert left <= piece.left and piece.right <= right, (piece, window)
    assert bottom <= piece.bottom and piece.top <= top, (piece, window)


def recipient_pieces(page: PageObject, letter: Letter) -> list[Piece]:
    """The runs of text that make up the letter's address, one or more for each line."""
    found = pieces(page)
    lines = [flat(line) for line in letter.recipient]
    wanted = [p for p in found if any(flat(p.text) and flat(p.text) in line for line in lines)]
    shown = flat(" ".join(p.text for p in wanted))
    for line in lines:
        assert line in shown, (line, [p.text for p in found])
    return wanted


@pytest.fixture(scope="module")
def both() -> bytes:
    return render_letters([ZOE, FRANS], sender=SENDER, window=Window())


def test_a_letter_reads_in_its_own_language(both):
    dutch, english = (text_of(page) for page in pages_of(both))
    for letter, text in ((ZOE, dutch), (FRANS, english)):
        for line in letter.recipient:
            assert flat(line) in text
        assert letter.subject in text
        for paragraph in letter.body.split("\n\n"):
            assert flat(paragraph) in text
        with using_language(letter.language):
            assert _("Subject:") in text
    assert "Utrecht, donderdag 26 november 2026" in dutch
    assert "Utrecht, Thursday 26 November 2026" in english
    assert "november" not in english  # the month as English writes it
    for detail in (SENDER.name, *SENDER.address_lines, SENDER.phone, SENDER.email):
        assert detail in dutch and detail in english


@pytest.mark.parametrize(
    "window",
    [Window(), Window(left_mm=120, top_mm=45), Window(left_mm=25, top_mm=55, height_mm=30)],
    ids=["standard", "right-hand", "low"],
)
def test_the_address_lies_inside_the_window(window):
    pdf = render_letters([ZOE, FRANS], sender=SENDER, window=window)
    for page, letter in zip(pages_of(pdf), (ZOE, FRANS), strict=True):
        found = recipient_pieces(page, letter)
        assert found
        for piece in found:
            assert_inside(piece, window)
        # Nothing else of the letter shows through the window: at most the return line.
        others = [p for p in pieces(page) if p not in found and _overlaps_window(p, window)]
        assert all(SENDER.name in p.text and "·" in p.text for p in others), others


def _overlaps_window(piece: Piece, window: Window) -> bool:
    left, right = window.left_mm * mm, (window.left_mm + window.width_mm) * mm
    top = A4_HEIGHT - window.top_mm * mm
    bottom = top - window.height_mm * mm
    return piece.left < right and left < piece.right and piece.bottom < top and bottom < piece.top


def test_a_long_letter_runs_over_pages_and_the_next_starts_on_a_page_of_its_own():
    long = Letter(
        language="nl",
        recipient=ZOE.recipient,
        subject="Verslag",
        body="\n\n".join(
            f"Alinea {n}: een tekst die lang genoeg is om over de regel heen te lopen en zo "
            "de pagina's te vullen waar de brief over doorloopt."
            for n in range(1, 81)
        ),
        date=WRITTEN,
    )
    pdf = render_letters([long, FRANS], sender=SENDER, window=Window())
    pages = pages_of(pdf)
    assert len(pages) >= 4
    texts = [text_of(page) for page in pages]
    first, last = texts[:-1], texts[-1]
    total = len(first)
    for number, text in enumerate(first, start=1):
        assert f"pagina {number} van {total}" in text
    assert "Alinea 1:" in first[0] and "Alinea 80:" in first[-1]
    assert all(ZOE.recipient[0] in text for text in first)  # on later pages, in the head
    assert FRANS.recipient[0] in last and FRANS.subject in last
    assert "Alinea" not in last and "page 1 of" not in last
    assert FRANS.recipient[0] not in " ".join(first)
    # The second letter's first page is a first page: its address in the window again.
    for piece in recipient_pieces(pages[-1], FRANS):
        assert_inside(piece, Window())


def test_a_very_long_name_stays_within_the_window():
    name = "Frans-Ëlke van den Heuvel-Oosterbroek tot Nijenhuis en Kasteelheer van Oud-Zuilen"
    street = "Burgemeester Baron van Voerst van Lyndenstraat 1234 bis"
    letter = Letter("en", (name, street, "3512 AB  UTRECHT"), "Invitation", "Dear Frans,", WRITTEN)
    for window in (Window(), Window(left_mm=120, top_mm=45, width_mm=80)):
        block = address_block(letter.recipient, window)
        assert block.size >= 8
        shown = flat(" ".join(block.lines))
        assert name in shown and street in shown  # wrapped, not cut short
        page = pages_of(render_letters([letter], sender=SENDER, window=window))[0]
        found = recipient_pieces(page, letter)
        assert len(found) > len(letter.recipient)  # the long lines wrapped
        for piece in found:
            assert_inside(piece, window)


def test_an_address_too_long_for_the_window_is_cut_short_inside_it():
    letter = Letter(
        "nl", tuple(f"Regel {n} van een heel lang adres" for n in range(12)), "x", "", WRITTEN
    )
    window = Window(height_mm=30)
    block = address_block(letter.recipient, window)
    assert block.lines[-1].endswith("…")
    page = pages_of(render_letters([letter], sender=SENDER, window=window))[0]
    texts = [p for p in pieces(page) if p.text.startswith("Regel")]
    assert texts
    for piece in texts:
        assert_inside(piece, window)


def test_there_must_be_a_letter():
    with pytest.raises(ValueError):
        render_letters([], sender=SENDER, window=Window())
