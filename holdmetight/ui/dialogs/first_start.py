"""Asked once a database is new: try the application with demo data, or start empty."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from holdmetight.i18n import _


class FirstStartChoice(Enum):
    DEMO = "demo"
    EMPTY = "empty"


class FirstStartDialog(QDialog):
    def __init__(self, database_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = FirstStartChoice.EMPTY
        self.setWindowTitle(_("Welcome to holdmetight"))
        text = QLabel(
            _(
                "This database is new: {name}\n\n"
                "You can fill it with demo data (made-up couples, courses and facilitators) to "
                "try everything out, or start empty and enter your own organisation's data. "
                "Demo data is marked as such in the window title."
            ).format(name=database_name)
        )
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        self.demo_button = QPushButton(_("Create demo data"))
        self.empty_button = QPushButton(_("Start empty"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.demo_button.clicked.connect(lambda: self._choose(FirstStartChoice.DEMO))
        self.empty_button.clicked.connect(lambda: self._choose(FirstStartChoice.EMPTY))
        self.demo_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _choose(self, choice: FirstStartChoice) -> None:
        self.choice = choice
        self.accept()
