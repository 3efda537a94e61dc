"""The main window: navigation on the left, one page at a time, menus with shortcuts.

A page is built, and reads its data, when it is first shown: starting the application builds
only the page it opens on. A page once built stays, and keeps itself up to date (``freshness``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from holdmetight import __version__
from holdmetight.i18n import _, format_number, ngettext, set_language, system_language
from holdmetight.services.changes import Kind
from holdmetight.services.organisations import get_organisation
from holdmetight.ui import icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.qt_translations import install_qt_translations
from holdmetight.ui.theme import problem_text, theme

if TYPE_CHECKING:
    from holdmetight.ui.dialogs.user_guide import UserGuide
    from holdmetight.ui.views.agenda_page import AgendaPage
    from holdmetight.ui.views.couples_page import CouplesPage
    from holdmetight.ui.views.courses_page import CoursesPage
    from holdmetight.ui.views.fees_page import FeesPage
    from holdmetight.ui.views.programs_page import ProgramsPage
    from holdmetight.ui.views.team_page import TeamPage
    from holdmetight.ui.views.today_page import TodayPage


class _Page(Protocol):
    def retranslate(self) -> None: ...


PAGES = range(7)
PAGE_TODAY, PAGE_COURSES, PAGE_AGENDA, PAGE_COUPLES, PAGE_PROGRAMS, PAGE_TEAM, PAGE_FEES = PAGES
# The pages by name, as the window remembers which one was open (a number would point to
# another page once a page is added).
PAGE_NAMES = ("today", "courses", "agenda", "couples", "programs", "team", "fees")
# Room a window frame and title bar take around the window on a desktop.
FRAME_ROOM = 40
# The icons are drawn just after the window first shows (loading their font takes a moment).
ICONS_AFTER_MS = 300


class MainWindow(QMainWindow):
    def __init__(
        self, context: AppContext, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        theme()  # light or dark as the system is, from now on
        self._context = context
        self._settings = settings
        self._built: dict[int, QWidget] = {}
        self.pages = QStackedWidget()
        self._stand_ins = [QWidget() for _page in PAGES]  # for each page until it is shown
        for stand_in in self._stand_ins:
            self.pages.addWidget(stand_in)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        for _page in PAGES:
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(self._show_page_at)
        # The icons come a moment after the window is first shown (timers run once the event
        # loop does); loading their font would hold up the first paint.
        self._dressed = False
        QTimer.singleShot(ICONS_AFTER_MS, self, self._dress)
        self._guide: UserGuide | None = None
        theme().changed.connect(self._draw_navigation_icons)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, stretch=1)
        self.setCentralWidget(central)
        self._create_actions()
        self.database_label = QLabel(context.database.display_name)
        self.damage_label = QLabel()
        self.damage_label.setObjectName("damage")
        problem_text(self.damage_label, bold=True)
        self.damage_label.hide()
        self.statusBar().addPermanentWidget(self.damage_label)
        # Said a moment after the start when couples are past the retention period.
        # (A link, not a button: a button, even hidden, makes the status bar taller.)
        self.retention_label = QLabel()
        self.retention_label.hide()
        self.retention_label.linkActivated.connect(lambda _link: self.open_retention())
        self.statusBar().addPermanentWidget(self.retention_label)
        self._due_for_anonymisation = 0
        # A SQLite file on a network drive: said at start, and in the status bar all along.
        self.share_label = QLabel()
        self.share_label.setObjectName("network_share")
        problem_text(self.share_label, bold=True)
        self.share_label.setVisible(context.database.warning is not None)
        self.statusBar().addPermanentWidget(self.share_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self.freshness = Freshness(self, context, {Kind.ORGANISATION}, self._update_title)
        if not context.sees_administration:  # a facilitator's login: the server refuses fees
            self.navigation.item(PAGE_FEES).setHidden(True)
            self.fees_action.setVisible(False)
        self.retranslate()
        self._restore_state()

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it has not been shown before."""
        built = self._built.get(index)
        if built is None:
            built = self._build_page(index)
            self._built[index] = built
            stand_in = self._stand_ins[index]
            self.pages.insertWidget(index, built)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        return built

    def built_pages(self) -> list[int]:
        """The pages built so far (shown at least once, or asked for)."""
        return sorted(self._built)

    def _build_page(self, index: int) -> QWidget:
        context = self._context
        if index == PAGE_TODAY:
            from holdmetight.ui.views.today_page import TodayPage

            today = TodayPage(context)
            today.open_course.connect(self.open_course)
            today.open_messages.connect(self.open_couple_messages)
            today.damaged.connect(self.show_damage)
            return today
        if index == PAGE_AGENDA:
            from holdmetight.ui.views.agenda_page import AgendaPage

            agenda = AgendaPage(context)
            agenda.open_course.connect(self.open_course)
            return agenda
        if index == PAGE_COUPLES:
            from holdmetight.ui.views.couples_page import CouplesPage

            return CouplesPage(context)
        if index == PAGE_PROGRAMS:
            from holdmetight.ui.views.programs_page import ProgramsPage

            return ProgramsPage(context)
        if index == PAGE_TEAM:
            from holdmetight.ui.views.team_page import TeamPage

            return TeamPage(context)
        if index == PAGE_FEES:
            from holdmetight.ui.views.fees_page import FeesPage

            return FeesPage(context)
        from holdmetight.ui.views.courses_page import CoursesPage

        courses = CoursesPage(context)
        state = self._settings.value("main_window/courses_splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            courses.splitter.restoreState(state)
        return courses

    @property
    def today_page(self) -> TodayPage:
        return cast("TodayPage", self.page(PAGE_TODAY))

    @property
    def courses_page(self) -> CoursesPage:
        return cast("CoursesPage", self.page(PAGE_COURSES))

    @property
    def agenda_page(self) -> AgendaPage:
        return cast("AgendaPage", self.page(PAGE_AGENDA))

    @property
    def couples_page(self) -> CouplesPage:
        return cast("CouplesPage", self.page(PAGE_COUPLES))

    @property
    def programs_page(self) -> ProgramsPage:
        return cast("ProgramsPage", self.page(PAGE_PROGRAMS))

    @property
    def team_page(self) -> TeamPage:
        return cast("TeamPage", self.page(PAGE_TEAM))

    @property
    def fees_page(self) -> FeesPage:
        return cast("FeesPage", self.page(PAGE_FEES))

    def _show_page_at(self, index: int) -> None:
        if index in PAGES:
            self.page(index)
            self.pages.setCurrentIndex(index)

    def _create_actions(self) -> None:
        def action(
            shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
        ) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.new_course_action = action("Ctrl+N", lambda: self.courses_page.new_course())
        self.settings_action = action(QKeySequence.StandardKey.Preferences, self.open_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.server_action = QAction(self)
        self.server_action.triggered.connect(self.connect_to_server)
        self.audit_action = action("Ctrl+Shift+L", self.open_audit_trail)
        self.audit_action.setVisible(self._context.sees_administration)
        self.retention_action = QAction(self)
        self.retention_action.triggered.connect(self.open_retention)
        self.retention_action.setVisible(self._context.sees_administration)
        self.due_action = action("Ctrl+Shift+Q", self.open_due_questionnaires)
        self.figures_action = action("Ctrl+Shift+F", self.open_outcome_figures)
        self.refresh_action = action(
            QKeySequence.StandardKey.Refresh, self._context.reload_everything
        )
        self.quit_action = action(QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.today_action = action("Ctrl+1", lambda: self.show_page(PAGE_TODAY))
        self.courses_action = action("Ctrl+2", lambda: self.show_page(PAGE_COURSES))
        self.agenda_action = action("Ctrl+3", lambda: self.show_page(PAGE_AGENDA))
        self.couples_action = action("Ctrl+4", lambda: self.show_page(PAGE_COUPLES))
        self.programs_action = action("Ctrl+5", lambda: self.show_page(PAGE_PROGRAMS))
        self.team_action = action("Ctrl+6", lambda: self.show_page(PAGE_TEAM))
        self.fees_action = action("Ctrl+7", lambda: self.show_page(PAGE_FEES))
        self.find_action = action(QKeySequence.StandardKey.Find, self.find_couple)
        self.guide_action = action(QKeySequence.StandardKey.HelpContents, self.open_guide)
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        for act, name in (
            (self.new_course_action, "new"),
            (self.settings_action, "settings"),
            (self.server_action, "server"),
            (self.audit_action, "audit"),
            (self.retention_action, "anonymise"),
            (self.due_action, "questionnaires"),
            (self.figures_action, "figures"),
            (self.refresh_action, "refresh"),
            (self.quit_action, "quit"),
            (self.today_action, "today"),
            (self.courses_action, "courses"),
            (self.agenda_action, "agenda"),
            (self.couples_action, "couples"),
            (self.programs_action, "programs"),
            (self.team_action, "team"),
            (self.fees_action, "fees"),
            (self.find_action, "find"),
            (self.guide_action, "help"),
            (self.about_action, "about"),
        ):
            icons.dress(act, name)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.new_course_action)
        self.file_menu.addAction(self.due_action)
        self.file_menu.addAction(self.figures_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.server_action)
        self.file_menu.addAction(self.audit_action)
        self.file_menu.addAction(self.retention_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addActions(self._page_actions())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.new_course_action.setText(_("&New course…"))
        self.due_action.setText(_("&Questionnaires due…"))
        self.figures_action.setText(_("Outcome &figures…"))
        self.refresh_action.setText(_("&Refresh"))
        self.settings_action.setText(_("&Settings…"))
        self.server_action.setText(_("&Connect to server…"))
        self.audit_action.setText(_("&Audit trail…"))
        self.retention_action.setText(_("Due for a&nonymisation…"))
        self.show_due_for_anonymisation(self._due_for_anonymisation)
        self.quit_action.setText(_("&Quit"))
        self.today_action.setText(_("To&day"))
        self.courses_action.setText(_("&Courses"))
        self.agenda_action.setText(_("&Agenda"))
        self.couples_action.setText(_("C&ouples"))
        self.programs_action.setText(_("&Programmes"))
        self.team_action.setText(_("&Team and venues"))
        self.fees_action.setText(_("F&ees"))
        self.find_action.setText(_("&Find couple…"))
        self.guide_action.setText(_("&User guide"))
        self.about_action.setText(_("&About holdmetight"))
        self.navigation.item(PAGE_TODAY).setText(_("Today"))
        self.navigation.item(PAGE_COURSES).setText(_("Courses"))
        self.navigation.item(PAGE_AGENDA).setText(_("Agenda"))
        self.navigation.item(PAGE_COUPLES).setText(_("Couples"))
        self.navigation.item(PAGE_PROGRAMS).setText(_("Programmes"))
        self.navigation.item(PAGE_TEAM).setText(_("Team and venues"))
        self.navigation.item(PAGE_FEES).setText(_("Fees"))
        self.navigation.setAccessibleName(_("Pages"))
        for page, act in enumerate(self._page_actions()):
            # The page's shortcut, as its menu entry shows it.
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.navigation.item(page).setToolTip(
                f"{self.navigation.item(page).text()} ({shortcut})"
            )
        self.navigation.setFixedWidth(max(self.navigation.sizeHintForColumn(0) + 32, 120))
        self.damage_label.setText(_("The database is damaged: restore a backup."))
        self.share_label.setText(_("Database on a network drive"))
        self.share_label.setToolTip(self._share_warning() or "")
        self.freshness.request()  # the title names the organisation: read once it is shown

    def _page_actions(self) -> list[QAction]:
        """The View menu's actions, one per page, in the pages' order."""
        return [
            self.today_action,
            self.courses_action,
            self.agenda_action,
            self.couples_action,
            self.programs_action,
            self.team_action,
            self.fees_action,
        ]

    def _dress(self) -> None:
        self._dressed = True
        icons.load()
        self._draw_navigation_icons()

    def _draw_navigation_icons(self) -> None:
        if not self._dressed:
            return
        for page, name in enumerate(PAGE_NAMES):
            self.navigation.item(page).setIcon(icons.icon(name))

    def _update_title(self) -> None:
        org = self._context.call(get_organisation)
        parts = ["holdmetight"]
        if org is not None:
            parts.append(org.name)
        if org is not None and org.is_demo:
            parts.append(_("DEMO DATA"))
        self.setWindowTitle(" – ".join(parts))

    def look_for_couples_due(self) -> None:
        """Count, in the background, the couples past the retention period; say so when there
        are any (an administrator's window only: the others cannot anonymise)."""
        if not self._context.sees_administration:
            return
        from holdmetight.services import retention
        from holdmetight.ui.background import run_in_background

        context = self._context
        run_in_background(
            self,
            _("Looking for couples due for anonymisation…"),
            lambda _progress: context.call(retention.count_due),
            self.show_due_for_anonymisation,
            cancellable=False,
            on_error=lambda _error: None,  # a notice, not a task: the next start says it
        )

    def show_due_for_anonymisation(self, count: int) -> None:
        self._due_for_anonymisation = count
        self.retention_label.setVisible(count > 0)
        text = ngettext(
            "{n} couple is due for anonymisation",
            "{n} couples are due for anonymisation",
            count,
        ).format(n=format_number(count))
        self.retention_label.setText(f'<a href="retention">{html.escape(text)}</a>')
        self.retention_label.setToolTip(text)

    def send_due_reminders(self) -> None:
        """Send the reminders that are due, quietly; the status bar says what went."""
        from holdmetight.ui.mail_actions import send_due

        send_due(self, self._context, lambda text: self.statusBar().showMessage(text, 60_000))

    def open_retention(self) -> None:
        from holdmetight.ui.dialogs.retention import RetentionDialog

        RetentionDialog(self._context, self).exec()

    def open_audit_trail(self, couple_id: int | None = None) -> None:
        """Who viewed, changed, printed or exported which couple's file (administrators)."""
        from holdmetight.ui.dialogs.audit_trail import AuditTrailDialog

        AuditTrailDialog(self._context, couple_id, self).exec()

    def open_due_questionnaires(self) -> None:
        """Who still has to fill in which questionnaire, across the courses."""
        from holdmetight.ui.dialogs.outcomes_overview import DueQuestionnairesDialog

        DueQuestionnairesDialog(self._context, self).exec()

    def open_outcome_figures(self) -> None:
        """The outcome figures of the courses that started in a period."""
        from holdmetight.ui.dialogs.outcomes_overview import OutcomeFiguresDialog

        OutcomeFiguresDialog(self._context, self).exec()

    def show_page(self, page: int) -> None:
        self.navigation.setCurrentRow(page)

    def open_settings(self) -> None:
        from holdmetight.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self._context, self)
        if dialog.exec():
            self.apply_language(dialog.chosen_language() or system_language())

    def connect_to_server(self) -> None:
        """Choose a database server (or go back to the file on this PC) for the next start.

        The window keeps working in the database it has open: the application opens the chosen
        one when it is started again, as the message says."""
        from holdmetight.ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(self, current_url=self._context.database.url)
        if not dialog.exec():
            return
        if dialog.database is not None:
            dialog.database.dispose()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Connect to server"),
            dialog.next_start_message(),
            parent=self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def apply_language(self, language: str) -> None:
        """Switch every visible text to ``language`` at once; nothing typed is lost."""
        set_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, language)
        self.retranslate()
        for page in self._built.values():  # the others are built in the new language
            cast(_Page, page).retranslate()

    def show_damage(self, message: str) -> None:
        """Tell the user that the check of every page found damage, and what to do: in a
        message now, and in the status bar for as long as the window is open."""
        if self.damage_label.isVisible():  # said once (the check and a page may both find it)
            return
        self.damage_label.setToolTip(message)
        self.damage_label.show()
        box = QMessageBox(QMessageBox.Icon.Warning, _("holdmetight"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _share_warning(self) -> str | None:
        """The network-drive warning in the current language (None on this PC's own disk)."""
        path = self._context.database.path
        if self._context.database.warning is None or path is None:
            return None
        from holdmetight.db.network_share import share_warning

        return share_warning(path)

    def show_share_warning(self) -> None:
        """Say once, when the window opens, that the database file is on a network drive."""
        message = self._share_warning()
        if message is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("holdmetight"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_course(self, course_id: int, tab: int = 0, meeting_id: int | None = None) -> None:
        """The course on the Courses page, on one of its tabs (CourseTab), with a meeting
        chosen on its sessions tab."""
        from holdmetight.ui.views.course_detail import CourseTab

        self.show_page(PAGE_COURSES)
        page = self.courses_page
        page.select_course(course_id)
        if page.detail.course_id == course_id:
            page.detail.show_tab(CourseTab(tab), meeting_id)

    def open_couple_messages(self, couple_id: int) -> None:
        """What was sent to a couple (from the home page's messages not sent)."""
        from holdmetight.ui import couple_actions

        couple_actions.show_messages(self, self._context, couple_id)

    def find_couple(self) -> None:
        self.show_page(PAGE_COUPLES)
        self.couples_page.focus_filter()

    def guide_topic(self) -> str:
        """The page of the user guide about the screen in front of the user."""
        from holdmetight.ui.views.course_detail import CourseTab

        page = self.pages.currentIndex()
        if page == PAGE_COURSES and PAGE_COURSES in self._built:
            tab = self.courses_page.detail.tabs.currentIndex()
            return {
                CourseTab.COUPLES: "enroll-a-couple",
                CourseTab.WAITING_LIST: "enroll-a-couple",
                CourseTab.ATTENDANCE: "record-a-meeting",
                CourseTab.FEES: "fees",
                CourseTab.OUTCOMES: "questionnaires",
            }.get(CourseTab(max(tab, 0)), "plan-a-course")
        return {
            PAGE_TODAY: "today",
            PAGE_AGENDA: "plan-a-course",
            PAGE_COUPLES: "enroll-a-couple",
            PAGE_PROGRAMS: "plan-a-course",
            PAGE_TEAM: "plan-a-course",
            PAGE_FEES: "fees",
        }.get(page, "index")

    def open_guide(self, topic: str | None = None) -> None:
        """The user guide beside the window, on the page of the screen shown (F1)."""
        from holdmetight.i18n import current_language
        from holdmetight.ui.dialogs.user_guide import UserGuide, guide_dir

        guide = self._guide
        if guide is None or guide.folder != guide_dir(current_language()):
            if guide is not None:
                guide.close()
                guide.deleteLater()
            guide = self._guide = UserGuide(self)
        guide.show_topic(topic or self.guide_topic())
        guide.show()
        guide.raise_()
        guide.activateWindow()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About holdmetight"),
            _(
                "holdmetight {version}\n\nPlanning, enrollment, attendance and fees for "
                "'Houd me vast' group courses for couples.\n\nDatabase: {database}"
            ).format(version=__version__, database=self._context.database.display_name),
        )

    def _restore_state(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._first_size()
        name = str(self._settings.value("main_window/page_name", PAGE_NAMES[PAGE_TODAY]))
        page = PAGE_NAMES.index(name) if name in PAGE_NAMES else PAGE_TODAY
        if self.navigation.item(page).isHidden():
            page = PAGE_TODAY
        self.show_page(page)

    def _first_size(self) -> None:
        """The first start: 1200×760, smaller where the screen has less room (a 1366×768
        laptop has about 728 pixels of height below the taskbar), frame included."""
        width, height = 1200, 760
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - FRAME_ROOM)
            height = min(height, room.height() - FRAME_ROOM)
        self.resize(max(width, 640), max(height, 480))

    def save_state(self) -> None:
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        if PAGE_COURSES in self._built:  # else the state saved before stays as it was
            self._settings.setValue(
                "main_window/courses_splitter", self.courses_page.splitter.saveState()
            )
        self._settings.setValue("main_window/page_name", PAGE_NAMES[self.pages.currentIndex()])
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def main_window_of(app: QApplication) -> MainWindow | None:
    """The main window on screen, if there is one."""
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None
