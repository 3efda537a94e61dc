"""Anonymising a couple, or erasing one partner, at the couple's request (AVG art. 17) or when
its file has been kept long enough: what goes and what stays is said first, the backups that
still hold the data are named, and the user types the family name to confirm."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.db.backup import list_backups
from holdmetight.db.erasures import Erasure
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date, format_time
from holdmetight.services import couples, erasure_register, privacy
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import open_wide

WHOLE_COUPLE = 0


class AnonymiseDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        self.erased: Erasure | None = None
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self._names = {
            WHOLE_COUPLE: context.call(privacy.confirmation_name, couple_id=couple_id),
            **{
                n: p.family_name
                and context.call(privacy.confirmation_name, couple_id=couple_id, partner=n)
                for n, p in enumerate(couple.partners, start=1)
            },
        }
        self.setWindowTitle(_("Anonymise: {names}").format(names=couple.names))
        self.whole_button = QRadioButton(_("The whole couple"))
        self.partner_buttons = [
            QRadioButton(_("Only partner {n}: {name}").format(n=n, name=p.full_name))
            for n, p in enumerate(couple.partners, start=1)
        ]
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.whole_button, WHOLE_COUPLE)
        for n, button in enumerate(self.partner_buttons, start=1):
            self.choice.addButton(button, n)
            button.setEnabled(bool(self._names[n]))  # a partner erased already is gone
        self.whole_button.setChecked(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.backups_label = QLabel(self._backups_text())
        self.backups_label.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.prompt.setBuddy(self.name_edit)
        self.name_edit.setAccessibleName(_("Family name to confirm"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.anonymise_button = QPushButton(_("Anonymise"))
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.anonymise_button.clicked.connect(self.anonymise)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("What is to be anonymised?")))
        layout.addWidget(self.whole_button)
        for button in self.partner_buttons:
            layout.addWidget(button)
        layout.addWidget(self.explanation)
        layout.addWidget(self.backups_label)
        layout.addWidget(self.prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(buttons)
        self.choice.idToggled.connect(lambda _id, _on: self._update())
        self.name_edit.textChanged.connect(lambda _text: self._update())
        self._update()
        open_wide(self, 620)

    def partner(self) -> int | None:
        chosen = self.choice.checkedId()
        return None if chosen == WHOLE_COUPLE else chosen

    def _expected(self) -> str:
        return self._names[self.choice.checkedId()]

    def _update(self) -> None:
        if self.partner() is None:
            self.explanation.setText(
                _(
                    "Removed for good: both partners' names, e-mail addresses and phone numbers, "
                    "the postcode, the notes, intake notes and screening flags, and every reason "
                    "and advice written in the couple's file. Kept for the anonymous figures: the "
                    "municipality, courses, attendance, income band, fees and payments. The "
                    "couple is no longer listed and its file cannot be changed. This cannot be "
                    "undone."
                )
            )
        else:
            self.explanation.setText(
                _(
                    "Removed for good: this partner's name, e-mail address and phone number, and "
                    "every note, reason and advice in the couple's file (they may speak of both "
                    "partners). The other partner's details stay. This cannot be undone."
                )
            )
        expected = self._expected()
        self.prompt.setText(
            _("To confirm, type the family name {name}:").format(name=expected)
            if not expected.isdigit()
            else _("To confirm, type the couple's number {number}:").format(number=expected)
        )
        self.anonymise_button.setEnabled(privacy.confirmed(self.name_edit.text(), self._expected()))

    def _backups_text(self) -> str:
        folder = self._context.database.backups_dir
        if self._context.database.path is None or folder is None:
            return _(
                "Backups of the server's database made before now still hold these data until "
                "they are removed."
            )
        older = list_backups(folder) if folder.is_dir() else []
        if not older:
            return _("There are no backups that still hold these data.")
        moments = ", ".join(
            f"{format_date(made)} {format_time(made)}"
            for made in sorted(_made(path) for path in older)
        )
        return _(
            "These backups still hold the data until they expire by rotation (the newest "
            "ones are kept): {moments}."
        ).format(moments=moments)

    def anonymise(self) -> None:
        if not privacy.confirmed(self.name_edit.text(), self._expected()):
            return
        try:
            self.erased = self._context.call(
                privacy.anonymise, couple_id=self._couple_id, partner=self.partner()
            )
            self._context.database.forget_old_pages()
            erasure_register.note(self._context.database, self.erased)
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()


def _made(path: Path) -> datetime:
    """When a backup was made (its file's time)."""
    return datetime.fromtimestamp(path.stat().st_mtime)
