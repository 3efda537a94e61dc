"""How long the application takes to show a painted, usable window, compared with a bare window
(target: at most 1.5 times a bare PySide6 + SQLAlchemy window on the same file; peak memory
under 250 MB).

    .venv/bin/python benchmarks/bench_startup.py /tmp/ten_years.sqlite3 [--runs 5]

The file is copied into a temporary folder first (the application writes to its database), and
every measurement is a fresh process, offscreen (``QT_QPA_PLATFORM=offscreen``), timed from just
before the process is started until its main window is painted and the event loop is free again
(a zero-time timer posted at the first paint event has run):

- bare window: imports PySide6 and SQLAlchemy, opens the file with SQLAlchemy, reads one small
  query (the newest 50 courses) into a ``QTableView`` in a ``QMainWindow``;
- bare window + our tables: the same, after importing holdmetight's table declarations (SQLModel,
  pydantic, SQLAlchemy's ORM): what any start of the application costs at least, whatever it
  does next;
- holdmetight: the real start (``holdmetight --db FILE``, the window), as a user starts it:
  open and check the database, shipped programmes, waiting lists, main window, first page;
- selftest, for reference: ``holdmetight --db FILE selftest`` as a whole process (it shows and
  paints the window too, and checks catalogs, programme files and Qt's translations).

Each is run ``--runs`` times, interleaved, after one unmeasured run of each that brings the file
into the operating system's cache and compiles the Python code (into a folder of the benchmark's
own, as an installed application has its bytecode). The code run is the ``holdmetight`` package
the current folder holds (Python puts it first), else the installed one. Prints the median with
the fastest and slowest run, the ratio of the medians, and the peak memory of each process (its
high-water mark when the window was painted, and over its whole life).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from timing import fresh_process_env

TARGET_RATIO = 1.5
TARGET_MEMORY_MB = 250

# Shared by both children: reports, at the first paint of the window called "MainWindow" and
# once the event loop has run again, the monotonic clock (comparable across processes on one
# machine) and the peak memory so far; then closes the window.
WATCH_PAINT = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def peak_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class PaintWatch(QObject):
    def __init__(self):
        super().__init__()
        self.seen = False

    def eventFilter(self, watched, event):
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window().objectName() == "MainWindow"
        ):
            self.seen = True
            window = watched.window()
            QTimer.singleShot(0, lambda: self.done(window))
        return False

    def done(self, window):
        print(json.dumps({"painted": time.monotonic(), "peak_kb": peak_kb()}), flush=True)
        window.close()
        QApplication.instance().quit()
"""

BARE = (
    WATCH_PAINT
    + """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView
from sqlalchemy import create_engine, text

app = QApplication(sys.argv[:1])
watch = PaintWatch()
app.installEventFilter(watch)
engine = create_engine(f"sqlite:///{sys.argv[1]}")
with engine.connect() as connection:
    rows = connection.execute(
        text("SELECT code, title, status FROM course ORDER BY id DESC LIMIT 50")
    ).all()
model = QStandardItemModel(len(rows), 3)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        model.setItem(r, c, QStandardItem(str(value)))
window = QMainWindow()
window.setObjectName("MainWindow")
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1200, 760)
window.show()
app.exec()
engine.dispose()
"""
)

# The same bare window, after declaring holdmetight's tables (SQLModel, pydantic and SQLAlchemy's
# ORM, which the application cannot start without): the floor under any start-up of this stack.
BARE_WITH_TABLES = BARE.replace(
    "from sqlalchemy import create_engine, text",
    "from sqlalchemy import create_engine, text\nimport holdmetight.domain.models",
)

HOLDMETIGHT = (
    WATCH_PAINT
    + """
from holdmetight.cli import main
from holdmetight.ui.application import ensure_application

watch = PaintWatch()
ensure_application().installEventFilter(watch)
sys.exit(main(["--db", sys.argv[1]]))
"""
)


@dataclass
class Runs:
    """The runs of one way of starting: seconds to a painted window, peak memory in MB."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peak_at_paint_mb: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def line(self) -> str:
        s = self.seconds
        at_paint = f"{max(self.peak_at_paint_mb):6.0f}" if self.peak_at_paint_mb else "     -"
        return (
            f"{self.name:<26}{statistics.median(s):8.2f}{min(s):8.2f}{max(s):8.2f}"
            f"{at_paint}{max(self.peak_mb):8.0f}"
        )


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, dict[str, float], float]:
    """Start ``argv``; returns seconds from start to its report (or to its end when it reports
    nothing), its report, and its peak memory over its whole life in MB."""
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=errors)
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        # The rusage of this one child (its own peak memory; Linux counts kilobytes).
        _pid, status, usage = os.wait4(child.pid, 0)
        ended = time.monotonic()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(argv[-3:])} failed ({child.returncode}):\n{message}")
    report: dict[str, float] = {}
    for line in out.decode().splitlines():
        if line.startswith("{"):
            report = json.loads(line)
    seconds = report.get("painted", ended) - started
    return seconds, report, usage.ru_maxrss / 1024


def measure(database: Path, runs: int) -> list[Runs]:
    python = sys.executable
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        copy = folder / "office.sqlite3"
        shutil.copyfile(database, copy)
        env = fresh_process_env(folder)
        ways = {
            "bare window": [python, "-c", BARE, str(copy)],
            "bare window + our tables": [python, "-c", BARE_WITH_TABLES, str(copy)],
            "holdmetight (window)": [python, "-c", HOLDMETIGHT, str(copy)],
            "selftest (whole process)": [
                python,
                "-m",
                "holdmetight",
                "--db",
                str(copy),
                "selftest",
            ],
        }
        results = {name: Runs(name) for name in ways}
        for argv in ways.values():  # the file into the cache, a first migration if any
            run_child(argv, env)
        for _ in range(runs):
            for name, argv in ways.items():
                seconds, report, peak_mb = run_child(argv, env)
                result = results[name]
                result.seconds.append(seconds)
                if "peak_kb" in report:
                    result.peak_at_paint_mb.append(report["peak_kb"] / 1024)
                result.peak_mb.append(peak_mb)
        return list(results.values())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, help="the database file (it is copied first)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    args = parser.parse_args()
    size_mb = args.database.stat().st_size / 1e6
    print(f"{args.database} ({size_mb:.0f} MB), {args.runs} runs each, offscreen")
    results = measure(args.database, args.runs)
    print(f"{'':<26}{'median':>8}{'min':>8}{'max':>8}{'MB@paint':>9}{'MB max':>8}")
    for result in results:
        print(result.line())
    bare, floor, app, selftest = (statistics.median(r.seconds) for r in results)
    ratio = app / bare
    peak = max(results[2].peak_at_paint_mb)
    verdict = {True: "met", False: "NOT met"}
    print(
        f"ratio holdmetight / bare window: {ratio:.2f} "
        f"(target at most {TARGET_RATIO}: {verdict[ratio <= TARGET_RATIO]})"
    )
    print(
        f"ratio bare window + our tables / bare window: {floor / bare:.2f} "
        "(the floor: the data layer's libraries and tables alone)"
    )
    print(f"ratio selftest / bare window:    {selftest / bare:.2f} (whole process, for reference)")
    print(
        f"peak memory of holdmetight at paint: {peak:.0f} MB "
        f"(target under {TARGET_MEMORY_MB}: {verdict[peak < TARGET_MEMORY_MB]})"
    )


if __name__ == "__main__":
    main()
