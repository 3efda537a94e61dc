"""Scoring a questionnaire: ranges per item, reversed items, sum or mean, and the reliable
change index with its categories (Jacobson & Truax)."""

from decimal import Decimal

import pytest

from holdmetight.domain.enums import Scoring
from holdmetight.domain.instruments import (
    Change,
    Definition,
    item_ranges,
    plain,
    ranges_text,
    score_range,
)

CSI4 = Definition(
    ranges=((0, 6), (0, 5), (0, 5), (0, 5)),
    reversed_items=frozenset(),
    scoring=Scoring.SUM,
    score_min=Decimal(0),
    score_max=Decimal(21),
    cutoff=Decimal("13.5"),
)
RAS = Definition(
    ranges=((1, 5),) * 7,
    reversed_items=frozenset({4, 7}),
    scoring=Scoring.MEAN,
    score_min=Decimal(1),
    score_max=Decimal(5),
)
K10 = Definition(
    ranges=((1, 5),) * 10,
    reversed_items=frozenset(),
    scoring=Scoring.SUM,
    score_min=Decimal(10),
    score_max=Decimal(50),
    higher_is_better=False,
    cutoff=Decimal("19.5"),
    reference_sd=Decimal("7.3"),
    reliability=Decimal("0.90"),
)


def test_sum_with_items_of_different_ranges() -> None:
    assert CSI4.score([6, 5, 5, 5]) == 21
    assert CSI4.score([3, 2, 4, 0]) == 9
    assert score_range(CSI4.ranges, Scoring.SUM) == (0, 21)


def test_reversed_items_count_from_the_other_end_and_a_mean_keeps_three_decimals() -> None:
    # Items 4 and 7 reversed: an answer of 1 counts as 5.
    assert RAS.score([5, 5, 5, 1, 5, 5, 1]) == 5
    assert RAS.score([4, 4, 3, 2, 5, 4, 3]) == Decimal("3.857")  # 27 / 7
    assert str(RAS.score([4, 4, 4, 2, 4, 4, 2])) == "4"


def test_answers_out_of_range_or_missing_are_refused() -> None:
    with pytest.raises(ValueError):
        CSI4.score([7, 0, 0, 0])  # item 1 goes to 6
    with pytest.raises(ValueError):
        CSI4.score([0, 6, 0, 0])  # items 2-4 go to 5
    with pytest.raises(ValueError):
        CSI4.score([1, 2, 3])
    assert CSI4.answer_fits(1, 6) and not CSI4.answer_fits(2, 6)


def test_reliable_change_follows_the_direction_and_the_cut_off() -> None:
    # K10: SE = 7.3 * sqrt(0.1) = 2.308..., S_diff = 3.265..., reliable from 6.4 points.
    assert K10.change(Decimal(30), Decimal(18)) is Change.RECOVERED  # lower is better, below 19.5
    assert K10.change(Decimal(40), Decimal(26)) is Change.IMPROVED  # still above the cut-off
    assert K10.change(Decimal(25), Decimal(20)) is Change.UNCHANGED
    assert K10.change(Decimal(15), Decimal(22)) is Change.DETERIORATED
    assert K10.change(Decimal(18), Decimal(11)) is Change.IMPROVED  # was never above it
    assert CSI4.change(Decimal(5), Decimal(20)) is None  # no reference SD: no index


def test_ranges_are_stored_as_text_and_read_back() -> None:
    assert item_ranges(ranges_text(CSI4.ranges)) == CSI4.ranges
    assert item_ranges("") == ()
    for broken in ("0-", "5-1", "a-b", "3"):
        with pytest.raises(ValueError):
            item_ranges(broken)
    assert str(plain(Decimal("14.000"))) == "14" and str(plain(Decimal("2.5"))) == "2.5"


def test_a_total_must_be_one_that_whole_answers_can_make() -> None:
    assert CSI4.possible(Decimal(12)) and not CSI4.possible(Decimal("12.5"))
    assert RAS.possible(Decimal("3.857")) and RAS.possible(Decimal(4))
    assert not RAS.possible(Decimal("3.5"))  # 24.5 points out of 7 items
    total_only = Definition((), frozenset(), Scoring.SUM, Decimal(0), Decimal(180))
    assert total_only.possible(Decimal("55.5"))
