"""User actions: call a service, show its error, announce what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.ui.context import AppContext
from holdmetight.ui.events import announce

T = TypeVar("T")


def show_error(parent: QWidget | None, error: HoldMeTightError) -> None:
    QMessageBox.warning(parent, _("holdmetight"), str(error))


def run_action(
    parent: QWidget | None,
    context: AppContext,
    service: Callable[..., T],
    /,
    *,
    changes: str,
    **kwargs: Any,
) -> T | None:
    """Run one service call as one user action; on failure show why and return None."""
    try:
        result = context.call(service, **kwargs)
    except HoldMeTightError as error:
        show_error(parent, error)
        return None
    announce(changes)
    return result
