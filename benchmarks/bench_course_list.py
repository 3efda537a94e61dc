"""How fast the Courses page reads its list on ten years of courses (target: under 100 ms).

    .venv/bin/python benchmarks/bench_course_list.py /tmp/ten_years.sqlite3

Works on a copy of the file (opening a database may upgrade or back it up). Measures through
the real main window, offscreen, shown at its usual size and painted after each step: opening
the window on the Courses page, the refresh after an enrollment changed (what every enrol or
withdraw costs), F5, and a click on each column header (both directions); then the agenda and
the Fees page. Also the list query alone for each order. Prints the median and worst of
several runs in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.i18n import set_language
from holdmetight.services import course_list
from holdmetight.services.changes import Changes
from holdmetight.services.course_list import CourseOrder

RUNS = 7


def timed(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median and worst time in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--lang", choices=("en", "nl"), default="en")
    args = parser.parse_args()
    set_language(args.lang)
    work = Path(tempfile.mkdtemp(prefix="bench-courses-"))
    copy = work / args.path.name
    shutil.copyfile(args.path, copy)
    database = open_database(database_url(copy))
    rows: list[tuple[str, tuple[float, float]]] = []

    def query(order: CourseOrder, descending: bool) -> None:
        with database.session() as session:
            course_list.count_courses(session)
            course_list.list_courses(session, order=order, descending=descending, limit=200)

    with database.session() as session:
        total = course_list.count_courses(session)
    print(f"{total} courses in {args.path.name}")
    for order in CourseOrder:
        for descending in (False, True):
            name = f"query by {order.value}{' desc' if descending else ''}"
            rows.append((name, timed(lambda o=order, d=descending: query(o, d), args.runs)))

    from PySide6.QtCore import QEvent, QObject, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from holdmetight.ui.application import ensure_application
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.main_window import PAGE_AGENDA, PAGE_COURSES, PAGE_FEES, MainWindow

    ensure_application()

    class Painted(QObject):
        """Counts the paint events of the widgets it watches."""

        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    painted = Painted()

    def until_painted(action: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            before = painted.count
            action()
            for _ in range(50):
                QApplication.processEvents()
                if painted.count > before:
                    break
            QApplication.processEvents()

        return run

    context = AppContext(database)
    windows: list[MainWindow] = []

    def open_window() -> None:
        settings = QSettings(str(work / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(context, settings)
        window.resize(1200, 760)
        window.courses_page.table.viewport().installEventFilter(painted)
        window.show()
        windows.append(window)

    def close_windows() -> None:
        while windows:
            window = windows.pop()
            window.close()
            window.deleteLater()
        QApplication.processEvents()

    samples = []
    for _ in range(args.runs):
        close_windows()
        started = time.perf_counter()
        until_painted(open_window)()
        samples.append((time.perf_counter() - started) * 1000)
    rows.append(("open window (Qt)", (statistics.median(samples), max(samples))))
    window = windows[-1]
    page = window.courses_page
    window.show_page(PAGE_COURSES)
    QApplication.processEvents()
    changed = Changes(tables=frozenset({"enrollment"}))
    rows.append(
        ("refresh after enrol (Qt)", timed(until_painted(lambda: context.publish(changed))))
    )
    rows.append(("F5 (Qt)", timed(until_painted(context.reload_everything), args.runs)))
    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    for column in range(page.model.columnCount()):
        title = page.model.headerData(column, Qt.Orientation.Horizontal)
        for order, other in ((ascending, descending), (descending, ascending)):
            clicks = []
            for _ in range(args.runs):
                page.table.sortByColumn(column, other)  # not timed: from the other direction
                QApplication.processEvents()
                started = time.perf_counter()
                until_painted(lambda c=column, o=order: page.table.sortByColumn(c, o))()
                clicks.append((time.perf_counter() - started) * 1000)
            name = f"sort {title}{' desc' if order == descending else ''} (Qt)"
            rows.append((name, (statistics.median(clicks), max(clicks))))
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    scrolled = page.table.verticalScrollBar()
    rows.append(
        ("scroll to the end (Qt)", timed(until_painted(lambda: scrolled.setValue(10**9)), 1))
    )

    for name, number in (("agenda", PAGE_AGENDA), ("fees", PAGE_FEES)):
        shown = window.pages.widget(number)
        for table in shown.findChildren(type(page.table)):
            table.viewport().installEventFilter(painted)
        window.show_page(number)
        QApplication.processEvents()
        rows.append((f"{name}: refresh (Qt)", timed(until_painted(context.reload_everything))))
    close_windows()

    print(f"{'step':<34}{'median ms':>10}{'worst ms':>10}")
    for name, (median, worst) in rows:
        print(f"{name:<34}{median:>10.1f}{worst:>10.1f}")
    database.dispose()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
