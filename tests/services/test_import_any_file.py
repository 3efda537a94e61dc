"""Offices import whatever file their program wrote: every encoding reads, nothing crashes."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from holdmetight.cli import main
from holdmetight.domain.couple import Partner
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import using_language
from holdmetight.services import couple_import, couple_list, couples

HEADER = [
    "voornaam1",
    "tussenvoegsel1",
    "achternaam1",
    "voornaam2",
    "tussenvoegsel2",
    "achternaam2",
    "postcode",
    "gemeente",
    "notities",
]
COUPLES = [
    ["Renée", "van der", "Meer", "Loïs", "", "Brouwer", "3702 EF", "Zeist", "Belt na 18.00"],
    ["François", "", "Çelik", "Zoë", "van der", "Smölders", "3512 AB", "Utrecht", ""],
]
STORED_NAMES = {
    (("Renée", "van der", "Meer"), ("Loïs", "", "Brouwer")),
    (("François", "", "Çelik"), ("Zoë", "van der", "Smölders")),
}
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ufeff]")


def office_file(
    delimiter: str = ";", rows: list[list[str]] = COUPLES, header: list[str] = HEADER
) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def stored_names(session) -> set[tuple[tuple[str, str, str], ...]]:
    found = set()
    for row in couple_list.list_couples(session):
        info = couples.get_couple(session, couple_id=row.id)
        found.add(tuple((p.given_name, p.name_prefix, p.family_name) for p in info.partners))
    return found


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "BOM then Windows-1252 (some Excel versions)": lambda text: (
        b"\xef\xbb\xbf" + text.encode("cp1252")
    ),
    "Windows-1252": lambda text: text.encode("cp1252"),
    "UTF-16 LE, Excel's Unicode text": lambda text: text.encode("utf-16"),
    "UTF-16 BE with BOM": lambda text: "\ufeff".encode("utf-16-be") + text.encode("utf-16-be"),
    "UTF-8 and Windows-1252 lines pasted together": lambda text: (
        "".join(text.splitlines(keepends=True)[:2]).encode("utf-8")
        + "".join(text.splitlines(keepends=True)[2:]).encode("cp1252")
    ),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_accented_dutch_names_read_back_exactly_in_every_encoding(session, encoding):
    delimiter = "\t" if encoding.startswith("UTF-16") else ";"
    data = ENCODINGS[encoding](office_file(delimiter))
    report = couple_import.import_couples(session, data=data)
    assert (report.imported, report.errors, report.delimiter) == (2, [], delimiter)
    assert stored_names(session) == STORED_NAMES


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_separator_is_found_from_the_column_names_whatever_the_notes_hold(session, delimiter):
    rows = [[*row[:-1], "Belt terug; liever 's avonds,\tna 18.00"] for row in COUPLES]
    report = couple_import.import_couples(session, data=office_file(delimiter, rows).encode())
    assert (report.imported, report.errors, report.delimiter) == (2, [], delimiter)
    assert stored_names(session) == STORED_NAMES


def test_commas_are_found_even_when_an_unknown_column_name_is_full_of_semicolons(session):
    header = [*HEADER, "cursus; groep; dag; tijd; zaal; begeleider; status; opmerking"]
    data = office_file(",", [[*row, ""] for row in COUPLES], header).encode()
    report = couple_import.import_couples(session, data=data)
    assert (report.imported, report.delimiter) == (2, ",")


def test_a_line_in_no_known_encoding_is_listed_by_number_and_the_others_import(session):
    text = office_file().encode("cp1252")
    dos_line = b"Hans;;M\x81ller;Ans;;Mulder;3512 AB;Utrecht;\r\n"  # DOS code page 850
    report = couple_import.import_couples(session, data=text + dos_line)
    assert report.imported == 2
    assert [(p.line, p.reason) for p in report.errors] == [
        (
            4,
            "This line holds characters that cannot be read as text; type them again "
            "(or save the file as CSV UTF-8).",
        )
    ]
    assert couple_list.count_couples(session) == 2


def test_unreadable_column_names_refuse_the_file_naming_line_one(session):
    data = b"voornaam1;achternaam1;voornaam2;achternaam2;opmerking\x8d\r\nAnna;Smit;Bram;Smit;\r\n"
    with pytest.raises(ValidationError, match="column names on line 1"):
        couple_import.import_couples(session, data=data)
    assert couple_list.count_couples(session) == 0


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00", 1),
        (office_file().encode("utf-8") + b"Kees;;\x00\x00\x00\x00;Els\r\n", 4),
    ],
    ids=["a workbook saved under a .csv name", "NUL bytes on line 4"],
)
def test_a_file_that_is_not_text_is_refused_naming_the_line_and_nothing_is_stored(
    session, data, line
):
    couple_import.import_couples(
        session,
        data=office_file(rows=[["Anna", "", "Smit", "Bram", "", "Smit", "", "", ""]]).encode(),
    )
    with pytest.raises(ValidationError, match=f"not a text file: line {line} holds"):
        couple_import.import_couples(session, data=data)
    assert couple_list.count_couples(session) == 1


def test_a_dutch_office_reads_the_refusal_in_dutch(session):
    with (
        using_language("nl"),
        pytest.raises(ValidationError, match="Dit is geen tekstbestand: regel 1 bevat"),
    ):
        couple_import.import_couples(session, data=b"PK\x03\x04\x14\x00")


def test_utf16_cut_off_in_the_middle_of_a_letter_names_the_last_line(session):
    data = office_file("\t").encode("utf-16")[:-3]
    with pytest.raises(ValidationError, match="Line 3 cannot be read: the file is damaged"):
        couple_import.import_couples(session, data=data)
    assert couple_list.count_couples(session) == 0


def test_the_header_repeated_where_two_files_were_pasted_together_is_not_a_couple(session):
    first = office_file(rows=COUPLES[:1]).encode("utf-8-sig")
    second = office_file(rows=COUPLES[1:]).encode("utf-8-sig")
    report = couple_import.import_couples(session, data=first + second)
    assert (report.imported, report.errors) == (2, [])
    assert stored_names(session) == STORED_NAMES


def test_the_command_line_imports_bom_then_windows_1252_and_refuses_a_binary_file_in_one_line(
    tmp_path, capsys
):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    excel = tmp_path / "aanmeldingen.csv"
    excel.write_bytes(b"\xef\xbb\xbf" + office_file().encode("cp1252"))
    assert main(["--db", db, "import", "couples", str(excel)]) == 0
    assert "2 of 2 couples imported" in capsys.readouterr().out
    workbook = tmp_path / "stellen.csv"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
    assert main(["--db", db, "import", "couples", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1" in err and "Traceback" not in err


# Files as a harness mangles them: a valid file in some encoding (or lines in several), with
# rows of any text, then byte order marks inserted, bytes changed, the end cut off.
LINE_ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16-le", "utf-16-be", "latin-1"]
FILE_ENCODINGS = ["utf-8", "utf-8-sig", "BOM+cp1252", "cp1252", "utf-16", "mixed"]
MARKS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]
field = st.one_of(
    st.sampled_from(["Renée", "Loïs", "Çelik", "Smölders", "van der", "Zoë", "Jansen", ""]),
    st.text(max_size=12),
)
any_row = st.builds(
    lambda names, postcode, size: [*names, postcode, "Zeist", "notitie"][:size],
    st.lists(field, min_size=6, max_size=6),
    st.one_of(st.sampled_from(["", "3512 AB", "1234ab"]), st.text(max_size=8)),
    st.integers(0, len(HEADER) + 1),
)


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "BOM+cp1252":
        return b"\xef\xbb\xbf" + text.encode("cp1252", errors="replace")
    return text.encode(encoding, errors="replace")


@st.composite
def mangled_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    text = office_file(delimiter, COUPLES + draw(st.lists(any_row, max_size=3)))
    encoding = draw(st.sampled_from(FILE_ENCODINGS))
    if encoding == "mixed":
        data = bytearray(
            b"".join(
                encoded(line, draw(st.sampled_from(LINE_ENCODINGS)))
                for line in text.splitlines(keepends=True)
            )
        )
    else:
        data = bytearray(encoded(text, encoding))
    for _step in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        change = draw(st.sampled_from(["mark", "byte", "cut"]))
        if change == "mark":
            data[at:at] = draw(st.sampled_from(MARKS))
        elif change == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif change == "cut":
            del data[at:]
    return bytes(data)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(mangled_files(), st.binary(max_size=400)), dry_run=st.booleans())
def test_any_file_is_imported_or_refused_with_a_message_and_a_refusal_changes_nothing(
    session, data, dry_run
):
    before = couple_list.count_couples(session)
    try:
        report = couple_import.import_couples(session, data=data, dry_run=dry_run)
    except HoldMeTightError as error:
        event(f"refused: {str(error)[:40]}")
        assert str(error) and couple_list.count_couples(session) == before
        return
    event(f"read: {report.imported} imported, {len(report.errors)} errors, dry run {dry_run}")
    assert all(problem.line >= 2 and problem.reason for problem in report.errors)
    imported = 0 if dry_run else report.imported
    assert couple_list.count_couples(session) == before + imported
    for partner in session.exec(select(Partner)):
        assert not NOT_TEXT.search(partner.given_name + partner.name_prefix + partner.family_name)
