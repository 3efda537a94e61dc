"""A lost connection is not lost work (issue 15, item 5): when the database server restarts in
the middle of a run of writes, the writes it acknowledged are all there, the one in flight is
either whole or absent, the user reads one sentence about the lost connection, and the next
write connects again by itself.

The test starts a server of its own with ``.ci/postgres.sh`` (so that restarting it disturbs
no other test) and runs where the test server runs (HOLDMETIGHT_TEST_POSTGRES).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from backends import stored_couples
from servers import NO_SERVER, SERVER
from sqlalchemy.engine import make_url
from writer_child import register

from holdmetight.db.database import open_database
from holdmetight.errors import HoldMeTightError

pytestmark = pytest.mark.skipif(not SERVER, reason=NO_SERVER)

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "postgres.sh"
BEFORE, AFTER = 40, 40  # acknowledged writes before the restart, and after it
LIMIT_S = 60
LOST = "The connection to the database server was lost; nothing of this was saved."


def server(action: str, environment: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", str(SCRIPT), action],
        env=environment,
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def own_server():
    """A server of this test's own on another port, stopped and removed afterwards."""
    environment = {
        **os.environ,
        "HOLDMETIGHT_TEST_POSTGRES_PORT": str(56000 + os.getpid() % 1000),
        "HOLDMETIGHT_TEST_POSTGRES_DIR": f"/tmp/holdmetight-restart-{os.getpid()}",
    }
    maintenance = server("start", environment)
    try:
        import psycopg

        plain = make_url(maintenance).set(drivername="postgresql")
        with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as c:
            c.execute("CREATE DATABASE office")
        url = make_url(maintenance).set(database="office").render_as_string(hide_password=False)
        yield url, (lambda: server("restart", environment))
    finally:
        server("stop", environment)


class Writer(threading.Thread):
    """Registers couples one after another as a user would, noting what was acknowledged and
    the messages of what was refused; a refused write is tried again a moment later."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.database = open_database(url, create=False)
        self.acknowledged: list[str] = []
        self.messages: set[str] = set()
        self.stop = threading.Event()

    def run(self) -> None:
        number = 0
        with self.database.session() as session:
            while not self.stop.is_set():
                name = f"Herstart-{number:05d}"
                try:
                    register(session, name)
                except HoldMeTightError as error:
                    self.messages.add(str(error))
                    time.sleep(0.05)  # the user reads the message and tries again
                    continue
                self.acknowledged.append(name)
                number += 1


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def test_a_server_restart_during_writes_loses_nothing_acknowledged_and_reconnects(own_server):
    url, restart = own_server
    open_database(url).dispose()
    writer = Writer(url)
    writer.start()
    try:
        wait_for(lambda: len(writer.acknowledged) >= BEFORE, "writes before the restart")
        restart()
        restarted_at = len(writer.acknowledged)
        wait_for(lambda: len(writer.acknowledged) >= restarted_at + AFTER, "writes after it")
    finally:
        writer.stop.set()
        writer.join(LIMIT_S)
        writer.database.dispose()

    stored, partial = stored_couples(url, "Herstart")
    print(
        f"\nserver restarted during writes: {len(writer.acknowledged)} acknowledged, "
        f"messages {sorted(writer.messages)}"
    )
    assert set(writer.acknowledged) <= stored.keys(), "every acknowledged write is kept"
    assert len(stored.keys() - set(writer.acknowledged)) <= 1, "at most the one in flight"
    assert partial == 0, "no couple without both partners"
    assert writer.messages, "the restart happened among the writes"
    assert all(message.startswith(LOST) for message in writer.messages), writer.messages
