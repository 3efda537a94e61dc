"""How the completion rule of a course reads, on screen and on paper."""

from __future__ import annotations

from holdmetight.i18n import _


def completion_rule_text(min_steps: int, total: int, *, both_partners: bool) -> str:
    """ "attended at least 6 of 8 steps, both partners" in the language in force."""
    if both_partners:
        return _("attended at least {n} of {total} steps, both partners").format(
            n=min_steps, total=total
        )
    return _("attended at least {n} of {total} steps, at least one partner").format(
        n=min_steps, total=total
    )
