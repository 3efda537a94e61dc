"""One application-wide signal that announces what kind of data changed.

Actions emit ``changed(kind)`` after a service call succeeds; views listen and refresh what
they show, instead of calling each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

COURSES = "courses"
COUPLES = "couples"
ENROLLMENTS = "enrollments"
ORGANISATION = "organisation"
PROGRAMS = "programs"
TEAM = "team"
ATTENDANCE = "attendance"
FEES = "fees"
ALL = "all"


class Events(QObject):
    changed = Signal(str)


_events: Events | None = None


def events() -> Events:
    """The application's event hub (created on first use, in the GUI thread)."""
    global _events
    if _events is None:
        _events = Events()
    return _events


def announce(kind: str) -> None:
    events().changed.emit(kind)
