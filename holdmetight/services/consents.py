"""Consent per partner (AVG art. 6 and 7): what each partner agreed to, since when, and until
when after withdrawing it. What needs a consent asks :func:`has_consent` first (e-mailing a
partner, an export for research); withdrawing is as easy as giving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Consent, Couple, Partner
from holdmetight.domain.enums import ConsentPurpose
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _, format_date
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now
from holdmetight.services.couples import refuse_if_anonymised
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class ConsentInfo:
    """One partner's consent for one purpose: in force from ``given_on`` until withdrawn."""

    partner: int  # 1 or 2
    purpose: ConsentPurpose
    given_on: date | None  # None: never given
    withdrawn_on: date | None

    def in_force(self, on: date) -> bool:
        return (
            self.given_on is not None
            and self.given_on <= on
            and (self.withdrawn_on is None or self.withdrawn_on > on)
        )


def _partner(session: Session, couple_id: int, position: int) -> Partner:
    if position not in (1, 2):
        raise ValidationError(_("A couple has partner 1 and partner 2."), field="partner")
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    refuse_if_anonymised(couple)
    found = session.exec(
        select(Partner).where(Partner.couple_id == couple_id, Partner.position == position)
    ).first()
    assert found is not None, "every couple has two partners"
    return found


@read_only
def consents_of(session: Session, /, *, couple_id: int) -> list[ConsentInfo]:
    """Both partners' consents, every purpose (a purpose never agreed to is listed as such)."""
    check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    stored = {
        (position, consent.purpose): consent
        for consent, position in session.exec(
            select(Consent, Partner.position)
            .join(Partner, col(Partner.id) == Consent.partner_id)
            .where(Partner.couple_id == couple_id)
        )
    }
    found = []
    for position in (1, 2):
        for purpose in ConsentPurpose:
            consent = stored.get((position, purpose))
            found.append(
                ConsentInfo(
                    partner=position,
                    purpose=purpose,
                    given_on=consent.given_on if consent else None,
                    withdrawn_on=consent.withdrawn_on if consent else None,
                )
            )
    return found


def partners_with_consent(
    session: Session, partner_ids: Sequence[int], purpose: ConsentPurpose, on: date
) -> set[int]:
    """Which of ``partner_ids`` have their consent for ``purpose`` in force on ``on`` (read
    at once, for a whole course)."""
    agreed: set[int] = set()
    ids = list(partner_ids)
    for start in range(0, len(ids), 500):
        for consent in session.exec(
            select(Consent).where(
                col(Consent.partner_id).in_(ids[start : start + 500]), Consent.purpose == purpose
            )
        ):
            info = ConsentInfo(
                partner=0,
                purpose=purpose,
                given_on=consent.given_on,
                withdrawn_on=consent.withdrawn_on,
            )
            if info.in_force(on):
                agreed.add(consent.partner_id)
    return agreed


def has_consent(
    session: Session, partner_id: int, purpose: ConsentPurpose, on: date | None = None
) -> bool:
    """Whether the partner's consent for ``purpose`` is in force (today, or ``on``)."""
    on = on or local_now(session).date()
    consent = session.exec(
        select(Consent).where(Consent.partner_id == partner_id, Consent.purpose == purpose)
    ).first()
    return consent is not None and ConsentInfo(
        partner=0, purpose=purpose, given_on=consent.given_on, withdrawn_on=consent.withdrawn_on
    ).in_force(on)


@unit_of_work
def give_consent(
    session: Session, /, *, couple_id: int, partner: int, purpose: ConsentPurpose, on: date
) -> ConsentInfo:
    """The partner agrees to ``purpose`` from ``on`` (again, after a withdrawal)."""
    person = _partner(session, couple_id, partner)
    if on > local_now(session).date():
        raise ValidationError(_("Consent cannot be given on a day still to come."), field="on")
    consent = session.exec(
        select(Consent).where(Consent.partner_id == person.id, Consent.purpose == purpose)
    ).first()
    if consent is None:
        consent = Consent(partner_id=person.id or 0, purpose=purpose, given_on=on)
        session.add(consent)
    else:
        consent.given_on, consent.withdrawn_on = on, None
    session.flush()
    audit(session, action="consent:given", entity="partner", entity_id=person.id)
    return ConsentInfo(partner, purpose, consent.given_on, None)


@unit_of_work
def withdraw_consent(
    session: Session, /, *, couple_id: int, partner: int, purpose: ConsentPurpose, on: date
) -> ConsentInfo:
    """The partner withdraws consent for ``purpose`` from ``on`` (what was done before stays
    lawful; nothing that needs it is done from that day)."""
    person = _partner(session, couple_id, partner)
    consent = session.exec(
        select(Consent).where(Consent.partner_id == person.id, Consent.purpose == purpose)
    ).first()
    if consent is None or consent.withdrawn_on is not None:
        raise RuleError(_("This consent is not in force, so it cannot be withdrawn."))
    if on < consent.given_on:
        raise ValidationError(
            _("Consent cannot be withdrawn before it was given ({date}).").format(
                date=format_date(consent.given_on)
            ),
            field="on",
        )
    consent.withdrawn_on = on
    session.flush()
    audit(session, action="consent:withdrawn", entity="partner", entity_id=person.id)
    return ConsentInfo(partner, purpose, consent.given_on, on)
