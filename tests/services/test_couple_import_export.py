"""Importing couples from messy office files, and exporting couples for Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from holdmetight.domain.enums import Language, ReferralSource
from holdmetight.errors import ValidationError
from holdmetight.services import couple_export, couple_import, couple_list, couples, tables
from holdmetight.services.couples import PartnerInput

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "import" / "stellen-voorbeeld.csv"

ENGLISH_COMMA = (
    "Partner 1 given name,Partner 1 family name,partner1_email,Partner 2 given name,"
    "Partner 2 family name,Postcode,Municipality,Referral source,Consent date\n"
    "Anna,Jansen,anna@example.com,Bram,Visser,3512ab,Utrecht,GP,2026-11-03\n"
    '"Zoë","de Wit, sr.",zoe@example.com,Noël,Bos,3431 CD,"Nieuwegein",district team,\n'
)


def dutch_ansi() -> bytes:
    text = (
        "voornaam1;tussenvoegsel1;achternaam1;voornaam2;achternaam2;postcode;gemeente;notities\r\n"
        'Renée;van der;Meer;Ilse;Verbeek;3702 EF;Zeist;"Spreekt af; liever \'s avonds"\r\n'
        "Loïs;;Dekker;;Bakker;3990 AA;Houten;\r\n"
        "Gert-Jan;;Smit;Els;Smit;12345;Houten;\r\n"
    )
    return text.encode("cp1252")


def test_example_file_imports_three_couples_and_a_second_time_nothing(session):
    first = couple_import.import_couples(session, data=EXAMPLE.read_bytes())
    assert (first.imported, first.errors, first.duplicates) == (3, [], [])
    again = couple_import.import_couples(session, data=EXAMPLE.read_bytes())
    assert (again.imported, len(again.duplicates)) == (0, 3)
    assert couple_list.count_couples(session) == 3
    priya = couple_list.list_couples(session, text="ramdin")[0]
    info = couples.get_couple(session, couple_id=priya.id)
    assert info.partners[0].preferred_language is Language.EN
    assert info.referral_source is ReferralSource.SELF and info.partners[0].phone == "030 123 4567"


def test_english_headers_commas_quotes_and_no_bom(session):
    report = couple_import.import_couples(session, data=ENGLISH_COMMA.encode("utf-8"))
    assert (report.imported, report.errors) == (2, [])
    names = [r.names for r in couple_list.list_couples(session)]
    assert names == ["de Wit, sr., Zoë & Bos, Noël", "Jansen, Anna & Visser, Bram"]


def test_windows_1252_semicolons_and_crlf_with_errors_listed_by_line(session):
    report = couple_import.import_couples(session, data=dutch_ansi())
    assert report.imported == 1 and report.delimiter == ";"
    assert [(p.line, p.reason) for p in report.errors] == [
        (3, "Partner 2: Given name is required."),
        (4, "12345 is not a Dutch postcode (four digits and two letters, like 1234 AB)."),
    ]
    (row,) = couple_list.list_couples(session)
    assert row.names == "Meer, Renée van der & Verbeek, Ilse"
    assert couples.get_couple(session, couple_id=row.id).notes == "Spreekt af; liever 's avonds"


def test_errors_file_holds_the_failed_lines_with_the_reason_to_fix_and_reimport(session):
    report = couple_import.import_couples(session, data=dutch_ansi())
    errors = couple_import.errors_file(report, language="nl")
    assert errors.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(errors.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][-1] == "fout" and len(lines) == 3
    assert lines[1][:5] == ["Loïs", "", "Dekker", "", "Bakker"]
    fixed = errors.decode("utf-8-sig").replace("Loïs;;Dekker;;Bakker", "Loïs;;Dekker;Kim;Bakker")
    again = couple_import.import_couples(session, data=fixed.encode("utf-8"))
    assert again.imported == 1 and len(again.errors) == 1


def test_dry_run_changes_nothing(session):
    report = couple_import.import_couples(session, data=EXAMPLE.read_bytes(), dry_run=True)
    assert report.imported == 3 and report.dry_run
    assert couple_list.count_couples(session) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"naam;adres\r\nJan;Kerkstraat\r\n", "at least the given and family names"),
    ],
)
def test_unusable_files_are_refused_with_a_clear_message(session, data, message):
    with pytest.raises(ValidationError, match=message):
        couple_import.import_couples(session, data=data)


@pytest.mark.parametrize(
    ("language", "first_columns"),
    [
        ("nl", "partner1_voornaam;partner1_tussenvoegsel;"),
        ("en", "partner1_given_name;partner1_name_prefix;"),
    ],
)
def test_export_to_csv_and_import_into_a_new_database_gives_the_same_couples(
    session, make, tmp_path, language, first_columns
):
    """A Dutch file is separated by semicolons, an English one by commas, as Excel expects in
    each language; both import again (issue 14)."""
    from holdmetight.config import database_url
    from holdmetight.db.database import open_database

    make.couple("Berg", prefix="van den", postcode="3512 AB")
    make.couple("Öztürk", postcode="3431 CD", municipality="Nieuwegein")
    exported = tables.to_csv(couple_export.couples_table(session, language=language))
    assert exported.startswith(b"\xef\xbb\xbf") and b"\r\n" in exported
    assert exported.decode("utf-8-sig").splitlines()[0].startswith(first_columns)
    other = open_database(database_url(tmp_path / "other.sqlite3"))
    try:
        with other.session() as fresh:
            report = couple_import.import_couples(fresh, data=exported)
            assert (report.imported, report.errors) == (2, [])
            assert [r.names for r in couple_list.list_couples(fresh)] == [
                r.names for r in couple_list.list_couples(session)
            ]
    finally:
        other.dispose()
    again = couple_import.import_couples(session, data=exported)
    assert again.imported == 0 and len(again.duplicates) == 2


def test_excel_export_has_a_bold_header_and_real_dates(session, make):
    from datetime import date, timedelta

    consent = date.today() - timedelta(days=3)
    couples.create_couple(
        session,
        partners=(couples.PartnerInput("Anna", "Smit"), couples.PartnerInput("Bram", "Smit")),
        consent_date=consent,
    )
    workbook = load_workbook(
        io.BytesIO(tables.to_xlsx(couple_export.couples_table(session, language="en")))
    )
    sheet = workbook.active
    assert sheet["A1"].value == "partner1_given_name" and sheet["A1"].font.bold
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("consent_date") + 1).value.date() == consent


names = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x17F),
    min_size=1,
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(
    given1=names,
    family1=names,
    given2=names,
    family2=names,
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_name_survives_reading_an_import_row(given1, family1, given2, family2, sep, encoding):
    text = sep.join(["voornaam1", "achternaam1", "voornaam2", "achternaam2"]) + "\r\n"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerow(
        [given1, family1, given2, family2]
    )
    try:
        data = (text + buffer.getvalue()).encode(encoding)
    except UnicodeEncodeError:
        return  # a name Windows-1252 cannot hold never comes from such a file
    _header, _delimiter, rows = couple_import.parse(data)
    (row,) = list(rows)
    assert row.line == 2 and row.values is not None
    assert [(p.given_name, p.family_name) for p in row.values.partners] == [
        (given1, family1),
        (given2, family2),
    ]


@pytest.mark.parametrize("batch", [1, 2, 500])
def test_a_couple_already_registered_or_repeated_in_the_file_is_skipped(
    session, monkeypatch, batch
):
    monkeypatch.setattr(couple_import, "BATCH", batch)
    couples.create_couple(
        session,
        partners=(PartnerInput("Anna", "Jansen", email="Anna@Example.com"), PartnerInput("B", "C")),
        postcode="3512 AB",
    )
    text = (
        "voornaam1;tussenvoegsel1;achternaam1;email1;voornaam2;achternaam2;postcode\n"
        "Eva;;Smit;ANNA@example.COM;Tom;Smit;1011 AA\n"  # 2: registered, e-mail in other case
        "Renée;van der;Meer;;Ilse;Verbeek;3702 EF\n"  # 3: new
        "Noor;;Bos;;Jan;Bos;12345\n"  # 4: postcode not valid
        "RENEE;;meer;;Kees;Dam;3702ef\n"  # 5: repeats line 3 (name and postcode)
        "Piet;;Nieuw;piet@example.com;Els;Nieuw;\n"  # 6: new
        "Anna;;jánsen;;Wim;Berg;3512ab\n"  # 7: registered, same name and postcode
        "Rik;;Vos;Piet@Example.com;Sara;Vos;\n"  # 8: repeats line 6 (e-mail)
    )
    report = couple_import.import_couples(session, data=text.encode())
    assert report.imported == 2
    assert [p.line for p in report.errors] == [4]
    assert [(p.line, p.reason) for p in report.duplicates] == [
        (2, "already registered: Jansen, Anna & C, B"),
        (5, "already registered: Meer, Renée van der & Verbeek, Ilse"),
        (7, "already registered: Jansen, Anna & C, B"),
        (8, "already registered: Nieuw, Piet & Nieuw, Els"),
    ]
    assert couple_list.count_couples(session) == 3


def test_postal_addresses_go_out_and_come_back_and_a_town_alone_counts_as_municipality(
    session, tmp_path
):
    from holdmetight.config import database_url
    from holdmetight.db.database import open_database

    text = (
        "voornaam1;achternaam1;voornaam2;achternaam2;straat;huisnummer;postcode;woonplaats\r\n"
        "Renée;Meer;Ilse;Verbeek;Slotlaan;12 bis;3701 gb;Zeist\r\n"
    )
    report = couple_import.import_couples(session, data=text.encode("utf-8"))
    assert (report.imported, report.errors) == (1, [])
    [row] = couple_list.list_couples(session)
    info = couples.get_couple(session, couple_id=row.id)
    assert info.address.lines() == ("Slotlaan 12 bis", "3701 GB  ZEIST")
    assert info.municipality == "Zeist"
    exported = tables.to_csv(couple_export.couples_table(session, language="nl"))
    other = open_database(database_url(tmp_path / "other.sqlite3"))
    try:
        with other.session() as fresh:
            assert couple_import.import_couples(fresh, data=exported).imported == 1
            [again] = couple_list.list_couples(fresh)
            assert couples.get_couple(fresh, couple_id=again.id).address == info.address
    finally:
        other.dispose()
