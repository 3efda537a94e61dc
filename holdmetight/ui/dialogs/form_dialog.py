"""A form dialog whose Save calls one service, and stays open with the reason when it fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QVBoxLayout, QWidget

from holdmetight.errors import HoldMeTightError
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import open_wide, save_cancel_buttons


class FormDialog(QDialog):
    """Subclasses fill ``self.form`` and implement ``save`` with :meth:`save_with`."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(save_cancel_buttons(self, self.save))
        open_wide(self, 460)
        self.saved: Any = None

    def save(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def save_with(self, call: Callable[[], Any]) -> None:
        """Run the service call; keep its result and close, or show why it was refused."""
        try:
            self.saved = call()
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
