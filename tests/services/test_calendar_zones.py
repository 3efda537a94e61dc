"""Calendar files put every meeting at its true moment in any calendar program (issue 14).

The .ics file is read back by independent readers of its VTIMEZONE: icalendar's own
transitions, dateutil's ``tzical`` and, where Node.js has it, ical.js (Thunderbird's reader,
which takes only the first date of a list). Each must place every meeting at the instant the
IANA database gives, for meetings either side of each clock change.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo, available_timezones

import pytest
from dateutil.tz import tzical
from icalendar import Calendar

from holdmetight.domain.enums import Language
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.schedule import ProposedMeeting
from holdmetight.services import calendar_export, scheduling

START, END = time(19, 30), time(21, 30)

# Tuesdays either side of the last Sunday of March and of October, in 2026 and 2027.
AMSTERDAM_TUESDAYS = [
    date(2026, 3, 24),
    date(2026, 3, 31),
    date(2026, 10, 20),
    date(2026, 10, 27),
    date(2027, 3, 23),
    date(2027, 3, 30),
    date(2027, 10, 26),
    date(2027, 11, 2),
]

Instants = list[tuple[datetime, datetime]]


def unfolded(ics: bytes) -> str:
    return re.sub(r"\r\n[ \t]", "", ics.decode())


def read_with_icalendar(ics: bytes) -> Instants:
    """icalendar's own transitions of the VTIMEZONE (not the IANA zone its TZID names)."""
    calendar = Calendar.from_ical(ics)
    (zone,) = calendar.timezones
    times, infos = zone.get_transitions()

    def instant(local: datetime) -> datetime:
        for offset in sorted({info[0] for info in infos}):
            utc = local - offset
            index = bisect_right(times, utc) - 1
            if index >= 0 and infos[index][0] == offset:
                return utc.replace(tzinfo=UTC)
        raise AssertionError(f"{local} is in no observance")

    return [
        (
            instant(event["DTSTART"].dt.replace(tzinfo=None)),
            instant(event["DTEND"].dt.replace(tzinfo=None)),
        )
        for event in calendar.walk("VEVENT")
    ]


def read_with_dateutil(ics: bytes) -> Instants:
    """dateutil's own reader of VTIMEZONEs; the events' lines are read as plain text."""
    text = unfolded(ics)
    zones = tzical(io.StringIO(text))
    found = re.findall(r"^(DTSTART|DTEND);TZID=([^:]+):(\d{8}T\d{6})\r?$", text, re.MULTILINE)
    moments = [
        datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zones.get(tzid)).astimezone(UTC)
        for _name, tzid, value in found
    ]
    assert [name for name, _tzid, _value in found] == ["DTSTART", "DTEND"] * (len(found) // 2)
    return list(zip(moments[::2], moments[1::2], strict=True))


ICAL_JS_READER = """
const ICAL = require("ical.js");
let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const instants = calendar.getAllSubcomponents("vevent").map((event) =>
    ["dtstart", "dtend"].map((name) => {
      const property = event.getFirstProperty(name);
      const time = property.getFirstValue();
      time.zone = ICAL.TimezoneService.get(property.getParameter("tzid"));
      return time.toUnixTime();
    })
  );
  process.stdout.write(JSON.stringify(instants));
});
"""


@cache
def node_with_ical_js() -> tuple[str, dict[str, str]] | None:
    """Node.js and where it finds ical.js (NODE_PATH or the global modules), if it does."""
    node = shutil.which("node")
    if node is None:
        return None
    paths = [p for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p]
    npm = shutil.which("npm")
    if npm is not None:
        done = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60)
        paths += [done.stdout.strip()] if done.returncode == 0 else []
    env = {**os.environ, "NODE_PATH": os.pathsep.join(paths)}
    found = subprocess.run(
        [node, "-e", "require('ical.js')"], capture_output=True, env=env, timeout=60
    )
    return (node, env) if found.returncode == 0 else None


def read_with_ical_js(ics: bytes) -> Instants:
    """Mozilla's ical.js, as in Thunderbird (skipped where Node.js or ical.js is missing)."""
    found = node_with_ical_js()
    if found is None:
        pytest.skip("Node.js with ical.js is not installed")
    node, env = found
    done = subprocess.run(
        [node, "-e", ICAL_JS_READER], input=ics, capture_output=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    return [
        (datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC))
        for start, end in json.loads(done.stdout)
    ]


READERS = [
    pytest.param(read_with_icalendar, id="icalendar"),
    pytest.param(read_with_dateutil, id="dateutil"),
    pytest.param(read_with_ical_js, id="ical.js"),
]


def true_instants(days: list[date], zone_name: str) -> Instants:
    zone = ZoneInfo(zone_name)
    return [
        (
            datetime.combine(day, START, zone).astimezone(UTC),
            datetime.combine(day, END, zone).astimezone(UTC),
        )
        for day in days
    ]


def exported(session, make, days: list[date], zone_name: str | None = None) -> bytes:
    """The .ics file of a course meeting on ``days`` of an organisation in ``zone_name``."""
    if zone_name is not None:
        session.add(Organisation(name="Stichting Samen", time_zone=zone_name))
        session.commit()
    lead = make.facilitator()
    scheduling.create_planned_course(
        session,
        code="HMV-26-03A",
        title="Houd me vast",
        program_code="HMT-WEEKLY",
        lead_facilitator_id=lead.id,
        co_facilitator_id=None,
        venue_id=make.venue().id,
        language=Language.NL,
        capacity=8,
        meetings=[ProposedMeeting(n, day, START, END) for n, day in enumerate(days, start=1)],
    )
    return calendar_export.course_calendar(session, code="HMV-26-03A")


def days_around_clock_changes(zone_name: str) -> list[date]:
    """Eight meeting days: the day before and the day after each of the zone's first four
    clock changes from 2026 on (weekly from 6 January 2026 where its clock never changes)."""
    zone = ZoneInfo(zone_name)
    days: list[date] = []
    day = date(2026, 1, 1)
    while len(days) < 8 and day.year < 2028:
        after = day + timedelta(days=1)
        if datetime.combine(day, START, zone).utcoffset() != (
            datetime.combine(after, START, zone).utcoffset()
        ):
            days += [day, after]
        day = after
    return days or [date(2026, 1, 6) + timedelta(weeks=n) for n in range(8)]


@pytest.mark.parametrize("read", READERS)
def test_meetings_either_side_of_both_clock_changes_keep_their_moment(session, make, read):
    ics = exported(session, make, AMSTERDAM_TUESDAYS)
    assert read(ics) == true_instants(AMSTERDAM_TUESDAYS, "Europe/Amsterdam")


def test_amsterdam_is_written_with_yearly_rules_as_outlook_and_google_write_it(session, make):
    text = unfolded(exported(session, make, AMSTERDAM_TUESDAYS))
    (zone,) = Calendar.from_ical(text).timezones
    assert "RDATE" not in text
    parts = {
        part.name: (
            part["TZOFFSETFROM"].to_ical(),
            part["TZOFFSETTO"].to_ical(),
            str(part["TZNAME"]),
            part["DTSTART"].dt.time(),
            part["RRULE"].to_ical().decode(),
        )
        for part in zone.subcomponents
    }
    assert parts == {
        "DAYLIGHT": ("+0100", "+0200", "CEST", time(2), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        "STANDARD": ("+0200", "+0100", "CET", time(3), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
    }
    for day in AMSTERDAM_TUESDAYS:
        stamp = f"{day:%Y%m%d}"
        assert f"DTSTART;TZID=Europe/Amsterdam:{stamp}T193000" in text
        assert f"DTEND;TZID=Europe/Amsterdam:{stamp}T213000" in text


ZONES = [
    "America/New_York",  # second Sunday of March, first of November
    "America/Santiago",  # changes at midnight on the Sunday on or after the 2nd
    "Australia/Sydney",  # summer time across the new year
    "Australia/Lord_Howe",  # half an hour of summer time
    "Europe/Dublin",  # winter time is the database's exception
    "Asia/Jerusalem",  # the fourth Friday of March
    "Africa/Cairo",  # midnight, the last Friday of April and of October
    "Asia/Tokyo",  # no summer time
    "Africa/Casablanca",  # winter time moves with Ramadan: no yearly rule
]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize("zone_name", ZONES)
def test_any_zone_the_organisation_sets_puts_meetings_at_their_moment(
    session, make, zone_name: str, read: Callable[[bytes], Instants]
):
    days = days_around_clock_changes(zone_name)
    ics = exported(session, make, days, zone_name)
    assert f"DTSTART;TZID={zone_name}:" in ics.decode()
    assert read(ics) == true_instants(days, zone_name)


def test_a_zone_without_summer_time_is_one_standard_observance(session, make):
    text = unfolded(exported(session, make, days_around_clock_changes("Asia/Tokyo"), "Asia/Tokyo"))
    (zone,) = Calendar.from_ical(text).timezones
    (standard,) = zone.subcomponents
    assert standard.name == "STANDARD" and str(standard["TZNAME"]) == "JST"
    assert standard["TZOFFSETFROM"].to_ical() == standard["TZOFFSETTO"].to_ical() == "+0900"


def test_a_zone_without_yearly_rules_is_written_change_by_change_never_as_a_list(session, make):
    """Casablanca: its offset at the start of the year before the first meeting, then each
    change as an observance with its own start, which every reader understands."""
    days = days_around_clock_changes("Africa/Casablanca")
    text = unfolded(exported(session, make, days, "Africa/Casablanca"))
    (zone,) = Calendar.from_ical(text).timezones
    starts = [part["DTSTART"].dt for part in zone.subcomponents]
    assert len(starts) > 4 and starts == sorted(set(starts))
    assert "RRULE" not in text and "RDATE" not in text


@pytest.mark.slow
def test_every_zone_of_the_database_is_read_back_as_the_database_has_it():
    """Any zone an organisation may set: at noon on the 1st and 15th of each month of 2026 and
    2027 and on the days either side of each change, dateutil's reading of the written
    VTIMEZONE gives the offset the IANA database gives."""
    first, last = date(2026, 1, 1), date(2027, 12, 31)
    wrong = []
    for name in sorted(available_timezones()):
        zone = ZoneInfo(name)
        text = calendar_export.time_zone_definition(name, first=first, last=last).to_ical()
        theirs = tzical(io.StringIO(text.decode())).get()
        noon = [datetime.combine(first + timedelta(days=n), time(12)) for n in range(730)]
        days = {
            moment
            for before, after in pairwise(noon)
            if before.day in (1, 15)
            or before.replace(tzinfo=zone).utcoffset() != after.replace(tzinfo=zone).utcoffset()
            for moment in (before, after)
        }
        wrong += [
            (name, moment)
            for moment in sorted(days)
            if moment.replace(tzinfo=zone).utcoffset() != moment.replace(tzinfo=theirs).utcoffset()
        ]
    assert wrong == []
