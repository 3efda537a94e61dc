"""Opening a current database needs no Alembic (issue 13): its revision is read with a plain
query and compared with the newest migration, recorded as a constant that must follow the
migration scripts."""

from __future__ import annotations

import subprocess
import sys

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.db.migrate import HEAD_REVISION, current_revision, scripted_head_revision


def test_the_recorded_head_is_the_newest_migration_shipped():
    assert scripted_head_revision() == HEAD_REVISION


def test_a_new_database_is_at_the_recorded_head(database):
    with database.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION


def test_opening_a_current_database_does_not_load_alembic(tmp_path):
    db = tmp_path / "office.sqlite3"
    open_database(database_url(db)).dispose()
    code = (
        "import sys\n"
        "from holdmetight.config import database_url\n"
        "from holdmetight.db.database import open_database\n"
        "open_database(database_url(sys.argv[1]), create=False).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
