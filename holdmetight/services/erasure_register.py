"""Erasures survive a restore: each one is noted in the register kept apart from the database
(see :mod:`holdmetight.db.erasures`), and a database that shows fewer than its register (it was
restored from a copy made before them) has them made again."""

from __future__ import annotations

from holdmetight.config import erasures_dir
from holdmetight.db.database import Database
from holdmetight.db.erasures import Erasure, remember, remembered
from holdmetight.services import privacy


def note(database: Database, erasure: Erasure) -> None:
    """Keep ``erasure`` in the register of ``database`` (after it was made)."""
    with database.session() as session:
        key = privacy.database_key(session)
    if key:
        remember(erasures_dir(), key, erasure)


def make_again(database: Database) -> list[Erasure]:
    """Make anew the erasures of the register that ``database`` does not show; returns them
    (none for a database that shows them all, or has no register)."""
    with database.session() as session:
        key = privacy.database_key(session)
        if not key:
            return []
        todo = privacy.still_to_erase(session, erasures=remembered(erasures_dir(), key))
        if todo:
            privacy.erase_again(session, erasures=todo)
    if todo:
        database.forget_old_pages()
    return todo
