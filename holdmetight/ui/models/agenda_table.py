"""The agenda: meetings of all courses in time order."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _, format_time, format_weekday, short_date
from holdmetight.services.agenda import AgendaItem
from holdmetight.ui.models.row_table import Column, RowTableModel, or_dash

(
    COL_DAY,
    COL_DATE,
    COL_TIME,
    COL_COURSE,
    COL_STEP,
    COL_VENUE,
    COL_FACILITATORS,
    COL_STATUS,
) = range(8)


def _status(item: AgendaItem) -> str:
    if item.is_makeup:
        return _("{status} (make-up)").format(status=item.status.label)
    return item.status.label


class AgendaTableModel(RowTableModel[AgendaItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: _("Day"),
                    lambda i: format_weekday(i.date),
                    sort_key=lambda i: (i.date.isoformat(), i.start_time.isoformat()),
                ),
                Column(
                    lambda: _("Date"),
                    lambda i: short_date(i.date),
                    sort_key=lambda i: (i.date.isoformat(), i.start_time.isoformat()),
                ),
                Column(
                    lambda: _("Time"),
                    lambda i: f"{format_time(i.start_time)}–{format_time(i.end_time)}",
                ),
                Column(
                    lambda: _("Course"),
                    lambda i: i.course_code,
                    tooltip=lambda i: i.course_title,
                ),
                Column(lambda: _("Step"), lambda i: f"{i.position}. {i.step_title}"),
                Column(lambda: _("Venue"), lambda i: or_dash(i.venue_name)),
                Column(lambda: _("Facilitators"), lambda i: or_dash(i.facilitators)),
                Column(lambda: _("Status"), _status),
            ],
            parent,
        )
