"""A value the database cannot hold is one sentence and nothing saved, on either database
(a server checks lengths and number ranges that SQLite does not): a service that missed a check
still never ends in a driver's traceback."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from holdmetight.domain.organisation import Venue
from holdmetight.errors import ValidationError
from holdmetight.services.transaction import unit_of_work


@unit_of_work
def store_venue(session: Session, /, *, postcode: str) -> None:
    session.add(Venue(name="Buurthuis De Linde", postcode=postcode))


def test_a_value_longer_than_its_column_is_refused_in_a_sentence(session, db_kind):
    if db_kind == "sqlite":
        pytest.skip("SQLite keeps text of any length; the services check lengths themselves")
    with pytest.raises(ValidationError, match="too large or not valid for the database"):
        store_venue(session, postcode="3512 AB" * 20)
    assert session.exec(select(Venue).where(Venue.name == "Buurthuis De Linde")).first() is None
