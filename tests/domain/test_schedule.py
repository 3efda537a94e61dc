from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from holdmetight.domain.enums import CourseStatus
from holdmetight.domain.rules import (
    can_change_course_status,
    weekly_dates,
)
from holdmetight.domain.schedule import dutch_public_holidays, propose_days, propose_weekly

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_weekly_course_skips_kings_day():
    meetings = propose_weekly([120] * 8, first_date=date(2027, 4, 6), start_time=time(19, 30))
    dates = [m.date for m in meetings]
    assert date(2027, 4, 27) not in dates
    assert len(dates) == 8 and dates[-1] == date(2027, 6, 1)


def test_holidays_are_kept_when_the_user_does_not_want_them_skipped():
    meetings = propose_weekly(
        [120] * 3, first_date=date(2027, 4, 20), start_time=time(19, 30), skip_holidays=False
    )
    assert date(2027, 4, 27) in [m.date for m in meetings]


def test_excluded_dates_such_as_a_school_holiday_are_skipped():
    meetings = propose_weekly(
        [120] * 3,
        first_date=date(2027, 2, 9),
        start_time=time(19, 30),
        skip_holidays=False,
        exclude=[date(2027, 2, 16)],
    )
    assert [m.date for m in meetings] == [date(2027, 2, 9), date(2027, 2, 23), date(2027, 3, 2)]


@pytest.mark.parametrize("first", [date(2027, 3, 16), date(2027, 10, 19)], ids=["spring", "autumn"])
def test_local_time_stays_the_same_across_a_daylight_saving_change(first):
    meetings = propose_weekly(
        [120] * 4, first_date=first, start_time=time(19, 30), skip_holidays=False
    )
    offsets = {datetime.combine(m.date, m.start_time, AMSTERDAM).utcoffset() for m in meetings}
    assert len(offsets) == 2, "the course spans the change"
    assert {(m.start_time, m.end_time) for m in meetings} == {(time(19, 30), time(21, 30))}


def test_intensive_days_hold_several_steps_one_after_another():
    steps = [(60, 1), (90, 1), (120, 2)]
    meetings = propose_days(
        steps,
        day_dates=[date(2027, 1, 23), date(2027, 1, 30)],
        start_time=time(9, 30),
        break_minutes=15,
    )
    assert [(m.date.day, m.start_time, m.end_time) for m in meetings] == [
        (23, time(9, 30), time(10, 30)),
        (23, time(10, 45), time(12, 15)),
        (30, time(9, 30), time(11, 30)),
    ]


def test_christmas_and_easter_monday_are_dutch_public_holidays():
    found = dutch_public_holidays(date(2027, 1, 1), date(2027, 12, 31))
    assert {date(2027, 12, 25), date(2027, 3, 29)} <= found


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)),
    st.integers(min_value=0, max_value=12),
    st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 1, 1)), max_size=10),
)
def test_weekly_dates_keep_the_weekday_and_avoid_skipped_dates(start, count, skip):
    dates = weekly_dates(start, count, skip=skip)
    assert len(dates) == count
    assert all(d.weekday() == start.weekday() and d not in skip for d in dates)
    assert dates == sorted(set(dates))


def test_course_lifecycle_moves_forward_only_in_steps_that_make_sense():
    assert can_change_course_status(CourseStatus.PLANNED, CourseStatus.OPEN)
    assert can_change_course_status(CourseStatus.RUNNING, CourseStatus.COMPLETED)
    assert not can_change_course_status(CourseStatus.PLANNED, CourseStatus.COMPLETED)
    assert not can_change_course_status(CourseStatus.COMPLETED, CourseStatus.RUNNING)


def test_an_intensive_course_takes_two_consecutive_days_with_lunch_near_half_past_twelve():
    from holdmetight.domain.schedule import propose_for_steps

    weekend = [(60, 1), (90, 1), (120, 1), (150, 1), (120, 2), (120, 2), (90, 2), (90, 2)]
    meetings = propose_for_steps(weekend, first_date=date(2027, 1, 23), start_time=time(9, 30))
    assert [(m.date.day, m.start_time, m.end_time) for m in meetings] == [
        (23, time(9, 30), time(10, 30)),
        (23, time(10, 45), time(12, 15)),
        (23, time(13, 0), time(15, 0)),  # lunch 12:15–13:00
        (23, time(15, 15), time(17, 45)),
        (24, time(9, 30), time(11, 30)),
        (24, time(12, 15), time(14, 15)),  # lunch 11:30–12:15
        (24, time(14, 30), time(16, 0)),
        (24, time(16, 15), time(17, 45)),
    ]


def test_a_holiday_moves_the_second_course_day_to_the_next_day():
    from holdmetight.domain.schedule import propose_for_steps

    days = [(120, 1), (120, 2)]
    meetings = propose_for_steps(days, first_date=date(2027, 12, 24), start_time=time(9, 30))
    assert [m.date for m in meetings] == [date(2027, 12, 24), date(2027, 12, 27)]


def test_an_evening_course_day_has_no_lunch():
    meetings = propose_days(
        [(90, 1), (90, 1)], day_dates=[date(2027, 1, 23)], start_time=time(18, 0)
    )
    assert [(m.start_time, m.end_time) for m in meetings] == [
        (time(18, 0), time(19, 30)),
        (time(19, 45), time(21, 15)),
    ]
