"""The one path by which the window reads and changes data.

Every call into a service is one operation: one session, one transaction. What the transaction
wrote comes back as :class:`~holdmetight.services.changes.Changes` and is announced once through
``changed``; views listen for the kinds of data they show (see ``freshness``). No widget
announces a change by hand, and the arguments of every call are checked by mypy against the
service's own signature.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from holdmetight.db.database import Database
from holdmetight.errors import ConflictError, HoldMeTightError
from holdmetight.services.changes import Changes, perform
from holdmetight.ui.background import after_each_job
from holdmetight.ui.messages import show_error

P = ParamSpec("P")
T = TypeVar("T")


class AppContext(QObject):
    """The open database and the signal that tells every view what an operation changed."""

    changed = Signal(object)  # Changes

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._lock = threading.Lock()
        self._waiting = Changes()  # written by work in a worker, not yet announced
        after_each_job(self.publish_waiting)

    @property
    def sees_administration(self) -> bool:
        """Whether the login may use what is for administrators (fees, payments, intakes):
        the server refuses a facilitator's login those, so the window does not offer them."""
        from holdmetight.db.roles import Role

        return self.database.role is not Role.FACILITATOR

    def call(
        self,
        service: Callable[Concatenate[Session, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run one operation and return its result; errors are raised to the caller.

        From a worker thread too: what that changed is announced in the GUI thread when the
        job ends (see :meth:`publish_waiting`), since no signal may cross threads.

        A save refused because someone else changed the data since it was read (a
        :class:`ConflictError`) changed nothing here, but the views show an outdated copy: they
        read everything again, so that what the user reopens shows the other change.
        """
        try:
            result, changes = perform(self.database, service, *args, **kwargs)
        except ConflictError:
            self._announce(Changes.all())
            raise
        self._announce(changes)
        return result

    def _announce(self, changes: Changes) -> None:
        if threading.current_thread() is threading.main_thread():
            self.publish(changes)
        elif changes:
            with self._lock:
                self._waiting |= changes

    def run(
        self,
        parent: QWidget | None,
        service: Callable[Concatenate[Session, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T | None:
        """Run one operation as a user action: on failure show why and return None."""
        try:
            return self.call(service, *args, **kwargs)
        except HoldMeTightError as error:
            show_error(parent, error)
            return None

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def publish_waiting(self) -> None:
        """Announce, in the GUI thread, what work in workers has changed."""
        with self._lock:
            changes, self._waiting = self._waiting, Changes()
        self.publish(changes)

    def reload_everything(self) -> None:
        """Let every view read its data again (F5: another PC may have changed it)."""
        self.changed.emit(Changes.all())
