"""The published social-assistance norms shipped in ``resources/social_minimum_norms.toml``: a
starting point for the yearly norms that an organisation then keeps up to date itself.

The file names its sources and what it leaves out; the norms are added only where the
organisation has none for that year and household type, so adding them again never undoes an
amount it entered or changed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session, select

from holdmetight.domain.enums import HouseholdType
from holdmetight.domain.fees import SocialMinimumNorm
from holdmetight.domain.money import to_cents
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.installation import resources_dir
from holdmetight.services.fee_scales import NormInfo
from holdmetight.services.transaction import audit, unit_of_work


@dataclass(frozen=True)
class PublishedYear:
    """One year's published norms, from 1 January, with where they were found."""

    year: int
    valid_from: date
    sources: tuple[str, ...]
    norms: tuple[NormInfo, ...]


def published_file() -> Path:
    return resources_dir() / "social_minimum_norms.toml"


def read_published_norms(path: Path | None = None) -> tuple[PublishedYear, ...]:
    """The years in the shipped file, checked: a damaged file is an error, never a gap."""
    path = path or published_file()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        years = []
        for entry in data["years"]:
            year = int(entry["year"])
            sources = tuple(str(s) for s in entry["sources"])
            norms = tuple(
                NormInfo(
                    year=year,
                    household_type=HouseholdType(n["household_type"]),
                    monthly=Decimal(str(n["monthly"])),
                )
                for n in entry["norms"]
            )
            if not sources or any(n.monthly <= 0 for n in norms):
                raise ValueError("a year without sources, or a norm that is not positive")
            years.append(PublishedYear(year, entry["valid_from"], sources, norms))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, InvalidOperation):
        raise HoldMeTightError(
            _("The file of published norms that came with the application cannot be read.")
        ) from None
    return tuple(sorted(years, key=lambda y: y.year))


@unit_of_work
def add_published_norms(session: Session, /, *, path: Path | None = None) -> list[NormInfo]:
    """Add the shipped norms for each year and household type that has none yet; returns what
    was added (nothing the organisation entered is changed)."""
    present = {
        (year, HouseholdType(household))
        for year, household in session.exec(
            select(SocialMinimumNorm.year, SocialMinimumNorm.household_type)
        )
    }
    added = []
    for published in read_published_norms(path):
        for norm in published.norms:
            if (norm.year, norm.household_type) in present:
                continue
            session.add(
                SocialMinimumNorm(
                    year=norm.year,
                    household_type=norm.household_type,
                    monthly_cents=to_cents(norm.monthly),
                )
            )
            added.append(norm)
    if added:
        session.flush()
        audit(session, action="add_published", entity="social_minimum_norm", entity_id=None)
    return added
