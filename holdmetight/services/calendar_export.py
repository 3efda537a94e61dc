"""A course's meetings as an iCalendar (.ics) file for Outlook, Google and phone calendars.

Each meeting keeps the same UID across exports and carries its version as SEQUENCE, so that
importing a newer export updates the events instead of adding copies; a cancelled meeting is
exported as cancelled. Times carry the organisation's time zone, defined in the file as the
big calendar programs write it: yearly rules (see :mod:`time_zone_rules`). The file names no
couple: only the course, its step, the venue and the facilitators.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from holdmetight.domain.course import CourseStep, GroupSession
from holdmetight.domain.enums import GroupSessionStatus, Language
from holdmetight.domain.organisation import Organisation, Room, Venue
from holdmetight.i18n import _, using_language
from holdmetight.services.clock import DEFAULT_ZONE
from holdmetight.services.courses import course_by_code, get_course
from holdmetight.services.time_zone_rules import observances
from holdmetight.services.transaction import read_only

if TYPE_CHECKING:
    from icalendar import Timezone

UID_DOMAIN = "holdmetight"


def _location(venue: Venue | None, room: Room | None) -> str:
    if venue is None:
        return ""
    place = " ".join(p for p in (venue.postcode, venue.city) if p)
    name = f"{venue.name} – {room.name}" if room else venue.name
    return ", ".join(p for p in (name, venue.address, place) if p)


def time_zone_definition(name: str, *, first: date, last: date) -> Timezone:
    """The VTIMEZONE of the IANA zone ``name`` for meetings from ``first`` to ``last``."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    definition = Timezone()
    definition.add("tzid", name)
    for observance in observances(name, first=first, last=last):
        part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        part.add("dtstart", observance.start)
        part.add("tzoffsetfrom", observance.offset_before)
        part.add("tzoffsetto", observance.offset)
        part.add("tzname", observance.name)
        if observance.every_year is not None:
            part.add("rrule", observance.every_year.rrule())
        definition.add_component(part)
    return definition


@read_only
def course_calendar(session: Session, /, *, code: str) -> bytes:
    """The .ics text of one course, in the course's language."""
    from icalendar import Calendar, Event  # imported here: starting the window needs it not

    course = course_by_code(session, code)
    info = get_course(session, course_id=course.id)
    organisation = session.exec(select(Organisation)).first()
    zone = ZoneInfo(organisation.time_zone if organisation else DEFAULT_ZONE)
    language = Language(course.language).value
    rows = session.exec(
        select(GroupSession, CourseStep)
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(GroupSession.course_id == course.id)
        .order_by(col(GroupSession.date), col(GroupSession.start_time))
    ).all()
    calendar = Calendar()
    calendar.add("prodid", "-//holdmetight//Houd me vast//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{course.code} {course.title}")
    stamp = datetime.now(UTC).replace(microsecond=0)
    with using_language(language):
        people = ", ".join(f.name for f in info.facilitators)
        for gs, step in rows:
            title = step.title_nl if language == "nl" else step.title_en
            event = Event()
            event.add("uid", f"{gs.uid}@{UID_DOMAIN}")
            event.add("sequence", gs.version)
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(gs.date, gs.start_time, zone))
            event.add("dtend", datetime.combine(gs.date, gs.end_time, zone))
            event.add("summary", f"{course.title}: {title}")
            venue = session.get(Venue, gs.venue_id) if gs.venue_id else None
            room = session.get(Room, gs.room_id) if gs.room_id else None
            if venue is not None:
                event.add("location", _location(venue, room))
            lines = [
                _("Course {code}, step {n} of {total}").format(
                    code=course.code, n=step.position, total=info.step_count
                ),
                _("Facilitators: {names}").format(names=people),
            ]
            if gs.is_makeup:
                lines.append(_("Make-up meeting"))
            event.add("description", "\n".join(lines))
            cancelled = gs.status == GroupSessionStatus.CANCELLED
            event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
            calendar.add_component(event)
    if rows and zone.key in calendar.get_missing_tzids():
        first, last = rows[0][0].date, rows[-1][0].date
        calendar.subcomponents.insert(0, time_zone_definition(zone.key, first=first, last=last))
    return calendar.to_ical()
