"""The *Today* page (*Vandaag*): what needs doing now, each a click away from where it is done.

The overview is read in the background (on a database of many years it takes a moment) and
shown in lists, one per kind of work; a line opens the course on the right tab, or the couple's
messages. What the login may not see (fees, for a facilitator) is not read and not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.errors import DamagedDatabaseError, HoldMeTightError
from holdmetight.i18n import _, format_date, format_money, format_number, format_time, ngettext
from holdmetight.services import today as overview
from holdmetight.services.changes import Kind
from holdmetight.services.today import Today
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.views.course_detail import CourseTab

FIRST_READ_AFTER_MS = 300
# Time passes without any data changing (a meeting begins, a new day): read again this often
# while the page is shown, and when it is shown again after that long.
READ_AGAIN_AFTER_MS = 10 * 60 * 1000
VISIBLE_ROWS = 6  # a longer list scrolls inside its box
LEAST_ROWS = 3
TARGET_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Target:
    """Where a line of the overview leads."""

    course_id: int | None = None
    tab: CourseTab = CourseTab.SESSIONS
    meeting_id: int | None = None
    couple_id: int | None = None  # the couple's messages


Line = tuple[str, Target | None]


class Section(QGroupBox):
    """One kind of work: a title with how many, and the lines (Enter or a click opens one)."""

    def __init__(self, key: str, activated: Callable[[Target], None]) -> None:
        super().__init__()
        self.setObjectName(key)
        self.list = QListWidget()
        self.list.setObjectName(f"{key}_list")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        # A long line ends in "…" (its tooltip has it whole) rather than a scroll bar that
        # takes the room of a line.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Enter, a double click, or a single click where the style does not make that an
        # activation already (so a line never opens twice).
        self.list.itemActivated.connect(lambda item: self._activate(item, activated))
        self.list.itemClicked.connect(lambda item: self._clicked(item, activated))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def _clicked(self, item: QListWidgetItem, activated: Callable[[Target], None]) -> None:
        style = self.list.style()
        if not style.styleHint(
            QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, self.list
        ):
            self._activate(item, activated)

    @staticmethod
    def _activate(item: QListWidgetItem, activated: Callable[[Target], None]) -> None:
        target = item.data(TARGET_ROLE)
        if isinstance(target, Target):
            activated(target)

    def show_lines(self, title: str, count: int, lines: Sequence[Line], empty: str) -> None:
        heading = f"{title} ({format_number(count)})" if count else title
        self.setTitle(heading)
        self.list.setAccessibleName(title)
        self.list.clear()
        for text, target in lines:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            if target is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            else:
                item.setData(TARGET_ROLE, target)
            self.list.addItem(item)
        if not lines:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        rows = min(max(self.list.count(), LEAST_ROWS), VISIBLE_ROWS)
        height = self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(height)

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


class TodayPage(QWidget):
    open_course = Signal(int, int, object)  # course id, CourseTab, meeting id or None
    open_messages = Signal(int)  # couple id
    damaged = Signal(str)  # reading found the database file damaged: what to tell the user

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.overview: Today | None = None
        self._reading = False
        self._read_again = False
        self._failed_once = False
        self.title = QLabel()
        self.title.setObjectName("today_title")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("today_status")
        self.status.setWordWrap(True)
        self.sections = {
            key: Section(key, self._go)
            for key in (
                "meetings",
                "unrecorded",
                "at_risk",
                "offers",
                "fees",
                "follow_ups",
                "messages",
            )
        }
        self.sections["fees"].setVisible(context.sees_administration)
        # One box under the other, each the page's width: the lines are read whole.
        column = QVBoxLayout()
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch(1)
        content = QWidget()
        content.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.status)
        layout.addWidget(scroll, stretch=1)
        self.freshness = Freshness(
            self,
            context,
            {
                Kind.COURSES,
                Kind.MEETINGS,
                Kind.COUPLES,
                Kind.ENROLLMENTS,
                Kind.ATTENDANCE,
                Kind.FEES,
                Kind.OUTCOMES,
                Kind.MESSAGES,
            },
            self.reload,
        )
        self._clock = QTimer(self)
        self._clock.setInterval(READ_AGAIN_AFTER_MS)
        self._clock.timeout.connect(self.freshness.request)
        self._clock.start()
        self.retranslate()

    @property
    def ready(self) -> bool:
        """Whether the page has read what it shows (or found it could not)."""
        return not self._reading and (self.overview is not None or self._failed_once)

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "What needs doing, across all courses. Click a line (or press Enter on it) to go "
                "where it is done; hover over a box to read what it lists."
            )
        )
        # Dates, amounts and step titles are written at drawing: the overview read stays good.
        self._show_overview()

    def reload(self) -> None:
        """Read the overview again, in the background (once more after a read that runs)."""
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self.status.setText(_("Reading what needs doing…"))
        self.status.show()
        if self.overview is None:
            # The first read waits until the window is painted: a worker reading beside the
            # first paint would hold it up (the page says it is reading meanwhile).
            QTimer.singleShot(FIRST_READ_AFTER_MS, self, self._read)
        else:
            self._read()

    def _read(self) -> None:
        from holdmetight.ui.background import run_in_background

        context = self._context
        with_fees = context.sees_administration
        answered = False  # by this read: its overview, or its message

        def arrived(found: Today | None) -> None:
            nonlocal answered
            answered = True
            self._arrived(found)

        def failed(error: HoldMeTightError) -> None:
            nonlocal answered
            answered = True
            self._failed(error)

        def ended() -> None:
            # An unexpected failure is reported as any other program error; the page must
            # not stay "reading" for good because of it.
            if not answered:
                self._failed_once = True
                self._reading = False
                self.status.setText(_("The overview could not be read."))
                self._after_reading()

        job = run_in_background(
            self,
            _("Reading what needs doing…"),
            lambda _progress: context.call(overview.today_overview, with_fees=with_fees),
            arrived,
            cancellable=False,
            on_error=failed,
            quiet=True,
        )
        job.finished.connect(ended)

    def _arrived(self, found: Today | None) -> None:
        self._reading = False
        if found is not None:
            self.overview = found
        self._show_overview()
        self._after_reading()

    def _failed(self, error: HoldMeTightError) -> None:
        self._reading = False
        self._failed_once = True
        if isinstance(error, DamagedDatabaseError):  # the window says so, as its own check would
            self.damaged.emit(str(error))
        self.status.setText(_("The overview could not be read: {reason}").format(reason=error))
        self.status.show()
        self._after_reading()

    def _after_reading(self) -> None:
        if self._read_again:
            self._read_again = False
            self.freshness.request()

    def _go(self, target: Target) -> None:
        if target.couple_id is not None:
            self.open_messages.emit(target.couple_id)
        elif target.course_id is not None:
            self.open_course.emit(target.course_id, int(target.tab), target.meeting_id)

    def _show_overview(self) -> None:
        found = self.overview
        if found is None:
            self.title.setText("<h2>" + _("Today") + "</h2>")
            for key, section in self.sections.items():
                section.show_lines(_SECTION_TITLES[key](), 0, [], "")
            return
        self.title.setText(
            "<h2>"
            + _("Today, {date}").format(date=format_date(found.today, style="long"))
            + "</h2>"
        )
        self.status.hide()
        for key, section in self.sections.items():
            lines = _LINES[key](found)
            count = found.messages_waiting + len(found.not_sent) if key == "messages" else None
            section.show_lines(
                _SECTION_TITLES[key](),
                len(lines) if count is None else count,
                lines,
                _NOTHING[key](),
            )
            section.setToolTip(_EXPLANATIONS[key]())


def _names(names: str) -> str:
    return names or _("(names removed)")


def _meetings(found: Today) -> list[Line]:
    return [
        (
            _("{date} {time} · {course} · step {position}: {step}").format(
                date=format_date(m.date),
                time=format_time(m.start_time),
                course=m.course_code,
                position=m.position,
                step=m.step_title,
            )
            + (" · " + m.status.label if m.status is GroupSessionStatus.CANCELLED else ""),
            Target(m.course_id, CourseTab.SESSIONS, meeting_id=m.id),
        )
        for m in found.meetings
    ]


def _unrecorded(found: Today) -> list[Line]:
    return [
        (
            _("{date} · {course} · step {position}").format(
                date=format_date(m.date), course=m.course_code, position=m.position
            )
            + " – "
            + ngettext(
                "{n} couple without a mark", "{n} couples without a mark", m.couples_missing
            ).format(n=format_number(m.couples_missing)),
            Target(m.course_id, CourseTab.ATTENDANCE, meeting_id=m.group_session_id),
        )
        for m in found.unrecorded
    ]


def _at_risk(found: Today) -> list[Line]:
    return [
        (
            f"{c.course_code} · {_names(c.names)} – "
            + ngettext("missed {n} step", "missed {n} steps", c.missed).format(
                n=format_number(c.missed)
            ),
            Target(c.course_id, CourseTab.ATTENDANCE),
        )
        for c in found.at_risk
    ]


def _offers(found: Today) -> list[Line]:
    return [
        (
            f"{o.course_code} · {_names(o.names)} – "
            + (_("answer was due {date}") if o.expired else _("answer by {date}")).format(
                date=format_date(o.answer_by)
            ),
            Target(o.course_id, CourseTab.WAITING_LIST),
        )
        for o in found.offers
    ]


def _fees(found: Today) -> list[Line]:
    return [
        (
            f"{f.course_code} · {_names(f.names)} – "
            + _("{amount} open, course ended {date}").format(
                amount=format_money(f.outstanding), date=format_date(f.course_ended)
            ),
            Target(f.course_id, CourseTab.FEES),
        )
        for f in found.fees or ()
    ]


def _follow_ups(found: Today) -> list[Line]:
    return [
        (
            f"{f.course_code} – "
            + ngettext(
                "{n} partner, due since {date}", "{n} partners, due since {date}", f.partners
            ).format(n=format_number(f.partners), date=format_date(f.due_on)),
            Target(f.course_id, CourseTab.OUTCOMES),
        )
        for f in found.follow_ups
    ]


def _messages(found: Today) -> list[Line]:
    lines: list[Line] = []
    if found.messages_waiting:
        lines.append(
            (
                ngettext(
                    "{n} e-mail waits to be sent",
                    "{n} e-mails wait to be sent",
                    found.messages_waiting,
                ).format(n=format_number(found.messages_waiting)),
                None,
            )
        )
    lines.extend(
        (
            (
                _("{date} · {names} · sending stopped, not known whether it went: {subject}")
                if m.stranded
                else _("{date} · {names} · not sent: {reason}")
            ).format(
                date=format_date(m.created_on),
                names=_names(m.names),
                reason=m.error or m.subject,
                subject=m.subject,
            ),
            Target(couple_id=m.couple_id),
        )
        for m in found.not_sent
    )
    return lines


_LINES: dict[str, Callable[[Today], list[Line]]] = {
    "meetings": _meetings,
    "unrecorded": _unrecorded,
    "at_risk": _at_risk,
    "offers": _offers,
    "fees": _fees,
    "follow_ups": _follow_ups,
    "messages": _messages,
}
_SECTION_TITLES: dict[str, Callable[[], str]] = {
    "meetings": lambda: _("Meetings this week"),
    "unrecorded": lambda: _("Attendance to record"),
    "at_risk": lambda: _("Couples at risk"),
    "offers": lambda: _("Open waiting-list offers"),
    "fees": lambda: _("Fees outstanding"),
    "follow_ups": lambda: _("Follow-up questionnaires due"),
    "messages": lambda: _("Messages"),
}
_NOTHING: dict[str, Callable[[], str]] = {
    "meetings": lambda: _("No meetings this week."),
    "unrecorded": lambda: _("All attendance is recorded."),
    "at_risk": lambda: _("No couple has missed two steps."),
    "offers": lambda: _("No offers wait for an answer."),
    "fees": lambda: _("No fees are overdue."),
    "follow_ups": lambda: _("No follow-ups are due."),
    "messages": lambda: _("All messages went."),
}
_EXPLANATIONS: dict[str, Callable[[], str]] = {
    "meetings": lambda: _("The meetings of all courses from Monday to Sunday of this week."),
    "unrecorded": lambda: _(
        "Meetings of the last eight weeks that have begun, where a couple with a place has no "
        "attendance recorded yet."
    ),
    "at_risk": lambda: _(
        "Couples who missed two or more steps of a running course, while completion is still "
        "in reach."
    ),
    "offers": lambda: _("Free places offered to couples on a waiting list, not answered yet."),
    "fees": lambda: _(
        "Fees still open more than 30 days after the last meeting of the course, for courses "
        "that ended in the last year."
    ),
    "follow_ups": lambda: _(
        "Partners who still have to fill in the follow-up questionnaires (due in the last 60 "
        "days or the next 14)."
    ),
    "messages": lambda: _(
        "E-mails waiting for the mail server, and messages of the last 30 days that could not "
        "be sent or whose sending stopped halfway."
    ),
}
