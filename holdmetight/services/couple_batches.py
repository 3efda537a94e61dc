"""Many new couples at once, as an import brings them: compared with the couples already
registered in a few indexed look-ups, and stored in bulk.

The cost of a batch grows with the batch, not with the couples already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.base import utc_now
from holdmetight.domain.couple import Consent, Couple, Partner
from holdmetight.domain.enums import ConsentPurpose
from holdmetight.domain.names import name_key, sort_key
from holdmetight.services.couples import NewDetails, PartnerInput, couple_names
from holdmetight.services.fee_assessments import couple_names as stored_names
from holdmetight.services.transaction import current_user

# Values per IN (...): well inside every database's limit on parameters.
_CHUNK = 500

_NameAt = tuple[str, str]  # (postcode, name key)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _emails(details: NewDetails) -> set[str]:
    return {p.email.lower() for p in details.partners if p.email}


def _names_at(details: NewDetails) -> set[_NameAt]:
    if not details.postcode:
        return set()
    return {(details.postcode, name_key(p.given_name, p.family_name)) for p in details.partners}


class DuplicateFinder:
    """Tells, for each couple of a file in turn, the names of a couple registered earlier or met
    earlier in the same file with the same e-mail address, or the same names and postcode."""

    def __init__(self) -> None:
        self._by_email: dict[str, str] = {}
        self._by_name: dict[_NameAt, str] = {}

    def look_up(self, session: Session, batch: Sequence[NewDetails]) -> None:
        """Learn the registered couples that ``batch`` may repeat (one query per 500 values)."""
        found_email: dict[str, int] = {}
        found_name: dict[_NameAt, int] = {}
        emails = set().union(*map(_emails, batch)) - self._by_email.keys()
        for chunk in _chunks(emails):
            for couple_id, email in session.exec(
                select(Partner.couple_id, func.lower(Partner.email)).where(
                    func.lower(Partner.email).in_(chunk)
                )
            ):
                found_email.setdefault(email, couple_id)
        wanted = set().union(*map(_names_at, batch)) - self._by_name.keys()
        for chunk in _chunks({postcode for postcode, _key in wanted}):
            for couple_id, postcode, key in session.exec(
                select(Partner.couple_id, Couple.postcode, Partner.sort_key)
                .join(Couple, col(Couple.id) == Partner.couple_id)
                .where(col(Couple.postcode).in_(chunk))
            ):
                at = (postcode, key.rsplit("\x1f", 1)[0] + "\x1f")
                if at in wanted:
                    found_name.setdefault(at, couple_id)
        names = stored_names(session, couple_ids={*found_email.values(), *found_name.values()})
        for email, couple_id in found_email.items():
            self._by_email.setdefault(email, names.get(couple_id, ""))
        for at, couple_id in found_name.items():
            self._by_name.setdefault(at, names.get(couple_id, ""))

    def registered(self, details: NewDetails) -> str | None:
        """The names of the couple ``details`` repeats, or None; a new couple is remembered, so a
        later line of the file that repeats it is found too."""
        for email in _emails(details):
            if email in self._by_email:
                return self._by_email[email]
        for at in _names_at(details):
            if at in self._by_name:
                return self._by_name[at]
        names = couple_names(*details.partners)
        for email in _emails(details):
            self._by_email[email] = names
        for at in _names_at(details):
            self._by_name[at] = names
        return None


def partner_row(couple_id: int, position: int, partner: PartnerInput) -> dict[str, Any]:
    """A partner's row as the services store it (a checked partner; the sort key derived)."""
    return {
        "version": 1,
        "couple_id": couple_id,
        "position": position,
        "given_name": partner.given_name,
        "name_prefix": partner.name_prefix,
        "family_name": partner.family_name,
        "email": partner.email,
        "phone": partner.phone,
        "preferred_language": partner.preferred_language,
        "sort_key": sort_key(partner.given_name, partner.name_prefix, partner.family_name),
        "street": partner.address.street,
        "house_number": partner.address.house_number,
        "postcode": partner.address.postcode,
        "town": partner.address.town,
        "prefers_post": partner.prefers_post,
    }


def store(session: Session, batch: Sequence[NewDetails]) -> list[int]:
    """Register the couples of ``batch`` (checked already) with both partners; their ids."""
    if not batch:
        return []
    now = utc_now()
    couples = Couple.__table__  # type: ignore[attr-defined]
    ids = list(
        session.execute(
            insert(couples).returning(couples.c.id, sort_by_parameter_order=True),
            [
                {
                    "version": 1,
                    "street": d.address.street,
                    "house_number": d.address.house_number,
                    "postcode": d.postcode,
                    "town": d.address.town,
                    "municipality": d.municipality,
                    "referral_source": d.referral_source,
                    "consent_date": d.consent_date,
                    "household_type": d.household_type,
                    "income_band_id": None,
                    "notes": d.notes,
                    "search_text": d.search_text,
                    "sort_key": d.sort_key,
                    "anonymised_at": None,
                    "created_at": now,
                }
                for d in batch
            ],
        ).scalars()
    )
    session.execute(
        insert(Partner.__table__),  # type: ignore[attr-defined]
        [
            partner_row(couple_id, position, p)
            for couple_id, d in zip(ids, batch, strict=True)
            for position, p in enumerate(d.partners, start=1)
        ],
    )
    # The couple's consent date is each partner's consent to take part.
    consented = {i: d.consent_date for i, d in zip(ids, batch, strict=True) if d.consent_date}
    if consented:
        partners = session.execute(
            select(col(Partner.id), col(Partner.couple_id)).where(
                col(Partner.couple_id).in_(list(consented))
            )
        ).all()
        session.execute(
            insert(Consent.__table__),  # type: ignore[attr-defined]
            [
                {
                    "version": 1,
                    "partner_id": partner_id,
                    "purpose": ConsentPurpose.COURSE,
                    "given_on": consented[couple_id],
                    "withdrawn_on": None,
                }
                for partner_id, couple_id in partners
            ],
        )
    user = current_user()
    session.execute(
        insert(AuditEntry.__table__),  # type: ignore[attr-defined]
        [
            {
                "at": now,
                "os_user": user,
                "action": "create",
                "entity": "couple",
                "entity_id": i,
                "couple_id": i,
                "detail": "",
            }
            for i in ids
        ],
    )
    return ids
