"""One user action, one transaction: the decorator every public service function wears."""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from holdmetight.db.engine import READ_SNAPSHOT, WRITE_INTENT, claim_write_lock
from holdmetight.db.server import INSUFFICIENT_PRIVILEGE
from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Enrollment, Intake, Partner, PlaceOffer
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.errors import ConflictError, DatabaseError, ValidationError
from holdmetight.i18n import _

# Every flush that writes a meeting also sets its course's dates (importing listens).
from holdmetight.services import course_span  # noqa: F401

P = ParamSpec("P")
R = TypeVar("R")
_DEPTH = "holdmetight.unit_of_work_depth"
_READ_ONLY = "holdmetight.read_only"


def unit_of_work(
    function: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Commit when the outermost service call returns, roll back on any error.

    A service takes the session first (positional only) and everything else by keyword, so
    that the window can hand its arguments on with their types checked (``ParamSpec``).
    Service functions may call each other; only the outermost call commits, so a composite
    action (such as creating demo data) is still one transaction. It takes the database's
    write lock when it begins (``BEGIN IMMEDIATE`` on SQLite), so two writers wait for each
    other instead of failing; services that only read wear :func:`read_only` instead.
    """
    return _wrapped(function, writes=True)


def read_only(
    function: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Like :func:`unit_of_work` for a service that only reads: it never waits for a writer
    (SQLite's WAL lets readers go on), and writing through it is a programming error."""
    return _wrapped(function, writes=False)


def _wrapped(
    function: Callable[Concatenate[Session, P], R], *, writes: bool
) -> Callable[Concatenate[Session, P], R]:
    @functools.wraps(function)
    def wrapper(session: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not isinstance(session, Session):
            raise TypeError(f"{function.__qualname__} needs a session as its first argument")
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            if depth == 0:
                _begin(session, writes=writes)
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
            if isinstance(error, DBAPIError) and connection_lost(error):
                raise DatabaseError(
                    _(
                        "The connection to the database server was lost; nothing of this was "
                        "saved. Try again: the application connects again by itself. If it "
                        "keeps failing, check the network or ask your IT support."
                    )
                ) from error
            if isinstance(error, DBAPIError) and _sqlstate(error) == INSUFFICIENT_PRIVILEGE:
                raise DatabaseError(
                    _(
                        "Your login may not do this: fees, payments, recording intakes and their "
                        "notes, anonymising and the audit trail are for administrators."
                    )
                ) from error
            if isinstance(error, DataError):
                raise ValidationError(
                    _(
                        "A value is too large or not valid for the database, so nothing was "
                        "saved. Check the numbers and dates you entered."
                    )
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
            if depth == 0:
                session.info.pop(_READ_ONLY, None)
            session.info[_DEPTH] = depth

    return wrapper


def _sqlstate(error: DBAPIError) -> str:
    return getattr(error.orig, "sqlstate", "") or ""


# What a server answers when it is shutting down or restarting (SQLSTATE class 57P, 08 is
# the connection's own class); an error without a code never reached a server at all.
_GONE_STATES = ("08", "57P")


def connection_lost(error: DBAPIError) -> bool:
    """Whether ``error`` means that the server went away (restarted, network down) rather than
    that it refused the work: the pool then connects again for the next unit of work."""
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    state = _sqlstate(error)
    on_server = type(error.orig).__module__.startswith("psycopg")
    return on_server and (not state or state.startswith(_GONE_STATES))


def _begin(session: Session, *, writes: bool) -> None:
    """Start the outermost unit's transaction: with the write lock for a writer."""
    if session.in_transaction() and not (session.new or session.dirty or session.deleted):
        session.commit()  # a read the caller left open ends here (the unit commits anyway)
    if writes:
        if not session.in_transaction():
            session.connection(execution_options={WRITE_INTENT: True})
        else:  # changes made before the unit began are written under the lock as well
            claim_write_lock(session.connection())
    else:
        session.info[_READ_ONLY] = True
        if not session.in_transaction() and session.get_bind().dialect.name == "postgresql":
            # One moment for everything the service reads (a summary's totals and its rows
            # agree while others write), as SQLite's read transaction gives. Writers stay in
            # READ COMMITTED: after the write lock, each statement sees every earlier write.
            session.connection(execution_options=READ_SNAPSHOT)


@event.listens_for(Session, "before_flush")
def _refuse_writes_when_reading(session: Session, _context: object, _instances: object) -> None:
    if session.info.get(_READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a read-only service tried to write")


def current_user() -> str:
    """The operating-system user, recorded as who did something."""
    try:
        return getpass.getuser()
    except Exception:  # no user name available (some service accounts)
        return "unknown"


def audit(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    couple_id: int | None = None,
    detail: str = "",
) -> None:
    """Record who did what to which record, never the values themselves: on a server the login
    (the server itself writes it, and the time), else the operating-system user. An entry
    about a couple's file names the couple (found from the record when not given); ``detail``
    says what a print or export held, never a person's data."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    who = (engine.url.username if engine.dialect.name == "postgresql" else None) or current_user()
    if couple_id is None and entity_id is not None:
        couple_id = couple_of(session, entity, entity_id)
    session.add(
        AuditEntry(
            os_user=who[:100],
            action=action,
            entity=entity,
            entity_id=entity_id,
            couple_id=couple_id,
            detail=detail[:200],
        )
    )


def couple_of(session: Session, entity: str, entity_id: int) -> int | None:
    """The couple whose file a record belongs to (None for a course, a meeting, a setting);
    read from the session's own copies where it has them."""
    if entity == "couple":
        return entity_id
    if entity == "partner":
        partner = session.get(Partner, entity_id)
        return partner.couple_id if partner is not None else None
    if entity == "intake":  # its notes are not every login's to read: only the couple
        return session.execute(
            select(col(Intake.couple_id)).where(col(Intake.id) == entity_id)
        ).scalar_one_or_none()
    enrollment_id: int | None = entity_id if entity == "enrollment" else None
    if entity == "place_offer":
        offer = session.get(PlaceOffer, entity_id)
        enrollment_id = offer.enrollment_id if offer is not None else None
    elif entity in ("fee_assessment", "payment", "waiver"):
        assessment_id: int | None = entity_id
        if entity == "payment":
            payment = session.get(Payment, entity_id)
            assessment_id = payment.fee_assessment_id if payment is not None else None
        elif entity == "waiver":
            waiver = session.get(Waiver, entity_id)
            assessment_id = waiver.fee_assessment_id if waiver is not None else None
        assessment = session.get(FeeAssessment, assessment_id) if assessment_id else None
        enrollment_id = assessment.enrollment_id if assessment is not None else None
    if enrollment_id is None:
        return None
    enrollment = session.get(Enrollment, enrollment_id)
    return enrollment.couple_id if enrollment is not None else None
