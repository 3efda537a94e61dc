"""Moving to the server and back (issue 15, item 6): ``transfer --to`` copies a whole database
into an empty one, checked table by table, leaving the source as it was and the target either
complete or untouched; ``backup`` of a server database writes the same kind of SQLite file."""

from __future__ import annotations

import hashlib
import stat
from datetime import date
from pathlib import Path

import pytest
from servers import NO_SERVER, SERVER, new_database
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from holdmetight.cli import main
from holdmetight.config import database_url
from holdmetight.db import transfer as transfer_module
from holdmetight.db.database import open_database
from holdmetight.db.transfer import transfer
from holdmetight.errors import DatabaseError
from holdmetight.services import couple_list, couples, course_list, demo, fee_summary

needs_server = pytest.mark.skipif(not SERVER, reason=NO_SERVER)
TODAY = date(2026, 11, 24)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office(tmp_path) -> Path:
    """A SQLite office database with the demo's courses, couples, attendance and fees."""
    path = tmp_path / "office.sqlite3"
    database = open_database(database_url(path))
    with database.session() as session:
        demo.create_demo_data(session, today=TODAY)
    database.dispose()
    return path


def what_users_see(url: str) -> tuple[object, ...]:
    """The lists and figures a user reads, to compare two databases by."""
    database = open_database(url, create=False)
    try:
        with database.session() as session:
            return (
                [(c.code, c.title, c.enrolled) for c in course_list.list_courses(session)],
                [r.names for r in couple_list.list_couples(session)],
                fee_summary.fee_summary(
                    session, first=date(2026, 1, 1), last=date(2026, 12, 31)
                ).bands,
            )
    finally:
        database.dispose()


def register(session, given: tuple[str, str], family: str) -> couples.CoupleInfo:
    """A couple registered as the office does: two partners of one family name."""
    return couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(given_name=given[0], family_name=family),
            couples.PartnerInput(given_name=given[1], family_name=family),
        ),
        postcode="3512 AB",
        municipality="Utrecht",
    )


def tables_of(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_a_file_copied_into_a_new_file_reads_the_same_and_the_original_is_unchanged(
    office, tmp_path
):
    before = digest(office)
    source = open_database(database_url(office), create=False)
    copy = tmp_path / "kopie.sqlite3"
    try:
        checks = transfer(source, database_url(copy))
    finally:
        source.dispose()
    assert digest(office) == before
    assert {c.name for c in checks} >= {"couple", "partner", "payment", "attendance"}
    assert sum(c.rows for c in checks) > 500
    assert what_users_see(database_url(copy)) == what_users_see(database_url(office))
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopie.sqlite3", "office.sqlite3"]


def test_a_copy_that_fails_leaves_no_file_behind(office, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise DatabaseError("the check found a difference")

    monkeypatch.setattr(transfer_module, "_verify", broken)
    source = open_database(database_url(office), create=False)
    try:
        with pytest.raises(DatabaseError, match="difference"):
            transfer(source, database_url(tmp_path / "kopie.sqlite3"))
    finally:
        source.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite3"]


def test_an_existing_file_is_never_overwritten(office, tmp_path, capsys):
    there = tmp_path / "bestaat.sqlite3"
    there.write_bytes(b"mine")
    assert main(["--db", str(office), "transfer", "--to", str(there)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert there.read_bytes() == b"mine"


@needs_server
def test_a_file_moves_to_the_server_and_back_with_every_table_checked(office, tmp_path, capsys):
    before = digest(office)
    with new_database() as server:
        assert main(["--db", str(office), "transfer", "--to", server]) == 0
        out = capsys.readouterr().out.splitlines()
        assert "couple: " in "\n".join(out) and "rows copied" in out[0]
        assert "every table was checked (rows and checksums)" in out[-1]
        assert digest(office) == before
        assert what_users_see(server) == what_users_see(database_url(office))

        # The server goes on numbering after the copied rows.
        database = open_database(server, create=False)
        with database.session() as session:
            made = register(session, ("Noor", "Sem"), "Nieuw")
        database.dispose()
        assert made.id > 0

        back = tmp_path / "terug.sqlite3"
        assert main(["--db", server, "transfer", "--to", str(back)]) == 0
        capsys.readouterr()
        users_see = what_users_see(database_url(back))
        assert users_see == what_users_see(server)
        assert "Nieuw, Noor & Nieuw, Sem" in users_see[1]


@needs_server
def test_a_server_database_that_is_not_empty_is_refused_and_left_as_it_was(office, capsys):
    with new_database() as server:
        assert main(["--db", str(office), "transfer", "--to", server]) == 0
        capsys.readouterr()
        seen = what_users_see(server)
        assert main(["--db", str(office), "transfer", "--to", server]) == 1
        err = capsys.readouterr().err
        assert "is not empty" in err and err.count("\n") == 1
        assert what_users_see(server) == seen


@needs_server
def test_a_transfer_to_the_server_that_fails_leaves_it_empty(office, monkeypatch):
    def broken(*_args, **_kwargs):
        raise DatabaseError("the check found a difference")

    monkeypatch.setattr(transfer_module, "_verify", broken)
    source = open_database(database_url(office), create=False)
    try:
        with new_database() as server:
            with pytest.raises(DatabaseError, match="difference"):
                transfer(source, server)
            assert tables_of(server) == []
    finally:
        source.dispose()


@needs_server
def test_a_server_backup_is_a_checked_file_that_loads_back(office, tmp_path, capsys):
    with new_database() as server:
        assert main(["--db", str(office), "transfer", "--to", server]) == 0
        assert main(["--db", server, "backup"]) == 0
        written = Path(capsys.readouterr().out.splitlines()[-1].split(": ", 1)[1])
        assert written.parent.parent.name == "server-backups"
        assert written.parent.name == f"127.0.0.1-55432-{make_url(server).database}"
        assert written.name.endswith("-server.sqlite3")
        assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert what_users_see(database_url(written)) == what_users_see(server)

        chosen = tmp_path / "usb" / "kopie.sqlite3"
        chosen.parent.mkdir()
        assert main(["--db", server, "backup", "--out", str(chosen)]) == 0
        capsys.readouterr()

        assert main(["--db", server, "restore", str(written)]) == 1
        assert "transfer --to" in capsys.readouterr().err
        with new_database() as empty:
            assert main(["--db", str(written), "transfer", "--to", empty]) == 0
            assert what_users_see(empty) == what_users_see(server)


@needs_server
def test_a_server_copied_while_colleagues_save_is_copied_as_it_was_at_one_moment(
    office, tmp_path, capsys
):
    """A couple saved (with its partners and audit entry) after the copy read the couples but
    before it read the partners is in the copy completely or not at all; the copy does not
    fail on it."""
    with new_database() as server:
        assert main(["--db", str(office), "transfer", "--to", server]) == 0
        capsys.readouterr()
        source = open_database(server, create=False)
        colleague = open_database(server, create=False)

        def meanwhile(table) -> None:
            if table.name == "couple":
                with colleague.session() as session:
                    register(session, ("Lotte", "Daan"), "Tussendoor")

        copy = tmp_path / "kopie.sqlite3"
        try:
            checks = transfer(source, database_url(copy), progress=meanwhile)
        finally:
            source.dispose()
            colleague.dispose()
        copied = {c.name: c.rows for c in checks}
        assert copied["partner"] == 2 * copied["couple"]
        assert not any("Tussendoor" in names for names in what_users_see(database_url(copy))[1])
        assert any("Tussendoor" in names for names in what_users_see(server)[1])


def test_an_older_file_is_copied_without_being_upgraded_in_place(tmp_path, capsys):
    """The file copied from is only read, also when it is of an older version: the upgrade
    happens in a temporary copy, and no backup folder appears beside it."""
    stored = Path(__file__).parent / "versions" / "schema-0012.sqlite3"
    older = tmp_path / "oud.sqlite3"
    older.write_bytes(stored.read_bytes())
    before = digest(older)
    assert main(["--db", str(older), "transfer", "--to", str(tmp_path / "nieuw.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert f"{older} was not changed" in out and "sqlite:" not in out
    assert digest(older) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nieuw.sqlite3", "oud.sqlite3"]
    assert len(what_users_see(database_url(tmp_path / "nieuw.sqlite3"))[0]) == 4
