"""Running long work off the GUI thread, with a progress dialog the user can see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")


class _Worker(QObject):
    finished = Signal(object, object)  # result, error
    progressed = Signal(int)

    def __init__(self, work: Callable[[Callable[[int], None]], Any]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except Exception as error:  # handed to the GUI thread, which shows it
            self.finished.emit(None, error)
            return
        self.finished.emit(result, None)


def run_with_progress(
    parent: QWidget | None, label: str, work: Callable[[Callable[[int], None]], T]
) -> T:
    """Run ``work(progress)`` in a worker thread while a progress dialog shows; return its
    result (or raise its error) in the GUI thread. ``progress(n)`` reports n items done."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    outcome: dict[str, Any] = {}

    def done(result: object, error: object) -> None:
        outcome["result"], outcome["error"] = result, error
        thread.quit()

    worker.progressed.connect(lambda n: dialog.setLabelText(f"{label} ({n})"))
    worker.finished.connect(done)
    thread.started.connect(worker.run)
    thread.start()
    while thread.isRunning():
        QApplication.processEvents()
        thread.wait(20)
    QApplication.processEvents()
    dialog.close()
    if outcome.get("error") is not None:
        raise outcome["error"]
    return outcome["result"]
