"""A questionnaire's scoring as pure rules: the range of each answer, how answers make a score,
and the reliable change index (Jacobson & Truax, 1991) that tells real change from noise."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from holdmetight.domain.enums import Scoring

SCORE_PLACES = Decimal("0.001")
# |RCI| above this is a change that measurement error alone makes less likely than 5 in 100.
RELIABLE = Decimal("1.96")


class Change(StrEnum):
    """What happened to one partner between two waves, by the reliable change index."""

    RECOVERED = "recovered"  # reliably better, and moved from the clinical to the normal range
    IMPROVED = "improved"  # reliably better, without crossing the cut-off
    UNCHANGED = "unchanged"
    DETERIORATED = "deteriorated"


@dataclass(frozen=True)
class Definition:
    """What scoring needs to know of a questionnaire."""

    ranges: tuple[tuple[int, int], ...]  # per item (low, high); empty: a total only
    reversed_items: frozenset[int]  # item numbers from 1
    scoring: Scoring
    score_min: Decimal
    score_max: Decimal
    higher_is_better: bool = True
    cutoff: Decimal | None = None
    reference_sd: Decimal | None = None
    reliability: Decimal | None = None

    @property
    def items(self) -> int:
        return len(self.ranges)

    @property
    def has_change_index(self) -> bool:
        """Whether the reliable change index can be counted: a reference SD above 0 and a
        reliability below 1 (a perfect one would leave no measurement error to allow for)."""
        return (
            self.reference_sd is not None
            and self.reference_sd > 0
            and self.reliability is not None
            and 0 <= self.reliability < 1
        )

    def answer_fits(self, item: int, answer: int) -> bool:
        low, high = self.ranges[item - 1]
        return low <= answer <= high

    def score(self, answers: Sequence[int]) -> Decimal:
        """The score of a complete set of answers (ValueError when one does not fit)."""
        if len(answers) != self.items:
            raise ValueError(f"{len(answers)} answers for {self.items} items")
        points = 0
        for item, answer in enumerate(answers, start=1):
            if not self.answer_fits(item, answer):
                raise ValueError(f"answer {answer} out of range for item {item}")
            low, high = self.ranges[item - 1]
            points += low + high - answer if item in self.reversed_items else answer
        total = Decimal(points)
        if self.scoring is Scoring.MEAN:
            total /= self.items
        return plain(total)

    def score_fits(self, score: Decimal) -> bool:
        return self.score_min <= score <= self.score_max

    def possible(self, score: Decimal) -> bool:
        """Whether whole answers to the items can make ``score``: a sum is a whole number, a
        mean a whole number of points divided by the number of items (to three decimals)."""
        if not self.items:
            return True
        points = score * self.items if self.scoring is Scoring.MEAN else score
        nearest = points.to_integral_value()
        if self.scoring is Scoring.MEAN:
            return plain(nearest / self.items) == plain(score)
        return points == nearest

    def change(self, before: Decimal, after: Decimal) -> Change | None:
        """The reliable change from ``before`` to ``after``; None without the reference SD and
        reliability the index needs."""
        if not self.has_change_index:
            return None
        assert self.reference_sd is not None and self.reliability is not None
        standard_error = float(self.reference_sd) * math.sqrt(1 - float(self.reliability))
        spread = math.sqrt(2) * standard_error
        index = float(after - before) / spread
        if not self.higher_is_better:
            index = -index
        if index <= -float(RELIABLE):
            return Change.DETERIORATED
        if index < float(RELIABLE):
            return Change.UNCHANGED
        if self.cutoff is not None and self.clinical(before) and not self.clinical(after):
            return Change.RECOVERED
        return Change.IMPROVED

    def clinical(self, score: Decimal) -> bool:
        """Whether a score lies on the troubled side of the cut-off."""
        assert self.cutoff is not None
        return score < self.cutoff if self.higher_is_better else score > self.cutoff


def item_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges as stored, "0-6,0-5" (ValueError when they cannot be read)."""
    if not text.strip():
        return ()
    ranges = []
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        if not _ or int(low) >= int(high):
            raise ValueError(f"not a range: {part!r}")
        ranges.append((int(low), int(high)))
    return tuple(ranges)


def ranges_text(ranges: Sequence[tuple[int, int]]) -> str:
    return ",".join(f"{low}-{high}" for low, high in ranges)


def item_numbers(text: str) -> frozenset[int]:
    """Item numbers as stored, "4,7"."""
    return frozenset(int(part) for part in text.split(",") if part.strip())


def answers_text(answers: Sequence[int]) -> str:
    return ",".join(str(answer) for answer in answers)


def score_range(ranges: Sequence[tuple[int, int]], scoring: Scoring) -> tuple[Decimal, Decimal]:
    """The lowest and highest score that items with these ranges can make."""
    low = Decimal(sum(r[0] for r in ranges))
    high = Decimal(sum(r[1] for r in ranges))
    if scoring is Scoring.MEAN:
        low, high = low / len(ranges), high / len(ranges)
    return plain(low), plain(high)


def plain(value: Decimal) -> Decimal:
    """A score to three decimals at most, without trailing zeros ("14", "3.857")."""
    rounded = value.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()
