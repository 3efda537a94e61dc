"""A write the application acknowledged survives the process being killed (issue 12).

A writer registers couples one after another and acknowledges each one on its standard output
the moment its commit returns; it is killed with SIGKILL at a random moment, over and over, on
the same database. After every kill the database passes its full integrity check, the
application opens it again, every acknowledged couple is there with both partners, and no
couple is there in part.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from backends import stored_couples

CHILD = Path(__file__).with_name("writer_child.py")
TRIALS = int(os.environ.get("HOLDMETIGHT_KILL_TRIALS", "50"))  # more for a longer run by hand
LONGEST_WAIT_S = 0.3  # a kill lands up to this long after the writer is ready
LIMIT_S = 60 + 2 * TRIALS  # for the whole test, should a writer hang


@dataclass
class Trial:
    acknowledged: dict[str, int] = field(default_factory=dict)  # name -> couple id
    killed: bool = False


class WriterServer:
    """The ``serve`` child: starts a writer on request and reports on it line by line."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), "serve", url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.watchdog = threading.Timer(LIMIT_S, self.process.kill)
        self.watchdog.start()

    def close(self) -> None:
        self.watchdog.cancel()
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def _line(self, trial: Trial) -> tuple[str, str]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the writer server stopped (or the watchdog ended it)"
        kind, _, rest = line.strip().partition(" ")
        whole = line.endswith("\n") and (kind != "ack" or rest.count(" ") == 1)
        assert kind in {"ready", "ack", "pid", "ended"} and whole, f"the writer said {line!r}"
        if kind == "ack":
            couple_id, name = rest.split(" ")
            trial.acknowledged[name] = int(couple_id)
        return kind, rest

    def run_and_kill(self, word: str, *, after: float) -> Trial:
        """Start a writer, kill it ``after`` seconds after it is ready, and gather what it
        acknowledged before it died."""
        assert self.process.stdin is not None
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()
        trial, pid, ready = Trial(), 0, False
        while not (pid and ready):
            kind, rest = self._line(trial)
            pid = int(rest) if kind == "pid" else pid
            ready = ready or kind == "ready"
        time.sleep(after)
        os.kill(pid, signal.SIGKILL)
        kind, rest = self._line(trial)
        while kind != "ended":
            kind, rest = self._line(trial)
        status = int(rest.split(" ")[1])
        trial.killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        return trial


def test_acknowledged_couples_survive_a_kill_at_any_moment(backend, database_url):
    rng = random.Random(12)
    server = WriterServer(database_url)
    acknowledged = lost = unacknowledged = not_killed = 0
    started = time.perf_counter()
    try:
        for number in range(TRIALS):
            word = f"T{number:03d}"
            trial = server.run_and_kill(word, after=rng.uniform(0, LONGEST_WAIT_S))
            not_killed += not trial.killed
            integrity = backend.integrity(database_url)
            stored, partial = stored_couples(database_url, word)
            missing = {n for n, i in trial.acknowledged.items() if stored.get(n) != i}
            acknowledged += len(trial.acknowledged)
            lost += len(missing)
            in_flight = stored.keys() - trial.acknowledged.keys()
            unacknowledged += len(in_flight)
            assert integrity == ["ok"], f"trial {number}: {integrity[:3]}"
            assert not missing, f"trial {number}: acknowledged but lost: {sorted(missing)}"
            assert partial == 0, f"trial {number}: {partial} couples without both partners"
            assert len(in_flight) <= 1, f"trial {number}: more in flight than one: {in_flight}"
    finally:
        server.close()
    took = time.perf_counter() - started
    print(
        f"\n{TRIALS} writers killed in {took:.1f} s: {acknowledged} acknowledged writes, "
        f"{lost} lost, {unacknowledged} committed without acknowledgement; "
        f"integrity check ok after each of the {TRIALS} kills"
    )
    assert not_killed == 0, "every writer was still writing when it was killed"
    assert acknowledged >= TRIALS, "the kills landed among writes, not before them"
