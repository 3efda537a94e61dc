from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from holdmetight.domain.fee_rules import (
    Balance,
    Band,
    BandProblem,
    band_for,
    check_bands,
    percent_of_norm,
)
from holdmetight.domain.money import to_cents, to_euros

SCALE = [Band(0, 180000, 0), Band(180000, 250000, 2500), Band(250000, None, 5000)]


def test_a_proper_scale_has_no_findings():
    assert check_bands(SCALE) == []


@pytest.mark.parametrize(
    ("income", "fee"),
    [(0, 0), (179999, 0), (180000, 2500), (249999, 2500), (250000, 5000), (10**9, 5000)],
)
def test_band_edges_belong_to_the_upper_band(income, fee):
    assert band_for(SCALE, income).fee_cents == fee


def test_gaps_and_overlaps_are_named_with_the_band_and_the_income():
    gap = [Band(0, 180000, 0), Band(190000, None, 2500)]
    assert [(f.problem, f.band, f.value) for f in check_bands(gap)] == [
        (BandProblem.GAP, 2, 180000)
    ]
    overlap = [Band(0, 180000, 0), Band(170000, None, 2500)]
    assert [(f.problem, f.value) for f in check_bands(overlap)] == [(BandProblem.OVERLAP, 170000)]


def test_the_scale_starts_at_zero_and_its_top_is_open():
    findings = check_bands([Band(100, 200, 0), Band(200, 300, 100)])
    assert {f.problem for f in findings} == {BandProblem.NOT_FROM_ZERO, BandProblem.CLOSED_TOP}


def test_percentage_of_the_norm_rounds_down():
    assert percent_of_norm(152000, 138181) == 110
    assert percent_of_norm(151999, 138181) == 109
    assert percent_of_norm(138181, 138181) == 100


def test_money_is_exact_cents():
    assert to_cents(Decimal("12.50")) == 1250 and to_euros(1250) == Decimal("12.50")
    with pytest.raises(ValueError):
        to_cents(Decimal("12.505"))
    with pytest.raises(ValueError):
        to_cents("NaN")


@given(
    st.integers(0, 10_000),
    st.lists(st.integers(-2_000, 5_000), max_size=8),
    st.lists(st.integers(1, 3_000), max_size=3),
)
def test_assessed_equals_paid_plus_waived_plus_outstanding_minus_refund(
    assessed, payments, waivers
):
    balance = Balance(assessed=assessed, paid=sum(payments), waived=sum(waivers))
    assert assessed == balance.paid + balance.waived + balance.outstanding - balance.refund_due
    assert balance.outstanding >= 0 and balance.refund_due >= 0
