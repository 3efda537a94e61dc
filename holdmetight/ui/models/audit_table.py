"""The audit trail, newest first: fetched a page at a time as the view scrolls (ten years of an
office hold hundreds of thousands of entries); the database keeps the order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from holdmetight.i18n import _, format_time, short_date
from holdmetight.services.audit_trail import AuditRow, action_label, detail_label, record_label
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import Column

NEWEST_FIRST = "newest first"


def _record(row: AuditRow) -> str:
    label = record_label(row.record)
    return f"{label} {row.record_id}" if row.record_id is not None else label


def _couple(row: AuditRow) -> str:
    if row.couple_id is None:
        return ""
    # An anonymised couple has no names left: its number says which it was.
    return f"{row.couple_id}: {row.couple}" if row.couple else str(row.couple_id)


class AuditTableModel(PagedTableModel[AuditRow, str]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("When"), lambda r: f"{short_date(r.at)} {format_time(r.at)}"),
                Column(lambda: _("Who"), lambda r: r.user),
                Column(lambda: _("What"), lambda r: action_label(r.action, r.record)),
                Column(lambda: _("Record"), _record),
                Column(lambda: _("Couple"), _couple),
                Column(lambda: _("Details"), lambda r: detail_label(r.detail)),
            ],
            parent,
            orders=[NEWEST_FIRST] * 6,
            order=(0, Qt.SortOrder.DescendingOrder),
            identity=lambda r: r.id,
        )
