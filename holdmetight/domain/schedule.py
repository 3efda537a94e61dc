"""Proposing the dates and times of a course's group sessions (pure, no database).

Times are local wall-clock times in the organisation's zone, so a weekly 19:30 meeting stays at
19:30 across a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from holdmetight.domain.rules import following_days, weekly_dates


@dataclass(frozen=True)
class ProposedMeeting:
    position: int  # the course step's position, 1-based
    date: date
    start_time: time
    end_time: time


def dutch_public_holidays(first: date, last: date) -> set[date]:
    """Dutch public holidays between ``first`` and ``last`` (inclusive)."""
    import holidays  # loaded when dates are planned, not when the window starts

    calendar = holidays.country_holidays("NL", years=range(first.year, last.year + 1))
    return {day for day in calendar if first <= day <= last}


def add_minutes(start: time, minutes: int) -> time:
    moment = datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)
    if moment.date() != date(2000, 1, 1):
        raise ValueError("a meeting must end on the day it starts")
    return moment.time()


def _dates_skipping(
    plan: Callable[[set[date]], list[date]],
    *,
    first_date: date,
    skip: set[date],
    skip_holidays: bool,
) -> list[date]:
    """The dates ``plan`` gives when it passes over ``skip`` and, with ``skip_holidays``, the
    public holidays up to its last date (however far other skipped days push it)."""
    if not skip_holidays:
        return plan(skip)
    horizon = first_date + timedelta(weeks=8)
    while True:
        dates = plan(skip | dutch_public_holidays(first_date, horizon))
        if not dates or dates[-1] <= horizon:
            return dates
        horizon = dates[-1] + timedelta(weeks=8)


def propose_weekly(
    durations: Sequence[int],
    *,
    first_date: date,
    start_time: time,
    skip_holidays: bool = True,
    exclude: Iterable[date] = (),
    school_holidays: Iterable[date] = (),
) -> list[ProposedMeeting]:
    """One meeting a week per step, on the weekday of ``first_date``, at ``start_time``,
    passing over the excluded dates, the school holidays given, and (``skip_holidays``) the
    Dutch public holidays."""
    dates = _dates_skipping(
        lambda skip: weekly_dates(first_date, len(durations), skip=skip),
        first_date=first_date,
        skip=set(exclude) | set(school_holidays),
        skip_holidays=skip_holidays,
    )
    return [
        ProposedMeeting(position, day, start_time, add_minutes(start_time, minutes))
        for position, (day, minutes) in enumerate(zip(dates, durations, strict=True), start=1)
    ]


LUNCH_NEAR = time(12, 30)
LUNCH_MINUTES = 45


def _lunch_after(durations: Sequence[int], start_time: time, break_minutes: int) -> int | None:
    """After which step of a day (index) lunch falls: the pause nearest to 12:30, when the day
    runs across lunchtime at all."""
    ends, clock = [], start_time
    for minutes in durations:
        end = add_minutes(clock, minutes)
        ends.append(end)
        clock = add_minutes(end, break_minutes)
    if len(durations) < 2 or not start_time < LUNCH_NEAR < ends[-1]:
        return None
    noon = datetime.combine(date.min, LUNCH_NEAR)
    pauses = ends[:-1]
    return min(
        range(len(pauses)),
        key=lambda i: abs(datetime.combine(date.min, pauses[i]) - noon),
    )


def propose_days(
    steps: Sequence[tuple[int, int | None]],
    *,
    day_dates: Sequence[date],
    start_time: time,
    break_minutes: int = 15,
) -> list[ProposedMeeting]:
    """Several steps a day (intensive variant): ``steps`` holds (duration, day number) pairs;
    steps of one day follow each other with a break in between, and a 45-minute lunch at the
    pause nearest to 12:30 when the day runs across lunchtime."""
    by_day: dict[int, list[int]] = {}
    for position, (_minutes, day) in enumerate(steps, start=1):
        index = (day or 1) - 1
        if index >= len(day_dates):
            raise ValueError("more course days are needed than were given")
        by_day.setdefault(index, []).append(position)
    meetings: list[ProposedMeeting] = []
    for index, positions in sorted(by_day.items()):
        durations = [steps[p - 1][0] for p in positions]
        lunch = _lunch_after(durations, start_time, break_minutes)
        begin = start_time
        for order, (position, minutes) in enumerate(zip(positions, durations, strict=True)):
            end = add_minutes(begin, minutes)
            meetings.append(ProposedMeeting(position, day_dates[index], begin, end))
            begin = add_minutes(end, LUNCH_MINUTES if order == lunch else break_minutes)
    return sorted(meetings, key=lambda m: m.position)


def propose_for_steps(
    steps: Sequence[tuple[int, int | None]],
    *,
    first_date: date,
    start_time: time,
    skip_holidays: bool = True,
    exclude: Iterable[date] = (),
    school_holidays: Iterable[date] = (),
) -> list[ProposedMeeting]:
    """The proposal for a programme: one step a week, or (when steps name a course day)
    consecutive course days, each with its steps one after another."""
    if not any(day for _minutes, day in steps):
        return propose_weekly(
            [minutes for minutes, _day in steps],
            first_date=first_date,
            start_time=start_time,
            skip_holidays=skip_holidays,
            exclude=exclude,
            school_holidays=school_holidays,
        )
    day_count = max(day or 1 for _minutes, day in steps)
    day_dates = _dates_skipping(
        lambda skip: following_days(first_date, day_count, skip=skip),
        first_date=first_date,
        skip=set(exclude) | set(school_holidays),
        skip_holidays=skip_holidays,
    )
    return propose_days(steps, day_dates=day_dates, start_time=start_time)


def overlaps(first: tuple[time, time], second: tuple[time, time]) -> bool:
    """Whether two time ranges on the same day overlap (touching ends do not)."""
    return first[0] < second[1] and second[0] < first[1]


def out_of_order(meetings: Iterable[tuple[int, date, time]]) -> list[int]:
    """Step positions whose meeting comes before the meeting of an earlier step."""
    ordered = sorted(meetings)
    late: list[int] = []
    latest: tuple[date, time] | None = None
    for position, day, start in ordered:
        if latest is not None and (day, start) < latest:
            late.append(position)
        latest = max(latest, (day, start)) if latest else (day, start)
    return late
