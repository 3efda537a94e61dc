"""Anonymous figures stay anonymous (issue 16, item 10): no count hidden in the figures per
municipality can be worked out from what is shown, by someone who knows how the report is
made (the bands add up to the couples started, no more withdraw than started, hidden means
1 to 4, a count left out beside a shown total is at least 5).

Every row is checked by trying every value each hidden count could have and keeping those
that agree with what is shown: a hidden count that can have only one value would be derived."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from holdmetight.services.municipality_report import (
    HIDDEN,
    LEFT_OUT,
    Band,
    MunicipalityFigures,
    published,
)

CAP = 40  # as many couples as a hidden count left out could stand for, for the search
FIXED = 4  # municipality, started, completed, withdrawn, then referred at FIXED


def values_of(cell, *, small_total: bool, left_out_floor: int) -> range:
    """What a published count cell could hold, to someone who knows the rules."""
    if isinstance(cell, int):
        return range(cell, cell + 1)
    if cell == HIDDEN:
        return range(1, 5)
    assert cell == LEFT_OUT, cell
    return range(0, 5) if small_total else range(left_out_floor, CAP)


def derivable(row: tuple, band_count: int) -> list[str]:
    """The hidden counts of a published row that can have only one value."""
    started_cell, withdrawn_cell = row[1], row[3]
    bands = list(row[FIXED + 1 : FIXED + 1 + band_count])
    small_total = started_cell == HIDDEN
    started_range = values_of(started_cell, small_total=False, left_out_floor=5)
    band_ranges = [values_of(c, small_total=small_total, left_out_floor=5) for c in bands]
    withdrawn_range = values_of(withdrawn_cell, small_total=False, left_out_floor=0)
    seen: dict[str, set[int]] = {"started": set(), "withdrawn": set()}
    seen.update({f"band {i}": set() for i in range(band_count)})
    for combination in itertools.product(*band_ranges):
        started = sum(combination)
        if started not in started_range:
            continue
        withdrawn = [w for w in withdrawn_range if w <= started]
        if not withdrawn:
            continue
        seen["started"].add(started)
        seen["withdrawn"].update(withdrawn)
        for i, value in enumerate(combination):
            seen[f"band {i}"].add(value)
    cells = {"started": started_cell, "withdrawn": withdrawn_cell}
    cells.update({f"band {i}": c for i, c in enumerate(bands)})
    assert seen["started"], f"no solution at all for {row}: the search is wrong"
    return [
        name for name, cell in cells.items() if not isinstance(cell, int) and len(seen[name]) == 1
    ]


def row_of(bands: list[int], withdrawn: int) -> MunicipalityFigures:
    figures = MunicipalityFigures("Ölst")
    figures.started = sum(bands)
    figures.withdrawn = min(withdrawn, figures.started)
    figures.bands = Counter({Band(i + 1, f"groep {i + 1}"): n for i, n in enumerate(bands) if n})
    return figures


def publish(bands: list[int], withdrawn: int = 0) -> tuple:
    # Every band appears in the report (another municipality has couples in each).
    everywhere = MunicipalityFigures("Zeist")
    everywhere.started = 5 * len(bands)
    everywhere.bands = Counter({Band(i + 1, f"groep {i + 1}"): 5 for i in range(len(bands))})
    _columns, rows = published([row_of(bands, withdrawn), everywhere])
    return rows[0]


@pytest.mark.parametrize(
    ("bands", "withdrawn"),
    [
        ([5, 1], 0),  # 6 started: the one would be 6 - 5
        ([6, 1], 0),
        ([9, 3, 2], 1),
        ([1, 1, 5], 0),  # two hidden ones summing to 2 are both 1
        ([4, 4, 5], 0),  # and summing to 8 both 4
        ([4, 5], 9),  # everyone withdrew: the withdrawn count is a floor under the total
        ([1, 1, 1, 1], 0),  # four couples, one in each band
        ([2, 0, 0], 1),
        ([0, 0, 7], 7),
        ([12, 0, 3, 8], 4),
    ],
)
def test_no_hidden_count_can_be_worked_out(bands, withdrawn):
    row = publish(bands, withdrawn)
    assert derivable(row, len(bands)) == [], row


def test_no_hidden_count_can_be_worked_out_in_thousands_of_rows():
    rng = random.Random(2026)
    for _ in range(1500):
        bands = [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12]) for _ in range(rng.randint(1, 4))]
        withdrawn = rng.randint(0, sum(bands))
        row = publish(bands, withdrawn)
        assert derivable(row, len(bands)) == [], (bands, withdrawn, row)


def test_what_is_safe_to_show_is_still_shown():
    """Protection leaves out no more than it must: a row with no small count is whole."""
    row = publish([7, 5, 12], withdrawn=6)
    assert row[1:5] == (24, 0, 6, 0) and row[FIXED + 1 : FIXED + 4] == (7, 5, 12)
    assert LEFT_OUT not in row[-3:]
    two_small = publish([7, 2, 3], withdrawn=0)  # 2 + 3 = 5 leaves both open
    assert two_small[1] == 12 and two_small[FIXED + 1 : FIXED + 4] == (7, HIDDEN, HIDDEN)
    # The amounts follow the bands (the fee scale is public): left out with a hidden band.
    assert two_small[-3:] == (LEFT_OUT, LEFT_OUT, LEFT_OUT)
