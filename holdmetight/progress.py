"""Reporting how far long work has come, and stopping it when the user asks.

Long work (imports, reports, printing) takes a ``Progress`` callable and calls it now and then
with how much is done. The caller's callable may raise :class:`Cancelled` when the user pressed
Cancel; the work then stops where it is and its transaction rolls back, so nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""``progress(done, total)``; ``total`` is 0 while it is not known."""


class Cancelled(Exception):  # noqa: N818 - what happened, not an error to report
    """The user stopped the work; nothing it did is kept."""


def no_progress(_done: int, _total: int) -> None:
    """For callers that do not show progress."""
