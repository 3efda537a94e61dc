"""Every spreadsheet export shows each cell as what it is (issue 14, items 9 and 10): amounts as
plain numbers in the CSV file's language and as euros in a workbook, counts as whole numbers,
dates as dates; the payments export starts with the number a receipt is printed by."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session

from holdmetight import i18n
from holdmetight.domain.enums import FeeBasis, PaymentMethod
from holdmetight.reports.municipality import render_municipality_report
from holdmetight.services import (
    audit_trail,
    couple_export,
    couples,
    demo,
    enrollments,
    fee_assessments,
    fee_scales,
    municipality_report,
    payments,
    receipts,
    tables,
)
from holdmetight.services.fee_scales import BandInput
from holdmetight.services.tables import Table

TODAY = date.today()
FIRST, LAST = TODAY - timedelta(days=365), TODAY
BIG_FEE = Decimal("1250.00")
BIG_PAYMENT = Decimal("1234.50")
# One rule for every CSV, whatever the language of its column titles.
SEPARATOR = {"nl": ";", "en": ";"}
AMOUNT = {"nl": re.compile(r"-?\d+,\d\d"), "en": re.compile(r"-?\d+,\d\d")}
HIDDEN_COUNT, LEFT_OUT = "< 5", "\u2013"

TABLES: dict[str, Callable[[Session, str], Table]] = {
    "couples": lambda s, lang: couple_export.couples_table(s, language=lang),
    "enrollments": lambda s, lang: couple_export.enrollments_table(s, language=lang),
    "attendance": lambda s, lang: couple_export.attendance_table(s, language=lang),
    "payments": lambda s, lang: couple_export.payments_table(s, language=lang),
    "fees": lambda s, lang: couple_export.fees_table(s, language=lang),
    "municipality": lambda s, lang: couple_export.municipality_table(
        s, language=lang, first=FIRST, last=LAST
    ),
}
# What the columns hold, by their English titles (a Dutch table has the same columns).
AMOUNTS = {
    "payments": {"amount"},
    "fees": {"fee", "paid", "waived", "outstanding", "to pay back"},
    "municipality": {"fees assessed", "paid", "waived"},
}
COUNTS = {"payments": {"number"}, "municipality": {"started", "completed", "withdrawn", "referred"}}
DATES = {
    "couples": {"consent_date"},
    "enrollments": {"applied on", "closing conversation"},
    "attendance": {"date"},
    "payments": {"date"},
}
MEDIAN = "median days from application to first meeting"


@pytest.fixture
def office(session, make):
    """The demo office, and a course in Ölst of six couples paying a fee above a thousand
    euros, one more without a fee and one whose municipality is not known; and six couples
    from Bunnik paying that fee too (no small count among them)."""
    demo.create_demo_data(session, today=TODAY)
    scale = fee_scales.create_fee_scale(
        session,
        name="Staffel hoog",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(TODAY.year - 1, 1, 1),
        valid_to=None,
        bands=[BandInput(0, None, BIG_FEE)],
    )
    course = make.course("HMV-OLST", first_date=TODAY - timedelta(weeks=2), capacity=16)
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)

    def place(family: str, municipality: str) -> int:
        couple = make.couple(family, municipality=municipality)
        return enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id).id

    assessed = [
        fee_assessments.assess_fee(
            session, enrollment_id=place(f"{town}{n}", town), fee_band_id=scale.bands[0].id
        )
        for town in ("Ölst", "Bunnik")
        for n in range(6)
    ]
    place("Zonderbijdrage", "Ölst")
    place("Onbekend", "")
    payments.record_payment(
        session,
        assessment_id=assessed[-1].assessment_id,  # a couple from Bunnik
        amount=BIG_PAYMENT,
        paid_on=TODAY,
        method=PaymentMethod.BANK_TRANSFER,
    )
    return session


def kinds_of(name: str, header: tuple[str, ...]) -> dict[str, set[int]]:
    """Column numbers per kind of cell, read from an English header."""
    found = {
        kind: {header.index(title) for title in titles.get(name, set())}
        for kind, titles in (("amount", AMOUNTS), ("count", COUNTS), ("date", DATES))
    }
    if name == "municipality":  # the income bands lie between "referred" and the median
        found["count"] |= set(range(header.index("referred") + 1, header.index(MEDIAN)))
    return found


def read_csv(data: bytes, language: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=SEPARATOR[language]))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", list(TABLES))
def test_a_csv_export_writes_amounts_counts_and_dates_as_excel_reads_them_in_its_language(
    office, name, language
):
    kinds = kinds_of(name, TABLES[name](office, "en").header)
    table = TABLES[name](office, language)
    lines = read_csv(tables.to_csv(table), language)
    assert len(lines) == len(table.rows) + 1 and len(table.rows) > 0
    assert all(len(line) == len(table.header) for line in lines)
    amounts = []
    for line, row in zip(lines[1:], table.rows, strict=True):
        for column in kinds["amount"]:
            text = line[column]
            assert "€" not in text
            if text not in (LEFT_OUT, ""):  # left out, or no fee assessed
                assert AMOUNT[language].fullmatch(text), text
                amounts.append(Decimal(text.replace(",", ".")))
                assert amounts[-1] == row[column]
            else:
                assert row[column] in (LEFT_OUT, None)
        for column in kinds["count"]:
            assert line[column] in (HIDDEN_COUNT, LEFT_OUT) or line[column].isdigit(), line[column]
        for column in kinds["date"]:
            if line[column]:
                assert datetime.strptime(line[column], "%d-%m-%Y").date() == row[column]
    if kinds["amount"]:
        assert amounts and max(amounts) >= 1000, "a thousands separator would have shown"


@pytest.mark.parametrize("name", list(TABLES))
def test_a_workbook_export_holds_euros_and_counts_as_numbers_and_dates_as_dates(office, name):
    kinds = kinds_of(name, TABLES[name](office, "en").header)
    table = TABLES[name](office, "nl")
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(table))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(table.rows) > 0
    euros = 0
    for cells, row in zip(rows, table.rows, strict=True):
        for column in kinds["amount"]:
            cell = cells[column]
            if cell.value in (LEFT_OUT, None):
                assert cell.value == row[column]
                continue
            assert isinstance(cell.value, int | float) and "€" in cell.number_format
            assert Decimal(str(cell.value)) == row[column]
            euros += 1
        for column in kinds["count"]:
            value = cells[column].value
            assert value in (HIDDEN_COUNT, LEFT_OUT) or (
                type(value) is int and value == row[column]
            )
        for column in kinds["date"]:
            if row[column] is not None:
                assert isinstance(cells[column].value, datetime)
                assert cells[column].value.date() == row[column]
    assert euros or not kinds["amount"]


def test_the_payments_export_starts_with_the_number_a_receipt_is_printed_by(office):
    table = couple_export.payments_table(office, language="en")
    assert table.header[:2] == ("number", "date")
    numbers = [row[0] for row in table.rows]
    assert len(set(numbers)) == len(numbers) > 1
    for number, paid_on, _code, names, amount, *_rest in table.rows:
        payment = receipts.receipt(office, payment_id=number).payment
        assert (payment.paid_on, payment.names, payment.amount) == (paid_on, names, amount)
    (big,) = [row for row in table.rows if row[4] == BIG_PAYMENT]
    lines = read_csv(tables.to_csv(table), "en")
    assert [str(big[0]), "1234,50"] == [lines[table.rows.index(big) + 1][i] for i in (0, 4)]


def test_the_payment_number_column_is_called_nummer_in_dutch(office):
    """Passes once the Dutch catalog has the new column title."""
    table = couple_export.payments_table(office, language="nl")
    assert table.header[:2] == ("nummer", "datum")
    assert read_csv(tables.to_csv(table), "nl")[0][:2] == ["nummer", "datum"]


def test_municipality_figures_are_numbers_and_small_ones_hidden_alike_in_csv_and_workbook(
    office,
):
    table = couple_export.municipality_table(office, language="en", first=FIRST, last=LAST)
    header = table.header
    rows = {row[0]: row for row in table.rows}
    olst = rows["Ölst"]
    assert olst[header.index("started")] == 7
    # One couple without a band is hidden; the six with one are left out, or the one would be
    # seven minus six; and the amounts, which follow the bands, too.
    assert olst[header.index("no band")] == HIDDEN_COUNT
    assert [olst[header.index(t)] for t in ("fees assessed", "paid")] == [LEFT_OUT] * 2
    bunnik = rows["Bunnik"]
    assert bunnik[header.index("started")] == 6
    assert [bunnik[header.index(t)] for t in ("fees assessed", "paid")] == [
        6 * BIG_FEE,
        BIG_PAYMENT,
    ]
    unknown = rows["(unknown)"]
    assert unknown[header.index("started")] == HIDDEN_COUNT
    assert [unknown[header.index(t)] for t in (MEDIAN, "fees assessed", "paid", "waived")] == [
        LEFT_OUT
    ] * 4
    lines = {line[0]: line for line in read_csv(tables.to_csv(table), "en")}
    assert lines["Bunnik"][header.index("fees assessed")] == "7500,00"
    assert lines["(unknown)"][header.index("started")] == HIDDEN_COUNT
    assert lines["(unknown)"][header.index("paid")] == LEFT_OUT
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(table))).active
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["Bunnik"][header.index("fees assessed")].value == 7500
    hidden = cells["(unknown)"][header.index("started")]
    assert (hidden.value, hidden.data_type, hidden.alignment.horizontal) == (
        HIDDEN_COUNT,
        "s",
        "right",
    )


def test_municipalities_sort_with_diacritics_ignored(office):
    table = couple_export.municipality_table(office, language="nl", first=FIRST, last=LAST)
    names = [row[0] for row in table.rows]
    assert names.index("Nieuwegein") < names.index("Ölst") < names.index("Utrecht")


def test_the_municipality_pdf_reads_in_its_own_language_with_money_as_money(office):
    i18n.set_language("nl")  # the window is Dutch; the funder asked for English
    figures = municipality_report.municipality_report(office, first=FIRST, last=LAST)
    pdf = render_municipality_report(
        figures, first=FIRST, last=LAST, organisation="Wijkteam", logo=None, language="en"
    )
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "€7,500.00" in text and "€1,234.50" in text and "< 5" in text
    assert "No band" in text and "(unknown)" in text
    assert "geen inkomensgroep" not in text and "(onbekend)" not in text


def test_a_note_that_starts_like_a_formula_stays_text_in_the_workbook(session):
    couples.create_couple(
        session,
        partners=(couples.PartnerInput("Anna", "Smit"), couples.PartnerInput("Bram", "Smit")),
        notes='=HYPERLINK("http://example.com")',
    )
    table = couple_export.couples_table(session, language="en")
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(table))).active
    note = sheet.cell(row=2, column=table.header.index("notes") + 1)
    assert (note.value, note.data_type) == ('=HYPERLINK("http://example.com")', "s")


def test_a_text_that_looks_like_a_formula_is_shown_not_run_and_reads_back_as_it_was(session):
    """A text cell starting with =, +, - or @ gets an apostrophe in CSV, so that a spreadsheet
    shows it instead of running it; importing the file again gives the text as typed (DESIGN:
    one rule for every CSV)."""
    from holdmetight.services import couple_import, couples

    formula = '=HYPERLINK("http://example.com")'
    couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(given_name="Anna", family_name="Jansen"),
            couples.PartnerInput(given_name="Bram", family_name="Visser"),
        ),
        postcode="3512 AB",
        municipality="Utrecht",
        notes=formula,
    )
    data = tables.to_csv(couple_export.couples_table(session, language="nl"))
    (row,) = read_csv(data, "nl")[1:]
    assert "'" + formula in row and formula not in row
    (parsed,) = list(couple_import.parse(data)[2])
    assert parsed.values is not None and parsed.values.notes == formula


def test_a_note_that_starts_with_an_apostrophe_reads_back_unchanged(session):
    """Only the apostrophe the export added is taken off on import: a note that itself starts
    with one ("'=50 euro afgesproken") comes back as typed."""
    from holdmetight.services import couple_import, couples

    for note in ("'=50 euro afgesproken", "'gewoon een citaat'", "''=dubbel"):
        couples.create_couple(
            session,
            partners=(
                couples.PartnerInput(given_name="Anna", family_name=f"Jansen{len(note)}"),
                couples.PartnerInput(given_name="Bram", family_name="Visser"),
            ),
            postcode="3512 AB",
            municipality="Utrecht",
            notes=note,
        )
        data = tables.to_csv(couple_export.couples_table(session, language="nl"))
        back = {p.values.notes for p in couple_import.parse(data)[2] if p.values is not None}
        assert note in back, note


def test_a_control_character_in_a_note_does_not_stop_the_workbook(session):
    """A note pasted with a control character (vertical tab) is written without it."""
    from openpyxl import load_workbook

    from holdmetight.services import couples

    couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(given_name="Anna", family_name="Jansen"),
            couples.PartnerInput(given_name="Bram", family_name="Visser"),
        ),
        postcode="3512 AB",
        municipality="Utrecht",
        notes="belt terug\x0bna 17u",
    )
    data = tables.to_xlsx(couple_export.couples_table(session, language="nl"))
    sheet = load_workbook(io.BytesIO(data)).active
    assert "belt terugna 17u" in [cell.value for cell in sheet[2]]


@pytest.fixture
def formula_office(office, make):
    """The office above, and a couple whose names, notes, municipality and payment reference
    each start like a formula, as do its course's code and an entry of the audit trail."""
    scale = fee_scales.list_fee_scales(office)[0]
    course = make.course("-HMV-MIN", first_date=TODAY - timedelta(weeks=1))
    fee_scales.set_course_fee_scale(office, course_id=course.row.id, fee_scale_id=scale.id)
    couple = couples.create_couple(
        office,
        partners=(
            couples.PartnerInput("=Anna", "+Smit"),
            couples.PartnerInput("@Bram", "-Jong"),
        ),
        postcode="3512 AB",
        municipality="+Ölst",
        notes="=1+2\r\n\tnog een regel",
    )
    make.suitable_intake(couple.id)
    place = enrollments.enroll(office, couple_id=couple.id, course_id=course.row.id)
    fee = fee_assessments.assess_fee(
        office, enrollment_id=place.id, fee_band_id=scale.bands[-1].id, income_checked=True
    )
    payments.record_payment(
        office,
        assessment_id=fee.assessment_id,
        amount=Decimal("5"),
        paid_on=TODAY,
        method=PaymentMethod.CASH,
        reference="@SUM(A1)",
    )
    audit_trail.record_output(
        office, how=audit_trail.Output.EXPORT, document="=couples", detail="rows=1"
    )
    return office


ALL_TABLES = {
    **TABLES,
    "audit": lambda s, lang: audit_trail.entries_table(
        s, which=audit_trail.AuditFilter(), language=lang
    ),
}


@pytest.mark.parametrize("name", list(ALL_TABLES))
def test_no_export_holds_a_text_that_a_spreadsheet_would_run(formula_office, name):
    """OWASP's CSV injection: in every CSV a text cell starting with =, +, -, @, a tab or a
    carriage return gets an apostrophe; in every workbook it is text with Excel's quote prefix
    (it stays text when edited); numbers stay numbers."""
    from openpyxl.cell.cell import TYPE_NUMERIC

    table = ALL_TABLES[name](formula_office, "en")
    risky = [
        (r, c)
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and value.startswith(tables.FORMULA_START)
    ]
    assert risky, f"{name}: the test's couple is not in it"
    written = read_csv(tables.to_csv(table), "en")[1:]
    for r, c in risky:
        assert written[r][c] == "'" + table.rows[r][c]
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(table))).active
    for r, c in risky:
        cell = sheet.cell(row=r + 2, column=c + 1)
        expected = str(table.rows[r][c]).replace("\r\n", "\n")  # a line end in the XML
        assert (cell.value, cell.data_type, cell.quotePrefix) == (expected, "s", True)
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                assert sheet.cell(row=r + 2, column=c + 1).data_type == TYPE_NUMERIC


def test_the_import_errors_file_neutralises_and_reads_back_as_typed(session):
    from holdmetight.services import couple_import

    data = (
        b"voornaam1;achternaam1;voornaam2;achternaam2;notes\n"
        b"Anna;;Bram;Smit;=1+2\n"  # a family name missing: this line fails
    )
    report = couple_import.import_couples(session, data=data, dry_run=True)
    assert report.errors
    errors = couple_import.errors_file(report, language="nl")
    row = read_csv(errors, "nl")[1]
    assert "'=1+2" in row and "=1+2" not in row
    (parsed,) = list(couple_import.parse(errors)[2])
    assert parsed.values is None or parsed.values.notes == "=1+2"
