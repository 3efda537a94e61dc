"""The Couples page: every couple, filtered as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_number, ngettext
from holdmetight.services import couple_list
from holdmetight.services.changes import Kind
from holdmetight.ui import couple_actions, icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.couple_history import CoupleHistoryDialog
from holdmetight.ui.dialogs.couple_outcomes import CoupleOutcomesDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.couple_table import CoupleTableModel
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import name_keys, press_with

FILTER_DELAY_MS = 120
# A filter matching more couples than this says so instead of counting them all.
COUNTED_AT_MOST = 1000


class CouplesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.count_label = QLabel()
        self.model = CoupleTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=0)
        # A scroll bar that comes and goes with the matches lays the whole list out twice.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.doubleClicked.connect(lambda _index: self.edit_couple())
        # Scrolling to the end of a list counted only so far gives its length.
        self.model.counted.connect(self._show_count)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton()
        icons.dress(self.new_button, "new")
        self.edit_button = QPushButton()
        icons.dress(self.edit_button, "edit")
        self.intake_button = QPushButton()
        icons.dress(self.intake_button, "intake")
        self.enroll_button = QPushButton()
        icons.dress(self.enroll_button, "enroll")
        self.history_button = QPushButton()
        icons.dress(self.history_button, "courses")
        self.history_button.clicked.connect(self.show_history)
        self.outcomes_button = QPushButton()
        icons.dress(self.outcomes_button, "questionnaires")
        self.outcomes_button.clicked.connect(self.show_outcomes)
        self.messages_button = QPushButton()
        icons.dress(self.messages_button, "messages")
        self.messages_button.clicked.connect(self.show_messages)
        # What the AVG gives the couple, in one menu: consent, inzage, the audit trail, erasure.
        self.privacy_button = QToolButton()
        icons.dress(self.privacy_button, "privacy")
        self.privacy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.privacy_menu = QMenu(self)
        self.privacy_button.setMenu(self.privacy_menu)
        self.consent_action = self.privacy_menu.addAction("")
        self.consent_action.triggered.connect(self.edit_consent)
        self.personal_data_action = self.privacy_menu.addAction("")
        self.personal_data_action.triggered.connect(self.export_personal_data)
        self.audit_action = self.privacy_menu.addAction("")
        self.audit_action.triggered.connect(self.show_audit_trail)
        self.privacy_menu.addSeparator()
        self.anonymise_action = self.privacy_menu.addAction("")
        self.anonymise_action.triggered.connect(self.anonymise)
        if not context.sees_administration:
            # The server lets administrators alone read the trail and the fees (which an
            # inzage holds), and anonymise.
            for action in (self.audit_action, self.anonymise_action, self.personal_data_action):
                action.setVisible(False)
        self.new_button.clicked.connect(self.new_couple)
        # Ctrl+N is the window's New course.
        self.new_shortcut = press_with(self.new_button, "Ctrl+Shift+N")
        self.edit_button.clicked.connect(self.edit_couple)
        self.intake_button.clicked.connect(self.record_intake)
        if not context.sees_administration:  # intakes are recorded by administrators
            self.intake_button.hide()
        self.enroll_button.clicked.connect(self.enroll)
        self.import_button = QPushButton()
        icons.dress(self.import_button, "import")
        self.export_button = QToolButton()
        icons.dress(self.export_button, "export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self)
        self.export_button.setMenu(self.export_menu)
        self.export_couples_action = self.export_menu.addAction("")
        self.export_enrollments_action = self.export_menu.addAction("")
        self.export_fees_action = self.export_menu.addAction("")
        self.import_button.clicked.connect(
            lambda: couple_actions.import_couples(self, self._context)
        )
        self.export_couples_action.triggered.connect(
            lambda: couple_actions.export_table(self, self._context, "couples")
        )
        self.export_enrollments_action.triggered.connect(
            lambda: couple_actions.export_table(self, self._context, "enrollments")
        )
        self.export_fees_action.triggered.connect(
            lambda: couple_actions.export_table(self, self._context, "fees")
        )

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.status_combo.currentIndexChanged.connect(self.refresh)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, stretch=1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.count_label)
        actions = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.intake_button,
            self.enroll_button,
            self.history_button,
            self.outcomes_button,
            self.messages_button,
            self.privacy_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        self.freshness = Freshness(self, context, {Kind.COUPLES, Kind.ENROLLMENTS}, self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(_("Filter by name, e-mail, postcode or municipality"))
        self.filter_edit.setAccessibleName(_("Filter couples"))
        self.filter_edit.setAccessibleDescription(self.filter_edit.placeholderText())
        self.status_combo.setAccessibleName(_("Status"))
        self.table.setAccessibleName(_("Couples"))
        self.new_button.setText(_("New couple…"))
        name_keys(self.new_button, self.new_shortcut.key())
        self.edit_button.setText(_("Edit…"))
        self.intake_button.setText(_("Intake…"))
        self.enroll_button.setText(_("Enroll…"))
        self.history_button.setText(_("History…"))
        self.history_button.setToolTip(_("Intakes, courses, waiting lists and offers"))
        self.outcomes_button.setText(_("Questionnaires…"))
        self.outcomes_button.setToolTip(
            _("Both partners' questionnaire scores per course and wave, as charts")
        )
        self.messages_button.setText(_("Messages…"))
        self.messages_button.setToolTip(
            _("Every e-mail and letter sent to this couple, and what became of it")
        )
        self.privacy_button.setText(_("Privacy"))
        self.privacy_button.setToolTip(_("Consent, personal data, audit trail and erasure"))
        self.consent_action.setText(_("Consent…"))
        self.personal_data_action.setText(_("Personal data (inzage)…"))
        self.audit_action.setText(_("Audit trail…"))
        self.anonymise_action.setText(_("Anonymise…"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export"))
        self.export_couples_action.setText(_("Couples…"))
        self.export_enrollments_action.setText(_("Enrollments…"))
        self.export_fees_action.setText(_("Fees…"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(_("All statuses"), None)
        for status in EnrollmentStatus:
            self.status_combo.addItem(status.label, status.value)
        index = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(index, 0))
        self.status_combo.blockSignals(False)
        self.model.retranslate()
        self.freshness.request()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def refresh(self) -> None:
        """Run the current filter again (at once, not waiting for the typing pause)."""
        self._timer.stop()
        text = self.filter_edit.text()
        chosen = self.status_combo.currentData()
        status = EnrollmentStatus(chosen) if chosen else None

        def fetch(offset: int, limit: int) -> list[couple_list.CoupleRow]:
            return self._context.call(
                couple_list.list_couples, text=text, status=status, offset=offset, limit=limit
            )

        # A word that many couples share is counted only so far: the list scrolls on.
        found = self._context.call(
            couple_list.first_page,
            text=text,
            status=status,
            limit=self.model.page_size,
            count_at_most=COUNTED_AT_MOST if text else None,
        )

        def fetch_again(offset: int, limit: int) -> list[couple_list.CoupleRow]:
            if offset == 0 and (limit <= len(found.rows) or found.total == len(found.rows)):
                return found.rows[:limit]
            return fetch(offset, limit)

        with keeping_place(self.table):
            self.model.load(fetch_again, found.total, exact=found.exact)
        self._update_buttons()
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total
        if self.model.exact:
            text = ngettext("{n} couple", "{n} couples", total).format(n=total)
        else:
            text = _("more than {n} couples").format(n=format_number(COUNTED_AT_MOST))
        self.count_label.setText(text)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_couple(self, couple_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == couple_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (
            self.edit_button,
            self.intake_button,
            self.enroll_button,
            self.history_button,
            self.outcomes_button,
            self.messages_button,
            self.privacy_button,
        ):
            button.setEnabled(chosen)

    def new_couple(self) -> None:
        couple_id = couple_actions.new_couple(self, self._context)
        if couple_id is not None:
            self.select_couple(couple_id)

    def edit_couple(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            couple_actions.edit_couple(self, self._context, couple_id)

    def record_intake(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            couple_actions.record_intake(self, self._context, couple_id)

    def enroll(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            couple_actions.enroll(self, self._context, couple_id)

    def show_history(self) -> None:
        """The couple's file over time; opening it is noted in the audit trail."""
        couple_id = self.selected_id()
        if couple_id is not None and couple_actions.note_view(self, self._context, couple_id):
            CoupleHistoryDialog(self._context, couple_id, self).exec()

    def show_outcomes(self) -> None:
        """The couple's scores; opening them is noted in the audit trail."""
        couple_id = self.selected_id()
        if couple_id is not None and couple_actions.note_view(self, self._context, couple_id):
            CoupleOutcomesDialog(self._context, couple_id, self).exec()

    def show_messages(self) -> None:
        """The messages sent to the couple; opening them is noted in the audit trail."""
        couple_id = self.selected_id()
        if couple_id is not None:
            couple_actions.show_messages(self, self._context, couple_id)

    def edit_consent(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            from holdmetight.ui.dialogs.consent import ConsentDialog

            ConsentDialog(self._context, couple_id, self).exec()

    def export_personal_data(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            from holdmetight.ui.dialogs.personal_data import PersonalDataDialog

            PersonalDataDialog(self._context, couple_id, self).exec()

    def anonymise(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            from holdmetight.ui.dialogs.anonymise import AnonymiseDialog

            try:
                dialog = AnonymiseDialog(self._context, couple_id, self)
            except HoldMeTightError as error:  # anonymised meanwhile, on another PC
                show_error(self, error)
                return
            dialog.exec()

    def show_audit_trail(self) -> None:
        couple_id = self.selected_id()
        if couple_id is not None:
            from holdmetight.ui.dialogs.audit_trail import AuditTrailDialog

            AuditTrailDialog(self._context, couple_id, self).exec()
