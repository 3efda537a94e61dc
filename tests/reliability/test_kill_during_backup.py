"""A backup killed at any moment never costs a good backup (issue 12).

A backup runs in a process of its own and is killed at a random moment; then the office's next
backup runs. Every backup listed must be whole and hold the data, nothing an interrupted backup
left may be listed or take the place of a good backup, and once old, the leftovers are gone.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from holdmetight.config import database_url
from holdmetight.db.backup import backup_database, list_backups
from holdmetight.db.database import open_database
from holdmetight.services.demo import create_demo_data

CHILD = Path(__file__).with_name("backup_child.py")
TRIALS = 20
KEEP = 5
EXTRA_COUPLES = 8_000  # about 12 MB with their notes: a backup takes measurable time
CHILD_LIMIT_S = 30


def grow(path: Path, couples: int) -> int:
    """Add ``couples`` copies of the first demo couple (with their partners and a note of their
    own) in one transaction; returns how many couples the office then has."""
    with closing(sqlite3.connect(path)) as db, db:
        first, last = db.execute("SELECT min(id), max(id) FROM couple").fetchone()
        columns = [row[1] for row in db.execute("PRAGMA table_info(couple)") if row[1] != "id"]
        listed = ", ".join(columns)
        db.execute(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO couple ({listed}) SELECT {listed} FROM couple, n WHERE couple.id = ?",
            (couples, first),
        )
        db.execute("UPDATE couple SET notes = hex(randomblob(300)) WHERE id > ?", (last,))
        partner = [row[1] for row in db.execute("PRAGMA table_info(partner)") if row[1] != "id"]
        chosen = ", ".join("c.id" if c == "couple_id" else f"p.{c}" for c in partner)
        db.execute(
            f"INSERT INTO partner ({', '.join(partner)}) SELECT {chosen} "
            "FROM partner p JOIN couple c ON c.id > ? WHERE p.couple_id = ?",
            (last, first),
        )
        (count,) = db.execute("SELECT count(*) FROM couple").fetchone()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(count)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    database = open_database(database_url(path))
    with database.session() as session:
        create_demo_data(session)
    database.dispose()
    return path, grow(path, EXTRA_COUPLES)


def holds_the_office(path: Path, couples: int) -> bool:
    """Whole and complete, judged as IT support would: SQLite's full integrity check, and
    every couple is there."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                return False
            return db.execute("SELECT count(*) FROM couple").fetchone() == (couples,)
    except sqlite3.Error:
        return False


def is_backup_name(path: Path) -> bool:
    """Under the name of a finished backup (a whole copy under a temporary name is not one)."""
    return path.name.startswith("holdmetight-") and path.name.endswith(".sqlite3")


def kill_a_backup(source: Path, folder: Path, *, after: float) -> bool:
    """Start a backup in another process and kill it ``after`` seconds into the backup;
    returns whether it had finished by then."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(source), str(folder), str(KEEP)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    watchdog = threading.Timer(CHILD_LIMIT_S, child.kill)
    watchdog.start()
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(after)
        child.kill()
        child.wait(timeout=CHILD_LIMIT_S)
        return child.stdout.read().strip() == "done"
    finally:
        watchdog.cancel()
        child.stdout.close()


@pytest.mark.slow
def test_a_backup_killed_at_any_moment_never_costs_a_good_backup(office, tmp_path):
    source, couples = office
    folder = tmp_path / "backups"
    rng = random.Random(12)
    slowest = 0.5  # seconds, until a backup here has been timed
    judged: dict[Path, bool] = {}  # a file under a backup name is never written again

    def good(path: Path) -> bool:
        if path not in judged:
            judged[path] = is_backup_name(path) and holds_the_office(path, couples)
        return judged[path]

    left_behind: set[str] = set()
    trials_leaving_files = finished_before_kill = 0
    for trial in range(TRIALS):
        finished_before_kill += kill_a_backup(source, folder, after=rng.uniform(0, slowest))
        good_before = sorted(
            (p for p in folder.iterdir() if good(p)), key=lambda p: p.name, reverse=True
        )
        new_left = {p.name for p in folder.iterdir() if not good(p)} - left_behind
        trials_leaving_files += bool(new_left)
        left_behind |= new_left

        started = time.perf_counter()
        made = backup_database(source, folder, reason="auto", keep=KEEP)
        took = time.perf_counter() - started
        slowest = 1.2 * took if trial == 0 else max(slowest, 1.2 * took)

        assert good(made)
        expected = sorted([made, *good_before], key=lambda p: p.name, reverse=True)[:KEEP]
        assert list_backups(folder) == expected, "the newest good backups, and nothing else"

    then = time.time() - 600
    for path in folder.iterdir():
        os.utime(path, (then, then))
    last = backup_database(source, folder, reason="auto", keep=KEEP)
    kept = list_backups(folder)

    print(
        f"\n{TRIALS} backups killed: {trials_leaving_files} left files behind "
        f"({len(left_behind)} files: {sorted({name.rsplit('.', 1)[-1] for name in left_behind})}),"
        f" {finished_before_kill} had finished; {len(kept)} good backups kept"
    )
    assert trials_leaving_files > 0, "some kills landed while a backup was being written"
    assert kept[0] == last and len(kept) == KEEP
    assert all(good(p) for p in kept)
    assert {p.name for p in folder.iterdir()} == {p.name for p in kept}, "leftovers removed"
