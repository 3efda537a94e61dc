"""The completion rule: did the couple attend enough of the programme's steps?

A step counts as attended when both partners (or, where the course's rule allows, at least one
of them) were present or late at a meeting for that step that was not cancelled; a make-up
meeting counts for its step. Excused and absent both count as missed. While the course runs,
each couple's state says whether completion is still in reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from holdmetight.domain.enums import AttendanceStatus
from holdmetight.i18n import N_, gettext

ATTENDED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})
NOT_ATTENDED = frozenset({AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT})
AT_RISK_AFTER_MISSED = 2


class CompletionState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"

    @property
    def label(self) -> str:
        return gettext(_LABELS[self])


_LABELS = {
    CompletionState.ON_TRACK: N_("on track"),
    CompletionState.AT_RISK: N_("at risk"),
    CompletionState.COMPLETED: N_("completed"),
    CompletionState.NOT_COMPLETED: N_("not completed"),
}


@dataclass(frozen=True)
class StepRecord:
    """What happened for one step of the programme, for one couple."""

    position: int
    held: bool  # a meeting for this step has taken place
    partner1: AttendanceStatus | None
    partner2: AttendanceStatus | None
    both_partners: bool = True  # the course's rule: both must attend, or one is enough

    @property
    def attended(self) -> bool:
        if self.both_partners:
            return self.partner1 in ATTENDED and self.partner2 in ATTENDED
        return self.partner1 in ATTENDED or self.partner2 in ATTENDED

    @property
    def missed(self) -> bool:
        """Held, and at least one partner recorded as not there (unrecorded is not missed)."""
        return (
            self.held
            and not self.attended
            and (self.partner1 in NOT_ATTENDED or self.partner2 in NOT_ATTENDED)
        )


@dataclass(frozen=True)
class Completion:
    state: CompletionState
    attended: int
    missed: int
    required: int
    total: int


def merge_meetings(
    meetings: Iterable[tuple[int, bool, AttendanceStatus | None, AttendanceStatus | None]],
    *,
    both_partners: bool = True,
) -> list[StepRecord]:
    """One record per step from its meetings (position, held, partner 1, partner 2): a step is
    attended if any of its meetings was attended under the rule, held if any was held."""
    by_step: dict[int, StepRecord] = {}
    for position, held, first, second in meetings:
        record = StepRecord(position, held, first, second, both_partners)
        previous = by_step.get(position)
        if previous is None or (record.attended and not previous.attended):
            by_step[position] = StepRecord(
                position, held or bool(previous and previous.held), first, second, both_partners
            )
        elif held and not previous.held:
            by_step[position] = StepRecord(
                position, True, previous.partner1, previous.partner2, both_partners
            )
    return [by_step[p] for p in sorted(by_step)]


def evaluate(
    steps: Iterable[StepRecord], *, required: int, total: int, finished: bool
) -> Completion:
    """The couple's state under the rule "attended at least ``required`` of ``total`` steps"."""
    records = list(steps)
    attended = sum(1 for s in records if s.attended)
    missed = sum(1 for s in records if s.missed)
    still_possible = total - attended - missed
    if attended >= required:
        state = CompletionState.COMPLETED
    elif finished or attended + still_possible < required:
        state = CompletionState.NOT_COMPLETED
    elif missed >= AT_RISK_AFTER_MISSED:
        state = CompletionState.AT_RISK
    else:
        state = CompletionState.ON_TRACK
    return Completion(state, attended, missed, required, total)
