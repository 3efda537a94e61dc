"""Erasures survive a restore (issue 16, item 8): each erasure is noted in a register kept apart
from the database, holding numbers and moments only; a database restored from a copy made
before some erasures has them made again, and a register belongs to one database only."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from holdmetight.cli import main
from holdmetight.config import erasures_dir
from holdmetight.db.backup import backup_database
from holdmetight.db.database import open_database
from holdmetight.db.erasures import register_path, remembered
from holdmetight.db.restore import restore_database
from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Couple
from holdmetight.errors import DatabaseError
from holdmetight.services import couple_list, couples, demo, erasure_register, privacy


@pytest.fixture
def office(database, db_path):
    with database.session() as session:
        demo.create_demo_data(session, today=date(2026, 11, 24))
        first, second = couple_list.list_couples(session, limit=2)
        key = privacy.database_key(session)
    return database, first.id, second.id, key


def erase(database, couple_id, partner=None):
    with database.session() as session:
        erasure = privacy.anonymise(session, couple_id=couple_id, partner=partner)
    erasure_register.note(database, erasure)
    return erasure


def test_the_register_holds_numbers_and_moments_only(office):
    database, first, second, key = office
    with database.session() as session:
        names = couples.get_couple(session, couple_id=second).partners[1].family_name
    erase(database, first)
    erase(database, second, partner=2)
    path = register_path(erasures_dir(), key)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert [(e["couple"], e["partner"]) for e in data["erasures"]] == [(first, None), (second, 2)]
    assert names not in text
    assert path.stat().st_mode & 0o077 == 0
    assert [e.couple_id for e in remembered(erasures_dir(), key)] == [first, second]


def test_a_restored_copy_has_its_later_erasures_made_again(office, db_path):
    database, first, second, _key = office
    assert database.backups_dir is not None
    before = backup_database(db_path, database.backups_dir, reason="test")
    erase(database, first)
    erase(database, second, partner=1)
    database.dispose()
    restore_database(before, db_path, database.backups_dir)
    restored = open_database(f"sqlite:///{db_path}")
    try:
        with restored.session() as session:
            assert session.get(Couple, first).anonymised_at is None  # the copy is older
        again = erasure_register.make_again(restored)
        assert [(e.couple_id, e.partner) for e in again] == [(first, None), (second, 1)]
        with restored.session() as session:
            assert session.get(Couple, first).anonymised_at is not None
            assert couples.get_couple(session, couple_id=second).partners[0].family_name == ""
            details = session.exec(
                select(AuditEntry.detail).where(AuditEntry.action == "anonymise")
            ).all()
            assert details.count("again after a restore") == 2
        assert erasure_register.make_again(restored) == []  # done once
    finally:
        restored.dispose()


def test_a_register_belongs_to_its_own_database_only(office, tmp_path):
    database, first, _second, _key = office
    erase(database, first)
    other = open_database(f"sqlite:///{tmp_path / 'ander.sqlite3'}")
    try:
        with other.session() as session:
            demo.create_demo_data(session, today=date(2026, 11, 24))
            assert privacy.database_key(session) != office[3]
        assert erasure_register.make_again(other) == []
        with other.session() as session:
            assert session.get(Couple, first).anonymised_at is None
    finally:
        other.dispose()


def test_a_damaged_register_is_said_in_one_sentence(office):
    database, first, _second, key = office
    erase(database, first)
    register_path(erasures_dir(), key).write_text("{kapot", encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"The register of erasures .* cannot be read"):
        erasure_register.make_again(database)


def test_restore_on_the_command_line_makes_them_again(office, db_path, capsys):
    database, first, _second, _key = office
    assert database.backups_dir is not None
    before = backup_database(db_path, database.backups_dir, reason="test")
    erase(database, first)
    database.dispose()
    assert main(["--db", str(db_path), "restore", str(before)]) == 0
    out = capsys.readouterr().out
    assert "The backup was made before 1 erasure: it has been made again." in out
    reopened = open_database(f"sqlite:///{db_path}")
    try:
        with reopened.session() as session:
            assert session.get(Couple, first).anonymised_at is not None
    finally:
        reopened.dispose()
