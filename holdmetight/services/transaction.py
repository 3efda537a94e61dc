"""One user action, one transaction: the decorator every public service function wears."""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from holdmetight.domain.audit import AuditEntry
from holdmetight.errors import ConflictError, DatabaseError, ValidationError
from holdmetight.i18n import _

P = ParamSpec("P")
R = TypeVar("R")
_DEPTH = "holdmetight.unit_of_work_depth"


def unit_of_work(
    function: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Commit when the outermost service call returns, roll back on any error.

    A service takes the session first (positional only) and everything else by keyword, so
    that the window can hand its arguments on with their types checked (``ParamSpec``).
    Service functions may call each other; only the outermost call commits, so a composite
    action (such as creating demo data) is still one transaction.
    """

    @functools.wraps(function)
    def wrapper(session: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not isinstance(session, Session):
            raise TypeError(f"{function.__qualname__} needs a session as its first argument")
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            result = function(session, *args, **kwargs)
            if depth == 0:
                session.commit()
            return result
        except BaseException as error:
            if depth == 0:
                session.rollback()
            if isinstance(error, StaleDataError):
                raise ConflictError(
                    _("Someone else changed this record in the meantime. Reopen it and try again.")
                ) from error
            if isinstance(error, IntegrityError):
                raise ValidationError(
                    _("This change does not fit the data already stored, so nothing was saved.")
                ) from error
            if isinstance(error, OperationalError):
                raise DatabaseError(
                    _(
                        "The database could not be written; nothing was saved. "
                        "Try again in a moment."
                    )
                ) from error
            raise
        finally:
            session.info[_DEPTH] = depth

    return wrapper


def current_user() -> str:
    """The operating-system user, recorded as who did something."""
    try:
        return getpass.getuser()
    except Exception:  # no user name available (some service accounts)
        return "unknown"


def audit(session: Session, *, action: str, entity: str, entity_id: int | None) -> None:
    """Record who did what to which record; never the values themselves."""
    session.add(
        AuditEntry(os_user=current_user(), action=action, entity=entity, entity_id=entity_id)
    )
