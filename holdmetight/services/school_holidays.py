"""Dutch school holidays per region: the organisation's own table, seeded from the official
periods shipped in ``resources/school_holidays.toml``.

Planning can pass over the school holidays of the organisation's region. The table only knows
the school years somebody entered or the application shipped; a date in any other school year
gets a warning, so that a missing year never passes silently as "no holiday".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from holdmetight.domain.enums import SchoolRegion
from holdmetight.domain.organisation import SchoolHoliday
from holdmetight.errors import ValidationError
from holdmetight.i18n import N_, _, format_date, gettext
from holdmetight.installation import resources_dir
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work

# The official names as the file and the table hold them, with their English labels.
OFFICIAL_NAMES: dict[str, str] = {
    "herfstvakantie": N_("autumn holiday"),
    "kerstvakantie": N_("Christmas holiday"),
    "voorjaarsvakantie": N_("spring holiday"),
    "meivakantie": N_("May holiday"),
    "zomervakantie": N_("summer holiday"),
}

_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
# The school year runs from 1 August; its summer holiday may reach into September.
SCHOOL_YEAR_STARTS = (8, 1)
LAST_HOLIDAY_DAY = (9, 30)


def official_file() -> Path:
    return resources_dir() / "school_holidays.toml"


@dataclass(frozen=True)
class OfficialPeriod:
    region: SchoolRegion
    school_year: str
    name: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class OfficialPeriods:
    """The shipped periods and where they come from."""

    source: str
    made: date
    periods: tuple[OfficialPeriod, ...]


@dataclass(frozen=True)
class SchoolHolidayInfo:
    id: int
    region: SchoolRegion
    school_year: str
    name: str
    first_day: date
    last_day: date
    version: int

    @property
    def label(self) -> str:
        """The period's name in the interface language (an official one translated)."""
        return holiday_label(self.name)


def holiday_label(name: str) -> str:
    official = OFFICIAL_NAMES.get(name.casefold())
    return gettext(official) if official else name


def school_year_of(day: date) -> str:
    """The school year a day belongs to: "2026-2027" from 1 August 2026 to 31 July 2027."""
    start = day.year if (day.month, day.day) >= SCHOOL_YEAR_STARTS else day.year - 1
    return f"{start}-{start + 1}"


def _school_year_start(school_year: str) -> int:
    match = _SCHOOL_YEAR.match(school_year.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("{value} is not a school year; write it like 2026-2027.").format(value=school_year),
            field="school_year",
        )
    return int(match.group(1))


def read_official_periods(path: Path | None = None) -> OfficialPeriods:
    """The periods in the shipped file, checked: a broken file is an error, never a gap."""
    path = path or official_file()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    periods = []
    for row in data["periods"]:
        period = OfficialPeriod(
            region=SchoolRegion(row["region"]),
            school_year=str(row["school_year"]),
            name=str(row["name"]),
            first_day=row["first_day"],
            last_day=row["last_day"],
        )
        _check_period(period.school_year, period.first_day, period.last_day)
        periods.append(period)
    return OfficialPeriods(source=str(data["source"]), made=data["made"], periods=tuple(periods))


def _check_period(school_year: str, first_day: date, last_day: date) -> str:
    start = _school_year_start(school_year)
    if last_day < first_day:
        raise ValidationError(
            _("The last day of a holiday cannot come before its first day."), field="last_day"
        )
    earliest = date(start, *SCHOOL_YEAR_STARTS)
    latest = date(start + 1, *LAST_HOLIDAY_DAY)
    if first_day < earliest or last_day > latest:
        raise ValidationError(
            _("A holiday of school year {year} must lie between {first} and {last}.").format(
                year=f"{start}-{start + 1}", first=format_date(earliest), last=format_date(latest)
            ),
            field="first_day",
        )
    return f"{start}-{start + 1}"


def _info(row: SchoolHoliday) -> SchoolHolidayInfo:
    assert row.id is not None
    return SchoolHolidayInfo(
        id=row.id,
        region=SchoolRegion(row.region),
        school_year=row.school_year,
        name=row.name,
        first_day=row.first_day,
        last_day=row.last_day,
        version=row.version,
    )


def _rows(session: Session, region: SchoolRegion) -> list[SchoolHoliday]:
    return list(
        session.exec(
            select(SchoolHoliday)
            .where(SchoolHoliday.region == region)
            .order_by(col(SchoolHoliday.first_day), col(SchoolHoliday.name))
        )
    )


@read_only
def list_school_holidays(session: Session, /, *, region: SchoolRegion) -> list[SchoolHolidayInfo]:
    """A region's periods in date order."""
    return [_info(row) for row in _rows(session, region)]


@unit_of_work
def restore_official_periods(
    session: Session, /, *, region: SchoolRegion, path: Path | None = None
) -> int:
    """Add the official periods of ``region`` that the table lacks (by school year and name);
    periods the organisation entered or changed stay as they are. Returns how many were added."""
    present = {(row.school_year, row.name.casefold()) for row in _rows(session, region)}
    added = 0
    for period in read_official_periods(path).periods:
        if period.region != region or (period.school_year, period.name) in present:
            continue
        session.add(
            SchoolHoliday(
                region=region,
                school_year=period.school_year,
                name=period.name,
                first_day=period.first_day,
                last_day=period.last_day,
            )
        )
        added += 1
    if added:
        session.flush()
        audit(session, action="restore", entity="school_holiday", entity_id=None)
    return added


@unit_of_work
def seed_school_holidays(
    session: Session, /, *, region: SchoolRegion, path: Path | None = None
) -> int:
    """Fill a region's empty table with the official periods; a region that has any periods
    already is left alone (so seeding again never undoes the organisation's own changes)."""
    if _rows(session, region):
        return 0
    return restore_official_periods(session, region=region, path=path)


def _name(value: str) -> str:
    name = check.text(value, field="name", label=_("Name"), max_length=100)
    return name.casefold() if name.casefold() in OFFICIAL_NAMES else name


def _refuse_duplicate(
    session: Session, region: SchoolRegion, school_year: str, name: str, own_id: int | None
) -> None:
    for row in _rows(session, region):
        if row.id != own_id and row.school_year == school_year and row.name == name:
            raise ValidationError(
                _("School year {year} already has a period called {name}.").format(
                    year=school_year, name=holiday_label(name)
                ),
                field="name",
            )


@unit_of_work
def add_school_holiday(
    session: Session,
    /,
    *,
    region: SchoolRegion,
    school_year: str,
    name: str,
    first_day: date,
    last_day: date,
) -> SchoolHolidayInfo:
    """A period the organisation adds itself (a new school year, or a holiday of its own)."""
    cleaned = _name(name)
    year = _check_period(school_year, first_day, last_day)
    _refuse_duplicate(session, region, year, cleaned, None)
    row = SchoolHoliday(
        region=region, school_year=year, name=cleaned, first_day=first_day, last_day=last_day
    )
    session.add(row)
    session.flush()
    audit(session, action="create", entity="school_holiday", entity_id=row.id)
    return _info(row)


@unit_of_work
def change_school_holiday(
    session: Session,
    /,
    *,
    holiday_id: int,
    version: int,
    school_year: str,
    name: str,
    first_day: date,
    last_day: date,
) -> SchoolHolidayInfo:
    """Change a period's name, school year or days."""
    row = check.get_or_fail(
        session, SchoolHoliday, holiday_id, what=lambda: _("The school holiday")
    )
    check.check_version(row, version)
    cleaned = _name(name)
    year = _check_period(school_year, first_day, last_day)
    _refuse_duplicate(session, SchoolRegion(row.region), year, cleaned, row.id)
    row.school_year, row.name, row.first_day, row.last_day = year, cleaned, first_day, last_day
    session.flush()
    audit(session, action="update", entity="school_holiday", entity_id=row.id)
    return _info(row)


@unit_of_work
def delete_school_holiday(session: Session, /, *, holiday_id: int, version: int) -> None:
    """Remove a period (planning then no longer passes over it)."""
    row = check.get_or_fail(
        session, SchoolHoliday, holiday_id, what=lambda: _("The school holiday")
    )
    check.check_version(row, version)
    session.delete(row)
    session.flush()
    audit(session, action="delete", entity="school_holiday", entity_id=holiday_id)


@read_only
def holiday_dates(
    session: Session, /, *, region: SchoolRegion, first: date, last: date
) -> set[date]:
    """Every day between ``first`` and ``last`` (inclusive) that lies in a school holiday of
    ``region``, as far as the table knows them (see :func:`coverage_warning`)."""
    rows = session.exec(
        select(SchoolHoliday)
        .where(SchoolHoliday.region == region)
        .where(SchoolHoliday.last_day >= first)
        .where(SchoolHoliday.first_day <= last)
    ).all()
    days: set[date] = set()
    for row in rows:
        day = max(row.first_day, first)
        while day <= min(row.last_day, last):
            days.add(day)
            day += timedelta(days=1)
    return days


# How far ahead planning looks for school holidays to pass over: any course ends sooner.
PLANNING_HORIZON = timedelta(days=3 * 366)


def days_to_skip(session: Session, region: SchoolRegion | None, first: date) -> set[date]:
    """The school-holiday days of ``region`` from ``first`` on, for planning to pass over;
    refused without a region (planning would otherwise skip nothing without saying so)."""
    if region is None:
        raise ValidationError(
            _("Choose the organisation's school-holiday region in the settings first."),
            field="skip_school_holidays",
        )
    return holiday_dates(session, region=region, first=first, last=first + PLANNING_HORIZON)


@read_only
def covered_school_years(session: Session, /, *, region: SchoolRegion) -> list[str]:
    """The school years for which the table holds periods of ``region``, in order."""
    years = session.exec(
        select(SchoolHoliday.school_year).where(SchoolHoliday.region == region).distinct()
    ).all()
    return sorted(years)


@read_only
def coverage_warning(
    session: Session, /, *, region: SchoolRegion, dates: Iterable[date]
) -> str | None:
    """A warning when some of ``dates`` fall in a school year the table does not cover for
    ``region`` (its school holidays there are unknown, so they could not be skipped)."""
    wanted = sorted(set(dates))
    if not wanted:
        return None
    covered = set(covered_school_years(session, region=region))
    inside = holiday_dates(session, region=region, first=wanted[0], last=wanted[-1])
    beyond = [d for d in wanted if school_year_of(d) not in covered and d not in inside]
    if not beyond:
        return None
    if not covered:
        return _(
            "No school holidays are known for region {region}, so none were skipped. "
            "Add them under Settings, School holidays…"
        ).format(region=region.label)
    return _(
        "The school holidays of region {region} are known for school years {years} only; "
        "{date} lies outside them, so no holidays could be skipped there. Add the periods "
        "under Settings, School holidays…"
    ).format(
        region=region.label,
        years=", ".join(sorted(covered)),
        date=format_date(beyond[0]),
    )
