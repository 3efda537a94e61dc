"""Keyboard and screen readers (issue 19): every input on every page and in every dialog has a
name a screen reader can say, in the language chosen, and takes the keyboard focus; the main
actions have shortcuts, and a button with a shortcut names it in its tooltip."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from holdmetight.domain.enums import CourseStatus, Language, OutcomeWave, SchoolRegion
from holdmetight.i18n import catalog, set_language
from holdmetight.services import (
    couples,
    courses,
    demo,
    enrollments,
    fee_assessments,
    fee_scales,
    group_sessions,
    programs,
)
from holdmetight.ui import couple_actions, course_actions
from holdmetight.ui.context import AppContext
from holdmetight.ui.main_window import (
    PAGE_AGENDA,
    PAGE_COUPLES,
    PAGE_COURSES,
    PAGES,
    MainWindow,
)
from holdmetight.ui.views.course_detail import CourseTab
from holdmetight.ui.views.today_page import TodayPage
from tests.ui.conftest import wait_for_jobs

# What a user types into, chooses from or presses: each needs a name a screen reader says.
INPUTS = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractButton,
)
LANGUAGES = ("en", "nl")
Place = tuple[str, tuple[str, ...]]  # the window, and the way from it to the widget


@dataclass(frozen=True)
class Input:
    """An input, described so that it can be found."""

    kind: str
    object_name: str
    window: str
    label: str

    def __str__(self) -> str:
        return f"{self.kind} {self.object_name!r} in {self.window!r} near {self.label!r}"


def is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets, named (or not) by Qt: the line edit inside a
    spin box or an editable combo box, a table's headers and corner button, a scroll area's
    scroll bars, the tab bar's scroll buttons, a line edit's clear button."""
    parent = widget.parentWidget()
    if parent is None:
        return False
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        return True
    if isinstance(parent, QAbstractItemView) and isinstance(widget, QHeaderView | QAbstractButton):
        return True
    if isinstance(widget, QScrollBar) and parent.objectName().startswith("qt_scrollarea_"):
        return True
    return isinstance(widget, QAbstractButton) and isinstance(parent, QTabBar | QLineEdit)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says for ``widget``: its own, its label's (a form row's label
    or a label whose buddy it is), a button's text.

    On Linux Qt names a combo box by the item chosen and relates its label to it instead; the
    name asked for here is the one Windows gives it: its own or its label's."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    if not isinstance(widget, QComboBox):
        return interface.text(QAccessible.Text.Name).strip()
    if widget.accessibleName():
        return widget.accessibleName()
    labels = interface.relations(QAccessible.RelationFlag.Label)
    return " ".join(label.text(QAccessible.Text.Name) for label, _relation in labels).strip()


def nearest_label(widget: QWidget) -> str:
    """Text near ``widget`` to find it by: the label before it in its layout, or its group's
    title."""
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        label = _label_before(layout, widget) if layout is not None else None
        if label:
            return label
        if isinstance(parent, QGroupBox) and parent.title():
            return parent.title()
        widget, parent = parent, parent.parentWidget()
    return ""


def _label_before(layout: QLayout, widget: QWidget) -> str | None:
    last_label: str | None = None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        inner = item.layout()
        if inner is not None:
            found = _label_before(inner, widget)
            if found is not None:
                return found
            continue
        child = item.widget()
        if isinstance(child, QLabel) and child.text():
            last_label = child.text()
        elif child is not None and (child is widget or child.isAncestorOf(widget)):
            return last_label or ""
    return None


def inputs_shown(window: QWidget) -> Iterator[QWidget]:
    """The inputs of ``window`` that show while it is shown as it stands (other windows, such as
    a combo box's pop-up or a menu, are not its own)."""
    for widget in window.findChildren(QWidget):
        if (
            isinstance(widget, INPUTS)
            and widget.window() is window
            and widget.isVisibleTo(window)
            and not is_qt_internal(widget)
        ):
            yield widget


def place_in(window: QWidget, widget: QWidget) -> tuple[str, ...]:
    """Where ``widget`` is in ``window``: the same in a dialog built again in another language."""
    path: list[str] = []
    step: QWidget | None = widget
    while step is not None and step is not window:
        parent = step.parentWidget()
        kin = [c for c in (parent.children() if parent else []) if type(c) is type(step)]
        path.append(f"{type(step).__name__}[{kin.index(step)}]:{step.objectName()}")
        step = parent
    return tuple(reversed(path))


def each_tab(root: QWidget) -> Iterator[None]:
    """Bring each tab of each tab widget in ``root`` to the front in turn, nested ones too,
    yielding once for every combination shown."""
    stacks = [
        w
        for w in root.findChildren(QTabWidget)
        if w.window() is root.window() and _outermost(w, root)
    ]
    yield from _each_page(stacks, root)


def _outermost(stack: QWidget, root: QWidget) -> bool:
    parent = stack.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QTabWidget):
            return False
        parent = parent.parentWidget()
    return True


def _each_page(stacks: list[QTabWidget], root: QWidget) -> Iterator[None]:
    if not stacks:
        yield
        return
    first, rest = stacks[0], stacks[1:]
    was = first.currentIndex()
    for index in range(first.count()):
        if not (first.isTabVisible(index) and first.isTabEnabled(index)):
            continue
        first.setCurrentIndex(index)
        page = first.widget(index)
        inner = [
            w
            for w in page.findChildren(QTabWidget)
            if _outermost(w, page) and w.window() is root.window()
        ]
        for _shown in _each_page(inner, page):
            yield from _each_page(rest, root)
    first.setCurrentIndex(was)


class Findings:
    """The inputs found, by window and place, with their names in each language."""

    def __init__(self) -> None:
        self.widgets: dict[Place, QWidget] = {}
        self.names: dict[str, dict[Place, str]] = {language: {} for language in LANGUAGES}
        self.unnamed: dict[Place, Input] = {}
        self.no_tab_focus: dict[Place, Input] = {}

    def walk(self, window: QWidget, where: str, language: str) -> None:
        for widget in inputs_shown(window):
            place = (where, place_in(window, widget))
            name = accessible_name(widget)
            self.widgets[place] = widget
            self.names[language][place] = name
            found = Input(type(widget).__name__, widget.objectName(), where, nearest_label(widget))
            if not name:
                self.unnamed.setdefault(place, found)
            if widget.isEnabled() and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                self.no_tab_focus.setdefault(place, found)


# --- the main window -------------------------------------------------------------------------


def walk_main_window(
    window: MainWindow, findings: Findings, language: str, settle: Callable[[QWidget], None]
) -> None:
    """Every page; on the Courses page every course, on each of its tabs."""
    for index in PAGES:
        if window.navigation.item(index).isHidden():
            continue
        window.show_page(index)
        page = window.page(index)
        settle(page)
        if index != PAGE_COURSES:
            for _shown in each_tab(page):
                findings.walk(window, "main window", language)
            continue
        courses_page = window.courses_page
        for row in range(courses_page.model.rowCount()):
            courses_page.table.selectRow(row)
            detail = courses_page.detail
            for tab in range(detail.tabs.count()):
                if not detail.tabs.isTabVisible(tab):
                    continue
                detail.tabs.setCurrentIndex(tab)
                settle(detail)
                findings.walk(window, "main window", language)


@pytest.fixture
def window(qtbot, demo_context, window_settings) -> Iterator[MainWindow]:
    """The window on the demo data, left in English (Qt's own texts too) for the next test."""
    shown = open_window(qtbot, demo_context, window_settings)
    yield shown
    shown.apply_language("en")


@pytest.fixture
def main_window_findings(qtbot, window) -> Findings:
    findings = Findings()

    def settle(page: QWidget) -> None:
        if isinstance(page, TodayPage):  # it reads a moment after it is first shown
            qtbot.waitUntil(lambda: page.ready, timeout=20_000)
        wait_for_jobs(qtbot)

    for language in LANGUAGES:
        window.apply_language(language)
        walk_main_window(window, findings, language, settle)
    return findings


# --- the dialogs ------------------------------------------------------------------------------


def one_page_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Presentielijst")
    canvas.save()
    return out.getvalue()


def every_dialog(context: AppContext, folder: Path) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    """Each dialog the window can open, made as the window would on the demo data."""
    from holdmetight.ui.couple_actions import ClosingDialog
    from holdmetight.ui.dialogs.anonymise import AnonymiseDialog
    from holdmetight.ui.dialogs.audit_trail import AuditTrailDialog
    from holdmetight.ui.dialogs.completion_rule import CompletionRuleDialog
    from holdmetight.ui.dialogs.consent import ConsentDialog
    from holdmetight.ui.dialogs.couple_form import CoupleDialog
    from holdmetight.ui.dialogs.couple_history import CoupleHistoryDialog
    from holdmetight.ui.dialogs.couple_messages import CoupleMessagesDialog
    from holdmetight.ui.dialogs.couple_outcomes import CoupleOutcomesDialog
    from holdmetight.ui.dialogs.enroll_form import EnrollDialog
    from holdmetight.ui.dialogs.fee_forms import AssessDialog, PaymentDialog, WaiverDialog
    from holdmetight.ui.dialogs.fee_scale_editor import FeeScaleEditor, NormDialog
    from holdmetight.ui.dialogs.first_start import FirstStartDialog
    from holdmetight.ui.dialogs.handout_editor import HandoutEditor
    from holdmetight.ui.dialogs.import_couples import ImportCouplesDialog
    from holdmetight.ui.dialogs.instruments import InstrumentForm, InstrumentsDialog
    from holdmetight.ui.dialogs.intake_form import IntakeDialog
    from holdmetight.ui.dialogs.mail_settings import MailSettingsDialog
    from holdmetight.ui.dialogs.meeting import MeetingDialog
    from holdmetight.ui.dialogs.meeting_record import MeetingRecordDialog
    from holdmetight.ui.dialogs.message_texts import MessageTextsDialog
    from holdmetight.ui.dialogs.new_course import NewCourseDialog
    from holdmetight.ui.dialogs.outcome_plan import OutcomePlanDialog
    from holdmetight.ui.dialogs.outcomes_overview import (
        DueQuestionnairesDialog,
        OutcomeFiguresDialog,
    )
    from holdmetight.ui.dialogs.personal_data import PersonalDataDialog
    from holdmetight.ui.dialogs.program_editor import ProgramEditor
    from holdmetight.ui.dialogs.retention import RetentionDialog
    from holdmetight.ui.dialogs.school_holidays import SchoolHolidayForm, SchoolHolidaysDialog
    from holdmetight.ui.dialogs.score_entry import ScoreEntryDialog
    from holdmetight.ui.dialogs.send_messages import SendMessagesDialog
    from holdmetight.ui.dialogs.server_dialog import PasswordDialog, ServerDialog
    from holdmetight.ui.dialogs.settings import SettingsDialog
    from holdmetight.ui.dialogs.team_forms import FacilitatorDialog, VenueDialog
    from holdmetight.ui.dialogs.user_guide import UserGuide
    from holdmetight.ui.dialogs.waiting_forms import DeclineDialog, MoveDialog
    from holdmetight.ui.dialogs.withdraw_form import WithdrawDialog
    from holdmetight.ui.pdf_preview import PdfPreview
    from holdmetight.ui.printing import PrintDialog

    course = next(c for c in context.call(courses.list_courses) if c.status is CourseStatus.RUNNING)
    info = context.call(courses.get_course, course_id=course.id)
    enrollment = context.call(enrollments.list_enrollments, course_id=course.id)[0]
    couple_id = enrollment.couple_id
    names = enrollment.names
    couple = context.call(couples.get_couple, couple_id=couple_id)
    meeting = context.call(group_sessions.list_group_sessions, course_id=course.id)[0]
    fee = context.call(fee_assessments.fee_overview, course_id=course.id)[0]
    scale = context.call(fee_scales.course_fee_scale, course_id=course.id)
    program = context.call(programs.list_programs)[0]
    instruments = InstrumentsDialog(context)
    one_page = one_page_pdf()
    applications = folder / "aanmeldingen.csv"
    applications.write_bytes(
        b"voornaam1;achternaam1;voornaam2;achternaam2;postcode\r\nKees;Bos;Els;Bos;99\r\n"
    )
    yield from (
        ("AnonymiseDialog", lambda: AnonymiseDialog(context, couple_id)),
        ("AuditTrailDialog", lambda: AuditTrailDialog(context)),
        ("CompletionRuleDialog", lambda: CompletionRuleDialog(context, info)),
        ("ConsentDialog", lambda: ConsentDialog(context, couple_id)),
        ("CoupleDialog (new)", lambda: CoupleDialog(context)),
        ("CoupleDialog", lambda: CoupleDialog(context, couple)),
        ("CoupleHistoryDialog", lambda: CoupleHistoryDialog(context, couple_id)),
        ("CoupleMessagesDialog", lambda: CoupleMessagesDialog(context, couple_id)),
        ("CoupleOutcomesDialog", lambda: CoupleOutcomesDialog(context, couple_id)),
        ("EnrollDialog", lambda: EnrollDialog(context, couple_id)),
        ("AssessDialog", lambda: AssessDialog(context, fee, scale, course.id)),
        ("PaymentDialog", lambda: PaymentDialog(context, fee)),
        ("WaiverDialog", lambda: WaiverDialog(context, fee)),
        ("FeeScaleEditor", lambda: FeeScaleEditor(context)),
        ("NormDialog", lambda: NormDialog(context)),
        ("FirstStartDialog", lambda: FirstStartDialog(context.database.display_name)),
        ("HandoutEditor", lambda: HandoutEditor(context, "C1", "Gesprek 1")),
        ("InstrumentsDialog", lambda: InstrumentsDialog(context)),
        ("InstrumentForm", lambda: InstrumentForm(context, None, instruments)),
        ("ImportCouplesDialog", lambda: ImportCouplesDialog(context, applications)),
        ("IntakeDialog", lambda: IntakeDialog(context, couple_id, names)),
        ("MailSettingsDialog", lambda: MailSettingsDialog(context)),
        ("MeetingDialog (new)", lambda: MeetingDialog(context, course.id)),
        ("MeetingDialog", lambda: MeetingDialog(context, course.id, meeting)),
        ("MeetingRecordDialog", lambda: MeetingRecordDialog(context, meeting.id)),
        ("MessageTextsDialog", lambda: MessageTextsDialog(context)),
        ("NewCourseDialog", lambda: NewCourseDialog(context)),
        (
            "OutcomePlanDialog",
            lambda: OutcomePlanDialog(context, course_id=course.id, title=course.code),
        ),
        ("DueQuestionnairesDialog", lambda: DueQuestionnairesDialog(context)),
        ("OutcomeFiguresDialog", lambda: OutcomeFiguresDialog(context)),
        ("PersonalDataDialog", lambda: PersonalDataDialog(context, couple_id)),
        ("ProgramEditor (new)", lambda: ProgramEditor(context)),
        ("ProgramEditor", lambda: ProgramEditor(context, program)),
        ("RetentionDialog", lambda: RetentionDialog(context)),
        ("SchoolHolidaysDialog", lambda: SchoolHolidaysDialog(context, SchoolRegion.MIDDLE)),
        ("SchoolHolidayForm", lambda: SchoolHolidayForm(context, SchoolRegion.MIDDLE)),
        (
            "ScoreEntryDialog",
            lambda: ScoreEntryDialog(context, course.id, couple_id, OutcomeWave.PRE),
        ),
        ("SendMessagesDialog", lambda: SendMessagesDialog(context, course.id)),
        ("ServerDialog", lambda: ServerDialog()),
        ("PasswordDialog", lambda: PasswordDialog("postgresql://anna@server/holdmetight")),
        ("SettingsDialog", lambda: SettingsDialog(context)),
        ("FacilitatorDialog", lambda: FacilitatorDialog(context)),
        ("VenueDialog", lambda: VenueDialog(context)),
        ("DeclineDialog", lambda: DeclineDialog(context, course.id, names)),
        ("MoveDialog", lambda: MoveDialog(context, course.id, names)),
        ("WithdrawDialog", lambda: WithdrawDialog(context, enrollment)),
        ("ClosingDialog", lambda: ClosingDialog(enrollment)),
        ("UserGuide", lambda: UserGuide()),
        (
            "PrintDialog",
            lambda: PrintDialog("Presentielijst", "x.pdf", lambda _l, _p: b"", Language.NL),
        ),
        ("PdfPreview", lambda: PdfPreview("Presentielijst", one_page, lambda: None, lambda: None)),
    )
    instruments.deleteLater()


@pytest.fixture
def dialog_findings(qtbot, demo_context, tmp_path) -> Findings:
    findings = Findings()
    for language in LANGUAGES:
        set_language(language)
        for where, make in every_dialog(demo_context, tmp_path):
            dialog = make()
            qtbot.addWidget(dialog)
            dialog.show()
            wait_for_jobs(qtbot)
            for _shown in each_tab(dialog):
                findings.walk(dialog, where, language)
            dialog.close()
    return findings


def listed(found: dict[Place, Input]) -> str:
    return f"{len(found)}:\n" + "\n".join(sorted(str(u) for u in found.values()))


def test_every_input_in_the_main_window_has_a_name(main_window_findings):
    assert not main_window_findings.unnamed, listed(main_window_findings.unnamed)


def test_every_input_in_the_dialogs_has_a_name(dialog_findings):
    assert not dialog_findings.unnamed, listed(dialog_findings.unnamed)


def test_the_tables_and_lists_of_the_main_window_are_named_in_dutch(main_window_findings):
    """A sample: every table and list changes its name when the window switches to Dutch."""
    names = main_window_findings.names
    lists = [p for p, w in main_window_findings.widgets.items() if isinstance(w, QAbstractItemView)]
    assert len(lists) > 15
    same = sorted(names["en"][p] for p in lists if names["en"][p] == names["nl"].get(p))
    assert same == []


def test_no_name_stays_english_where_the_catalog_has_it_in_dutch(
    main_window_findings, dialog_findings
):
    """A name the Dutch catalog translates, still English in the Dutch window or dialog, was
    set once instead of on every change of language."""
    dutch = catalog("nl")
    for findings in (main_window_findings, dialog_findings):
        names = findings.names
        stuck = sorted(
            name
            for place, name in names["nl"].items()
            if name and name == names["en"].get(place) and dutch.gettext(name) != name
        )
        assert stuck == []


def test_every_input_and_button_takes_the_tab_key(main_window_findings, dialog_findings):
    for findings in (main_window_findings, dialog_findings):
        assert not findings.no_tab_focus, listed(findings.no_tab_focus)


def test_the_menus_show_the_shortcuts_of_the_main_actions(window):
    expected = {
        window.new_course_action: QKeySequence("Ctrl+N"),
        window.settings_action: QKeySequence("Ctrl+,"),
        window.refresh_action: QKeySequence(QKeySequence.StandardKey.Refresh),
        window.quit_action: QKeySequence("Ctrl+Q"),
        window.find_action: QKeySequence(QKeySequence.StandardKey.Find),
        window.audit_action: QKeySequence("Ctrl+Shift+L"),
        window.due_action: QKeySequence("Ctrl+Shift+Q"),
        window.figures_action: QKeySequence("Ctrl+Shift+F"),
    }
    for page, action in enumerate(window.view_menu.actions()[: len(PAGES)], start=1):
        expected[action] = QKeySequence(f"Ctrl+{page}")
    in_menus = {a for menu in (window.file_menu, window.view_menu) for a in menu.actions()}
    for action, keys in expected.items():
        assert action in in_menus and action.shortcut() == keys, action.text()
        assert not keys.isEmpty()


def test_a_button_with_keys_names_them_in_its_tooltip_in_either_language(window):
    attendance = window.courses_page.detail.attendance_tab
    for language in LANGUAGES:
        window.apply_language(language)
        for index in PAGES:
            window.page(index)
        pressed = [
            (shortcut.parent(), shortcut.key())
            for shortcut in window.findChildren(QShortcut)
            if isinstance(shortcut.parent(), QAbstractButton)
        ]
        pressed += [
            (attendance.undo_button, attendance.undo_action.shortcut()),
            (attendance.redo_button, attendance.redo_action.shortcut()),
        ]
        assert len(pressed) >= 4
        for button, keys in pressed:
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            assert native and native in button.toolTip(), (button.text(), native)


def test_the_pages_keys_do_not_clash_with_the_windows(window):
    for index in PAGES:
        window.page(index)
    windows = [a.shortcut() for a in window.actions() if not a.shortcut().isEmpty()]
    windows += [
        a.shortcut()
        for menu in (window.file_menu, window.view_menu, window.help_menu)
        for a in menu.actions()
        if not a.shortcut().isEmpty()
    ]
    pages = [s.key() for s in window.findChildren(QShortcut)]
    pages += [
        a.shortcut() for a in window.pages.findChildren(QAction) if not a.shortcut().isEmpty()
    ]
    assert pages and not set(map(str, pages)) & {k.toString() for k in windows}
    assert len(pages) == len({k.toString() for k in pages})


def test_ctrl_shift_n_on_the_couples_page_starts_a_new_couple(qtbot, window, monkeypatch):
    started: list[object] = []
    monkeypatch.setattr(couple_actions, "new_couple", lambda parent, context: started.append(1))
    window.show_page(PAGE_COUPLES)
    active(qtbot, window)
    qtbot.keyClick(window.couples_page.table, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: started == [1], timeout=2000)
    window.show_page(PAGE_COURSES)  # the key is the Couples page's only
    qtbot.keyClick(window.courses_page.table, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.wait(200)
    assert started == [1]


def test_ctrl_shift_r_records_the_meeting_chosen(qtbot, window, monkeypatch):
    recorded: list[int] = []
    monkeypatch.setattr(
        course_actions,
        "record_meeting",
        lambda parent, context, meeting: recorded.append(meeting.id),
    )
    detail = window.courses_page.detail
    detail.show_tab(CourseTab.SESSIONS)
    detail.sessions_view.selectRow(2)
    active(qtbot, window)
    qtbot.keyClick(window.courses_page.table, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(recorded) == 1, timeout=2000)
    assert recorded == [detail.sessions_model.row_at(2).id]


def test_enter_on_the_agenda_opens_the_meetings_course(qtbot, database, window_settings):
    with database.session() as session:
        demo.create_demo_data(session, today=date.today())
    window = open_window(qtbot, AppContext(database), window_settings)
    window.show_page(PAGE_AGENDA)
    page = window.agenda_page
    assert page.model.rowCount() >= 3, "the running course meets in the coming weeks"
    page.table.selectRow(2)
    active(qtbot, window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == PAGE_COURSES
    assert window.courses_page.detail.course_id == page.model.row_at(2).course_id


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_window(qtbot, context: AppContext, settings) -> MainWindow:
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def active(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
