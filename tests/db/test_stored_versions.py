"""Every released schema version, stored as a real database file, opens in this version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.db.migrate import current_revision, head_revision
from holdmetight.services import couples, courses

STORED = sorted((Path(__file__).parent / "versions").glob("schema-*.sqlite3"))


@pytest.mark.parametrize("stored", STORED, ids=[p.stem for p in STORED])
def test_stored_database_opens_and_keeps_its_data(stored, tmp_path):
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(stored, copy)
    opened = open_database(database_url(copy))
    try:
        with opened.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        with opened.session() as session:
            codes = [row.code for row in courses.list_courses(session=session)]
            found = couples.count_couples(session=session)
        assert len(codes) == 4 and found == 30
    finally:
        opened.dispose()


def test_there_is_a_stored_database_for_the_current_schema():
    assert any(head_revision() in p.stem for p in STORED)
