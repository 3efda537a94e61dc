"""Long work never freezes the window: it runs in a worker, the GUI thread alone shows progress,
and cancelling leaves nothing behind."""

from __future__ import annotations

import io
import threading
import time

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from holdmetight.domain.enums import CourseStatus, Language
from holdmetight.progress import Progress
from holdmetight.reports.attendance_summary import render_attendance
from holdmetight.services import couple_list, courses, sheets
from holdmetight.ui import background
from holdmetight.ui.background import ProgressDialog, run_in_background
from holdmetight.ui.dialogs.import_couples import ImportCouplesDialog
from holdmetight.ui.pdf_preview import PdfPreview
from holdmetight.ui.printing import PrintDialog
from tests.ui.conftest import wait_for_jobs


def press_cancel(job) -> None:
    """What the user does: the Cancel button of the progress dialog."""
    job.dialog.cancel_button.click()


def running_code(context) -> str:
    return next(
        r.code for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )


def record_progress_shown(monkeypatch) -> list[tuple[int, int, int]]:
    """(thread, done, total) of every update the progress dialog shows."""
    seen: list[tuple[int, int, int]] = []
    original = ProgressDialog.show_progress

    def recording(self, done, total):
        seen.append((threading.get_ident(), done, total))
        original(self, done, total)

    monkeypatch.setattr(ProgressDialog, "show_progress", recording)
    return seen


def test_progress_reaches_the_dialog_only_in_the_gui_thread(qtbot, monkeypatch):
    seen = record_progress_shown(monkeypatch)
    workers: list[int] = []
    results: list[str] = []

    def work(progress: Progress) -> str:
        workers.append(threading.get_ident())
        for done in range(1, 4):
            time.sleep(background.POLL_MS / 1000 * 3)
            progress(done, 3)
        return "done"

    run_in_background(None, "Working…", work, results.append)
    wait_for_jobs(qtbot)
    assert results == ["done"]
    assert workers and workers[0] != threading.get_ident(), "the work ran in a worker"
    assert [(done, total) for _thread, done, total in seen] == [(1, 3), (2, 3), (3, 3)]
    assert {thread for thread, _done, _total in seen} == {threading.get_ident()}


def test_a_flood_of_progress_reaches_the_window_thinned_out_and_complete(qtbot, monkeypatch):
    seen = record_progress_shown(monkeypatch)

    def work(progress: Progress) -> None:
        for done in range(1, 10_001):
            progress(done, 10_000)

    run_in_background(None, "Working…", work, lambda _result: None)
    wait_for_jobs(qtbot)
    assert len(seen) < 20, "the window shows the state of the work, not every report"
    assert seen[-1][1:] == (10_000, 10_000), "the bar ends full"


def test_a_cancelled_save_leaves_no_file(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    started, release = threading.Event(), threading.Event()

    def render(_language: str, progress: Progress) -> bytes:
        started.set()
        release.wait(10)
        progress(1, 0)  # the first page is laid out: the user has cancelled by now
        return b"%PDF-1.4 never written"

    dialog = PrintDialog("Summary", "summary.pdf", render, Language.NL)
    qtbot.addWidget(dialog)
    dialog.save()
    assert started.wait(10)
    assert dialog.job is not None
    press_cancel(dialog.job)
    release.set()
    wait_for_jobs(qtbot)
    assert not target.exists() and dialog.saved_to is None
    assert list(tmp_path.iterdir()) == [], "no temporary file left behind either"


def test_preview_print_and_save_use_the_pdf_made_once(qtbot, demo_context, tmp_path, monkeypatch):
    code = running_code(demo_context)
    renders: list[str] = []

    def render(language: str, progress: Progress) -> bytes:
        renders.append(language)
        summary = demo_context.call(sheets.attendance_summary, course_code=code)
        return render_attendance(summary, language=language, progress=progress)

    shown: list[int] = []
    monkeypatch.setattr(PdfPreview, "exec", lambda preview: shown.append(len(preview._pages)))
    target = tmp_path / "aanwezigheid.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = PrintDialog("Aanwezigheid", "a.pdf", render, Language.NL)
    qtbot.addWidget(dialog)
    dialog.preview()
    wait_for_jobs(qtbot)
    dialog.save()
    wait_for_jobs(qtbot)
    assert renders == ["nl"], "the saved file is the previewed PDF, not a second rendering"
    assert shown == [len(PdfReader(target).pages)]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.preview()
    wait_for_jobs(qtbot)
    assert renders == ["nl", "en"]


def test_preview_renders_only_the_page_on_screen(qtbot, demo_context):
    code = running_code(demo_context)
    summary = demo_context.call(sheets.attendance_summary, course_code=code)
    pdf = render_attendance(summary, language="en")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    preview = PdfPreview("Attendance", pdf, lambda: None, lambda: None)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.number.maximum() == pages and preview.of_label.text() == f"of {pages}"
    assert not preview.page.pixmap().isNull()
    assert preview.page.pixmap().width() > preview.page.pixmap().height(), "landscape page"


def test_a_cancelled_import_changes_nothing(qtbot, context, tmp_path):
    lines = ["partner1_voornaam;partner1_achternaam;partner2_voornaam;partner2_achternaam"]
    lines += [f"Anna{n};Jansen{n};Bram{n};Visser{n}" for n in range(300)]
    source = tmp_path / "aanmeldingen.csv"
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    dialog = ImportCouplesDialog(context, source)
    qtbot.addWidget(dialog)
    wait_for_jobs(qtbot)
    assert dialog.report is not None and dialog.report.imported == 300
    dialog.import_button.click()
    assert dialog.job is not None and background.jobs_running() == 1
    press_cancel(dialog.job)
    wait_for_jobs(qtbot)
    assert context.call(couple_list.count_couples) == 0
    assert dialog.report.dry_run, "the report still shows the check, not an import"


def count_shown(monkeypatch) -> list[int]:
    shown: list[int] = []
    original = ProgressDialog.showEvent

    def recording(self, event):
        shown.append(threading.get_ident())
        original(self, event)

    monkeypatch.setattr(ProgressDialog, "showEvent", recording)
    return shown


def test_quick_work_never_shows_a_progress_dialog_not_even_afterwards(qtbot, monkeypatch):
    shown = count_shown(monkeypatch)
    results: list[int] = []
    run_in_background(None, "Quick", lambda _progress: 42, results.append)
    wait_for_jobs(qtbot)
    qtbot.wait(background.SHOW_AFTER_MS * 2)
    assert results == [42] and shown == []


def test_slow_work_shows_its_progress_dialog_in_the_gui_thread(qtbot, monkeypatch):
    shown = count_shown(monkeypatch)

    def slow(progress: Progress) -> None:
        time.sleep(background.SHOW_AFTER_MS / 1000 * 2)
        progress(1, 1)

    run_in_background(None, "Slow", slow, lambda _result: None)
    wait_for_jobs(qtbot)
    assert shown == [threading.get_ident()]


def test_many_documents_made_one_after_another_and_at_once_leave_qt_undisturbed(
    qtbot, demo_context, tmp_path, monkeypatch, qtlog
):
    code = running_code(demo_context)
    folder = tmp_path / "saved"
    folder.mkdir()
    targets = iter(folder / f"handouts-{n}.pdf" for n in range(5))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), ""))

    def render(language: str, progress: Progress) -> bytes:
        summary = demo_context.call(sheets.attendance_summary, course_code=code)
        return render_attendance(summary, language=language, progress=progress)

    for _round in range(3):
        dialog = PrintDialog("Attendance", "a.pdf", render, Language.EN)
        qtbot.addWidget(dialog)
        dialog.save()
        wait_for_jobs(qtbot)
    together = [PrintDialog("Attendance", "a.pdf", render, Language.NL) for _ in range(2)]
    for dialog in together:
        qtbot.addWidget(dialog)
        dialog.save()
    assert background.jobs_running() == 2
    wait_for_jobs(qtbot)
    assert sorted(p.name for p in folder.iterdir()) == [f"handouts-{n}.pdf" for n in range(5)]
    assert [r.message for r in qtlog.records if "thread" in r.message.lower()] == []


def test_work_whose_window_is_closed_for_good_leaves_no_job_behind(qtbot):
    """A page or dialog destroyed while its work runs: the work stops at its next report,
    nothing is shown, and no job stays counted (the garbage collector would stay paused)."""
    import gc

    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    release = threading.Event()
    results: list[int] = []

    def slow(progress: Progress) -> int:
        release.wait(5)
        progress(1, 2)
        return 1

    run_in_background(owner, "Slow", slow, results.append, quiet=True)
    assert background.jobs_running() == 1 and not gc.isenabled()
    owner.deleteLater()
    qtbot.waitUntil(lambda: background.jobs_running() == 0, timeout=5000)
    assert gc.isenabled()
    release.set()
    qtbot.wait(200)
    assert results == []
