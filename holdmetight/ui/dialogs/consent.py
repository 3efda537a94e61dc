"""Each partner's consent, per purpose: agreed to since a date, or withdrawn on a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import ConsentPurpose
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date
from holdmetight.services import consents, couples
from holdmetight.services.consents import ConsentInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import date_edit, from_qdate, open_wide, save_cancel_buttons


class ConsentDialog(QDialog):
    """A row per purpose, a column per partner: a tick when agreed, and the date it was given
    (or withdrawn, when a tick is taken away)."""

    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self.setWindowTitle(_("Consent: {names}").format(names=couple.names))
        self.stored = {
            (c.partner, c.purpose): c
            for c in context.call(consents.consents_of, couple_id=couple_id)
        }
        self.checks: dict[tuple[int, ConsentPurpose], QCheckBox] = {}
        self.dates: dict[tuple[int, ConsentPurpose], QDateEdit] = {}
        self.states: dict[tuple[int, ConsentPurpose], QLabel] = {}
        grid = QGridLayout()
        for column, partner in enumerate(couple.partners, start=1):
            grid.addWidget(QLabel(f"<b>{partner.full_name}</b>"), 0, 2 * column - 1, 1, 2)
        for row, purpose in enumerate(ConsentPurpose, start=1):
            grid.addWidget(QLabel(purpose.label), row, 0)
            for position in (1, 2):
                key = (position, purpose)
                stored = self.stored[key]
                check = QCheckBox(_("agreed"))
                check.setAccessibleName(
                    _("Partner {n}: {purpose}").format(n=position, purpose=purpose.label)
                )
                check.setChecked(stored.in_force(date.today()))
                when = date_edit(stored.given_on or date.today())
                when.setAccessibleName(
                    _("Partner {n}: date for {purpose}").format(n=position, purpose=purpose.label)
                )
                state = QLabel(self._state_text(stored))
                # Ticked or not, it happens today unless the user says otherwise; a date is
                # asked only for a consent given, or one being withdrawn.
                given = stored.in_force(date.today())
                when.setEnabled(given)
                check.toggled.connect(lambda _on, edit=when: edit.setDate(date.today()))
                check.toggled.connect(lambda on, edit=when, was=given: edit.setEnabled(on or was))
                self.checks[key], self.dates[key], self.states[key] = check, when, state
                cell = QVBoxLayout()
                cell.addWidget(check)
                cell.addWidget(state)
                grid.addLayout(cell, row, 2 * position - 1)
                grid.addWidget(when, row, 2 * position)
        note = QLabel(
            _(
                "Tick what each partner agreed to and the date; to record a withdrawal, take "
                "the tick away and set the date it was withdrawn. What needs a consent (e-mail, "
                "research) is not done without it."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(save_cancel_buttons(self, self.save))
        open_wide(self, 640)

    @staticmethod
    def _state_text(stored: ConsentInfo) -> str:
        if stored.given_on is None:
            return _("never given")
        if stored.withdrawn_on is not None:
            return _("withdrawn on {date}").format(date=format_date(stored.withdrawn_on))
        return _("given on {date}").format(date=format_date(stored.given_on))

    def save(self) -> None:
        today = date.today()
        try:
            for key, check in self.checks.items():
                partner, purpose = key
                stored, on = self.stored[key], from_qdate(self.dates[key].date())
                in_force = stored.in_force(today)
                if check.isChecked() and (not in_force or on != stored.given_on):
                    self._context.call(
                        consents.give_consent,
                        couple_id=self._couple_id,
                        partner=partner,
                        purpose=purpose,
                        on=on,
                    )
                elif not check.isChecked() and in_force:
                    self._context.call(
                        consents.withdraw_consent,
                        couple_id=self._couple_id,
                        partner=partner,
                        purpose=purpose,
                        on=on,
                    )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
