"""Opening the print dialog from an action: it and the PDF libraries behind it are loaded when
a user first prints, not when the window starts. What is printed or saved is noted in the audit
trail first (:func:`recorder`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from holdmetight.services import audit_trail
from holdmetight.services.audit_trail import Output, details
from holdmetight.ui.context import AppContext


def open_print_dialog(*args: Any, **kwargs: Any) -> None:
    """Show :class:`~holdmetight.ui.printing.PrintDialog` with these arguments, modally."""
    from holdmetight.ui.printing import PrintDialog

    PrintDialog(*args, **kwargs).exec()


def recorder(
    context: AppContext,
    document: str,
    *,
    record_id: int | None = None,
    couple_id: int | None = None,
    **held: object,
) -> Callable[[Output, str], None]:
    """What the print dialog calls before ``document`` leaves: an audit-trail entry of how,
    in which language, and what it held (``held``: a course, a step, a period; no names)."""

    def record(how: Output, language: str) -> None:
        context.call(
            audit_trail.record_output,
            how=how,
            document=document,
            detail=details(**held, language=language),
            record_id=record_id,
            couple_id=couple_id,
        )

    return record
