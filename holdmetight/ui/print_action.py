"""Opening the print dialog from an action: it and the PDF libraries behind it are loaded when
a user first prints, not when the window starts."""

from __future__ import annotations

from typing import Any


def open_print_dialog(*args: Any, **kwargs: Any) -> None:
    """Show :class:`~holdmetight.ui.printing.PrintDialog` with these arguments, modally."""
    from holdmetight.ui.printing import PrintDialog

    PrintDialog(*args, **kwargs).exec()
