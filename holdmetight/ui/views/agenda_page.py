"""The Agenda page: upcoming meetings of all courses, by facilitator or venue.

Always one period of at most twelve weeks, however many years the database holds: the list is
read whole (no paging) and in time order by the database.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from holdmetight.i18n import _, ngettext
from holdmetight.services import agenda, facilitators, venues
from holdmetight.services.changes import Kind
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.agenda_table import COL_STEP, AgendaTableModel
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import fill_combo

# (key, weeks back, weeks ahead): the periods offered, counted from this week's Monday.
PERIODS = [
    ("this_week", 0, 1),
    ("next_4_weeks", 0, 4),
    ("next_12_weeks", 0, 12),
    ("past_4_weeks", 4, 0),
]


def period_dates(key: str, today: date) -> tuple[date, date]:
    """First and last day of a period offered in the agenda."""
    monday = today - timedelta(days=today.weekday())
    _key, back, ahead = next(p for p in PERIODS if p[0] == key)
    if back:
        return monday - timedelta(weeks=back), monday - timedelta(days=1)
    return monday, monday + timedelta(weeks=ahead, days=-1)


class AgendaPage(QWidget):
    open_course = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.title = QLabel()
        self.period_combo = QComboBox()
        self.facilitator_combo = QComboBox()
        self.venue_combo = QComboBox()
        self.count_label = QLabel()
        self.model = AgendaTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=COL_STEP)
        self.table.doubleClicked.connect(self._open_course_at)
        # Enter opens the course too: the page has no button for it.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open_course_at(self.table.currentIndex()))
        for combo in (self.period_combo, self.facilitator_combo, self.venue_combo):
            combo.currentIndexChanged.connect(self._filters_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for widget in (
            self.period_combo,
            self.facilitator_combo,
            self.venue_combo,
            self.count_label,
        ):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.freshness = Freshness(
            self, context, {Kind.MEETINGS, Kind.COURSES, Kind.TEAM}, self._reload
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<b>" + _("Agenda") + "</b>")
        self.table.setAccessibleName(_("Meetings in the period"))
        self.table.setAccessibleDescription(_("Enter or a double-click opens the course"))
        self.period_combo.setAccessibleName(_("Period"))
        self.facilitator_combo.setAccessibleName(_("Facilitator"))
        self.venue_combo.setAccessibleName(_("Venue"))
        names = {
            "this_week": _("This week"),
            "next_4_weeks": _("Next 4 weeks"),
            "next_12_weeks": _("Next 12 weeks"),
            "past_4_weeks": _("Past 4 weeks"),
        }
        chosen = self.period_combo.currentData() or "next_4_weeks"
        fill_combo(self.period_combo, [(names[key], key) for key, _b, _a in PERIODS])
        self.period_combo.setCurrentIndex(self.period_combo.findData(chosen))
        self.model.retranslate()
        self.freshness.request()

    def _filters_changed(self) -> None:
        """Another period or filter: read again now if shown, else when shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.freshness.stale = True

    def _reload(self) -> None:
        self._fill_filters()
        self.refresh()

    def _fill_filters(self) -> None:
        fill_combo(
            self.facilitator_combo,
            [(f.list_name, f.id) for f in self._context.call(facilitators.list_facilitators)],
            empty_label=_("All facilitators"),
        )
        fill_combo(
            self.venue_combo,
            [(v.name, v.id) for v in self._context.call(venues.list_venues)],
            empty_label=_("All venues"),
        )

    def refresh(self) -> None:
        first, last = period_dates(self.period_combo.currentData() or "next_4_weeks", date.today())
        items = self._context.call(
            agenda.agenda,
            first=first,
            last=last,
            facilitator_id=self.facilitator_combo.currentData(),
            venue_id=self.venue_combo.currentData(),
        )
        with keeping_place(self.table):
            self.model.set_rows(items)
        self.count_label.setText(
            ngettext("{n} meeting", "{n} meetings", len(items)).format(n=len(items))
        )

    def _open_course_at(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_course.emit(self.model.row_at(index.row()).course_id)
