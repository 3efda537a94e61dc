"""What an operation changed, taken from what its transaction actually wrote.

Nobody names the changes by hand: the session records every table its flushes and bulk
statements write, forgets what a rolled-back savepoint wrote, and keeps what was committed.
Deletes also count for the tables whose rows the database removes or unlinks with them
(``ON DELETE CASCADE`` / ``SET NULL``). Views then ask whether a change touches the kinds of data
they show.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, SessionTransaction
from sqlmodel import Session

from holdmetight.db.database import Database
from holdmetight.domain.models import metadata

P = ParamSpec("P")
T = TypeVar("T")

_PENDING = "holdmetight.writes_pending"
_COMMITTED = "holdmetight.writes_committed"


class Kind(enum.StrEnum):
    """The kinds of data a view can show, in the users' terms."""

    ORGANISATION = "organisation"
    TEAM = "team"  # facilitators, venues and their rooms
    PROGRAMS = "programs"  # programmes, their steps, the organisation's own handout texts
    COURSES = "courses"  # courses, their steps and facilitators
    MEETINGS = "meetings"  # group sessions and who facilitated them
    COUPLES = "couples"  # couples, partners, intakes
    ENROLLMENTS = "enrollments"
    ATTENDANCE = "attendance"
    FEE_SCALES = "fee_scales"  # scales, bands, social-minimum norms
    FEES = "fees"  # assessments, payments, refunds, waivers
    OUTCOMES = "outcomes"  # questionnaires, their waves, the scores
    MESSAGES = "messages"  # message templates and the log of messages sent
    AUDIT = "audit"


TABLE_KINDS: dict[str, Kind] = {
    "organisation": Kind.ORGANISATION,
    "school_holiday": Kind.ORGANISATION,
    "facilitator": Kind.TEAM,
    "venue": Kind.TEAM,
    "room": Kind.TEAM,
    "program": Kind.PROGRAMS,
    "program_step": Kind.PROGRAMS,
    "handout_text": Kind.PROGRAMS,
    "course": Kind.COURSES,
    "course_step": Kind.COURSES,
    "course_facilitator": Kind.COURSES,
    "group_session": Kind.MEETINGS,
    "group_session_facilitator": Kind.MEETINGS,
    "couple": Kind.COUPLES,
    "partner": Kind.COUPLES,
    "consent": Kind.COUPLES,
    "intake": Kind.COUPLES,
    "enrollment": Kind.ENROLLMENTS,
    "place_offer": Kind.ENROLLMENTS,
    "waiting_list_change": Kind.ENROLLMENTS,
    "attendance": Kind.ATTENDANCE,
    "fee_scale": Kind.FEE_SCALES,
    "fee_band": Kind.FEE_SCALES,
    "social_minimum_norm": Kind.FEE_SCALES,
    "fee_assessment": Kind.FEES,
    "payment": Kind.FEES,
    "waiver": Kind.FEES,
    "outcome_instrument": Kind.OUTCOMES,
    "outcome_wave": Kind.OUTCOMES,
    "outcome_wave_instrument": Kind.OUTCOMES,
    "outcome_score": Kind.OUTCOMES,
    "message_template": Kind.MESSAGES,
    "message": Kind.MESSAGES,
    "audit_entry": Kind.AUDIT,
}


@dataclass(frozen=True)
class Changes:
    """The tables one operation wrote; empty when it only read."""

    tables: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def all(cls) -> Changes:
        """Everything may have changed (a refresh the user asked for, another database)."""
        return cls(everything=True)

    @property
    def kinds(self) -> frozenset[Kind]:
        if self.everything:
            return frozenset(Kind)
        return frozenset(TABLE_KINDS[table] for table in self.tables if table in TABLE_KINDS)

    def touches(self, kinds: Iterable[Kind]) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.everything or other.everything)


def _dependants() -> dict[str, frozenset[str]]:
    """For each table, the tables the database changes when one of its rows is deleted."""
    direct: dict[str, set[str]] = {name: set() for name in metadata.tables}
    for table in metadata.tables.values():
        for key in table.foreign_keys:
            if (key.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                direct[key.column.table.name].add(table.name)
    closed: dict[str, frozenset[str]] = {}
    for name in direct:
        seen: set[str] = set()
        todo = [name]
        while todo:
            for child in direct[todo.pop()] - seen:
                seen.add(child)
                todo.append(child)
        closed[name] = frozenset(seen)
    return closed


DELETE_REACHES = _dependants()


def _chain(session: Session) -> tuple[SessionTransaction, ...]:
    """The savepoints a write happens inside, innermost first."""
    chain = []
    transaction = session.get_nested_transaction()
    while transaction is not None:
        if transaction.nested:
            chain.append(transaction)
        transaction = transaction.parent
    return tuple(chain)


def _record(session: Session, tables: Iterable[str]) -> None:
    pending: list[tuple[tuple[SessionTransaction, ...], frozenset[str]]] = session.info.setdefault(
        _PENDING, []
    )
    written = frozenset(tables)
    if written:
        pending.append((_chain(session), written))


def _written(table: str, *, deleted: bool) -> frozenset[str]:
    return frozenset({table}) | (DELETE_REACHES.get(table, frozenset()) if deleted else frozenset())


def _table_of(instance: Any) -> str:
    return str(instance.__table__.name)


_MODIFIED = "holdmetight.modified_tables"


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, context: Any, _instances: Any) -> None:
    # A row whose only change is its version (an aggregate's root whose part changed) shows no
    # change any more once flushed: the flush takes the new version as the stored one.
    context.attributes[_MODIFIED] = {
        _table_of(instance)
        for instance in session.dirty
        if session.is_modified(instance, include_collections=False)
    }


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, context: Any) -> None:
    tables: set[str] = set(context.attributes.get(_MODIFIED, ()))
    for instance in session.new:
        tables.add(_table_of(instance))
    for instance in session.dirty:
        if session.is_modified(instance, include_collections=False):
            tables.add(_table_of(instance))
    for instance in session.deleted:
        tables |= _written(_table_of(instance), deleted=True)
    _record(session, tables)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if isinstance(name, str):
        _record(state.session, _written(name, deleted=state.is_delete))  # type: ignore[arg-type]


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    pending = session.info.get(_PENDING, [])
    if previous.nested:
        session.info[_PENDING] = [entry for entry in pending if previous not in entry[0]]
    else:
        session.info[_PENDING] = []


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: its writes wait for the real commit
        return
    committed: set[str] = session.info.setdefault(_COMMITTED, set())
    for _savepoints, tables in session.info.pop(_PENDING, []):
        committed |= tables


def committed_changes(session: Session) -> Changes:
    """What the session has committed so far."""
    return Changes(frozenset(session.info.get(_COMMITTED, ())))


def perform(
    database: Database,
    service: Callable[Concatenate[Session, P], T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> tuple[T, Changes]:
    """Run one service call as one operation; return its result and what it changed."""
    with database.session() as session:
        result = service(session, *args, **kwargs)
        return result, committed_changes(session)
