"""A database server that cannot be used says why, in the user's language, with what to check
(issue 15, item 5): unreachable, no such database, a refused login, a server too old. The
password never shows. Tests that need a real server use the one ``.ci/postgres.sh`` starts
(its URL in HOLDMETIGHT_TEST_POSTGRES) and are skipped without one."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from servers import NO_SERVER, SERVER, admin, new_database, on_server, unique_name

from holdmetight.cli import main
from holdmetight.db.database import open_database
from holdmetight.db.server import check_server_version
from holdmetight.errors import DatabaseError

needs_server = pytest.mark.skipif(not SERVER, reason=NO_SERVER)


@pytest.fixture
def fresh_database() -> Iterator[str]:
    """An empty database of its own on the test server, dropped afterwards."""
    with new_database() as url:
        yield url


def test_an_unreachable_server_says_what_to_check_and_hides_the_password(capsys):
    url = "postgresql+psycopg://office:geheim@127.0.0.1:1/holdmetight"
    with pytest.raises(DatabaseError, match="cannot be reached") as caught:
        open_database(url)
    assert "127.0.0.1:1" in str(caught.value) and "geheim" not in str(caught.value)
    assert main(["--db", url, "courses"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "geheim" not in err and "Traceback" not in err


def test_a_server_older_than_postgresql_13_is_refused_with_its_version():
    old = SimpleNamespace(dialect=SimpleNamespace(server_version_info=(12, 9)))
    with pytest.raises(DatabaseError, match=r"PostgreSQL 12\.9; holdmetight needs PostgreSQL 13"):
        check_server_version(old)  # type: ignore[arg-type]
    new = SimpleNamespace(dialect=SimpleNamespace(server_version_info=(13, 0)))
    check_server_version(new)  # type: ignore[arg-type]


@needs_server
def test_a_missing_database_and_a_refused_login_each_have_their_sentence():
    with pytest.raises(DatabaseError, match="has no database no_such_office"):
        open_database(on_server("no_such_office"), create=False)
    with pytest.raises(DatabaseError, match="refused the user nobody_here") as caught:
        open_database(on_server("no_such_office", user="nobody_here", password="geheim"))
    assert "geheim" not in str(caught.value)


@needs_server
def test_an_old_server_is_refused_before_anything_is_written(fresh_database, monkeypatch):
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.dialects.postgresql.base import PGDialect

    monkeypatch.setattr(PGDialect, "_get_server_version_info", lambda self, conn: (12, 9))
    with pytest.raises(DatabaseError, match=r"PostgreSQL 12\.9"):
        open_database(fresh_database)
    monkeypatch.undo()
    engine = create_engine(fresh_database)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
    engine.dispose()


@needs_server
def test_a_server_url_works_from_the_command_line(fresh_database, capsys):
    assert main(["--db", fresh_database, "init"]) == 0
    assert main(["--db", fresh_database, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", fresh_database, "courses"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


@needs_server
def test_lists_sort_on_a_dutch_server_as_on_sqlite():
    """A server whose own collation is Dutch skips the separators in a sort key ("Bergen,
    Anna" before "Berg, Zoë"); the keys compare code by code there too (migration 0012)."""
    from holdmetight.services import couple_list, couples

    name = unique_name("hmt_nl")
    admin(
        f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu'
        f" ICU_LOCALE 'nl-NL' LOCALE 'C.UTF-8'"
    )
    database = open_database(on_server(name))
    try:
        with database.session() as session:
            for given, family in (("Anna", "Bergen"), ("Zoë", "Berg"), ("Jan", "Berg")):
                couples.create_couple(
                    session,
                    partners=(
                        couples.PartnerInput(given_name=given, family_name=family),
                        couples.PartnerInput(given_name="Sam", family_name="Visser"),
                    ),
                    postcode="3512 AB",
                    municipality="Utrecht",
                )
            listed = [r.names.split(" & ")[0] for r in couple_list.list_couples(session)]
            assert listed == ["Berg, Jan", "Berg, Zoë", "Bergen, Anna"]
    finally:
        database.dispose()
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@needs_server
def test_a_server_database_is_upgraded_only_when_an_administrator_says_so(fresh_database, capsys):
    """Every PC shares the server's database: the first PC with a new version must not upgrade
    it in passing, which would lock the colleagues' PCs out; ``init`` is the administrator's
    step, and a PC older than the database is told to update."""
    from sqlalchemy import create_engine

    from holdmetight.db.migrate import current_revision, head_revision, upgrade
    from holdmetight.errors import UpgradeNeededError

    engine = create_engine(fresh_database)
    upgrade(engine, "0012")
    with pytest.raises(UpgradeNeededError, match="only after a backup"):
        open_database(fresh_database)
    assert main(["--db", fresh_database, "courses"]) == 1
    err = capsys.readouterr().err
    assert "older version" in err and err.count("\n") == 1
    with engine.connect() as connection:
        assert current_revision(connection) == "0012"

    assert main(["--db", fresh_database, "init"]) == 0
    capsys.readouterr()
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_later'")
        connection.commit()
    engine.dispose()
    assert main(["--db", fresh_database, "courses"]) == 1
    err = capsys.readouterr().err
    assert "Update holdmetight on this PC" in err and err.count("\n") == 1


def test_a_server_url_without_a_database_or_naming_the_servers_own_is_refused(tmp_path, capsys):
    """libpq would fall back to the database named after the user ("postgres"): the client
    data would land in the server's maintenance database."""
    for url, said in (
        ("postgresql+psycopg://postgres@127.0.0.1:55432/", "names no database"),
        ("postgresql+psycopg://postgres@127.0.0.1:55432/postgres", "the server's own database"),
        ("postgresql+psycopg://postgres@127.0.0.1:55432/template1", "the server's own database"),
    ):
        with pytest.raises(DatabaseError, match=said):
            open_database(url)
        source = str(tmp_path / "office.sqlite3")
        if not (tmp_path / "office.sqlite3").exists():
            assert main(["--db", source, "init"]) == 0
            capsys.readouterr()
        assert main(["--db", source, "transfer", "--to", url]) == 1
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1
