"""Write the stored database for the current schema version (run once per released version).

    .venv/bin/python tests/db/versions/make_stored_database.py

The file holds the demo data as of 24 November 2026, in rollback-journal mode, so that the
migration tests start from what an organisation on that version really has on disk.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.db.migrate import head_revision
from holdmetight.services import demo


def main() -> None:
    target = Path(__file__).resolve().parent / f"schema-{head_revision()}.sqlite3"
    if target.exists():
        raise SystemExit(f"{target.name} exists already; a released version is never rewritten")
    database = open_database(database_url(target))
    with database.session() as session:
        demo.create_demo_data(session, today=date(2026, 11, 24))
    database.dispose()
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("VACUUM")
    connection.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
