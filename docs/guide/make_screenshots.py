"""Make the user guide's screenshots by driving the real application on demo data.

    .venv/bin/python docs/guide/make_screenshots.py [--out docs/guide/images] [--language nl]

Without a screen (no ``DISPLAY``) it starts a virtual one (Debian's ``xvfb``) for the time it
runs, so the window is drawn by the same platform plugin as on a desktop; ``--offscreen`` uses
Qt's offscreen platform instead (the tests do, to check that every picture the guide shows is
still made). Every run starts from a new demo database in a temporary folder, made for today, in
each language: the pictures show the window as it is now. Run it again when the window changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

HERE = Path(__file__).resolve().parent
SIZE = (1180, 720)  # fits a 1280×800 screen with its frame; the guide shows it at page width


@contextmanager
def virtual_screen() -> Iterator[None]:
    """A virtual X screen for as long as the pictures are made (none needed when one exists)."""
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        yield
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("No screen and no Xvfb: install Debian's xvfb, or pass --offscreen.")
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(
        [xvfb, display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = display
    try:
        time.sleep(1.0)  # the server is listening well within this
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


class Photographer:
    """Takes the guide's pictures of one demo database, in one language after the other."""

    def __init__(self, folder: Path) -> None:
        from datetime import date

        from PySide6.QtCore import QSettings

        from holdmetight.config import database_url
        from holdmetight.db.database import open_database
        from holdmetight.domain.enums import CourseStatus, GroupSessionStatus
        from holdmetight.services import demo, fee_assessments, group_sessions
        from holdmetight.services.course_list import list_courses
        from holdmetight.ui.application import ensure_application
        from holdmetight.ui.context import AppContext

        self.app = ensure_application()
        self.database = open_database(database_url(folder / "demo.sqlite3"))
        with self.database.session() as session:
            demo.create_demo_data(session, today=date.today())
        self.context = context = AppContext(self.database)
        rows = context.call(list_courses, offset=0, limit=50)
        self.running = next(r for r in rows if r.status is CourseStatus.RUNNING)
        self.completed = next(r for r in rows if r.status is CourseStatus.COMPLETED)
        meetings = context.call(group_sessions.list_group_sessions, course_id=self.running.id)
        self.held = next(m for m in meetings if m.status is GroupSessionStatus.HELD)
        fees = context.call(fee_assessments.fee_overview, course_id=self.completed.id)
        self.assessed = next(f for f in fees if f.assessment_id is not None)
        self.settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
        self.written: list[Path] = []

    def settle(self, seconds: float = 0.6) -> None:
        """Let the window draw and its background reading end."""
        from holdmetight.ui.background import jobs_running

        ends = time.monotonic() + seconds
        while time.monotonic() < ends or jobs_running():
            self.app.processEvents()
            time.sleep(0.02)

    def shoot(self, path: Path, widget: QWidget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        self.settle()
        # 256 colours hold a window's few; the file is a fifth of a full-colour one.
        image = (
            widget.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(str(path), "PNG", 0)
        self.written.append(path)

    def shoot_dialog(self, path: Path, dialog: QWidget) -> None:
        dialog.show()
        self.shoot(path, dialog)
        dialog.close()
        dialog.deleteLater()

    def all_in(self, language: str, out: Path) -> None:
        from holdmetight.domain.enums import Language
        from holdmetight.i18n import _
        from holdmetight.reports.signin import render_signin
        from holdmetight.services import sheets
        from holdmetight.ui.dialogs.couple_form import CoupleDialog
        from holdmetight.ui.dialogs.enroll_form import EnrollDialog
        from holdmetight.ui.dialogs.fee_forms import PaymentDialog
        from holdmetight.ui.dialogs.meeting_record import MeetingRecordDialog
        from holdmetight.ui.dialogs.new_course import NewCourseDialog
        from holdmetight.ui.dialogs.personal_data import PersonalDataDialog
        from holdmetight.ui.dialogs.send_messages import SendMessagesDialog
        from holdmetight.ui.dialogs.settings import SettingsDialog
        from holdmetight.ui.main_window import PAGE_COUPLES, PAGE_TODAY, MainWindow
        from holdmetight.ui.pdf_preview import PdfPreview
        from holdmetight.ui.printing import PrintDialog
        from holdmetight.ui.views.course_detail import CourseTab

        out.mkdir(parents=True, exist_ok=True)
        context, running, held = self.context, self.running, self.held
        self.settings.setValue("main_window/page_name", "today")
        window = MainWindow(context, self.settings)
        window.apply_language(language)
        window.resize(*SIZE)
        # The status bar names the database; the pictures name it as an office's would read.
        window.database_label.setText("holdmetight.sqlite3")
        window.show()
        self.settle(1.5)

        def signin(chosen: str, _progress: object = None) -> bytes:
            sheet = context.call(
                sheets.signin_sheet, course_code=running.code, step="", meeting_id=held.id
            )
            return render_signin(sheet, language=chosen)

        window.show_page(PAGE_TODAY)
        self.shoot(out / "today.png", window)
        window.open_course(running.id, CourseTab.SESSIONS, held.id)
        self.shoot(out / "courses.png", window)
        self.shoot_dialog(out / "new-course.png", NewCourseDialog(context, window))
        self.shoot_dialog(out / "record-meeting.png", MeetingRecordDialog(context, held.id, window))
        for tab, name in (
            (CourseTab.ATTENDANCE, "attendance"),
            (CourseTab.WAITING_LIST, "waiting-list"),
            (CourseTab.OUTCOMES, "questionnaires"),
        ):
            window.open_course(running.id, tab)
            self.shoot(out / f"{name}.png", window)
        window.open_course(self.completed.id, CourseTab.FEES)
        self.shoot(out / "fees.png", window)
        self.shoot_dialog(out / "payment.png", PaymentDialog(context, self.assessed, window))
        printing = PrintDialog(_("Sign-in sheet"), "signin.pdf", signin, Language(language), window)
        self.shoot_dialog(out / "print.png", printing)
        preview = PdfPreview(
            _("Sign-in sheet"), signin(language), lambda: None, lambda: None, window
        )
        self.shoot_dialog(out / "print-preview.png", preview)
        messages = SendMessagesDialog(context, running.id, parent=window)
        self.shoot_dialog(out / "send-messages.png", messages)
        window.show_page(PAGE_COUPLES)
        self.shoot(out / "couples.png", window)
        couple = self.assessed.couple_id
        self.shoot_dialog(out / "couple-form.png", CoupleDialog(context, None, window))
        self.shoot_dialog(out / "enroll.png", EnrollDialog(context, couple, window))
        self.shoot_dialog(out / "personal-data.png", PersonalDataDialog(context, couple, window))
        self.shoot_dialog(out / "settings.png", SettingsDialog(context, window))
        window.close()
        window.deleteLater()
        self.settle(0.2)


def make(out: Path, languages: list[str]) -> list[Path]:
    """Every picture in every language; returns the files written."""
    folder = Path(tempfile.mkdtemp(prefix="holdmetight-guide-"))
    try:
        photographer = Photographer(folder)
        for language in languages:
            photographer.all_in(language, out / language)
        photographer.database.dispose()
        return photographer.written
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "images")
    parser.add_argument("--language", choices=["nl", "en"], action="append")
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform")
    args = parser.parse_args()
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with virtual_screen():
        written = make(args.out, args.language or ["nl", "en"])
    print(f"{len(written)} pictures in {args.out}")


if __name__ == "__main__":
    main()
