"""Consent per partner (issue 16, item 4): given on a date for a purpose, withdrawn on a date,
and asked before anything that needs it; one partner's consent is not the other's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from holdmetight.domain.couple import Partner
from holdmetight.domain.enums import ConsentPurpose
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import consents, privacy

TODAY = date.today()
EMAIL = ConsentPurpose.EMAIL


def partner_id(session, couple_id: int, position: int) -> int:
    return session.exec(
        select(Partner.id).where(Partner.couple_id == couple_id, Partner.position == position)
    ).one()


def test_consent_holds_from_its_day_until_it_is_withdrawn(session, make):
    couple = make.couple("Akkoord")
    first, second = partner_id(session, couple.id, 1), partner_id(session, couple.id, 2)
    assert not consents.has_consent(session, first, EMAIL)
    given = consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY - timedelta(days=10)
    )
    assert given.in_force(TODAY) and not given.in_force(TODAY - timedelta(days=11))
    assert consents.has_consent(session, first, EMAIL)
    assert not consents.has_consent(session, second, EMAIL)  # the other partner did not agree
    assert not consents.has_consent(session, first, ConsentPurpose.RESEARCH)
    consents.withdraw_consent(session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY)
    assert not consents.has_consent(session, first, EMAIL)
    assert consents.has_consent(session, first, EMAIL, TODAY - timedelta(days=1))
    listed = consents.consents_of(session, couple_id=couple.id)
    assert len(listed) == 2 * len(ConsentPurpose)
    mine = next(c for c in listed if (c.partner, c.purpose) == (1, EMAIL))
    assert (mine.given_on, mine.withdrawn_on) == (TODAY - timedelta(days=10), TODAY)
    # Given again later: in force once more, from the new day.
    consents.give_consent(session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY)
    assert consents.has_consent(session, first, EMAIL)


def test_what_cannot_be_is_refused(session, make):
    couple = make.couple("Nee")
    with pytest.raises(ValidationError, match="still to come"):
        consents.give_consent(
            session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY + timedelta(days=1)
        )
    with pytest.raises(RuleError, match="not in force"):
        consents.withdraw_consent(session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY)
    consents.give_consent(session, couple_id=couple.id, partner=2, purpose=EMAIL, on=TODAY)
    with pytest.raises(ValidationError, match="before it was given"):
        consents.withdraw_consent(
            session, couple_id=couple.id, partner=2, purpose=EMAIL, on=TODAY - timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="partner 1 and partner 2"):
        consents.give_consent(session, couple_id=couple.id, partner=3, purpose=EMAIL, on=TODAY)
    privacy.anonymise(session, couple_id=couple.id)
    with pytest.raises(RuleError, match="has been anonymised"):
        consents.give_consent(session, couple_id=couple.id, partner=1, purpose=EMAIL, on=TODAY)


def test_the_couples_consent_date_is_each_partners_consent_to_take_part(session):
    from holdmetight.services import couple_import, couples

    day = TODAY - timedelta(days=3)
    made = couples.create_couple(
        session,
        partners=(couples.PartnerInput("Anna", "Datum"), couples.PartnerInput("Bram", "Datum")),
        consent_date=day,
    )
    course = ConsentPurpose.COURSE
    for position in (1, 2):
        assert consents.has_consent(session, partner_id(session, made.id, position), course)
    data = (
        "voornaam1;achternaam1;voornaam2;achternaam2;toestemming\n"
        f"Eva;Import;Tom;Import;{day:%d-%m-%Y}\n"
    ).encode()
    report = couple_import.import_couples(session, data=data)
    assert report.imported == 1
    imported = session.exec(
        select(Partner.couple_id).where(Partner.family_name == "Import")
    ).first()
    listed = consents.consents_of(session, couple_id=imported)
    assert {(c.partner, c.given_on) for c in listed if c.purpose is course} == {(1, day), (2, day)}
