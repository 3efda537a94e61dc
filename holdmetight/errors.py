"""The one family of errors that services raise.

Each message is a translated sentence a user can act on: the GUI shows it in a message box,
the command line prints it and exits with status 1. Messages never contain personal data
beyond what the user just typed or has open (the names of the couple being edited, the user
who changed it since), so they are safe to show but are never logged.
"""

from __future__ import annotations


class HoldMeTightError(Exception):
    """Base class: ``str(error)`` is the translated message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(HoldMeTightError):
    """Input that cannot be accepted; ``field`` names the form field when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(HoldMeTightError):
    """A record that the user referred to does not exist (any more)."""


class ConflictError(HoldMeTightError):
    """Someone else changed the record after it was opened; reload and try again."""


class RuleError(HoldMeTightError):
    """The action breaks a rule of the course process (a status change that makes no sense)."""


class DatabaseError(HoldMeTightError):
    """The database cannot be used: damaged, foreign, from a newer version, or unreachable."""


class DamagedDatabaseError(DatabaseError):
    """A page of the database file could not be read: the file is damaged."""


class UpgradeNeededError(DatabaseError):
    """A server database of an older version: every PC shares it, so it is upgraded only when
    an administrator confirms (``holdmetight init``, or the window's question)."""
