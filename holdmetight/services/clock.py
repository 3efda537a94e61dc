"""What time it is where the organisation gives its courses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from holdmetight.domain.organisation import Organisation
from holdmetight.domain.rules import has_started
from holdmetight.errors import RuleError
from holdmetight.i18n import _, format_date, format_time

DEFAULT_ZONE = "Europe/Amsterdam"


def local_now(session: Session) -> datetime:
    """Now, as wall-clock time in the organisation's time zone (meetings are kept that way)."""
    zone = session.exec(select(Organisation.time_zone)).first() or DEFAULT_ZONE
    return datetime.now(ZoneInfo(zone)).replace(tzinfo=None)


def refuse_before_start(day: date, start: time, now: datetime) -> None:
    """A meeting that has not begun cannot be held, nor have attendance recorded."""
    if not has_started(day, start, now):
        raise RuleError(
            _(
                "The meeting of {date} at {time} has not started yet. Whether it was held and "
                "who came can be recorded once it has begun."
            ).format(date=format_date(day), time=format_time(start))
        )


def local_date(session: Session, moment: datetime) -> date:
    """The organisation's calendar date of a stored moment (kept in UTC; naive means UTC)."""
    return local_dates(session)(moment)


def local_dates(session: Session) -> Callable[[datetime], date]:
    """Turns stored moments into the organisation's calendar dates (for many at once)."""
    moments = local_moments(session)
    return lambda moment: moments(moment).date()


def local_moments(session: Session) -> Callable[[datetime], datetime]:
    """Turns stored moments (kept in UTC; naive means UTC) into the organisation's wall-clock
    time, as meetings are kept."""
    zone = ZoneInfo(session.exec(select(Organisation.time_zone)).first() or DEFAULT_ZONE)

    def convert(moment: datetime) -> datetime:
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.astimezone(zone).replace(tzinfo=None)

    return convert
