"""Printing a course's handouts, one copy per partner (targets: peak memory under 400 MB, the
window's event loop never blocked for 100 ms or more).

    .venv/bin/python benchmarks/bench_printing.py [--couples 8]

On a new demo database the running course gets ``--couples`` couples; the handouts of all its
steps are made in each partner's language and printed to a ``QPrinter`` writing a PDF file, the
way the print dialog does it (the PDF made in a worker, then painted page by page in a worker).
A timer in the GUI thread ticks every 5 ms meanwhile; the longest gap between two ticks is the
longest time the window could not respond. The printed file is read back with pypdf.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.domain.enums import CourseStatus, Language
from holdmetight.services import courses, demo, enrollments
from holdmetight.services.couples import PartnerInput, create_couple
from holdmetight.ui import course_actions
from holdmetight.ui.background import jobs_running
from holdmetight.ui.context import AppContext
from holdmetight.ui.printing import PrintDialog

TICK_MS = 5


def peak_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def current_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


class Watch:
    """The longest gap between ticks of a timer in the GUI thread."""

    def __init__(self) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart())

    def stop(self) -> None:
        self._timer.stop()


def run_event_loop_until_done(dialog: PrintDialog) -> None:
    """Run the window's event loop, as the application does, until the dialog's job ends."""
    assert dialog.job is not None
    loop = QEventLoop()
    dialog.job.finished.connect(loop.quit)
    if jobs_running():
        loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couples", type=int, default=8)
    args = parser.parse_args()
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="holdmetight-bench-"))
    database = open_database(database_url(folder / "bench.sqlite3"))
    context = AppContext(database)
    with database.session() as session:
        demo.create_demo_data(session, today=date.today())
    course = next(r for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING)
    for number in range(course.enrolled, args.couples):
        couple = context.call(
            create_couple,
            partners=(PartnerInput(f"Anna{number}", "Bench"), PartnerInput("Bram", "Bench")),
        )
        context.call(enrollments.enroll, couple_id=couple.id, course_id=course.id)
    dialogs: list[PrintDialog] = []
    PrintDialog.exec = lambda dialog: dialogs.append(dialog) or 0  # type: ignore[method-assign]
    course_actions.print_handouts(None, context, course.code, Language.NL)
    dialog = dialogs[0]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("per_partner"))
    window = QLabel("holdmetight")  # the window is on screen, as when a user prints
    window.show()
    app.processEvents()
    gc.freeze()  # as the application does once its window is up
    before = current_mb()
    watch = Watch()
    watch.start()
    made: list[bytes] = []
    started = time.perf_counter()
    dialog.with_pdf(made.append)
    run_event_loop_until_done(dialog)
    pdf_seconds = time.perf_counter() - started
    pdf_blocked, watch.longest = watch.longest, 0
    printer = dialog._printer(made[0])
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = folder / "printed.pdf"
    printer.setOutputFileName(str(output))
    started = time.perf_counter()
    dialog.print_on(printer, made[0])
    run_event_loop_until_done(dialog)
    print_seconds = time.perf_counter() - started
    watch.stop()
    peak = peak_mb()  # before reading the printed file back, which is the benchmark's own work
    pages = len(PdfReader(output).pages)
    print(f"couples in the course: {args.couples}; pages printed: {pages}")
    print(f"PDF made in {pdf_seconds:.1f} s; printed in {print_seconds:.1f} s")
    print(f"memory before printing: {before:.0f} MB; peak of the process: {peak:.0f} MB")
    print(f"printed file: {output.stat().st_size / 1024 / 1024:.0f} MB")
    print(
        f"longest time the event loop was blocked: {pdf_blocked} ms while making the PDF, "
        f"{watch.longest} ms while printing"
    )
    database.dispose()


if __name__ == "__main__":
    main()
