"""How fast the everyday operations are on ten years of data: one benchmark anyone can run.

    .venv/bin/python benchmarks/bench_ten_years.py /tmp/ten_years_0.1.sqlite3 /tmp/ten_years.sqlite3
        [--runs 7] [--only NAME] [--profile] [--markdown] [--startup-runs 3]

Make the databases with ``benchmarks/make_ten_years.py``. Each database is measured in a
process of its own (so that its peak memory is its own), on a copy in a temporary folder: the
benchmark writes (saves a couple, marks attendance, imports couples), and opening a database
may upgrade it. A database given as a URL (``postgresql+psycopg://…``) is used as it is (never
created or upgraded), and the operations that write are skipped there; with ``--copy-server``
they run too, on copies the server makes (``CREATE DATABASE … TEMPLATE``, PostgreSQL only: it
needs the right to create databases and no other connection to the original while it copies),
dropped at the end. The original is only read, to copy it.

Every operation is timed as a user does it: through the services in this process, and, where a
page exists, through the real page of the real main window, offscreen, at 1366x768, with the
events handled until the window is idle again (so layout and painting are included). Each
operation runs ``--runs`` times (the imports at most three times, each into a fresh copy); the
table shows the median, the fastest and slowest run (the slowest is often the first, with cold
caches), the SQL statements one run sends, and the target. A median over its target is marked
with ``*``.

``--only NAME`` runs the operations whose group or name contains NAME (groups: receipt, couple,
courses, detail, agenda, couples-list, reports, import, attendance, handouts, startup).
``--profile`` runs each chosen operation once more under cProfile and prints its busiest
functions. Start-up is measured by ``benchmarks/bench_startup.py``, called for each file.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"

HERE = Path(__file__).resolve().parent
RUNS = 7
IMPORT_RUNS = 3
IMPORT_COUPLES = 5_000
TYPED = ["j", "ja", "jan", "jans", "jansen"]
NOTHING = "zzqx"
WINDOW_SIZE = (1366, 768)
IMPORTS = ["import: check 5,000 new (dry run)", "import: 5,000 new", "import: same file again"]
GROUPS = [
    "receipt",
    "couple",
    "courses",
    "detail",
    "agenda",
    "couples-list",
    "reports",
    "import",
    "attendance",
    "handouts",
    "startup",
]


@dataclass
class Result:
    """One operation on one database: its samples in milliseconds."""

    group: str
    name: str
    target_ms: float | None  # None: no target ("flat": the same on a tenth of the data)
    samples: list[float] = field(default_factory=list)
    statements: int | None = None  # sent by the last run
    note: str = ""  # why it was skipped, or what it found

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def is_url(name: str) -> bool:
    return "://" in name


def peak_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def copy_database(source: Path, folder: Path) -> Path:
    """A copy of the file, with its write-ahead log when that holds anything (after a clean
    close it is gone or empty; SQLite rebuilds the ``-shm`` index from the log)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copy(source, target)
    log = source.with_name(source.name + "-wal")
    if log.exists() and log.stat().st_size > 0:
        shutil.copy(log, target.with_name(target.name + "-wal"))
    return target


def server_copy(url: str, suffix: str) -> str:
    """A copy of a PostgreSQL database made by the server, as the URL of the copy."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    source = make_url(url)
    if source.get_backend_name() != "postgresql" or not source.database:
        raise SystemExit(f"--copy-server copies PostgreSQL databases only, not {url}")
    name = f"{source.database[:30]}_bench_{os.getpid()}_{suffix}"
    engine = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            quote = connection.dialect.identifier_preparer.quote
            connection.execute(
                text(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(source.database)}")
            )
    finally:
        engine.dispose()
    return source.set(database=name).render_as_string(hide_password=False)


def drop_server_copy(url: str) -> None:
    """Drops a copy made by ``server_copy`` (only such a copy: its name says so)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    copy = make_url(url)
    assert copy.database and f"_bench_{os.getpid()}_" in copy.database
    engine = create_engine(copy.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            quote = connection.dialect.identifier_preparer.quote
            connection.execute(text(f"DROP DATABASE IF EXISTS {quote(copy.database)} WITH (FORCE)"))
    finally:
        engine.dispose()


def import_csv(count: int, seed: int = 13) -> bytes:
    """A CSV file as an office exports it: ``count`` couples with Dutch names, not yet
    registered (e-mail addresses at a domain the ten-year data does not use)."""
    sys.path.insert(0, str(HERE))
    from make_ten_years import (
        FAMILY_NAMES,
        FAMILY_WEIGHTS,
        GIVEN_NAMES,
        PLACE_WEIGHTS,
        mail_name,
    )

    from holdmetight.services import demo

    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    partner = ["voornaam", "tussenvoegsel", "achternaam", "email", "telefoon", "taal"]
    writer.writerow(
        [f"partner{n}_{word}" for n in (1, 2) for word in partner]
        + ["postcode", "gemeente", "verwijzer", "toestemming", "notities"]
    )
    referrals = ["eigen aanmelding", "maatschappelijk werker", "huisarts", "wijkteam", "anders"]
    for number in range(count):
        place, prefix = rng.choices(demo.PLACES, weights=PLACE_WEIGHTS)[0]
        row: list[str] = []
        for k in (0, 1):
            given = rng.choice(GIVEN_NAMES)
            name_prefix, family = rng.choices(FAMILY_NAMES, weights=FAMILY_WEIGHTS)[0]
            if k == 1 and rng.random() < 0.25:
                name_prefix, family = row[1], row[2]
            email = (
                f"{mail_name(given, name_prefix, family)}.{number}@nieuw-aangemeld.nl"
                if rng.random() < (0.9 if k == 0 else 0.5)
                else ""
            )
            phone = f"06 {rng.randint(10_000_000, 59_999_999)}" if rng.random() < 0.7 else ""
            language = "Engels" if rng.random() < 0.08 else "Nederlands"
            row += [given, name_prefix, family, email, phone, language]
        consent = date(2026, rng.randint(1, 10), rng.randint(1, 28))
        row += [
            demo._postcode(rng, prefix),
            place,
            rng.choices(referrals, weights=[45, 15, 15, 20, 5])[0],
            consent.strftime("%d-%m-%Y") if rng.random() < 0.85 else "",
            "Liever op dinsdag" if rng.random() < 0.05 else "",
        ]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# --- one database, in a process of its own ---------------------------------------------------


class Bench:
    """Times operations on one open database and keeps their results."""

    def __init__(
        self, database: Any, runs: int, only: str | None, profile: bool, log: Callable[[str], None]
    ) -> None:
        from sqlalchemy import event

        self.database = database
        self.runs = runs
        self.only = only.lower() if only else None
        self.profile = profile
        self.log = log
        self.results: list[Result] = []
        self.statements = 0
        event.listen(database.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: object) -> None:
        self.statements += 1

    def wanted(self, group: str, name: str = "") -> bool:
        return self.only is None or self.only in group or (bool(name) and self.only in name.lower())

    def any_wanted(self, group: str, names: list[str]) -> bool:
        return any(self.wanted(group, name) for name in names)

    def call(self, service: Callable[..., Any], /, **kwargs: Any) -> Any:
        """One service call in a session of its own, as the window makes it."""
        with self.database.session() as session:
            return service(session, **kwargs)

    def skip(self, group: str, name: str, target_ms: float | None, why: str) -> None:
        if self.wanted(group, name):
            self.results.append(Result(group, name, target_ms, note=why))

    def time(
        self,
        group: str,
        name: str,
        target_ms: float | None,
        action: Callable[[], object],
        *,
        runs: int | None = None,
        before: Callable[[], object] | None = None,
        after: Callable[[], object] | None = None,
    ) -> Result | None:
        """Run ``action`` ``runs`` times (``before`` and ``after`` each run are not timed)."""
        if not self.wanted(group, name):
            return None
        result = Result(group, name, target_ms)
        for _ in range(runs or self.runs):
            if before is not None:
                before()
            counted = self.statements
            started = time.perf_counter()
            action()
            result.samples.append((time.perf_counter() - started) * 1000)
            result.statements = self.statements - counted
            if after is not None:
                after()
        self.results.append(result)
        self.log(f"  {name}: {result.median:.1f} ms")
        if self.profile:
            self._profile(name, action, before, after)
        return result

    def _profile(
        self,
        name: str,
        action: Callable[[], object],
        before: Callable[[], object] | None,
        after: Callable[[], object] | None,
    ) -> None:
        if before is not None:
            before()
        profiler = cProfile.Profile()
        profiler.runcall(action)
        if after is not None:
            after()
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).strip_dirs()
        stats.sort_stats("tottime").print_stats(12)
        stats.sort_stats("cumulative").print_stats(25)
        self.log(f"--- profile of {name} ---\n{text.getvalue()}")


@dataclass
class Picks:
    """The records the operations work on, found in the database."""

    couple_id: int
    assessment_id: int
    course_ids: tuple[int, int]
    course_code: str
    course_language: str
    meeting_id: int
    enrollment_id: int
    counts: dict[str, int]


def pick(database: Any) -> Picks:
    from sqlalchemy import BindParameter, Boolean, Date, bindparam, text

    # Typed parameters: a date and a flag as each database stores them (ISO text and 0 on
    # SQLite, a date and a boolean on PostgreSQL, where "is_makeup = 0" is an error).
    typed: dict[str, BindParameter[Any]] = {
        "today": bindparam("today", type_=Date),
        "no": bindparam("no", type_=Boolean),
    }
    with database.engine.connect() as connection:

        def one(sql: str, **values: object) -> Any:
            query = text(sql).bindparams(*(typed[name] for name in values if name in typed))
            return connection.execute(query, values).one()

        counts = {
            table: one(f"SELECT count(*) FROM {table}")[0]
            for table in ("couple", "course", "group_session", "enrollment", "payment")
        }
        counts["attendance marks"] = one(
            "SELECT count(partner1) + count(partner2) FROM attendance"
        )[0]
        # A couple half-way through the history, with both partners.
        couple_id = one(
            "SELECT id FROM couple WHERE anonymised_at IS NULL ORDER BY id LIMIT 1 OFFSET :half",
            half=counts["couple"] // 2,
        )[0]
        # The receipt of the latest payment, as the Fees tab of a running course prints it.
        assessment_id = one(
            "SELECT fee_assessment_id FROM payment ORDER BY paid_on DESC, id DESC LIMIT 1"
        )[0]
        running = connection.execute(
            text(
                "SELECT c.id, c.code, c.language FROM course c WHERE c.status = 'running' "
                "ORDER BY (SELECT count(*) FROM enrollment e WHERE e.course_id = c.id "
                "AND e.status = 'enrolled') DESC, c.id DESC LIMIT 2"
            )
        ).all()
        course_id, course_code, course_language = running[0]
        meeting_id = one(
            "SELECT id FROM group_session WHERE course_id = :course AND date < :today "
            "AND status != 'cancelled' AND is_makeup = :no ORDER BY date DESC LIMIT 1",
            course=course_id,
            today=date.today(),
            no=False,
        )[0]
        enrollment_id = one(
            "SELECT id FROM enrollment WHERE course_id = :course AND status = 'enrolled' "
            "ORDER BY id LIMIT 1",
            course=course_id,
        )[0]
    return Picks(
        couple_id=couple_id,
        assessment_id=assessment_id,
        course_ids=(course_id, running[1][0]),
        course_code=course_code,
        course_language=str(course_language),
        meeting_id=meeting_id,
        enrollment_id=enrollment_id,
        counts=counts,
    )


def measure(
    name: str, runs: int, only: str | None, profile: bool, language: str, copy_server: bool = False
) -> dict[str, Any]:
    """All operations on one database (a file, copied first, or a URL used as it is or, with
    ``copy_server``, copied by the server first)."""
    from holdmetight.config import database_url
    from holdmetight.db.database import open_database
    from holdmetight.i18n import set_language

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    set_language(language)
    work = Path(tempfile.mkdtemp(prefix="bench-ten-years-"))
    copies: list[str] = []  # server copies to drop

    def fresh_copy(folder: Path, suffix: str) -> str:
        if not is_url(name):
            return database_url(copy_database(Path(name), folder))
        copies.append(server_copy(name, suffix))
        return copies[-1]

    def discard(url: str, folder: Path) -> None:
        if url in copies:
            drop_server_copy(url)
            copies.remove(url)
        shutil.rmtree(folder, ignore_errors=True)

    try:
        url = name if is_url(name) and not copy_server else fresh_copy(work / "main", "main")
        started = time.perf_counter()
        # A server database is opened as it is: never created, never upgraded.
        database = open_database(url, backups_dir=work / "backups", create=not is_url(name))
        opened_ms = (time.perf_counter() - started) * 1000
        picks = pick(database)
        bench = Bench(database, runs, only, profile, log)
        log(f"{name}: {picks.counts}")
        writes = not is_url(name) or copy_server
        services_part(bench, picks, writes)
        if writes and bench.any_wanted("import", IMPORTS):
            import_part(bench, fresh_copy, discard, work, min(runs, IMPORT_RUNS), log)
        elif not writes:
            for step in IMPORTS:
                bench.skip("import", step, 5000, "skipped on a URL")
        qt_part(bench, picks, writes, work)
        database.dispose()
        return {
            "name": name,
            "size_mb": None if is_url(name) else Path(name).stat().st_size / 1e6,
            "counts": picks.counts,
            "opened_ms": opened_ms,
            "peak_mb": peak_mb(),
            "results": [asdict(r) for r in bench.results],
        }
    finally:
        for copy in copies:
            drop_server_copy(copy)
        shutil.rmtree(work, ignore_errors=True)


def services_part(bench: Bench, picks: Picks, writes: bool) -> None:
    from holdmetight.domain.enums import AttendanceStatus
    from holdmetight.i18n import format_money
    from holdmetight.reports.fee_summary import render_fee_summary
    from holdmetight.reports.handout import render_handouts
    from holdmetight.reports.municipality import render_municipality_report
    from holdmetight.reports.receipt import render_receipt
    from holdmetight.services import (
        attendance,
        couple_list,
        couples,
        courses,
        enrollments,
        fee_summary,
        group_sessions,
        handouts,
        municipality_report,
        organisations,
        payments,
        receipts,
    )
    from holdmetight.services.agenda import agenda
    from holdmetight.ui.models.paged_table import PAGE_SIZE
    from holdmetight.ui.views.agenda_page import period_dates

    call = bench.call
    language = picks.course_language

    # 1. The Receipt button of the Fees tab: the latest payment, its receipt, the PDF.
    def receipt() -> None:
        payment_id = call(payments.latest_payment_id, assessment_id=picks.assessment_id)
        render_receipt(call(receipts.receipt, payment_id=payment_id), language=language)

    bench.time("receipt", "receipt: latest payment + receipt + PDF", 50, receipt)

    # 2. Opening and saving a couple.
    bench.time(
        "couple",
        "couple: open (get_couple)",
        50,
        lambda: call(couples.get_couple, couple_id=picks.couple_id),
    )
    if writes:
        read: list[Any] = []

        def save() -> None:
            couple = read[-1]
            call(
                couples.update_couple,
                couple_id=couple.id,
                version=couple.version,
                partners=couple.partners,
                postcode=couple.postcode,
                municipality=couple.municipality,
                referral_source=couple.referral_source,
                consent_date=couple.consent_date,
                household_type=couple.household_type,
                notes=couple.notes,
            )

        bench.time(
            "couple",
            "couple: save, same values (update_couple)",
            50,
            save,
            before=lambda: read.append(call(couples.get_couple, couple_id=picks.couple_id)),
        )
    else:
        bench.skip("couple", "couple: save, same values (update_couple)", 50, "skipped on a URL")

    # 4. What the course detail reads for one course.
    def detail() -> None:
        call(courses.get_course, course_id=picks.course_ids[0])
        call(group_sessions.list_group_sessions, course_id=picks.course_ids[0])
        call(enrollments.list_enrollments, course_id=picks.course_ids[0])

    bench.time("detail", "course detail: course, meetings, couples", 50, detail)

    # 5. The agenda of this week.
    first, last = period_dates("this_week", date.today())
    bench.time("agenda", "agenda: this week", 100, lambda: call(agenda, first=first, last=last))

    # 6. The couples list: count and first page, as the page asks on each keystroke.
    def listing(text: str) -> Callable[[], None]:
        def run() -> None:
            call(couple_list.count_couples, text=text, status=None)
            call(couple_list.list_couples, text=text, status=None, offset=0, limit=PAGE_SIZE)

        return run

    bench.time("couples-list", "couples: open list", 16, listing(""))
    for typed in [*TYPED, NOTHING]:
        bench.time("couples-list", f"couples: type {typed!r}", 16, listing(typed))

    # 7. The fee summary and the figures per municipality, for a year, an older year, a quarter.
    organisation = call(organisations.get_organisation)
    periods = [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("Q1 2026", date(2026, 1, 1), date(2026, 3, 31)),
    ]
    for label, first, last in periods:

        def totals(first: date = first, last: date = last) -> Any:
            return call(fee_summary.fee_summary, first=first, last=last)

        def summary_pdf(totals: Callable[[], Any] = totals) -> bytes:
            return render_fee_summary(totals(), language=language)

        bench.time("reports", f"fee summary {label}: figures", 300, totals)
        bench.time("reports", f"fee summary {label}: figures + PDF", 300, summary_pdf)
    for label, first, last in periods:

        def figures(first: date = first, last: date = last) -> Any:
            return call(municipality_report.municipality_report, first=first, last=last)

        def pdf(figures: Any = figures, first: date = first, last: date = last) -> bytes:
            return render_municipality_report(
                figures(),
                first=first,
                last=last,
                organisation=organisation.name if organisation else "",
                logo=organisation.logo_png if organisation else None,
                language=language,
            )

        bench.time("reports", f"municipalities {label}: figures", 300, figures)
        bench.time("reports", f"municipalities {label}: figures + PDF", 300, pdf)
        if label == "2026":
            bench.time(
                "reports",
                f"municipalities {label}: figures + rows",
                300,
                lambda: municipality_report.as_rows(figures(), format_money),
            )

    # 9. Marking attendance (one partner of one couple at one meeting) and one step's handout.
    if writes:
        marks = iter(range(10**6))

        def mark() -> None:
            grid = call(attendance.attendance_grid, course_id=picks.course_ids[0])
            meeting = next(m for m in grid.meetings if m.id == picks.meeting_id)
            status = AttendanceStatus.PRESENT if next(marks) % 2 else AttendanceStatus.ABSENT
            _first, second = grid.mark(picks.enrollment_id, picks.meeting_id)
            call(
                attendance.set_marks,
                group_session_id=picks.meeting_id,
                version=meeting.version,
                marks=[(picks.enrollment_id, (status, second))],
            )
            call(attendance.attendance_grid, course_id=picks.course_ids[0])

        bench.time("attendance", "attendance: grid, mark one partner, grid again", None, mark)
    else:
        bench.skip(
            "attendance",
            "attendance: grid, mark one partner, grid again",
            None,
            "skipped on a URL",
        )

    def handout() -> None:
        items = call(
            handouts.handouts_for_course,
            course_code=picks.course_code,
            language=language,
            meeting_ids=[picks.meeting_id],
        )
        render_handouts(items, language=language)

    bench.time("handouts", "handouts: one meeting's handout + PDF", None, handout)


def import_part(
    bench: Bench,
    fresh_copy: Callable[[Path, str], str],
    discard: Callable[[str, Path], None],
    work: Path,
    runs: int,
    log: Callable[[str], None],
) -> None:
    """Checking and importing 5,000 new couples, then the same file again (all duplicates),
    each run into a fresh copy of the database."""
    from holdmetight.db.database import open_database
    from holdmetight.services.couple_import import import_couples

    data = import_csv(IMPORT_COUPLES)
    results = {n: Result("import", n, 5000) for n in IMPORTS}
    for run in range(runs):
        folder = work / f"import-{run}"
        url = fresh_copy(folder, f"import{run}")
        database = open_database(url, create=not is_url(url))
        try:
            for step, dry_run in zip(IMPORTS, (True, False, False), strict=True):
                started = time.perf_counter()
                with database.session() as session:
                    report = import_couples(session, data=data, dry_run=dry_run)
                results[step].samples.append((time.perf_counter() - started) * 1000)
                results[step].note = (
                    f"{report.imported} imported, {len(report.duplicates)} duplicates, "
                    f"{len(report.errors)} errors"
                )
        finally:
            database.dispose()
            discard(url, folder)
    for result in results.values():
        bench.results.append(result)
        log(f"  {result.name}: {result.median:.0f} ms ({result.note})")


def qt_part(bench: Bench, picks: Picks, writes: bool, work: Path) -> None:
    """The same operations through the real pages of the main window."""
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from holdmetight.domain.enums import AttendanceStatus
    from holdmetight.services import couples
    from holdmetight.services.changes import Changes
    from holdmetight.ui.application import ensure_application
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.dialogs.couple_form import CoupleDialog
    from holdmetight.ui.main_window import PAGE_AGENDA, PAGE_COUPLES, PAGE_COURSES, MainWindow

    app = ensure_application()

    class Idle(QObject):
        """Handles events until the watched windows get no more layout or paint work."""

        def __init__(self) -> None:
            super().__init__()
            self.seen = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() in (
                QEvent.Type.UpdateRequest,
                QEvent.Type.LayoutRequest,
                QEvent.Type.Paint,
            ):
                self.seen += 1
            return False

        def watch(self, window: QWidget) -> None:
            window.installEventFilter(self)

        def wait(self) -> None:
            quiet = 0
            for _ in range(200):
                before = self.seen
                app.processEvents()
                quiet = quiet + 1 if self.seen == before else 0
                if quiet == 2:
                    return

    idle = Idle()
    refused: list[str] = []

    def close_message_boxes() -> None:
        """A message box (an error) would wait for a click forever: note it and close it."""
        modal = QApplication.activeModalWidget()
        if modal is not None and not isinstance(modal, CoupleDialog):
            label = modal.findChild(QWidget, "qt_msgbox_label")
            refused.append(
                str(label.property("text")) if label is not None else type(modal).__name__
            )
            modal.close()

    guard = QTimer()
    guard.timeout.connect(close_message_boxes)
    guard.start(250)

    context = AppContext(bench.database)
    settings = QSettings(str(work / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context, settings)
    window.resize(*WINDOW_SIZE)
    idle.watch(window)
    window.show()
    window.show_page(PAGE_COURSES)
    idle.wait()

    def painted(action: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            action()
            idle.wait()

        return run

    # 2. The couple form: opened (read and shown, not exec'd) and saved with the same values.
    dialogs: list[CoupleDialog] = []

    def open_form() -> None:
        couple = context.call(couples.get_couple, couple_id=picks.couple_id)
        dialog = CoupleDialog(context, couple, window)
        idle.watch(dialog)
        dialog.show()
        dialogs.append(dialog)

    def close_forms() -> None:
        while dialogs:
            dialog = dialogs.pop()
            dialog.close()
            dialog.deleteLater()
        idle.wait()

    bench.time("couple", "couple: open the form (Qt)", 50, painted(open_form), after=close_forms)
    if writes:
        bench.time(
            "couple",
            "couple: save the form, same values (Qt)",
            50,
            painted(lambda: dialogs[-1].save()),
            before=painted(open_form),
            after=close_forms,
        )
    else:
        bench.skip("couple", "couple: save the form, same values (Qt)", 50, "skipped on a URL")

    # 3. The Courses page: refresh() as after any change, an enrolment elsewhere, F5.
    page = window.courses_page
    bench.time("courses", "courses: refresh() (Qt)", 100, painted(page.refresh))
    enrolled = Changes(tables=frozenset({"enrollment"}))
    bench.time(
        "courses",
        "courses: after an enrolment changed (Qt)",
        100,
        painted(lambda: context.publish(enrolled)),
    )
    bench.time("courses", "courses: F5 (Qt)", 100, painted(window.refresh_action.trigger))

    # 4. Choosing another course in the list (its detail pane reads and shows it).
    chosen = iter(range(10**6))
    bench.time(
        "detail",
        "course detail: choose a course (Qt)",
        50,
        painted(lambda: page.select_course(picks.course_ids[next(chosen) % 2])),
    )

    # 9. Marking attendance in the detail's Attendance tab (the grid is read again).
    if writes and bench.wanted("attendance", "attendance: mark one partner (Qt)"):
        page.select_course(picks.course_ids[0])
        detail = page.detail
        tab = detail.attendance_tab
        detail.tabs.setCurrentWidget(tab)
        idle.wait()
        model = tab.model
        column = next(
            n
            for n in range(model.columnCount())
            if getattr(model.meeting_at(n), "id", None) == picks.meeting_id
        )
        row = next(
            n
            for n in range(0, model.rowCount(), 2)
            if model.couple_at(n).enrollment_id == picks.enrollment_id
        )
        statuses = iter(range(10**6))

        def mark() -> None:
            tab.table.setCurrentIndex(model.index(row, column))
            status = AttendanceStatus.PRESENT if next(statuses) % 2 else AttendanceStatus.ABSENT
            tab.set_current(status, move=False)

        bench.time("attendance", "attendance: mark one partner (Qt)", None, painted(mark))
        detail.tabs.setCurrentIndex(0)
        idle.wait()
    elif not writes:
        bench.skip("attendance", "attendance: mark one partner (Qt)", None, "skipped on a URL")

    # 5. The agenda of this week.
    shown = ["agenda: this week, refresh() (Qt)", "agenda: this week, F5 (Qt)"]
    if bench.any_wanted("agenda", shown):
        window.show_page(PAGE_AGENDA)
        idle.wait()
        agenda_page = window.agenda_page
        agenda_page.period_combo.setCurrentIndex(agenda_page.period_combo.findData("this_week"))
        idle.wait()
        bench.time("agenda", shown[0], 100, painted(agenda_page.refresh))
        bench.time("agenda", shown[1], 100, painted(window.refresh_action.trigger))

    # 6. The Couples page: opened for the first time, then typing a name.
    labels = {
        text: "couples: open list (Qt)" if not text else f"couples: type {text!r} (Qt)"
        for text in ["", *TYPED, NOTHING]
    }
    first_time = "couples: open the page, first time (Qt)"
    if bench.any_wanted("couples-list", [first_time, *labels.values()]):
        bench.time(
            "couples-list",
            first_time,
            100,
            painted(lambda: window.show_page(PAGE_COUPLES)),
            runs=1,
        )
        window.show_page(PAGE_COUPLES)  # when the first opening was not asked for
        idle.wait()
        couples_page = window.couples_page

        def typed(text: str) -> Callable[[], None]:
            def run() -> None:
                couples_page.filter_edit.setText(text)
                couples_page.refresh()
                idle.wait()

            return run

        samples = {
            text: Result("couples-list", label, 16)
            for text, label in labels.items()
            if bench.wanted("couples-list", label)
        }
        for _ in range(bench.runs):
            for text, result in samples.items():
                counted = bench.statements
                started = time.perf_counter()
                typed(text)()
                result.samples.append((time.perf_counter() - started) * 1000)
                result.statements = bench.statements - counted
        for result in samples.values():
            bench.results.append(result)
            bench.log(f"  {result.name}: {result.median:.1f} ms")
        if bench.profile:
            for text, result in samples.items():
                bench._profile(result.name, typed(text), None, None)

    guard.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    if refused:
        bench.results.append(
            Result("couple", "messages shown (errors)", None, note="; ".join(refused))
        )


# --- all databases: the parent process ---------------------------------------------------------


def machine() -> list[str]:
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return [
        f"date: {date.today().isoformat()}",
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs ({cpu})",
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sqlalchemy.__version__}, PySide6 {PySide6.__version__} (Qt {qVersion()})",
    ]


def startup_lines(name: str, runs: int) -> list[str]:
    """The ratio and peak memory lines of bench_startup.py for one database file."""
    script = HERE / "bench_startup.py"
    if not script.exists():
        return ["bench_startup.py not found: start-up not measured"]
    done = subprocess.run(
        [sys.executable, str(script), name, "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return [f"bench_startup.py failed ({done.returncode}): {done.stderr.strip()[-500:]}"]
    keep = ("ratio", "peak memory", "bare window", "holdmetight", "selftest", " ")
    lines = done.stdout.splitlines()
    return [line for line in lines[1:] if line.startswith(keep)] or lines


def cell(result: dict[str, Any] | None, markdown: bool) -> str:
    if result is None:
        return "–"
    samples = result["samples"]
    if not samples:
        return result["note"] or "skipped"
    median = statistics.median(samples)
    over = result["target_ms"] is not None and median > result["target_ms"]
    mark = "*" if over else " "
    if markdown:
        mark = " **(over)**" if over else ""
        spread = f"{min(samples):.1f}–{max(samples):.1f}"
        count = f", {result['statements']} SQL" if result["statements"] is not None else ""
        return f"{median:.1f}{mark} ({spread}{count})"
    statements = result["statements"]
    return (
        f"{median:8.1f}{mark}{min(samples):7.1f}–{max(samples):<8.1f}"
        f"{statements if statements is not None else '':>5}"
    )


def target_text(target_ms: float | None) -> str:
    if target_ms is None:
        return "flat"
    return f"< {target_ms / 1000:g} s" if target_ms >= 1000 else f"< {target_ms:g} ms"


def print_table(
    measured: list[dict[str, Any]], startup: dict[str, list[str]], markdown: bool
) -> None:
    names: list[tuple[str, str]] = []  # (name, target) in the order measured
    targets: dict[str, float | None] = {}
    for database in measured:
        for result in database["results"]:
            if result["name"] not in targets:
                names.append((result["group"], result["name"]))
                targets[result["name"]] = result["target_ms"]
    order = {group: n for n, group in enumerate(GROUPS)}
    names.sort(key=lambda item: order.get(item[0], len(GROUPS)))
    by_name = [{r["name"]: r for r in database["results"]} for database in measured]
    titles = [Path(d["name"]).name if not is_url(d["name"]) else d["name"] for d in measured]
    width = max([len(n) for _g, n in names] + [40])
    if markdown:
        print(
            "| operation | "
            + " | ".join(f"{t}: median (min–max, SQL)" for t in titles)
            + " | target |"
        )
        print("|---|" + "---:|" * len(titles) + "---|")
        for _group, name in names:
            cells = " | ".join(cell(results.get(name), True) for results in by_name)
            print(f"| {name} | {cells} | {target_text(targets[name])} |")
        memory = " | ".join(f"{d['peak_mb']:.0f} MB" for d in measured)
        print(f"| peak memory of the benchmark process | {memory} | |")
    else:
        column = 35
        print(f"{'':<{width}}" + "".join(f" | {t:<{column}}" for t in titles) + " | target")
        heading = f"{'median':>8} {'min':>7}–{'max':<8}{'SQL':>5}"
        print(f"{'operation (ms)':<{width}}" + f" | {heading:<{column}}" * len(titles) + " |")
        print("-" * (width + (column + 3) * len(titles) + 9))
        for _group, name in names:
            cells = "".join(f" | {cell(results.get(name), False):<{column}}" for results in by_name)
            print(f"{name:<{width}}{cells} | {target_text(targets[name])}")
        print("-" * (width + (column + 3) * len(titles) + 9))
        memory = "".join(f" | {d['peak_mb']:>8.0f} MB{'':<{column - 11}}" for d in measured)
        print(f"{'peak memory of the benchmark process':<{width}}{memory} |")
        print("* median over its target")
    notes = [
        f"{title}, {r['name']}: {r['note']}"
        for title, d in zip(titles, measured, strict=True)
        for r in d["results"]
        if r["note"] and r["samples"]
    ]
    for note in notes:
        print(note)
    for title, lines in startup.items():
        print(f"\nstart-up, {title} (bench_startup.py):")
        for line in lines:
            print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="+", help="database files (copied first) or URLs")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each (default {RUNS})")
    parser.add_argument("--only", help="only the operations whose group or name contains this")
    parser.add_argument("--profile", action="store_true", help="profile each chosen operation")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--startup-runs", type=int, default=3, help="for bench_startup.py")
    parser.add_argument(
        "--copy-server",
        action="store_true",
        help="measure the writes on a URL too, on copies the server makes (PostgreSQL)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:  # one database in this process; the results as JSON on the last line
        result = measure(
            args.databases[0], args.runs, args.only, args.profile, args.lang, args.copy_server
        )
        print(json.dumps(result))
        return

    print("\n".join(machine()))
    started = time.perf_counter()
    measured: list[dict[str, Any]] = []
    startup: dict[str, list[str]] = {}
    for name in args.databases:
        if not is_url(name) and not Path(name).is_file():
            parser.error(f"{name} is not a file")
        argv = [sys.executable, __file__, name, "--worker", "--runs", str(args.runs)]
        argv += ["--lang", args.lang]
        argv += ["--only", args.only] if args.only else []
        argv += ["--profile"] if args.profile else []
        argv += ["--copy-server"] if args.copy_server else []
        done = subprocess.run(argv, stdout=subprocess.PIPE, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"measuring {name} failed ({done.returncode})")
        database = json.loads(done.stdout.strip().splitlines()[-1])
        measured.append(database)
        counts = ", ".join(f"{n:,} {table}" for table, n in database["counts"].items())
        size = f"{database['size_mb']:.0f} MB, " if database["size_mb"] else ""
        print(f"{name}: {size}{counts}; opened in {database['opened_ms']:.0f} ms")
        if (args.only is None or args.only in "startup") and not is_url(name):
            startup[Path(name).name] = startup_lines(name, args.startup_runs)
        elif is_url(name):
            startup[name] = ["not measured: bench_startup.py takes a file"]
    print(f"{args.runs} runs of each (imports at most {IMPORT_RUNS}), offscreen, {args.lang}\n")
    print_table(measured, startup, args.markdown)
    print(f"\nwhole benchmark: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
