"""School holidays: the organisation chooses its region, planning passes over that region's
holidays, and a date beyond the school years the table knows gives a warning."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from holdmetight.domain.enums import SchoolRegion
from holdmetight.domain.schedule import propose_weekly
from holdmetight.errors import ConflictError, ValidationError
from holdmetight.services import group_sessions, organisations, scheduling, school_holidays
from holdmetight.services.school_holidays import OFFICIAL_NAMES, read_official_periods

TUESDAY_EVENING = time(19, 30)


def choose_region(session, region: SchoolRegion | None):
    org = organisations.get_organisation(session) or organisations.save_organisation(
        session, name="Wijkteam Oost"
    )
    return organisations.save_course_settings(
        session,
        version=org.version,
        offer_answer_days=org.offer_answer_days,
        intake_required=org.intake_required,
        school_region=region,
    )


def weekly_dates(session, first: date, *, skip_school_holidays: bool = True) -> list[date]:
    meetings = scheduling.propose_schedule(
        session,
        program_code="HMT-WEEKLY",
        first_date=first,
        start_time=TUESDAY_EVENING,
        skip_school_holidays=skip_school_holidays,
    )
    return [m.date for m in meetings]


def periods(session, region: SchoolRegion, name: str):
    return [
        h for h in school_holidays.list_school_holidays(session, region=region) if h.name == name
    ]


def test_planning_skips_the_autumn_holiday_of_the_chosen_region(session):
    choose_region(session, SchoolRegion.MIDDLE)
    dates = weekly_dates(session, date(2026, 10, 6))
    assert date(2026, 10, 20) not in dates, "the autumn holiday of region midden"
    assert dates[:3] == [date(2026, 10, 6), date(2026, 10, 13), date(2026, 10, 27)]
    assert len(dates) == 8


def test_the_north_has_its_autumn_holiday_a_week_earlier(session):
    choose_region(session, SchoolRegion.NORTH)
    dates = weekly_dates(session, date(2026, 10, 6))
    assert dates[:3] == [date(2026, 10, 6), date(2026, 10, 20), date(2026, 10, 27)]


def test_without_the_option_school_holidays_are_planned_over(session):
    choose_region(session, SchoolRegion.MIDDLE)
    dates = weekly_dates(session, date(2026, 10, 6), skip_school_holidays=False)
    assert date(2026, 10, 20) in dates


def test_a_course_over_the_summer_resumes_after_it(session):
    choose_region(session, SchoolRegion.MIDDLE)
    dates = weekly_dates(session, date(2027, 6, 1))
    assert dates[6] == date(2027, 7, 13)
    assert dates[7] == date(2027, 8, 31), "the summer holiday of midden ends on 29 August"


def test_dates_beyond_the_table_give_a_warning(session):
    choose_region(session, SchoolRegion.MIDDLE)
    dates = weekly_dates(session, date(2029, 6, 5))
    warning = scheduling.school_holiday_warning(session, dates=dates)
    assert warning is not None
    assert "school years 2025-2026, 2026-2027, 2027-2028, 2028-2029 only" in warning
    assert "21 Aug 2029" in warning, "the first meeting whose school year is unknown"


def test_dates_inside_the_known_school_years_give_no_warning(session):
    choose_region(session, SchoolRegion.MIDDLE)
    dates = weekly_dates(session, date(2026, 10, 6))
    assert scheduling.school_holiday_warning(session, dates=dates) is None


def test_a_region_without_any_periods_says_so(session):
    choose_region(session, SchoolRegion.NORTH)
    for holiday in school_holidays.list_school_holidays(session, region=SchoolRegion.NORTH):
        school_holidays.delete_school_holiday(
            session, holiday_id=holiday.id, version=holiday.version
        )
    warning = scheduling.school_holiday_warning(session, dates=[date(2026, 10, 13)])
    assert warning is not None and "No school holidays are known for region north" in warning


def test_without_a_region_school_holidays_cannot_be_skipped(session):
    organisations.save_organisation(session, name="Wijkteam Oost")
    with pytest.raises(ValidationError, match="school-holiday region"):
        weekly_dates(session, date(2026, 10, 6))
    assert scheduling.school_holiday_warning(session, dates=[date(2030, 1, 8)]) is None


def test_choosing_a_region_fills_in_its_official_periods(session):
    info = choose_region(session, SchoolRegion.MIDDLE)
    assert info.school_region is SchoolRegion.MIDDLE
    stored = school_holidays.list_school_holidays(session, region=SchoolRegion.MIDDLE)
    assert {h.school_year for h in stored} == {"2025-2026", "2026-2027", "2027-2028", "2028-2029"}
    assert len(stored) == 20
    assert school_holidays.list_school_holidays(session, region=SchoolRegion.SOUTH) == []
    autumn = periods(session, SchoolRegion.MIDDLE, "herfstvakantie")
    assert [(h.first_day, h.last_day) for h in autumn][1] == (
        date(2026, 10, 17),
        date(2026, 10, 25),
    )
    assert autumn[0].label == "autumn holiday"


def test_edited_period_is_kept_when_seeding_again(session):
    choose_region(session, SchoolRegion.MIDDLE)
    autumn = periods(session, SchoolRegion.MIDDLE, "herfstvakantie")[1]
    school_holidays.change_school_holiday(
        session,
        holiday_id=autumn.id,
        version=autumn.version,
        school_year="2026-2027",
        name="herfstvakantie",
        first_day=date(2026, 10, 17),
        last_day=date(2026, 10, 28),
    )
    choose_region(session, SchoolRegion.MIDDLE)
    assert school_holidays.seed_school_holidays(session, region=SchoolRegion.MIDDLE) == 0
    assert school_holidays.restore_official_periods(session, region=SchoolRegion.MIDDLE) == 0
    kept = periods(session, SchoolRegion.MIDDLE, "herfstvakantie")[1]
    assert kept.last_day == date(2026, 10, 28)
    assert date(2026, 10, 27) not in weekly_dates(session, date(2026, 10, 6))


def test_a_deleted_period_comes_back_only_when_restored(session):
    choose_region(session, SchoolRegion.MIDDLE)
    may = periods(session, SchoolRegion.MIDDLE, "meivakantie")[1]
    school_holidays.delete_school_holiday(session, holiday_id=may.id, version=may.version)
    choose_region(session, SchoolRegion.MIDDLE)
    assert len(periods(session, SchoolRegion.MIDDLE, "meivakantie")) == 3
    assert school_holidays.restore_official_periods(session, region=SchoolRegion.MIDDLE) == 1
    restored = periods(session, SchoolRegion.MIDDLE, "meivakantie")[1]
    assert (restored.first_day, restored.last_day) == (date(2027, 4, 24), date(2027, 5, 2))


def test_the_organisation_adds_a_school_year_itself_and_the_warning_goes(session):
    choose_region(session, SchoolRegion.MIDDLE)
    added = school_holidays.add_school_holiday(
        session,
        region=SchoolRegion.MIDDLE,
        school_year="2029-2030",
        name="Herfstvakantie",
        first_day=date(2029, 10, 13),
        last_day=date(2029, 10, 21),
    )
    assert added.name == "herfstvakantie", "an official name is kept in one spelling"
    dates = weekly_dates(session, date(2029, 10, 2))
    assert date(2029, 10, 16) not in dates
    assert scheduling.school_holiday_warning(session, dates=dates) is None
    assert school_holidays.covered_school_years(session, region=SchoolRegion.MIDDLE)[-1] == (
        "2029-2030"
    )


def test_a_weekly_course_is_planned_around_the_christmas_holiday(session, make):
    choose_region(session, SchoolRegion.NORTH)
    course = make.course("HMV-26-11A")
    planned = group_sessions.plan_weekly(
        session,
        course_id=course.row.id,
        first_date=date(2026, 11, 17),
        start_time=TUESDAY_EVENING,
        skip_school_holidays=True,
    )
    dates = [s.date for s in planned]
    assert date(2026, 12, 22) not in dates and date(2026, 12, 29) not in dates
    assert dates[5] == date(2027, 1, 5)


def test_intensive_course_days_move_out_of_a_school_holiday(session):
    choose_region(session, SchoolRegion.MIDDLE)
    meetings = scheduling.propose_schedule(
        session,
        program_code="HMT-INTENSIVE",
        first_date=date(2027, 2, 27),
        start_time=time(9, 30),
        skip_school_holidays=True,
    )
    assert {m.date for m in meetings} == {date(2027, 3, 1), date(2027, 3, 2)}


@pytest.mark.parametrize(
    ("school_year", "first", "last", "message"),
    [
        ("2026-2027", date(2026, 10, 25), date(2026, 10, 17), "cannot come before its first"),
        ("2026-2027", date(2027, 10, 16), date(2027, 10, 24), "must lie between"),
        ("2026/27", date(2026, 10, 17), date(2026, 10, 25), "is not a school year"),
        ("2026-2028", date(2026, 10, 17), date(2026, 10, 25), "is not a school year"),
    ],
)
def test_a_period_that_does_not_fit_is_refused(session, school_year, first, last, message):
    with pytest.raises(ValidationError, match=message):
        school_holidays.add_school_holiday(
            session,
            region=SchoolRegion.SOUTH,
            school_year=school_year,
            name="herfstvakantie",
            first_day=first,
            last_day=last,
        )
    assert school_holidays.list_school_holidays(session, region=SchoolRegion.SOUTH) == []


def test_a_second_period_of_the_same_name_in_a_year_is_refused(session):
    choose_region(session, SchoolRegion.SOUTH)
    with pytest.raises(ValidationError, match="already has a period called autumn holiday"):
        school_holidays.add_school_holiday(
            session,
            region=SchoolRegion.SOUTH,
            school_year="2025-2026",
            name="herfstvakantie",
            first_day=date(2025, 10, 18),
            last_day=date(2025, 10, 26),
        )


def test_a_period_needs_a_name(session):
    with pytest.raises(ValidationError, match="Name is required"):
        school_holidays.add_school_holiday(
            session,
            region=SchoolRegion.SOUTH,
            school_year="2026-2027",
            name="  ",
            first_day=date(2026, 10, 17),
            last_day=date(2026, 10, 25),
        )


def test_a_period_someone_else_changed_is_not_overwritten(session):
    choose_region(session, SchoolRegion.MIDDLE)
    autumn = periods(session, SchoolRegion.MIDDLE, "herfstvakantie")[0]
    school_holidays.change_school_holiday(
        session,
        holiday_id=autumn.id,
        version=autumn.version,
        school_year=autumn.school_year,
        name="herfstvakantie",
        first_day=autumn.first_day,
        last_day=autumn.last_day + timedelta(days=1),
    )
    with pytest.raises(ConflictError):
        school_holidays.delete_school_holiday(session, holiday_id=autumn.id, version=autumn.version)


def test_course_settings_are_saved_and_checked(session):
    info = choose_region(session, None)
    assert (info.offer_answer_days, info.intake_required, info.school_region) == (7, True, None)
    changed = organisations.save_course_settings(
        session,
        version=info.version,
        offer_answer_days=14,
        intake_required=False,
        school_region=SchoolRegion.SOUTH,
    )
    assert (changed.offer_answer_days, changed.intake_required) == (14, False)
    assert organisations.school_region(session) is SchoolRegion.SOUTH
    with pytest.raises(ValidationError, match="between 1 and 60"):
        organisations.save_course_settings(
            session,
            version=changed.version,
            offer_answer_days=61,
            intake_required=True,
            school_region=SchoolRegion.SOUTH,
        )


def test_course_settings_need_an_organisation(session):
    with pytest.raises(ValidationError, match="organisation's name first"):
        organisations.save_course_settings(
            session,
            version=None,
            offer_answer_days=7,
            intake_required=True,
            school_region=SchoolRegion.MIDDLE,
        )


def test_the_pure_proposal_passes_over_the_school_holiday_days_it_is_given():
    autumn = {date(2026, 10, 17) + timedelta(days=n) for n in range(9)}
    meetings = propose_weekly(
        [120] * 3, first_date=date(2026, 10, 13), start_time=TUESDAY_EVENING, school_holidays=autumn
    )
    assert [m.date for m in meetings] == [date(2026, 10, 13), date(2026, 10, 27), date(2026, 11, 3)]


def test_the_shipped_file_names_its_source_and_covers_each_holiday_per_region_and_year():
    official = read_official_periods()
    assert "Rijksoverheid" in official.source and official.made == date(2026, 11, 26)
    by_region: dict[SchoolRegion, dict[str, list[str]]] = {}
    for period in official.periods:
        by_region.setdefault(period.region, {}).setdefault(period.school_year, []).append(
            period.name
        )
        assert period.first_day <= period.last_day
        assert period.first_day.weekday() == 5 and period.last_day.weekday() == 6, (
            "Saturday to Sunday, as Rijksoverheid lists them"
        )
    assert set(by_region) == set(SchoolRegion)
    for region, years in by_region.items():
        assert "2025-2026" in years, region
        for year, names in years.items():
            assert sorted(names) == sorted(OFFICIAL_NAMES), (region, year)


def test_christmas_and_may_are_the_same_in_every_region_that_has_the_year():
    official = read_official_periods()
    for name in ("kerstvakantie", "meivakantie"):
        for year in {p.school_year for p in official.periods}:
            spans = {
                (p.first_day, p.last_day)
                for p in official.periods
                if p.name == name and p.school_year == year
            }
            assert len(spans) == 1, (name, year)
