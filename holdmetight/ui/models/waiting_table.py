"""A course's waiting list in fair order: who waits how long, who holds an offer."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _, ngettext, short_date
from holdmetight.services.waiting_list import WaitingCouple
from holdmetight.ui.models.row_table import Column, RowTableModel

COL_POSITION, COL_NAMES, COL_APPLIED, COL_WAITING, COL_STATE = range(5)


def waiting_state(w: WaitingCouple) -> str:
    """Where the couple stands: an open offer (and until when), or why it cannot have a place."""
    if w.offer is not None:
        if w.offer_expired:
            return _("offered a place; the answer-by day {date} has passed").format(
                date=short_date(w.offer.answer_by)
            )
        return _("offered a place: answer by {date}").format(date=short_date(w.offer.answer_by))
    return w.not_ready or _("waiting")


def days_waiting(w: WaitingCouple) -> str:
    return ngettext("{n} day", "{n} days", w.days_waiting).format(n=w.days_waiting)


class WaitingTableModel(RowTableModel[WaitingCouple]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("No."), lambda w: str(w.position), align_right=True),
                Column(lambda: _("Couple"), lambda w: w.names),
                Column(lambda: _("Applied"), lambda w: short_date(w.applied_on)),
                Column(lambda: _("Waiting"), days_waiting, align_right=True),
                Column(lambda: _("Where they stand"), waiting_state),
            ],
            parent,
            identity=lambda w: w.enrollment_id,
        )
