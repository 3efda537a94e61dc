"""The attendance grid: two rows per couple (one per partner), a column per meeting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from holdmetight.domain.completion import CompletionState
from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.i18n import _, long_date, short_date
from holdmetight.services.attendance import AttendanceGrid, GridCouple, GridMeeting

Index = QModelIndex | QPersistentModelIndex

COLOURS = {
    AttendanceStatus.PRESENT: QColor("#d8f0d2"),
    AttendanceStatus.LATE: QColor("#fbefc4"),
    AttendanceStatus.EXCUSED: QColor("#dbe7f7"),
    AttendanceStatus.ABSENT: QColor("#f6d3d0"),
}
CANCELLED = QColor("#e4e4e4")
AT_RISK = QColor("#f6d3d0")


def not_started_text() -> str:
    return _("not started yet: attendance can be recorded once the meeting has begun")


class AttendanceGridModel(QAbstractTableModel):
    """Column 0 names the partner, then one column per meeting, then the completion standing."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: AttendanceGrid | None = None

    def load(self, grid: AttendanceGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    @property
    def meetings(self) -> tuple[GridMeeting, ...]:
        return self.grid.meetings if self.grid else ()

    @property
    def couples(self) -> tuple[GridCouple, ...]:
        return self.grid.couples if self.grid else ()

    def completion_column(self) -> int:
        return len(self.meetings) + 1

    def couple_at(self, row: int) -> GridCouple:
        return self.couples[row // 2]

    def meeting_at(self, column: int) -> GridMeeting | None:
        return self.meetings[column - 1] if 1 <= column <= len(self.meetings) else None

    def status_at(self, row: int, column: int) -> AttendanceStatus | None:
        meeting = self.meeting_at(column)
        if self.grid is None or meeting is None:
            return None
        return self.grid.mark(self.couple_at(row).enrollment_id, meeting.id)[row % 2]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 * len(self.couples)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.grid else len(self.meetings) + 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        row, column = index.row(), index.column()
        couple = self.couple_at(row)
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return couple.partner_names[row % 2]
            return None
        if column == self.completion_column():
            return self._completion(couple, row, role)
        meeting = self.meeting_at(column)
        assert meeting is not None
        status = self.status_at(row, column)
        cancelled = meeting.status is GroupSessionStatus.CANCELLED
        if role == Qt.ItemDataRole.DisplayRole:
            return "–" if cancelled else (status.label if status else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            if cancelled or not meeting.started:
                return QBrush(CANCELLED)
            return QBrush(COLOURS[status]) if status else None
        if role == Qt.ItemDataRole.ToolTipRole and not meeting.started and not cancelled:
            return not_started_text()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _completion(self, couple: GridCouple, row: int, role: int) -> Any:
        standing = couple.completion
        if row % 2:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{standing.state.label} ({standing.attended}/{standing.required})"
        if role == Qt.ItemDataRole.BackgroundRole and standing.state in (
            CompletionState.AT_RISK,
            CompletionState.NOT_COMPLETED,
        ):
            return QBrush(AT_RISK)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.grid is not None and not self.grid.both_partners:
                return _(
                    "{attended} steps attended by at least one partner, {missed} missed"
                ).format(attended=standing.attended, missed=standing.missed)
            return _("{attended} steps attended by both partners, {missed} missed").format(
                attended=standing.attended, missed=standing.missed
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.grid is None:
            return None
        meeting = self.meeting_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return _("Partner")
            if section == self.completion_column():
                return _("Completion")
            assert meeting is not None
            marker = "+" if meeting.is_makeup else ""
            return f"{meeting.position}{marker}\n{short_date(meeting.date)}"
        if role == Qt.ItemDataRole.ToolTipRole and meeting is not None:
            text = f"{meeting.position}. {meeting.step_title} – {long_date(meeting.date)}"
            if meeting.status is GroupSessionStatus.CANCELLED:
                text += " (" + meeting.status.label + ")"
            elif not meeting.started:
                text += " – " + not_started_text()
            return text
        return None
