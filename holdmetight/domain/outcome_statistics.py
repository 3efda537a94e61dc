"""The figures of outcome measurement: mean and standard deviation per wave, and for partners
measured at two waves the mean change with its 95% confidence interval and the paired effect
size d_z (the mean change divided by the standard deviation of the changes; Lakens, 2013).
One effect size everywhere, so that a course, a period and a municipality compare."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist, fmean, stdev

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Described:
    n: int
    mean: float
    sd: float | None  # None for a single score


@dataclass(frozen=True)
class PairedChange:
    """Change from one wave to another of the partners measured at both."""

    n: int
    mean_from: float
    mean_to: float
    mean_change: float  # to minus from
    sd_change: float | None
    ci_low: float | None
    ci_high: float | None
    d_z: float | None  # None when the changes do not vary (or fewer than two)


def describe(scores: Sequence[Decimal | float]) -> Described:
    values = [float(v) for v in scores]
    if not values:
        raise ValueError("no scores")
    return Described(
        n=len(values), mean=fmean(values), sd=stdev(values) if len(values) > 1 else None
    )


def paired_change(pairs: Sequence[tuple[Decimal | float, Decimal | float]]) -> PairedChange:
    """``pairs`` of (from, to) scores, one pair per partner."""
    if not pairs:
        raise ValueError("no pairs")
    before = [float(a) for a, _ in pairs]
    after = [float(b) for _, b in pairs]
    changes = [b - a for a, b in zip(before, after, strict=True)]
    n = len(changes)
    mean_change = fmean(changes)
    sd = stdev(changes) if n > 1 else None
    ci_low = ci_high = d_z = None
    if sd is not None:
        margin = t_quantile((1 + CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)
        ci_low, ci_high = mean_change - margin, mean_change + margin
        d_z = mean_change / sd if sd > 0 else None
    return PairedChange(
        n=n,
        mean_from=fmean(before),
        mean_to=fmean(after),
        mean_change=mean_change,
        sd_change=sd,
        ci_low=ci_low,
        ci_high=ci_high,
        d_z=d_z,
    )


def t_distribution(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with ``df`` degrees of freedom, t >= 0: the finite series
    for whole degrees of freedom (Abramowitz & Stegun 26.7.3 and 26.7.4)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    theta = math.atan(t / math.sqrt(df))
    sine, cosine_squared = math.sin(theta), math.cos(theta) ** 2
    if df % 2 == 1:
        term, series = 1.0, 0.0
        if df > 1:
            series = term = 1.0
            for k in range(3, df - 1, 2):
                term *= cosine_squared * (k - 1) / k
                series += term
            series *= sine * math.cos(theta)
        return 2 / math.pi * (theta + series)
    term = series = 1.0
    for k in range(2, df - 1, 2):
        term *= cosine_squared * (k - 1) / k
        series += term
    return sine * series


# Above this many degrees of freedom the series grows long and the expansion below is exact to
# well within a millionth (checked against scipy in the tests).
EXPANDED_FROM = 300


def t_quantile(p: float, df: int) -> float:
    """The value t with P(T < t) = p, for 0.5 <= p < 1: by bisection on the distribution, or
    for many degrees of freedom by the Cornish-Fisher expansion around the normal quantile
    (Abramowitz & Stegun 26.7.5)."""
    if not 0.5 <= p < 1:
        raise ValueError("p must lie in [0.5, 1)")
    if df > EXPANDED_FROM:
        z = NormalDist().inv_cdf(p)
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
        g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
        return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    target = 2 * p - 1
    low, high = 0.0, 1.0
    while t_distribution(high, df) < target:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_distribution(middle, df) < target:
            low = middle
        else:
            high = middle
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2
