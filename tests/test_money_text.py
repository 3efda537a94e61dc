"""Amounts as text: each distinct amount is formatted once per language and remembered, which
must never let one amount borrow another's text."""

from __future__ import annotations

from decimal import Decimal

from holdmetight.i18n import format_money


def test_zero_never_shows_a_minus_sign_whatever_came_first():
    assert format_money(Decimal("-0.00"), language="nl") == "€\u00a00,00"
    assert format_money(Decimal("0.00"), language="nl") == "€\u00a00,00"
    assert format_money(Decimal("-0"), language="en") == "€0.00"


def test_equal_amounts_written_differently_read_alike_and_languages_stay_apart():
    assert format_money(Decimal("12.5"), language="nl") == "€\u00a012,50"
    assert format_money(Decimal("12.50"), language="en") == "€12.50"
    assert format_money(Decimal("1250"), language="nl") == "€\u00a01.250,00"
