"""Two people working on the same database at once lose nothing and see no errors (issue 12).

Two processes write at full speed; two imports run at once, of different files and of the same
file; and an import that cannot get the database says so and exits 1, never 0.

An import is one transaction and holds the write lock from its first line to its last (about
1.4 ms a line on the machine these tests were written on): another writer waits for it, and
fails after the 10 s busy timeout when the file is longer than some 7,000 lines.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

CHILD = Path(__file__).with_name("writer_child.py")
WRITES = 300
LINES = 200
LIMIT_S = 60
LINE_UP_S = 2.5  # the write lock is held this long while the imports start, so both wait for it
HEADER = "voornaam1;achternaam1;voornaam2;achternaam2;postcode"

# The command line with a busy timeout of half a second instead of ten, so that an import that
# cannot get the write lock gives up within the test's time.
IMPATIENT_CLI = (
    "import sys; import holdmetight.db.engine as engine; engine.BUSY_TIMEOUT_MS = 500; "
    "from holdmetight.cli import main; sys.exit(main(sys.argv[1:]))"
)


def count(url: str, sql: str, **values: object) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql), values).scalar_one())
    finally:
        engine.dispose()


def couples_named(url: str, word: str) -> int:
    return count(
        url,
        "SELECT count(DISTINCT couple_id) FROM partner WHERE position = 1 AND family_name LIKE :w",
        w=f"{word}-%",
    )


def csv_file(path: Path, word: str, lines: int) -> Path:
    """An office's list of ``lines`` couples, each with a family name of its own."""
    rows = [HEADER]
    for number in range(lines):
        name = f"{word}-{number:05d}"
        rows.append(f"Anna;{name};Bram;{name};{3500 + number % 100} AB")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


def start_cli(*args: str, python: list[str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*(python or [sys.executable, "-m", "holdmetight"]), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=LIMIT_S)
    return process.returncode, out, err


def test_two_processes_writing_at_once_both_save_every_couple(backend, database_url):
    writers = [
        subprocess.Popen(
            [sys.executable, str(CHILD), "burst", database_url, word, str(WRITES)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for word in ("W1", "W2")
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        for writer in writers:  # both start together
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [json.loads(writer.communicate(timeout=LIMIT_S)[0]) for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
    print(
        f"\ntwo writers x {WRITES}: saved {[r['saved'] for r in results]}, failed "
        f"{[r['failed'] for r in results]} {[r['messages'] for r in results]}, "
        f"{[round(r['finished'] - r['started'], 1) for r in results]} s each, slowest write "
        f"{max(r['slowest'] for r in results) * 1000:.0f} ms"
    )
    assert [r["failed"] for r in results] == [0, 0]
    assert max(r["started"] for r in results) < min(r["finished"] for r in results), "at once"
    assert (couples_named(database_url, "W1"), couples_named(database_url, "W2")) == (
        WRITES,
        WRITES,
    )
    assert count(database_url, "SELECT count(*) FROM couple") == 2 * WRITES
    assert backend.integrity(database_url) == ["ok"]


def run_two_imports(backend, url: str, first: Path, second: Path) -> list[tuple[int, str, str]]:
    """Start both imports while the write lock is held, so that both are waiting for it when it
    is freed; they then take turns."""
    with backend.write_lock(url):
        imports = [start_cli("--db", url, "import", "couples", str(f)) for f in (first, second)]
        time.sleep(LINE_UP_S)
    return [finish(process) for process in imports]


def test_two_imports_of_different_files_at_once_import_every_line(backend, database_url, tmp_path):
    first = csv_file(tmp_path / "wijkteam-noord.csv", "Noord", LINES)
    second = csv_file(tmp_path / "wijkteam-zuid.csv", "Zuid", LINES)
    results = run_two_imports(backend, database_url, first, second)
    print(f"\ntwo imports of different files: {[(code, out) for code, out, _ in results]}")
    for code, out, err in results:
        assert (code, err) == (0, "")
        assert out == f"{LINES} of {LINES} couples imported, 0 already registered, 0 with errors.\n"
    assert (couples_named(database_url, "Noord"), couples_named(database_url, "Zuid")) == (
        LINES,
        LINES,
    )
    assert backend.integrity(database_url) == ["ok"]


def test_two_imports_of_the_same_file_at_once_store_each_couple_once(
    backend, database_url, tmp_path
):
    source = csv_file(tmp_path / "aanmeldingen.csv", "Zelfde", LINES)
    results = run_two_imports(backend, database_url, source, source)
    print(f"\ntwo imports of the same file: {[(code, out[-80:]) for code, out, _ in results]}")
    assert [(code, err) for code, _, err in results] == [(0, ""), (0, "")]
    summaries = sorted(out.splitlines()[-1] for _, out, _ in results)
    assert summaries == [
        f"0 of {LINES} couples imported, {LINES} already registered, 0 with errors.",
        f"{LINES} of {LINES} couples imported, 0 already registered, 0 with errors.",
    ]
    second = next(out for _, out, _ in results if out.startswith("0 of") or "\n0 of" in out)
    assert second.count(": skipped, already registered: ") == LINES
    assert couples_named(database_url, "Zelfde") == LINES
    assert count(database_url, "SELECT count(*) FROM couple") == LINES


def test_an_import_that_cannot_get_the_database_says_so_and_exits_1(
    backend, database_url, tmp_path
):
    source = csv_file(tmp_path / "aanmeldingen.csv", "Wacht", LINES)
    with backend.write_lock(database_url):
        code, out, err = finish(
            start_cli(
                "--db",
                database_url,
                "import",
                "couples",
                str(source),
                python=[sys.executable, "-c", IMPATIENT_CLI],
            )
        )
    print(f"\nimport without the write lock: exit {code}, {err.strip()!r}")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "could not be written; nothing was saved" in err
    assert couples_named(database_url, "Wacht") == 0
