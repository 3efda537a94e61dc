"""Usage errors on the command line: exit status 2 with the command's usage on standard error,
before any database is opened, in the interface language, argparse's own words included
(issue 14, item 12). Errors found while the command runs stay exit status 1."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from holdmetight.cli import main
from holdmetight.cli_messages import EXPECTED_COUNT, MESSAGES


def usage_error(capsys, *args: str) -> str:
    """What ``holdmetight ARGS`` writes to standard error; it must end with exit status 2."""
    with pytest.raises(SystemExit) as caught:
        main(list(args))
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.fixture
def dutch(monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")


def test_print_fees_without_a_course_or_a_period_is_a_usage_error(tmp_path, capsys):
    missing = tmp_path / "office.sqlite3"
    err = usage_error(capsys, "--db", str(missing), "print", "fees", "--out", "x.pdf")
    assert err.startswith("usage: holdmetight print fees ")
    assert err.endswith(
        "holdmetight print fees: error: give a course with --course, or a period with --from "
        "and --to\n"
    )
    assert not missing.exists()


def test_a_period_needs_both_ends_and_must_not_end_before_it_starts(db_url, tmp_path, capsys):
    db = db_url
    half = usage_error(capsys, "--db", db, "print", "fees", "--from", "2026-01-01", "--out", "x")
    assert "error: give a course with --course, or a period with --from and --to" in half
    err = usage_error(
        capsys, "--db", db, "export", "csv", "municipality", "--from", "2026-01-01", "--out", "x"
    )
    assert err.endswith("holdmetight export csv: error: give the period with --from and --to\n")
    reversed_period = usage_error(
        capsys,
        "--db",
        db,
        "print",
        "fees",
        "--from",
        "2026-12-31",
        "--to",
        "2026-01-01",
        "--out",
        "x",
    )
    assert (
        "error: the period ends (--to 2026-01-01) before it starts (--from 2026-12-31)"
        in reversed_period
    )


def test_a_receipt_needs_a_payment_number(db_url, tmp_path, capsys):
    db = db_url
    for given in ("abc", "0", "-3", str(2**63), "99999999999999999999"):
        err = usage_error(capsys, "--db", db, "print", "receipt", given, "--out", "x.pdf")
        assert err.startswith("usage: holdmetight print receipt ")
        assert (
            f"error: argument PAYMENT: {given} is not a payment number "
            "(holdmetight payments lists them)\n"
        ) in err


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("export ics", ("", "--out", "x.ics")),
        ("export csv", ("payments", "--course", " ", "--out", "x.csv")),
        ("payments", ("--course", "")),
        ("print signin", ("", "1", "--out", "x.pdf")),
        ("print attendance", ("", "--out", "x.pdf")),
        ("print fees", ("--course", "", "--out", "x.pdf")),
        ("print handouts", ("", "--out", "folder")),
    ],
)
def test_an_empty_course_code_is_a_usage_error(tmp_path, capsys, command, args):
    missing = tmp_path / "office.sqlite3"
    err = usage_error(capsys, "--db", str(missing), *command.split(), *args)
    assert err.startswith(f"usage: holdmetight {command} ")
    assert err.endswith("give a course code (holdmetight courses lists them)\n")
    assert not missing.exists()


def test_an_empty_step_is_a_usage_error(tmp_path, capsys):
    err = usage_error(
        capsys, "--db", str(tmp_path / "o.sqlite3"), "print", "signin", "HMV-1", "", "--out", "x"
    )
    assert err.endswith("error: argument STEP: give a step: its number (1-based) or code\n")


COURSE_TABLES = "enrollments, attendance, payments, fees, outcomes, outcomes-summary"
PERIOD_TABLES = "attendance, payments, municipality, audit, outcomes, outcomes-summary"


@pytest.mark.parametrize(
    ("table", "option", "tables"),
    [
        ("couples", "--course", COURSE_TABLES),
        ("municipality", "--course", COURSE_TABLES),
        ("couples", "--from", PERIOD_TABLES),
        ("enrollments", "--to", PERIOD_TABLES),
        ("fees", "--from", PERIOD_TABLES),
    ],
)
def test_an_option_the_table_does_not_take_is_a_usage_error(
    db_url, tmp_path, capsys, table, option, tables
):
    value = "HMV-1" if option == "--course" else "2026-01-01"
    db = db_url
    err = usage_error(capsys, "--db", db, "export", "xlsx", table, option, value, "--out", "x")
    assert err.startswith("usage: holdmetight export xlsx ")
    assert err.endswith(
        f"holdmetight export xlsx: error: {option} is not for the {table} table, only for "
        f"{tables}\n"
    )


def test_the_export_help_says_which_tables_take_which_options(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export", "csv", "--help"])
    assert caught.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--course COURSE only this course, for enrollments, attendance, payments, fees" in out
    tables = "attendance, payments, municipality, audit"
    assert f"first day of the period (YYYY-MM-DD), for {tables}" in out
    assert f"last day of the period (YYYY-MM-DD), for {tables}" in out


def test_the_receipt_help_says_where_the_number_is_found(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["print", "receipt", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: holdmetight print receipt ")
    assert "\npositional arguments:\n" in out and "\noptions:\n" in out
    assert "the payment number, as holdmetight payments lists it" in out


def test_an_error_while_the_command_runs_stays_exit_status_1(tmp_path, capsys):
    missing = tmp_path / "office.sqlite3"
    assert main(["--db", str(missing), "payments"]) == 1
    assert "usage:" not in capsys.readouterr().err


def test_dutch_print_fees_without_a_selection_says_so_in_dutch(dutch, tmp_path, capsys):
    """Passes once the Dutch catalog has the new messages."""
    err = usage_error(capsys, "--db", str(tmp_path / "o.sqlite3"), "print", "fees", "--out", "x")
    assert err.startswith("gebruik: holdmetight print fees ")
    assert err.endswith(
        "holdmetight print fees: fout: geef een cursus met --course, of een periode met --from "
        "en --to\n"
    )


def test_dutch_unknown_command_is_an_invalid_choice_in_dutch(dutch, capsys):
    """Passes once the Dutch catalog has argparse's messages."""
    err = usage_error(capsys, "bogus")
    assert err.startswith("gebruik: holdmetight ")
    assert "holdmetight: fout: argument OPDRACHT: ongeldige keuze: 'bogus' (kies uit 'gui'," in err


def test_dutch_missing_argument_and_unknown_option_in_dutch(dutch, capsys):
    """Passes once the Dutch catalog has argparse's messages."""
    err = usage_error(capsys, "print", "attendance", "HMV-26-10A")
    assert "fout: deze argumenten zijn verplicht: --out" in err
    assert "fout: onbekende argumenten: --kleur" in usage_error(capsys, "courses", "--kleur")


def test_dutch_help_has_dutch_section_titles(dutch, capsys):
    """Passes once the Dutch catalog has argparse's messages."""
    with pytest.raises(SystemExit) as caught:
        main(["payments", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: holdmetight payments ")
    assert "\nopties:\n" in out and "toon deze hulp en stop" in out
    assert "options:" not in out and "show this help" not in out


def test_the_argparse_messages_in_our_catalog_are_the_running_argparse_s_own():
    """A newer Python may word them differently: then they show in English until updated."""
    source = inspect.getsource(argparse)
    used = set(re.findall(r"""_\((['"])(.*?)\1\)""", source))
    assert {text.encode().decode("unicode_escape") for _quote, text in used} >= MESSAGES
    counted = re.escape(EXPECTED_COUNT[0]) + r"',\s*'" + re.escape(EXPECTED_COUNT[1])
    assert re.search(r"ngettext\('" + counted + "'", source)


def test_dutch_help_names_its_placeholders_in_dutch(dutch, capsys):
    """The placeholders of the help (COURSE, FILE, DATE…) read in the interface language."""
    with pytest.raises(SystemExit):
        main(["print", "fees", "--help"])
    out = capsys.readouterr().out
    assert "--course CURSUS" in out and "--from DATUM" in out and "--out BESTAND.pdf" in out
    assert "COURSE" not in out and "DATE" not in out and "FILE" not in out
