"""Long work off the GUI thread: a worker does it, the GUI thread shows how far it has come.

The work gets a ``progress(done, total)`` callable. Calling it from the worker sends a signal to
the GUI thread, which alone updates the progress dialog; when the user has pressed Cancel, the
call raises :class:`~holdmetight.progress.Cancelled` so the work stops and its transaction rolls
back. The result (or the error) is handed to the GUI thread, where ``on_done`` runs; a cancelled
job never calls ``on_done``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.progress import Cancelled, Progress
from holdmetight.ui.context import show_error

T = TypeVar("T")

SHOW_AFTER_MS = 300
# Progress reaches the GUI thread at most this often: each signal from a worker costs the window
# a turn at Python's lock, and a bar moving ten times a second looks smooth.
PROGRESS_INTERVAL_S = 0.1
_running: set[Job[Any]] = set()


class ProgressDialog(QProgressDialog):
    """A progress dialog that is only ever updated in the GUI thread, through ``show_progress``."""

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))


class _Runner(QRunnable):
    def __init__(self, job: Job[Any]) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run_in_worker()


class Job(QObject, Generic[T]):
    """One piece of long work with its progress dialog."""

    progressed = Signal(int, int)
    _ended = Signal(object, object)  # result, error: sent by the worker to the GUI thread
    finished = Signal()  # in the GUI thread, after on_done or the error message

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        cancellable: bool = True,
        on_error: Callable[[HoldMeTightError], None] | None = None,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._work = work
        self._on_done = on_done
        self._on_error = on_error or (lambda error: show_error(parent, error))
        self._stop = threading.Event()
        self._last_progress = 0.0
        self.dialog = ProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self.dialog.show_progress)
        self._ended.connect(self._end)

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def start(self) -> Job[T]:
        _running.add(self)
        self.dialog.setValue(0)  # starts the dialog's timer: it shows if the work takes a while
        QThreadPool.globalInstance().start(_Runner(self))
        return self

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if total <= 0 or (done < total and now - self._last_progress < PROGRESS_INTERVAL_S):
            return
        self._last_progress = now
        self.progressed.emit(done, total)

    def run_in_worker(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # handed to the GUI thread, which shows it
            self._ended.emit(None, error)
            return
        self._ended.emit(result, None)

    def _end(self, result: Any, error: BaseException | None) -> None:
        self.dialog.hide()
        self.dialog.deleteLater()
        _running.discard(self)
        try:
            if error is None and not self._stop.is_set():
                self._on_done(result)
            elif isinstance(error, HoldMeTightError):
                self._on_error(error)
            elif error is not None and not isinstance(error, Cancelled):
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            self.finished.emit()


def run_in_background(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    *,
    cancellable: bool = True,
    on_error: Callable[[HoldMeTightError], None] | None = None,
) -> Job[T]:
    """Start ``work(progress)`` in a worker thread; ``on_done(result)`` runs in the GUI thread,
    and so does ``on_error`` (by default: the message is shown) when the work is refused."""
    return Job(parent, label, work, on_done, cancellable=cancellable, on_error=on_error).start()


def jobs_running() -> int:
    """How many jobs have not finished yet (the tests wait for none)."""
    return len(_running)
