"""The published social-assistance norms that come with the application (issue 14, item 8):
sourced, added only where a year and household type has none, never over an organisation's own
amount, and a damaged file says so instead of leaving a silent gap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from holdmetight.domain.enums import HouseholdType
from holdmetight.errors import HoldMeTightError
from holdmetight.services import demo, fee_scales, published_norms


def test_the_shipped_file_names_its_sources_and_gives_positive_amounts_from_1_january():
    years = published_norms.read_published_norms()
    assert years, "the application ships at least one year of norms"
    for year in years:
        assert len(year.sources) >= 2, f"{year.year}: every amount is checked against two sources"
        assert year.valid_from == date(year.year, 1, 1)
        assert year.norms and all(n.monthly > 0 and n.year == year.year for n in year.norms)
        assert len({n.household_type for n in year.norms}) == len(year.norms)
    by_year = {y.year: {n.household_type: n.monthly for n in y.norms} for y in years}
    assert by_year[2025][HouseholdType.LIVING_TOGETHER] == Decimal("1922.07")
    assert by_year[2025][HouseholdType.LIVING_TOGETHER_PENSION_AGE] == Decimal("2053.48")


def test_adding_fills_only_what_is_missing_and_keeps_the_organisations_own_amounts(session):
    fee_scales.set_norm(
        session, year=2025, household_type=HouseholdType.LIVING_TOGETHER, monthly=Decimal("1830")
    )
    added = published_norms.add_published_norms(session)
    assert (2025, HouseholdType.LIVING_TOGETHER) not in {(n.year, n.household_type) for n in added}
    norms = {(n.year, n.household_type): n.monthly for n in fee_scales.list_norms(session)}
    assert norms[(2025, HouseholdType.LIVING_TOGETHER)] == Decimal("1830.00")
    assert norms[(2025, HouseholdType.LIVING_TOGETHER_PENSION_AGE)] == Decimal("2053.48")
    assert published_norms.add_published_norms(session) == []
    assert len(fee_scales.list_norms(session)) == len(norms)


def test_a_damaged_file_is_refused_with_a_sentence_and_nothing_is_added(session, tmp_path):
    broken = tmp_path / "norms.toml"
    for text in (
        "[[years]]\nyear = 2025\n",  # no sources, no norms
        '[[years]]\nyear = 2025\nvalid_from = 2025-01-01\nsources = ["x"]\n'
        'norms = [{ household_type = "living_together", monthly = "-5" }]\n',
        "not toml at all [",
    ):
        broken.write_text(text, encoding="utf-8")
        with pytest.raises(HoldMeTightError, match="cannot be read"):
            published_norms.add_published_norms(session, path=broken)
    assert fee_scales.list_norms(session) == []


def test_demo_data_shows_the_published_norms(session):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    shown = {(n.year, n.household_type) for n in fee_scales.list_norms(session)}
    assert (2025, HouseholdType.LIVING_TOGETHER) in shown
