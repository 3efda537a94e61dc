"""Telling the user why something was refused."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _


def show_error(parent: QWidget | None, error: HoldMeTightError) -> None:
    """The refusal's own sentence, which says what to do, in a warning box."""
    QMessageBox.warning(parent, _("holdmetight"), str(error))
