"""A time zone as calendar programs want it in an .ics file: yearly rules, not lists of dates.

An .ics file carries the definition of the zone its meetings are in (a VTIMEZONE). Outlook,
Google and Thunderbird write it as one STANDARD and one DAYLIGHT observance that each recur
once a year ("the last Sunday of March at 02:00"), and some readers understand little else:
Thunderbird's reads only the first date of a list. The rules are found in the zone's own
changes in the IANA database, so they hold for any zone an organisation may set. A zone
whose clock changes follow no yearly pattern over the exported years (Morocco's move with
Ramadan) is described change by change instead, each change an observance of its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LAST = -1


@dataclass(frozen=True)
class YearlyRule:
    """The day of ``month`` on which a clock change recurs every year: the ``ordinal``-th
    ``weekday`` of the month (``LAST``: the last one), the ``weekday`` that falls on one of
    ``days`` ("the Friday on or after the 23rd"), or, without a weekday, the one day in
    ``days``."""

    month: int
    weekday: int | None = None  # 0 is Monday
    ordinal: int | None = None
    days: tuple[int, ...] = ()

    def day_in(self, year: int) -> date:
        """The day the rule gives in ``year``."""
        if self.weekday is None:
            return date(year, self.month, self.days[0])
        if self.ordinal == LAST:
            end = date(year, self.month, calendar.monthrange(year, self.month)[1])
            return end - timedelta(days=(end.weekday() - self.weekday) % 7)
        start = date(year, self.month, self.days[0] if self.days else 1)
        ahead = (self.weekday - start.weekday()) % 7 + 7 * ((self.ordinal or 1) - 1)
        return start + timedelta(days=ahead)

    def rrule(self) -> dict[str, object]:
        """The rule as the parts of an iCalendar RRULE."""
        parts: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": self.month}
        if self.weekday is not None:
            code = WEEKDAY_CODES[self.weekday]
            parts["BYDAY"] = f"{self.ordinal}{code}" if self.ordinal else code
        if self.days:
            parts["BYMONTHDAY"] = list(self.days)
        return parts


@dataclass(frozen=True)
class Observance:
    """One STANDARD or DAYLIGHT part of a VTIMEZONE: from ``start`` (the wall-clock time as
    it read before the change) the offset from UTC is ``offset``; with ``every_year`` the
    change recurs yearly from then on."""

    daylight: bool
    start: datetime  # naive: local time at ``offset_before``
    offset_before: timedelta
    offset: timedelta
    name: str
    every_year: YearlyRule | None = None


@dataclass(frozen=True)
class _Clock:
    offset: timedelta
    name: str
    dst: timedelta


@dataclass(frozen=True)
class _Change:
    at: datetime  # UTC
    before: _Clock
    after: _Clock

    @property
    def local(self) -> datetime:
        """When the change happens, as the clock read just before it."""
        return (self.at + self.before.offset).replace(tzinfo=None)


def _clock(zone: ZoneInfo, instant: datetime) -> _Clock:
    local = instant.astimezone(zone)
    return _Clock(
        local.utcoffset() or timedelta(), local.tzname() or "", local.dst() or timedelta()
    )


def _changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[_Change]:
    """The zone's clock changes from ``start`` to ``end`` (UTC), each to the second."""
    found: list[_Change] = []
    at, clock = start, _clock(zone, start)
    while at < end:
        later = at + timedelta(days=1)
        if _clock(zone, later) == clock:
            at = later
            continue
        before, after = at, later
        while after - before > timedelta(seconds=1):
            middle = before + timedelta(seconds=(after - before).total_seconds() // 2)
            if _clock(zone, middle) == clock:
                before = middle
            else:
                after = middle
        change = _Change(after, clock, _clock(zone, after))
        found.append(change)
        at, clock = change.at, change.after
    return found


def _candidate_rules(day: date) -> Iterator[YearlyRule]:
    """Yearly rules that give ``day`` in its year, the most usual first."""
    month_end = calendar.monthrange(day.year, day.month)[1]
    shortest = 28 if day.month == 2 else month_end
    if day.day + 7 > month_end:
        yield YearlyRule(day.month, day.weekday(), LAST)
    if day.day <= 28:
        yield YearlyRule(day.month, day.weekday(), (day.day - 1) // 7 + 1)
    for first in range(max(1, day.day - 6), min(day.day, shortest - 6) + 1):
        if first % 7 != 1:  # those are the n-th weekdays above
            yield YearlyRule(day.month, day.weekday(), days=tuple(range(first, first + 7)))
    yield YearlyRule(day.month, days=(day.day,))


def _recurring(changes: Sequence[_Change]) -> YearlyRule | None:
    """The rule that gives the day of every one of ``changes`` (one a year), if one does."""
    moments = [c.local for c in changes]
    if len({(c.before, c.after) for c in changes}) != 1 or len({m.time() for m in moments}) != 1:
        return None
    return next(
        (
            rule
            for rule in _candidate_rules(moments[0].date())
            if all(rule.day_in(m.year) == m.date() for m in moments)
        ),
        None,
    )


def _yearly(changes: Sequence[_Change], years: range) -> list[Observance] | None:
    """A STANDARD and a DAYLIGHT observance with yearly rules, when the changes follow two
    such rules in every one of ``years``."""
    by_year: dict[int, list[_Change]] = {year: [] for year in years}
    for change in changes:
        if change.local.year not in by_year:
            return None
        by_year[change.local.year].append(change)
    if any(len(pair) != 2 for pair in by_year.values()):
        return None
    earlier = [pair[0] for pair in by_year.values()]
    later = [pair[1] for pair in by_year.values()]
    if earlier[0].after != later[0].before or later[0].after != earlier[0].before:
        return None
    observances: list[Observance] = []
    for group, other in ((earlier, later), (later, earlier)):
        rule = _recurring(group)
        if rule is None:
            return None
        first = group[0]
        observances.append(
            Observance(
                # Summer time is the larger offset, also where the database says winter is
                # the exception (Ireland, Morocco): as the big calendar programs write it.
                daylight=first.after.offset > other[0].after.offset,
                start=first.local,
                offset_before=first.before.offset,
                offset=first.after.offset,
                name=first.after.name,
                every_year=rule,
            )
        )
    return sorted(observances, key=lambda o: o.daylight)


def observances(zone_name: str, *, first: date, last: date) -> list[Observance]:
    """The observances of the VTIMEZONE for meetings from ``first`` to ``last``.

    They describe the zone from the year before ``first`` to the year after ``last``: one
    STANDARD and one DAYLIGHT observance with yearly rules where the zone's changes follow
    them in all those years; a single STANDARD observance for a zone without changes; else
    the offset at the start and then every change as an observance of its own, each with its
    own start and no list of dates (a list is what Thunderbird misreads).
    """
    zone = ZoneInfo(zone_name)
    years = range(first.year - 1, last.year + 2)
    start = datetime(years.start, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(years.stop, 1, 1, tzinfo=zone).astimezone(UTC)
    changes = _changes(zone, start, end)
    yearly = _yearly(changes, years) if changes else None
    if yearly is not None:
        return yearly
    initial = _clock(zone, start)
    return [
        Observance(
            daylight=initial.dst > timedelta(),
            start=(start + initial.offset).replace(tzinfo=None),
            offset_before=initial.offset,
            offset=initial.offset,
            name=initial.name,
        )
    ] + [
        Observance(
            daylight=change.after.dst > timedelta(),
            start=change.local,
            offset_before=change.before.offset,
            offset=change.after.offset,
            name=change.after.name,
        )
        for change in changes
    ]
