"""The command line as IT and administrators use it."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from holdmetight.cli import main


def run(*args: str) -> int:
    return main(list(args))


def test_init_then_demo_then_courses_lists_one_course_per_line(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "init") == 0
    assert "Programmes added: HMT-INTENSIVE, HMT-WEEKLY" in capsys.readouterr().out
    assert run("--db", db, "demo") == 0
    assert "30 couples" in capsys.readouterr().out
    assert run("--db", db, "courses") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 5 for f in fields)
    assert {f[4] for f in fields} == {"completed", "running", "open", "planned"}
    assert any(f[3] == "5/6" for f in fields)


def test_demo_twice_prints_one_clear_line_and_exits_1(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "demo") == 0
    capsys.readouterr()
    assert run("--db", db, "demo") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has data" in err and "Traceback" not in err


def test_damaged_file_is_refused_and_unchanged(tmp_path, capsys):
    bad = tmp_path / "kapot.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    assert run("--db", str(bad), "courses") == 1
    assert "kapot.sqlite3" in capsys.readouterr().err
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_messages_follow_the_dutch_system_language(db_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    db = db_url
    assert run("--db", db, "demo") == 0
    assert "Voorbeeldgegevens toegevoegd" in capsys.readouterr().out
    assert run("--db", db, "courses") == 0
    assert "lopend" in capsys.readouterr().out


def test_environment_variable_chooses_the_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("HOLDMETIGHT_DB", str(db))
    assert run("init") == 0
    assert db.exists()


def test_unknown_command_is_a_usage_error():
    with pytest.raises(SystemExit) as caught:
        run("bogus")
    assert caught.value.code == 2


def test_module_entry_point_runs_selftest_on_a_temp_database(tmp_path):
    db = tmp_path / "office.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "holdmetight", "--db", str(db), "selftest"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "selftest passed" in result.stdout
    assert "FAILED" not in result.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "holdmetight"
    assert script.exists()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("holdmetight ")


def test_a_reading_command_never_creates_a_database(tmp_path, capsys):
    typo = tmp_path / "ofice.sqlite3"
    assert run("--db", str(typo), "courses") == 1
    assert "There is no database at" in capsys.readouterr().err and not typo.exists()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert (
        run("--db", str(empty), "export", "csv", "couples", "--out", str(tmp_path / "x.csv")) == 1
    )
    assert "holdmetight init" in capsys.readouterr().err and empty.read_bytes() == b""
    assert run("--db", str(empty), "init") == 0


def test_an_import_where_every_line_has_a_problem_exits_1(db_url, tmp_path, capsys):
    db = db_url
    source = tmp_path / "fout.csv"
    source.write_text("voornaam1;achternaam1;voornaam2;achternaam2\nKees;;Els;\n", encoding="utf-8")
    assert run("--db", db, "init") == 0
    assert run("--db", db, "import", "couples", str(source)) == 1
    assert "0 of 1 couples imported" in capsys.readouterr().out


def test_export_ics_writes_a_private_calendar_file(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "demo") == 0
    assert run("--db", db, "courses") == 0
    code = capsys.readouterr().out.splitlines()[-1].split("\t")[0]
    target = tmp_path / "groep.ics"
    assert run("--db", db, "export", "ics", code, "--out", str(target)) == 0
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 8
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert run("--db", db, "export", "ics", "NOPE", "--out", str(target)) == 1
    assert "no course with code NOPE" in capsys.readouterr().err


def test_export_fees_lists_the_couple_that_stopped_with_the_refund_due(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "demo") == 0
    target = tmp_path / "bijdragen.csv"
    assert run("--db", db, "export", "csv", "fees", "--out", str(target)) == 0
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    stopped = [row for row in rows if row[2:4] == ["withdrawn", "refund"]]
    assert len(stopped) == 1 and stopped[0][-1] not in ("", "0,00")  # to pay back
    assert f"\n{len(rows) - 1} rows written" in capsys.readouterr().out


def test_import_couples_dry_run_then_real_with_an_errors_file(db_url, tmp_path, capsys):
    db = db_url
    source = tmp_path / "aanmeldingen.csv"
    source.write_bytes(
        "voornaam1;achternaam1;voornaam2;achternaam2;postcode\r\n"
        "Anna;Jansen;Bram;Visser;3512 AB\r\n"
        "Kees;;Els;Bos;3512 AB\r\n".encode("cp1252")
    )
    assert run("--db", db, "init") == 0
    assert run("--db", db, "import", "couples", str(source), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "line 3: Partner 1: Family name is required." in out
    assert "Dry run: 1 of 2 couples would be imported" in out
    assert run("--db", db, "import", "couples", str(source)) == 0
    assert "1 of 2 couples imported" in capsys.readouterr().out
    errors = tmp_path / "aanmeldingen.errors.csv"
    assert "Family name is required" in errors.read_text(encoding="utf-8-sig")
    assert (
        run("--db", db, "export", "xlsx", "couples", "--out", str(tmp_path / "stellen.xlsx")) == 0
    )
    assert "1 rows written" in capsys.readouterr().out


def test_import_of_a_missing_file_is_one_clear_line(tmp_path, capsys):
    assert (
        run("--db", str(tmp_path / "o.sqlite3"), "import", "couples", str(tmp_path / "nope.csv"))
        == 1
    )
    assert (
        capsys.readouterr().err
        == f"holdmetight: The file {tmp_path / 'nope.csv'} does not exist.\n"
    )


def test_print_commands_write_pdfs_in_the_chosen_language(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "demo") == 0
    assert run("--db", db, "courses") == 0
    code = next(
        line.split("\t")[0]
        for line in capsys.readouterr().out.splitlines()
        if line.endswith("running")
    )
    signin, summary = tmp_path / "lijst.pdf", tmp_path / "overzicht.pdf"
    assert run("--db", db, "print", "signin", code, "1", "--lang", "nl", "--out", str(signin)) == 0
    assert run("--db", db, "print", "attendance", code, "--lang", "en", "--out", str(summary)) == 0
    assert signin.read_bytes().startswith(b"%PDF") and summary.read_bytes().startswith(b"%PDF")
    assert run("--db", db, "print", "signin", code, "99", "--out", str(signin)) == 1
    assert "no meeting for step 99" in capsys.readouterr().err


def test_print_handouts_writes_one_pdf_per_step_named_without_personal_data(
    db_url, tmp_path, capsys
):
    db = db_url
    assert run("--db", db, "demo") == 0
    assert run("--db", db, "courses") == 0
    code = next(
        line.split("\t")[0]
        for line in capsys.readouterr().out.splitlines()
        if line.endswith("open")
    )
    out = tmp_path / "handouts"
    out.mkdir()
    assert run("--db", db, "print", "handouts", code, "--lang", "en", "--out", str(out)) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 8 and names[0] == f"{code}-01-INTRO.pdf"
    assert run("--db", db, "print", "handouts", code, "--out", str(tmp_path / "nope")) == 1


def test_print_fees_needs_a_course_or_a_period(db_url, tmp_path, capsys):
    db = db_url
    assert run("--db", db, "demo") == 0
    out = tmp_path / "fees.pdf"
    with pytest.raises(SystemExit) as caught:
        run("--db", db, "print", "fees", "--out", str(out))
    assert caught.value.code == 2
    assert "error: give a course with --course, or a period" in capsys.readouterr().err
    assert (
        run(
            "--db",
            db,
            "print",
            "fees",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--lang",
            "en",
            "--out",
            str(out),
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as caught:
        run(
            "--db",
            db,
            "print",
            "fees",
            "--from",
            "gisteren",
            "--to",
            "2026-12-31",
            "--out",
            str(out),
        )
    assert caught.value.code == 2


def test_a_listing_piped_into_a_reader_that_stops_early_ends_quietly(db_url, tmp_path):
    db = db_url
    subprocess.run([sys.executable, "-m", "holdmetight", "--db", db, "demo"], check=True)
    reader, writer = os.pipe()
    os.close(reader)  # like `| head -0`: nobody reads what is printed
    done = subprocess.run(
        [sys.executable, "-m", "holdmetight", "--db", db, "courses"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(writer)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_listing_read_only_in_part_ends_quietly(db_url, tmp_path):
    """``holdmetight courses | head -1``: the reader goes away; no traceback, exit 0."""
    db = db_url
    assert main(["--db", db, "demo"]) == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    listing = subprocess.Popen(
        [sys.executable, "-m", "holdmetight", "--db", db, "courses"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # gone before the first line is written (it starts in about 0.5 s)
    errors = listing.stderr.read()
    assert listing.wait(timeout=60) == 0
    assert errors == b""
