"""The audit trail as a privacy officer reads it: who viewed, changed, printed or exported which
couple's file, and when; filtered by couple, user and period, a page at a time, newest first,
and as a table to export. Entries are only ever added (a server refuses to change or remove
them); they never hold the values themselves.

What leaves the application is recorded before it leaves: :func:`record_output` when a document
is printed or a file exported (what it held: a course, a period, a format, a number of rows),
:func:`record_view` when a couple's file is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Couple, Partner
from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    GroupSessionStatus,
    LeavingFee,
    MessageKind,
)
from holdmetight.domain.names import list_name
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import NotFoundError, RuleError
from holdmetight.i18n import N_, _, using_language
from holdmetight.services.access import may_read
from holdmetight.services.clock import DEFAULT_ZONE
from holdmetight.services.tables import Column, Kind, Table
from holdmetight.services.transaction import audit, couple_of, read_only, unit_of_work


class Output(StrEnum):
    """How something left the application."""

    PRINT = "print"  # sent to a printer
    EXPORT = "export"  # written to a file (a saved PDF, a spreadsheet, a calendar)


# The words of the trail, translated where shown; an action or record not named here is shown
# as it is stored.
ACTIONS: dict[str, str] = {
    "create": N_("created"),
    "update": N_("changed"),
    "save": N_("saved"),
    "delete": N_("removed"),
    "view": N_("viewed"),
    "print": N_("printed"),
    "export": N_("exported"),
    "anonymise": N_("anonymised"),
    "enroll": N_("enrolled"),
    "assess": N_("fee assessed"),
    "payment": N_("payment recorded"),
    "refund": N_("refund recorded"),
    "waiver": N_("fee waived"),
    "closing": N_("closing conversation"),
    "offer": N_("place offered"),
    "offer:accepted": N_("offer accepted"),
    "offer:declined": N_("offer declined"),
    "offer:expired": N_("offer expired"),
    "offer:withdrawn": N_("offer withdrawn"),
    "consent:given": N_("consent given"),
    "consent:withdrawn": N_("consent withdrawn"),
    "passed_over": N_("passed over"),
    "put_back": N_("put back in line"),
    "moved": N_("moved to another course"),
    "attendance": N_("attendance recorded"),
    "record": N_("meeting recorded"),
    "plan": N_("meetings planned"),
    "fee_scale": N_("fee scale chosen"),
    "completion_rule": N_("completion rule changed"),
    "settings": N_("settings changed"),
    "logo": N_("logo changed"),
    "restore": N_("restored"),
    "add_published": N_("published amounts added"),
    "send": N_("message sent"),
    "withdraw": N_("message taken back"),
}
RECORDS: dict[str, str] = {
    "couple": N_("couple"),
    "partner": N_("partner"),
    "intake": N_("intake"),
    "enrollment": N_("enrollment"),
    "place_offer": N_("offer of a place"),
    "fee_assessment": N_("fee"),
    "payment": N_("payment"),
    "waiver": N_("waiver"),
    "course": N_("course"),
    "group_session": N_("meeting"),
    "organisation": N_("organisation"),
    "audit_trail": N_("audit trail"),
    "couples": N_("list of couples"),
    "enrollments": N_("list of enrollments"),
    "attendance": N_("attendance"),
    "fees": N_("fees"),
    "payments": N_("payments"),
    "municipality": N_("figures per municipality"),
    "fee_summary": N_("fee summary"),
    "outcomes": N_("questionnaire scores for research"),
    "outcomes-summary": N_("outcome figures (summary)"),
    "outcome_figures": N_("outcome figures"),
    "outcome_instrument": N_("questionnaire"),
    "receipt": N_("receipt"),
    "signin": N_("sign-in sheet"),
    "handouts": N_("handouts"),
    "calendar": N_("calendar"),
    "personal_data": N_("personal data (inzage)"),
    "facilitator": N_("facilitator"),
    "venue": N_("venue"),
    "program": N_("programme"),
    "handout_text": N_("handout text"),
    "school_holiday": N_("school holiday"),
    "fee_scale": N_("fee scale"),
    "social_minimum_norm": N_("social minimum"),
    "message": N_("message"),
    "message_template": N_("message text"),
}


# What a print or export held, as stored: ``key=value`` pairs with these keys, shown in the
# reader's language (a value is a course code, a date, a format, a number: never a name).
DETAILS: dict[str, str] = {
    "course": N_("course"),
    "step": N_("step"),
    "period": N_("period"),
    "format": N_("format"),
    "rows": N_("rows"),
    "pages": N_("pages"),
    "language": N_("language"),
    "couple": N_("couple"),
    "user": N_("user"),
    "partner": N_("partner"),
    "wave": N_("wave"),
    "message": N_("message"),
}


def details(**parts: object) -> str:
    """The stored form of what an output held; parts that are None or "" are left out."""
    unknown = set(parts) - set(DETAILS)
    assert not unknown, f"unknown detail {unknown}"
    return "; ".join(f"{key}={value}" for key, value in parts.items() if value not in (None, ""))


def detail_label(detail: str) -> str:
    """A stored detail in the reader's language: "cursus HMV-1; rijen 12"."""
    shown = []
    for part in filter(None, detail.split("; ")):
        key, _sep, value = part.partition("=")
        if key == "message" and value in {k.value for k in MessageKind}:
            value = MessageKind(value).label  # which kind of message, in the reader's words
        shown.append(f"{_(DETAILS[key])} {value}" if key in DETAILS and _sep else part)
    return "; ".join(shown)


# A document of one record: the kind of record, whose couple the entry names.
OF_RECORD = {"receipt": "payment", "couple": "couple"}


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: of one couple, by one user, in a period (dates in the
    organisation's calendar, both included); None means any."""

    couple_id: int | None = None
    user: str | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One entry as listed: when (the organisation's wall-clock time), who, what, about whom."""

    id: int
    at: datetime
    user: str
    action: str  # as stored; :func:`action_label` words it
    record: str  # as stored; :func:`record_label` words it
    record_id: int | None
    couple_id: int | None
    couple: str  # both partners' names as the couples list shows them ("" when none)
    detail: str


_STATUSES: dict[str, type[CourseStatus | EnrollmentStatus | GroupSessionStatus]] = {
    "course": CourseStatus,
    "enrollment": EnrollmentStatus,
    "group_session": GroupSessionStatus,
}


def action_label(action: str, record: str = "") -> str:
    """What was done, in the reader's language; a new status by its name ("status: gestopt")."""
    if action.startswith("status:"):
        value = action.split(":", 1)[1]
        statuses = _STATUSES.get(record)
        if statuses is not None and value in {s.value for s in statuses}:
            value = statuses(value).label
        return _("status: {status}").format(status=value)
    if action.startswith("leaving_fee:"):
        value = action.split(":", 1)[1]
        if value in {d.value for d in LeavingFee}:
            value = LeavingFee(value).label
        return _("fee on leaving: {decision}").format(decision=value)
    return _(ACTIONS[action]) if action in ACTIONS else action


def record_label(record: str) -> str:
    return _(RECORDS[record]) if record in RECORDS else record


def _refuse_without_right(session: Session) -> None:
    if not may_read(session, "audit_entry"):
        raise RuleError(
            _("Only an administrator may read the audit trail; ask one to look it up for you.")
        )


def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(session.exec(select(Organisation.time_zone)).first() or DEFAULT_ZONE)


def _conditions(session: Session, which: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if which.couple_id is not None:
        conditions.append(col(AuditEntry.couple_id) == which.couple_id)
    if which.user:
        conditions.append(col(AuditEntry.os_user) == which.user)
    zone = _zone(session)
    if which.first is not None:
        start = datetime.combine(which.first, time(), zone).astimezone(UTC)
        conditions.append(col(AuditEntry.at) >= start)
    if which.last is not None:
        end = datetime.combine(which.last + timedelta(days=1), time(), zone).astimezone(UTC)
        conditions.append(col(AuditEntry.at) < end)
    return conditions


@read_only
def list_entries(
    session: Session, /, *, which: AuditFilter, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """A page of the entries ``which`` selects, newest first."""
    _refuse_without_right(session)
    entries = session.exec(
        select(AuditEntry)
        .where(*_conditions(session, which))
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    names = _couple_names(session, {e.couple_id for e in entries if e.couple_id is not None})
    zone = _zone(session)
    return [
        AuditRow(
            id=e.id or 0,
            at=_as_utc(e.at).astimezone(zone).replace(tzinfo=None),
            user=e.os_user,
            action=e.action,
            record=e.entity,
            record_id=e.entity_id,
            couple_id=e.couple_id,
            couple=names.get(e.couple_id, "") if e.couple_id is not None else "",
            detail=e.detail,
        )
        for e in entries
    ]


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _couple_names(session: Session, couple_ids: set[int]) -> dict[int, str]:
    """Both partners' names of each couple (an anonymised couple has none left to show)."""
    if not couple_ids:
        return {}
    found: dict[int, dict[int, str]] = {}
    for couple_id, position, given, prefix, family in session.execute(
        sa_select(
            col(Partner.couple_id),
            col(Partner.position),
            col(Partner.given_name),
            col(Partner.name_prefix),
            col(Partner.family_name),
        ).where(col(Partner.couple_id).in_(couple_ids))
    ):
        found.setdefault(couple_id, {})[position] = list_name(given, prefix, family)
    return {
        couple_id: " & ".join(name for _position, name in sorted(pair.items()) if name)
        for couple_id, pair in found.items()
    }


@read_only
def count_entries(session: Session, /, *, which: AuditFilter) -> int:
    _refuse_without_right(session)
    return int(
        session.execute(
            sa_select(func.count()).select_from(AuditEntry).where(*_conditions(session, which))
        ).scalar_one()
    )


@read_only
def users(session: Session, /) -> list[str]:
    """Everyone the trail names, in alphabetical order (for the filter)."""
    _refuse_without_right(session)
    return list(
        session.exec(select(AuditEntry.os_user).distinct().order_by(col(AuditEntry.os_user))).all()
    )


@read_only
def first_day(session: Session, /) -> date | None:
    """The organisation's date of the oldest entry (None for an empty trail)."""
    _refuse_without_right(session)
    oldest = session.exec(select(func.min(AuditEntry.at))).first()
    if oldest is None:
        return None
    return _as_utc(oldest).astimezone(_zone(session)).date()


def describe(which: AuditFilter) -> str:
    """What a filter selects, for the entry recording its export."""
    period = None
    if which.first is not None or which.last is not None:
        period = f"{which.first or ''}..{which.last or ''}"
    return details(couple=which.couple_id, user=which.user, period=period)


@read_only
def entries_table(session: Session, /, *, which: AuditFilter, language: str) -> Table:
    """The entries ``which`` selects, oldest first, for a spreadsheet (titles and words in
    ``language``)."""
    rows: list[tuple[Any, ...]] = []
    offset = 0
    while True:
        page = list_entries(session, which=which, offset=offset, limit=1000)
        if not page:
            break
        offset += len(page)
        with using_language(language):
            rows.extend(
                (
                    row.at,
                    row.user,
                    action_label(row.action, row.record),
                    record_label(row.record),
                    row.record_id,
                    row.couple_id,
                    row.couple,
                    detail_label(row.detail),
                )
                for row in page
            )
    rows.reverse()
    with using_language(language):
        columns = (
            Column(_("When"), Kind.DATE),
            Column(_("Who")),
            Column(_("What")),
            Column(_("Record")),
            Column(_("Record number"), Kind.COUNT),
            Column(_("Couple number"), Kind.COUNT),
            Column(_("Couple")),
            Column(_("Details")),
        )
        return Table(title=_("Audit trail"), columns=columns, rows=rows, language=language)


@unit_of_work
def record_view(session: Session, /, *, couple_id: int) -> None:
    """Someone opened a couple's file (its details, its history)."""
    if session.get(Couple, couple_id) is None:
        raise NotFoundError(_("The couple no longer exists."))
    audit(session, action="view", entity="couple", entity_id=couple_id, couple_id=couple_id)


@unit_of_work
def record_output(
    session: Session,
    /,
    *,
    how: Output,
    document: str,
    detail: str = "",
    record_id: int | None = None,
    couple_id: int | None = None,
) -> None:
    """Something is printed or exported: ``document`` says which kind (``receipt``,
    ``couples``, …), ``detail`` what it holds (a course code, a period, a format, a number of
    rows; never a person's data), ``record_id`` the one record it is of (a payment, a couple);
    an entry of one couple's file names the couple (a receipt's: the couple that paid)."""
    if couple_id is None and record_id is not None and document in OF_RECORD:
        couple_id = couple_of(session, OF_RECORD[document], record_id)
    audit(
        session,
        action=how.value,
        entity=document,
        entity_id=record_id,
        couple_id=couple_id,
        detail=detail,
    )
