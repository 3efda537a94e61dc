"""Pure rules of sliding-scale fees: bands that cover every income once, and balances."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise


@dataclass(frozen=True)
class Band:
    """From (inclusive) to (exclusive; None = no upper limit), in cents or whole percent."""

    income_from: int
    income_to: int | None
    fee_cents: int


class BandProblem(Enum):
    NO_BANDS = "no_bands"
    NOT_FROM_ZERO = "not_from_zero"
    EMPTY = "empty"  # to <= from
    GAP = "gap"
    OVERLAP = "overlap"
    CLOSED_TOP = "closed_top"  # the highest band has an upper limit
    OPEN_BELOW_TOP = "open_below_top"  # a band without upper limit that is not the last
    NEGATIVE_FEE = "negative_fee"


@dataclass(frozen=True)
class Finding:
    problem: BandProblem
    band: int  # position (1-based) in the order given
    value: int | None = None  # the income where the gap or overlap starts


def check_bands(bands: Sequence[Band]) -> list[Finding]:
    """Every way the bands fail to cover each income exactly once (empty list: they do)."""
    if not bands:
        return [Finding(BandProblem.NO_BANDS, 0)]
    findings: list[Finding] = []
    numbered = sorted(enumerate(bands, start=1), key=lambda nb: nb[1].income_from)
    first_number, first = numbered[0]
    if first.income_from != 0:
        findings.append(Finding(BandProblem.NOT_FROM_ZERO, first_number, first.income_from))
    for number, band in numbered:
        if band.fee_cents < 0:
            findings.append(Finding(BandProblem.NEGATIVE_FEE, number))
        if band.income_to is not None and band.income_to <= band.income_from:
            findings.append(Finding(BandProblem.EMPTY, number))
    for (number, band), (next_number, following) in pairwise(numbered):
        if band.income_to is None:
            findings.append(Finding(BandProblem.OPEN_BELOW_TOP, number))
        elif following.income_from > band.income_to:
            findings.append(Finding(BandProblem.GAP, next_number, band.income_to))
        elif following.income_from < band.income_to:
            findings.append(Finding(BandProblem.OVERLAP, next_number, following.income_from))
    last_number, last = numbered[-1]
    if last.income_to is not None:
        findings.append(Finding(BandProblem.CLOSED_TOP, last_number, last.income_to))
    return findings


def band_for(bands: Iterable[Band], value: int) -> Band | None:
    """The band an income (cents, or percent of the norm) falls in: from <= value < to."""
    for band in bands:
        if band.income_from <= value and (band.income_to is None or value < band.income_to):
            return band
    return None


def percent_of_norm(income_cents: int, norm_cents: int) -> int:
    """Income as a whole percentage of the norm, rounded down (110.9% is still 110%)."""
    if norm_cents <= 0:
        raise ValueError("the norm must be positive")
    return income_cents * 100 // norm_cents


@dataclass(frozen=True)
class Balance:
    assessed: int
    paid: int  # payments minus refunds
    waived: int

    @property
    def outstanding(self) -> int:
        """What is still to be paid; never negative (an overpayment is a refund due)."""
        return max(self.assessed - self.waived - self.paid, 0)

    @property
    def refund_due(self) -> int:
        return max(self.paid + self.waived - self.assessed, 0)
