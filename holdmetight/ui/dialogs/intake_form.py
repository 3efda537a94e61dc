"""Record an intake conversation: traffic light, outcome, screening flags, referral."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import IntakeOutcome, TrafficLight
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import facilitators, intakes
from holdmetight.services.intakes import SCREENING_FLAGS, IntakeInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import date_edit, fill_combo, from_qdate, save_cancel_buttons


class IntakeDialog(QDialog):
    def __init__(
        self, context: AppContext, couple_id: int, names: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        self.saved: IntakeInfo | None = None
        self.setWindowTitle(_("Intake: {names}").format(names=names))
        self.date_edit = date_edit(date.today())
        self.facilitator_combo = QComboBox()
        fill_combo(
            self.facilitator_combo,
            [
                (f.list_name, f.id)
                for f in context.call(facilitators.list_facilitators, active_only=True)
            ],
            empty_label=_("(not recorded)"),
        )
        self.light_combo = QComboBox()
        fill_combo(self.light_combo, [(t.label, t.value) for t in TrafficLight])
        self.light_combo.setCurrentIndex(list(TrafficLight).index(TrafficLight.ORANGE))
        self.outcome_combo = QComboBox()
        fill_combo(self.outcome_combo, [(o.label, o.value) for o in IntakeOutcome])
        self.referral_edit = QLineEdit()
        self.referral_edit.setPlaceholderText(_("e.g. couples therapy, GP"))
        self.flag_checks = {name: QCheckBox(_(label)) for name, label in SCREENING_FLAGS.items()}
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(70)
        form = QFormLayout()
        form.addRow(_("Date:"), self.date_edit)
        form.addRow(_("Facilitator:"), self.facilitator_combo)
        form.addRow(_("Traffic light:"), self.light_combo)
        for number, check in enumerate(self.flag_checks.values()):
            form.addRow(_("Screening:") if number == 0 else "", check)
            check.toggled.connect(self._on_flag)
        form.addRow(_("Outcome:"), self.outcome_combo)
        form.addRow(_("Referred to:"), self.referral_edit)
        form.addRow(_("Notes:"), self.notes_edit)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.outcome_combo.currentIndexChanged.connect(self._on_outcome)
        self._on_outcome()

    def _on_flag(self) -> None:
        if any(check.isChecked() for check in self.flag_checks.values()):
            self.outcome_combo.setCurrentIndex(
                self.outcome_combo.findData(IntakeOutcome.REFER.value)
            )
            self.light_combo.setCurrentIndex(self.light_combo.findData(TrafficLight.RED.value))

    def _on_outcome(self) -> None:
        self.referral_edit.setEnabled(self.outcome_combo.currentData() == IntakeOutcome.REFER.value)

    def save(self) -> None:
        try:
            self.saved = self._context.call(
                intakes.record_intake,
                couple_id=self._couple_id,
                on=from_qdate(self.date_edit.date()),
                traffic_light=TrafficLight(self.light_combo.currentData()),
                outcome=IntakeOutcome(self.outcome_combo.currentData()),
                facilitator_id=self.facilitator_combo.currentData(),
                referral_destination=self.referral_edit.text()
                if self.referral_edit.isEnabled()
                else "",
                flags=frozenset(n for n, c in self.flag_checks.items() if c.isChecked()),
                notes=self.notes_edit.toPlainText(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
