"""The two tables on a course's page: its group sessions and its enrolled couples."""

from __future__ import annotations

from typing import Any

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.domain.names import fold
from holdmetight.i18n import _, format_time, format_weekday, short_date
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.ui.models.row_table import Column, RowTableModel, or_dash

(
    COL_SESSION_STEP,
    COL_SESSION_DAY,
    COL_SESSION_DATE,
    COL_SESSION_TIME,
    COL_SESSION_VENUE,
    COL_SESSION_STATUS,
) = range(6)
COL_ENROLLMENT_NAMES, COL_ENROLLMENT_LANGUAGES, COL_ENROLLMENT_STATUS = range(3)


def _session_status(s: GroupSessionInfo) -> str:
    if s.is_makeup:
        return _("{status} (make-up)").format(status=s.status.label)
    return s.status.label


class GroupSessionTableModel(RowTableModel[GroupSessionInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: _("Step"),
                    lambda s: f"{s.position}. {s.step_title}",
                    sort_key=lambda s: s.position,
                ),
                Column(
                    lambda: _("Day"),
                    lambda s: format_weekday(s.date),
                    sort_key=lambda s: s.date.isoformat(),
                ),
                Column(
                    lambda: _("Date"),
                    lambda s: short_date(s.date),
                    sort_key=lambda s: s.date.isoformat(),
                ),
                Column(
                    lambda: _("Time"),
                    lambda s: f"{format_time(s.start_time)}–{format_time(s.end_time)}",
                ),
                Column(lambda: _("Venue"), lambda s: or_dash(s.place)),
                Column(lambda: _("Status"), _session_status),
            ],
            parent,
        )


def _enrollment_status(e: EnrollmentInfo) -> str:
    if e.status is EnrollmentStatus.WAITLISTED and e.waitlist_position:
        if e.offer_answer_by is not None:
            return _("waiting list, no. {n}, offered a place").format(n=e.waitlist_position)
        return _("waiting list, no. {n}").format(n=e.waitlist_position)
    if e.status is EnrollmentStatus.WITHDRAWN and not e.had_place:
        return _("left the waiting list")
    return e.status.label


class EnrollmentTableModel(RowTableModel[EnrollmentInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Couple"), lambda e: e.names),
                Column(
                    lambda: _("Language"),
                    lambda e: " / ".join(lang.value.upper() for lang in e.languages),
                ),
                Column(
                    lambda: _("Status"),
                    _enrollment_status,
                    tooltip=lambda e: e.status_reason or e.not_ready or e.override_reason,
                    sort_key=lambda e: (fold(e.status.label), e.waitlist_position or 0),
                ),
            ],
            parent,
        )
