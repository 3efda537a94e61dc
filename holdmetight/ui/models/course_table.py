"""The course list: code, title, dates, places taken and status, fetched a page at a time and
sorted by the database (a click on a header reads the list again in that order)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from holdmetight.i18n import _, format_number, ngettext, short_date
from holdmetight.services.course_list import CourseOrder, CourseRow
from holdmetight.services.waiting_list import WaitingTime
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import Column

COL_CODE, COL_TITLE, COL_DATES, COL_ENROLLED, COL_STATUS = range(5)


def course_dates(first: date | None, last: date | None) -> str:
    """ "9 mrt 2027 – 4 mei 2027", or a dash when nothing is planned yet."""
    if first is None or last is None:
        return "–"
    if first == last:
        return short_date(first)
    return f"{short_date(first)} – {short_date(last)}"


def places(row: CourseRow) -> str:
    """ "5/6 (+3 waiting, 1 offered a place)": taken of capacity, then the waiting list."""
    text = f"{row.enrolled}/{row.capacity}"
    if row.waitlisted and row.offered:
        text += " " + _("(+{n} waiting, {offered} offered a place)").format(
            n=row.waitlisted, offered=row.offered
        )
    elif row.waitlisted:
        text += " " + _("(+{n} waiting)").format(n=row.waitlisted)
    return text


def waiting_time_text(waited: WaitingTime) -> str:
    """ "median 34 days from application to the first meeting (6 couples)" or a dash."""
    if waited.median_days is None:
        return "–"
    days = format_number(Decimal(str(waited.median_days)))
    return ngettext(
        "median {days} days from application to the first meeting ({n} couple)",
        "median {days} days from application to the first meeting ({n} couples)",
        waited.couples,
    ).format(days=days, n=waited.couples)


class CourseTableModel(PagedTableModel[CourseRow, CourseOrder]):
    """Opens with the courses starting latest first, as the office plans ahead."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Code"), lambda r: r.code),
                Column(lambda: _("Title"), lambda r: r.title),
                Column(lambda: _("Dates"), lambda r: course_dates(r.first_date, r.last_date)),
                Column(lambda: _("Enrolled"), places, align_right=True),
                Column(lambda: _("Status"), lambda r: r.status.label),
            ],
            parent,
            orders=[
                CourseOrder.CODE,
                CourseOrder.TITLE,
                CourseOrder.DATES,
                CourseOrder.ENROLLED,
                CourseOrder.STATUS,
            ],
            order=(COL_DATES, Qt.SortOrder.DescendingOrder),
        )
