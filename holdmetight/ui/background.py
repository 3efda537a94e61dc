"""Long work off the GUI thread: a worker does it, the GUI thread shows how far it has come.

The worker is a plain Python thread that touches no widget and sends no Qt signal: it writes
how far it is, and in the end its result or error, into a mailbox guarded by a lock. A timer in
the GUI thread reads the mailbox, moves the progress bar and, when the work is over, hands the
result to ``on_done`` (or shows the error). The work gets a ``progress(done, total)`` callable;
once the user has pressed Cancel, calling it raises :class:`~holdmetight.progress.Cancelled`,
so the work stops where it is and its transaction rolls back. A cancelled job never calls
``on_done``.

While a job runs, Python's cyclic garbage collector rests: a collection started by the worker
could otherwise destroy, in the wrong thread, a window object that the GUI thread had left
behind. Reference counting frees almost everything meanwhile; when the last job has ended the
collector resumes, in the GUI thread, and what existed before is frozen out of its passes.

While jobs run, Python hands its lock between threads more often: every event for a window
object written in Python needs the lock, and waiting the usual 5 ms for it each time added up
to 150 ms pauses of the window.
"""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.progress import Cancelled, Progress
from holdmetight.ui.messages import show_error

T = TypeVar("T")

SHOW_AFTER_MS = 300  # quick work finishes without a dialog flashing up
POLL_MS = 50  # how often the GUI thread looks at the mailbox
SWITCH_INTERVAL_S = 0.0005  # Python's lock handed over this often while a job runs
_running: dict[int, Job[Any]] = {}  # by id(): a job whose owner is destroyed is let go here
_after_each_job: list[weakref.WeakMethod[Callable[[], None]]] = []
_switch_interval_before = sys.getswitchinterval()
_collecting_before = True


def after_each_job(callback: Callable[[], None]) -> None:
    """Call the bound method ``callback`` in the GUI thread whenever a job has ended."""
    _after_each_job.append(weakref.WeakMethod(callback))


@dataclass
class _Mailbox:
    """What the worker and the GUI thread share; only ever touched under ``lock``."""

    work: Callable[[Progress], Any] | None
    lock: threading.Lock
    done: int = 0
    total: int = 0
    finished: bool = False
    result: Any = None
    error: BaseException | None = None


class ProgressDialog(QDialog):
    """What the user sees of long work: what is being done, how far it is, and Cancel."""

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("holdmetight"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the work says how much there is
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setVisible(cancellable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(360)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def reject(self) -> None:  # Escape and the window's close button mean Cancel
        if self.cancel_button.isVisible():
            self.cancel_button.click()


class Job(QObject, Generic[T]):
    """One piece of long work with its progress dialog; lives in the GUI thread."""

    finished = Signal()  # after on_done or the error message

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        cancellable: bool = True,
        on_error: Callable[[HoldMeTightError], None] | None = None,
        quiet: bool = False,
    ) -> None:
        super().__init__(parent)
        self._quiet = quiet
        self._parent = parent
        self._on_done: Callable[[T], None] | None = on_done
        self._on_error = on_error or (lambda error: show_error(parent, error))
        self._stop = threading.Event()
        self._mailbox = _Mailbox(work=work, lock=threading.Lock())
        self._shown = (0, 0)
        self.dialog = ProgressDialog(label, cancellable, parent)
        self.dialog.cancel_button.clicked.connect(self.cancel)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self.dialog.show)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll)

    def start(self) -> Job[T]:
        global _switch_interval_before, _collecting_before
        if not _running:
            gc.freeze()
            _collecting_before = gc.isenabled()
            gc.disable()
            _switch_interval_before = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        _running[id(self)] = self
        # The owner (a page, a dialog) may be destroyed while the work runs, and this job with
        # it: then nothing is shown, and the collector must not stay paused for good.
        self.destroyed.connect(partial(_let_go, id(self), self._stop))
        if not self._quiet:
            self._show_timer.start(SHOW_AFTER_MS)
        self._poll_timer.start()
        threading.Thread(
            target=_run, args=(self._mailbox, self._stop), name="holdmetight-job", daemon=True
        ).start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._stop.set()
        self.dialog.label.setText(_("Stopping…"))
        self.dialog.cancel_button.setEnabled(False)

    def _poll(self) -> None:
        mailbox = self._mailbox
        with mailbox.lock:
            progress = (mailbox.done, mailbox.total)
            finished = mailbox.finished
        if progress != self._shown:
            self._shown = progress
            self.dialog.show_progress(*progress)
        if finished:
            self._end()

    def _end(self) -> None:
        self._poll_timer.stop()
        self._show_timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()
        mailbox = self._mailbox
        result, error = mailbox.result, mailbox.error
        mailbox.work = mailbox.result = mailbox.error = None  # let go of them in this thread
        on_done, self._on_done = self._on_done, None
        _running.pop(id(self), None)
        _after_a_job()
        try:
            if error is None and not self._stop.is_set() and on_done is not None:
                on_done(result)
            elif isinstance(error, HoldMeTightError):
                self._on_error(error)
            elif error is not None and not isinstance(error, Cancelled):
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            for reference in list(_after_each_job):
                callback = reference()
                if callback is None:
                    _after_each_job.remove(reference)
                else:
                    callback()
            self.finished.emit()


def _run(mailbox: _Mailbox, stop: threading.Event) -> None:
    """The worker: run the work, reporting into the mailbox; never touch a Qt object here."""

    def progress(done: int, total: int) -> None:
        if stop.is_set():
            raise Cancelled
        with mailbox.lock:
            mailbox.done, mailbox.total = done, total

    work = mailbox.work
    assert work is not None
    outcome: Any = None
    error: BaseException | None = None
    try:
        outcome = work(progress)
    except BaseException as failure:  # handed to the GUI thread, which shows it
        error = failure
    del work
    with mailbox.lock:  # hand everything over before the GUI thread may let go of it
        mailbox.result, mailbox.error = outcome, error
        del outcome, error
        mailbox.finished = True


def run_in_background(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    *,
    cancellable: bool = True,
    on_error: Callable[[HoldMeTightError], None] | None = None,
    quiet: bool = False,
) -> Job[T]:
    """Start ``work(progress)`` in a worker thread; ``on_done(result)`` runs in the GUI thread,
    and so does ``on_error`` (by default: the message is shown) when the work is refused.
    ``quiet`` work shows no progress dialog: the view that asked says it is reading."""
    job = Job(parent, label, work, on_done, cancellable=cancellable, on_error=on_error, quiet=quiet)
    return job.start()


def _after_a_job() -> None:
    """When no job runs any more: Python's usual lock hand-over and garbage collection."""
    if not _running:
        sys.setswitchinterval(_switch_interval_before)
        if _collecting_before:
            gc.enable()


def _let_go(key: int, stop: threading.Event) -> None:
    """A job destroyed with its owner before it ended: its worker stops at its next progress
    report, and its result goes nowhere."""
    if _running.pop(key, None) is not None:
        stop.set()
        _after_a_job()


def jobs_running() -> int:
    """How many jobs have not finished yet (the tests wait for none)."""
    return len(_running)
