"""The main window: navigation on the left, one page at a time, menus with shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from holdmetight import __version__
from holdmetight.i18n import _, set_language, system_language
from holdmetight.services.changes import Kind
from holdmetight.services.organisations import get_organisation
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.settings import SettingsDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.qt_translations import install_qt_translations
from holdmetight.ui.views.agenda_page import AgendaPage
from holdmetight.ui.views.couples_page import CouplesPage
from holdmetight.ui.views.courses_page import CoursesPage
from holdmetight.ui.views.fees_page import FeesPage
from holdmetight.ui.views.programs_page import ProgramsPage
from holdmetight.ui.views.team_page import TeamPage

PAGE_COURSES, PAGE_AGENDA, PAGE_COUPLES, PAGE_PROGRAMS, PAGE_TEAM, PAGE_FEES = range(6)


class MainWindow(QMainWindow):
    def __init__(
        self, context: AppContext, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._context = context
        self._settings = settings
        self.courses_page = CoursesPage(context)
        self.agenda_page = AgendaPage(context)
        self.couples_page = CouplesPage(context)
        self.programs_page = ProgramsPage(context)
        self.team_page = TeamPage(context)
        self.fees_page = FeesPage(context)
        self.agenda_page.open_course.connect(self.open_course)
        self.pages = QStackedWidget()
        for page in (
            self.courses_page,
            self.agenda_page,
            self.couples_page,
            self.programs_page,
            self.team_page,
            self.fees_page,
        ):
            self.pages.addWidget(page)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        for _page in range(self.pages.count()):
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, stretch=1)
        self.setCentralWidget(central)
        self._create_actions()
        self.database_label = QLabel(context.database.display_name)
        self.statusBar().addPermanentWidget(self.database_label)
        self.freshness = Freshness(self, context, {Kind.ORGANISATION}, self._update_title)
        self.retranslate()
        self.navigation.setCurrentRow(PAGE_COURSES)
        self._restore_state()

    def _create_actions(self) -> None:
        def action(
            shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
        ) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.new_course_action = action("Ctrl+N", self.courses_page.new_course)
        self.settings_action = action(QKeySequence.StandardKey.Preferences, self.open_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.refresh_action = action(
            QKeySequence.StandardKey.Refresh, self._context.reload_everything
        )
        self.quit_action = action(QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.courses_action = action("Ctrl+1", lambda: self.show_page(PAGE_COURSES))
        self.agenda_action = action("Ctrl+2", lambda: self.show_page(PAGE_AGENDA))
        self.couples_action = action("Ctrl+3", lambda: self.show_page(PAGE_COUPLES))
        self.programs_action = action("Ctrl+4", lambda: self.show_page(PAGE_PROGRAMS))
        self.team_action = action("Ctrl+5", lambda: self.show_page(PAGE_TEAM))
        self.fees_action = action("Ctrl+6", lambda: self.show_page(PAGE_FEES))
        self.find_action = action(QKeySequence.StandardKey.Find, self.find_couple)
        self.about_action = action(QKeySequence.StandardKey.HelpContents, self.show_about)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.new_course_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addActions(
            [
                self.courses_action,
                self.agenda_action,
                self.couples_action,
                self.programs_action,
                self.team_action,
                self.fees_action,
            ]
        )
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.new_course_action.setText(_("&New course…"))
        self.refresh_action.setText(_("&Refresh"))
        self.settings_action.setText(_("&Settings…"))
        self.quit_action.setText(_("&Quit"))
        self.courses_action.setText(_("&Courses"))
        self.agenda_action.setText(_("&Agenda"))
        self.couples_action.setText(_("C&ouples"))
        self.programs_action.setText(_("&Programmes"))
        self.team_action.setText(_("&Team and venues"))
        self.fees_action.setText(_("F&ees"))
        self.find_action.setText(_("&Find couple…"))
        self.about_action.setText(_("&About holdmetight"))
        self.navigation.item(PAGE_COURSES).setText(_("Courses"))
        self.navigation.item(PAGE_AGENDA).setText(_("Agenda"))
        self.navigation.item(PAGE_COUPLES).setText(_("Couples"))
        self.navigation.item(PAGE_PROGRAMS).setText(_("Programmes"))
        self.navigation.item(PAGE_TEAM).setText(_("Team and venues"))
        self.navigation.item(PAGE_FEES).setText(_("Fees"))
        self.navigation.setFixedWidth(max(self.navigation.sizeHintForColumn(0) + 32, 120))
        self._update_title()

    def _update_title(self) -> None:
        org = self._context.call(get_organisation)
        parts = ["holdmetight"]
        if org is not None:
            parts.append(org.name)
        if org is not None and org.is_demo:
            parts.append(_("DEMO DATA"))
        self.setWindowTitle(" – ".join(parts))

    def show_page(self, page: int) -> None:
        self.navigation.setCurrentRow(page)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self._context, self)
        if dialog.exec():
            self.apply_language(dialog.chosen_language() or system_language())

    def apply_language(self, language: str) -> None:
        """Switch every visible text to ``language`` at once; nothing typed is lost."""
        set_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, language)
        self.retranslate()
        for page in (
            self.courses_page,
            self.agenda_page,
            self.couples_page,
            self.programs_page,
            self.team_page,
            self.fees_page,
        ):
            page.retranslate()

    def open_course(self, course_id: int) -> None:
        self.show_page(PAGE_COURSES)
        self.courses_page.select_course(course_id)

    def find_couple(self) -> None:
        self.show_page(PAGE_COUPLES)
        self.couples_page.focus_filter()

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
            self.resize(1200, 760)
        for key, widget in self._state_widgets().items():
            state = self._settings.value(f"main_window/{key}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                widget.restoreState(state)
        try:
            page = int(str(self._settings.value("main_window/page", PAGE_COURSES)))
        except ValueError:
            page = PAGE_COURSES
        self.show_page(page if 0 <= page < self.pages.count() else PAGE_COURSES)

    def _state_widgets(self) -> dict[str, QSplitter]:
        return {
            "courses_splitter": self.courses_page.splitter,
        }

    def save_state(self) -> None:
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        for key, widget in self._state_widgets().items():
            self._settings.setValue(f"main_window/{key}", widget.saveState())
        self._settings.setValue("main_window/page", self.pages.currentIndex())
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
