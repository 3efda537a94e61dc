"""Every released schema version, stored as a real database file, opens in this version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from holdmetight.config import database_url
from holdmetight.db.backup import list_backups
from holdmetight.db.database import Database, open_database
from holdmetight.db.migrate import current_revision, head_revision
from holdmetight.services import couple_list, courses, group_sessions

STORED = sorted((Path(__file__).parent / "versions").glob("schema-*.sqlite3"))


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'alembic_version'"
            )
        ]
        counts = {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
    connection.close()
    return counts


def assert_reads_the_stored_office(opened: Database) -> None:
    """The application reads every stored version's office: 4 courses, 30 couples, and 32
    meetings, each with a calendar id of its own."""
    with opened.session() as session:
        rows = courses.list_courses(session)
        found = couple_list.count_couples(session)
        meetings = [
            m for row in rows for m in group_sessions.list_group_sessions(session, course_id=row.id)
        ]
    assert len(rows) == 4 and found == 30
    assert len({m.uid for m in meetings}) == len(meetings) == 32


@pytest.mark.parametrize("stored", STORED, ids=[p.stem for p in STORED])
def test_migrating_keeps_every_row_of_every_table(stored, tmp_path):
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(stored, copy)
    before = row_counts(copy)
    # The demo office: 30 couples, and from 0015 on one more that was anonymised.
    assert before["partner"] in (60, 62) and before["attendance"] > 0
    open_database(database_url(copy)).dispose()
    after = row_counts(copy)
    assert {t: after[t] for t in before} == before


@pytest.mark.parametrize("stored", STORED, ids=[p.stem for p in STORED])
def test_stored_database_opens_and_keeps_its_data(stored, tmp_path):
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(stored, copy)
    opened = open_database(database_url(copy))
    try:
        with opened.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        assert_reads_the_stored_office(opened)
    finally:
        opened.dispose()
    made = list_backups(tmp_path / "backups")
    if head_revision() in stored.stem:
        assert made == []
    else:
        assert len(made) == 1, "an older database is backed up before it is migrated"


def test_there_is_a_stored_database_for_the_current_schema():
    assert any(head_revision() in p.stem for p in STORED)


def test_couples_placed_before_the_waiting_list_rules_count_as_having_had_a_place(tmp_path):
    """Before version 0007 every couple not waiting had been given a place on applying."""
    (older,) = [p for p in STORED if p.stem == "schema-0006"]
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(older, copy)
    open_database(database_url(copy)).dispose()
    with sqlite3.connect(copy) as connection:
        placed = dict(
            connection.execute(
                "SELECT status, count(placed_at) = count(*) FROM enrollment GROUP BY status"
            ).fetchall()
        )
        waiting_placed = connection.execute(
            "SELECT count(placed_at) FROM enrollment WHERE status = 'waitlisted'"
        ).fetchone()[0]
    connection.close()
    assert placed["enrolled"] == placed["completed"] == placed["withdrawn"] == 1
    assert waiting_placed == 0


def test_a_couples_earlier_consent_date_becomes_both_partners_consent_to_take_part(tmp_path):
    """Migration 0016: the couple's one consent date is each partner's consent to the course."""
    stored = next(p for p in STORED if p.stem == "schema-0015")
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(stored, copy)
    with sqlite3.connect(copy) as before:
        dated = before.execute(
            "SELECT count(*) FROM couple WHERE consent_date IS NOT NULL"
        ).fetchone()[0]
    before.close()
    assert dated > 0
    database = open_database(database_url(str(copy)))
    database.dispose()
    with sqlite3.connect(copy) as after:
        rows = after.execute(
            "SELECT consent.purpose, consent.given_on = couple.consent_date, count(*) "
            "FROM consent JOIN partner ON partner.id = consent.partner_id "
            "JOIN couple ON couple.id = partner.couple_id GROUP BY 1, 2"
        ).fetchall()
    after.close()
    assert rows == [("course", 1, 2 * dated)]


def index_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        names = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%'"
            )
        }
    connection.close()
    return names


@pytest.mark.parametrize("stored", STORED[-3:], ids=[p.stem for p in STORED[-3:]])
def test_migrating_keeps_every_index_a_new_database_has(stored, tmp_path):
    """A table rebuilt by a migration (SQLite's batch mode) silently loses the indexes SQLite
    cannot reflect, such as the partner's index on lower(email)."""
    fresh = tmp_path / "new.sqlite3"
    open_database(database_url(fresh)).dispose()
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(stored, copy)
    open_database(database_url(copy)).dispose()
    assert index_names(fresh) - index_names(copy) == set()
