"""Writers in processes of their own, for the kill and concurrency tests (issue 12).

python writer_child.py serve URL
    Reads one word a line on standard input; for each it forks a writer that opens the
    database, prints ``ready``, and registers couples named WORD-00000, WORD-00001, ...
    printing ``ack ID NAME`` as soon as each one is committed (the acknowledgement), until it
    is killed (or has written MAX_WRITES). This process prints ``pid PID`` for each writer,
    and ``ended PID STATUS`` once the writer has gone. Forking from a process that has
    already imported everything makes a trial take milliseconds instead of a second.

python writer_child.py burst URL WORD COUNT
    Opens the database, prints ``ready``, waits for a line on standard input, then
    registers COUNT couples as fast as it can and prints one line of JSON: how many were
    saved, how many failed (with the first messages), and when it started and finished.
"""

from __future__ import annotations

import json
import os
import sys
import time

from sqlmodel import Session

from holdmetight.db.database import open_database
from holdmetight.db.migrate import head_revision, known_revisions
from holdmetight.errors import HoldMeTightError
from holdmetight.services import couples

MAX_WRITES = 5_000  # a writer nobody kills stops by itself


def say(line: str) -> None:
    """One whole line on standard output in one system call, so that a kill never leaves half
    of it (``print`` may write the text and its line end separately)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def register(session: Session, name: str) -> int:
    """One acknowledged write as the office makes it: a couple with both partners."""
    made = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(given_name="Anna", family_name=name),
            couples.PartnerInput(given_name="Bram", family_name="Visser"),
        ),
        postcode="3512 AB",
        municipality="Utrecht",
        notes=os.urandom(150).hex(),  # some bulk, so that a commit spans more than one page
    )
    return made.id


def write_until_killed(url: str, word: str) -> None:
    database = open_database(url, create=False)
    say("ready")
    with database.session() as session:
        for number in range(MAX_WRITES):
            name = f"{word}-{number:05d}"
            couple_id = register(session, name)
            say(f"ack {couple_id} {name}")


def serve(url: str) -> None:
    head_revision(), known_revisions()  # read the migration scripts once, before forking
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                write_until_killed(url, line.strip())
            except BaseException as error:  # reported to the test, which fails on it
                say(f"error {type(error).__name__}: {error}")
                status = 1
            os._exit(status)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"ended {pid} {status}")


def burst(url: str, word: str, count: int) -> None:
    database = open_database(url, create=False)
    say("ready")
    sys.stdin.readline()
    saved, failures = 0, []
    started = time.time()
    slowest = 0.0
    with database.session() as session:
        for number in range(count):
            begun = time.perf_counter()
            try:
                register(session, f"{word}-{number:05d}")
                saved += 1
            except HoldMeTightError as error:
                failures.append(str(error))
            slowest = max(slowest, time.perf_counter() - begun)
    database.dispose()
    print(
        json.dumps(
            {
                "saved": saved,
                "failed": len(failures),
                "messages": sorted(set(failures))[:3],
                "started": started,
                "finished": time.time(),
                "slowest": slowest,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        burst(sys.argv[2], sys.argv[3], int(sys.argv[4]))
