"""The outcome statistics against scipy on generated data: means, SDs, the paired change's
confidence interval (Student's t), the paired effect size d_z, and Student's t itself."""

import random
from decimal import Decimal

import pytest
from scipy import stats

from holdmetight.domain.outcome_statistics import (
    describe,
    paired_change,
    t_distribution,
    t_quantile,
)


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 7, 10, 29, 30, 99, 100, 300, 301, 1000, 4001, 10**6])
def test_t_quantile_matches_scipy(df: int) -> None:
    for p in (0.5, 0.9, 0.95, 0.975, 0.995):
        assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("df", [1, 2, 3, 6, 11, 50])
def test_t_distribution_matches_scipy(df: int) -> None:
    for t in (0.0, 0.3, 1.0, 2.2, 5.0, 40.0):
        expected = stats.t.cdf(t, df) - stats.t.cdf(-t, df)
        assert t_distribution(t, df) == pytest.approx(expected, abs=1e-12)


def _samples(seed: int) -> list[tuple[Decimal, Decimal]]:
    """Scores on a 0-21 scale as a course gives them: before, and after with a spread of
    change that differs per partner, rounded to whole points as the questionnaire scores."""
    rng = random.Random(seed)
    n = rng.randint(2, 400)
    pairs = []
    for _ in range(n):
        before = min(21, max(0, round(rng.gauss(12, 4))))
        after = min(21, max(0, round(before + rng.gauss(2, 3))))
        pairs.append((Decimal(before), Decimal(after)))
    return pairs


@pytest.mark.parametrize("seed", range(40))
def test_paired_change_matches_scipy(seed: int) -> None:
    pairs = _samples(seed)
    before = [float(a) for a, _ in pairs]
    after = [float(b) for _, b in pairs]
    changes = [b - a for a, b in zip(before, after, strict=True)]
    found = paired_change(pairs)

    assert found.n == len(pairs)
    assert found.mean_from == pytest.approx(stats.tmean(before))
    assert found.mean_to == pytest.approx(stats.tmean(after))
    assert found.mean_change == pytest.approx(stats.tmean(changes))
    assert found.sd_change == pytest.approx(stats.tstd(changes))
    low, high = stats.t.interval(
        0.95, len(changes) - 1, loc=stats.tmean(changes), scale=stats.sem(changes)
    )
    assert found.ci_low == pytest.approx(low, rel=1e-9)
    assert found.ci_high == pytest.approx(high, rel=1e-9)
    # d_z = mean change / SD of the changes, which is also t / sqrt(n) of the paired t test.
    t_statistic = stats.ttest_rel(after, before).statistic
    assert found.d_z == pytest.approx(t_statistic / len(changes) ** 0.5, rel=1e-9)


def test_describe_matches_scipy() -> None:
    values = [Decimal(v) for v in (3, 7, 7, 12, 15, 15, 15, 21)]
    found = describe(values)
    assert (found.n, found.mean) == (8, pytest.approx(stats.tmean([float(v) for v in values])))
    assert found.sd == pytest.approx(stats.tstd([float(v) for v in values]))


def test_what_cannot_be_computed_is_none() -> None:
    assert describe([Decimal(4)]).sd is None
    one = paired_change([(Decimal(3), Decimal(5))])
    assert (one.sd_change, one.ci_low, one.d_z) == (None, None, None)
    same = paired_change([(Decimal(3), Decimal(5)), (Decimal(4), Decimal(6))])
    assert same.sd_change == 0 and same.d_z is None  # no spread in the change: no effect size
    with pytest.raises(ValueError):
        paired_change([])
