"""Erasure under the AVG (art. 17) that keeps the anonymous figures.

Anonymising a couple removes what says who they are and what they told: both partners' names,
e-mail addresses and phone numbers, the postcode, every free text (the couple's notes, intake
notes and referral, the reasons and advice written on enrollments, waiting-list decisions, fee
reductions, waivers and payment references) and the intake's screening flags. What the anonymous
reports count stays: the municipality, the courses, statuses and dates, attendance, the income
band, fee amounts, payments and waivers, the traffic light and outcome of each intake. So the fee
summary and the figures per municipality give the same totals before and after.

One partner can be erased instead (a partner who left the relationship asks for it): that
partner's name and contact details go, with every free text of the couple (it may speak of
both); the other partner's stay.

It cannot be undone; the audit trail records that it happened and who did it, never what was
erased. A SQLite database overwrites erased values on disk (``secure_delete``); the backups made
before still hold them until they expire by rotation, which the confirmation names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import or_
from sqlmodel import Session, col, select, update

from holdmetight.db.erasures import Erasure
from holdmetight.domain.base import touch, utc_now
from holdmetight.domain.couple import (
    Consent,
    Couple,
    Enrollment,
    Intake,
    Partner,
    WaitingListChange,
)
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.domain.messages import Message
from holdmetight.domain.names import ERASED, ERASED_KEY, fold, full_name
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.outcomes import OutcomeScore
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.access import may_change
from holdmetight.services.couples import PartnerInput, refuse_if_anonymised, search_text
from holdmetight.services.transaction import audit, read_only, unit_of_work


@read_only
def confirmation_name(session: Session, /, *, couple_id: int, partner: int | None = None) -> str:
    """What a user types to confirm an erasure: the surname of the partner erased (for the
    whole couple, of the first partner not erased yet; the couple's number when both are).
    Refused for a couple anonymised already, or a partner erased already."""
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    refuse_if_anonymised(couple)
    names = {
        position: " ".join(p for p in (prefix, family) if p)
        for position, prefix, family in session.exec(
            select(Partner.position, Partner.name_prefix, Partner.family_name).where(
                Partner.couple_id == couple_id
            )
        )
        if family
    }
    if partner is None:
        return next((names[p] for p in sorted(names)), str(couple_id))
    if partner not in names:
        raise RuleError(_("Partner {n} of this couple has been erased already.").format(n=partner))
    return names[partner]


def confirmed(typed: str, expected: str) -> bool:
    """Whether the name typed is the name asked for (case, accents and spaces aside; a surname
    with a prefix may be typed without it: "Meer" for "van der Meer")."""
    words = expected.split()
    accepted = {
        " ".join(fold(" ".join(words[i:])).split())
        for i in range(len(words))
        if i == 0 or words[i][:1].isupper()
    }
    return bool(expected) and " ".join(fold(typed).split()) in accepted


@unit_of_work
def anonymise(
    session: Session, /, *, couple_id: int, partner: int | None = None, again: bool = False
) -> Erasure:
    """Anonymise the couple, or erase one partner (1 or 2) of it; see the module's text.
    ``again``: an erasure from the register, made anew in a database restored from a copy
    made before it (the audit trail says so)."""
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    if partner not in (None, 1, 2):
        raise ValidationError(_("A couple has partner 1 and partner 2."), field="partner")
    if not may_change(session, "couple", "anonymised_at"):
        raise RuleError(_("Only an administrator may anonymise a couple or erase a partner."))
    refuse_if_anonymised(couple)
    partners = session.exec(
        select(Partner).where(Partner.couple_id == couple_id).order_by(col(Partner.position))
    ).all()
    erased_names = (
        _names_of(partners[partner - 1]) if partner is not None and len(partners) >= partner else []
    )
    for person in partners:
        if partner is None or person.position == partner:
            person.given_name = person.name_prefix = person.family_name = ""
            person.email = person.phone = ""
            person.street = person.house_number = person.postcode = person.town = ""
            person.prefers_post = False
            person.sort_key = ERASED_KEY
            for consent in session.exec(select(Consent).where(Consent.partner_id == person.id)):
                session.delete(consent)
            if partner is not None:
                # The rest of the couple keeps its names: the erased partner's answers (about
                # their health, too) would still be theirs. A whole couple keeps its scores,
                # anonymous, for the figures.
                for score in session.exec(
                    select(OutcomeScore).where(OutcomeScore.partner_id == person.id)
                ):
                    session.delete(score)
    now = utc_now()
    couple.notes = ""
    # The messages sent are copies of names, addresses and what they said: the whole couple's
    # go, or the erased partner's with those to both partners (which name them).
    messages = select(Message).where(Message.couple_id == couple_id)
    if partner is not None:
        erased = partners[partner - 1].id
        messages = messages.where(
            or_(col(Message.partner_id).is_(None), col(Message.partner_id) == erased)
        )
    for message in session.exec(messages):
        session.delete(message)
    if partner is not None:
        # The other partner's messages stay theirs, without the erased partner's names (an
        # own text may have named both partners).
        _unname(session, couple_id, gone=partners[partner - 1], names=erased_names)
    if partner is None:
        couple.postcode = ""
        couple.street = couple.house_number = couple.town = ""
        couple.consent_date = None
        couple.anonymised_at = now
    staying = [PartnerInput(p.given_name, p.family_name, p.name_prefix, p.email) for p in partners]
    couple.search_text = "" if partner is None else search_text(couple, staying)
    couple.sort_key = partners[0].sort_key if partners else ERASED_KEY
    touch(couple)
    _erase_free_texts(session, couple_id)
    session.flush()
    audit(
        session,
        action="anonymise",
        entity="couple" if partner is None else "partner",
        entity_id=couple_id if partner is None else partners[partner - 1].id,
        couple_id=couple_id,
        detail="again after a restore" if again else "",
    )
    return Erasure(couple_id=couple_id, partner=partner, at=now)


@read_only
def database_key(session: Session, /) -> str:
    """The database's own key, shared by its backups ("" before it has an organisation)."""
    return session.exec(select(Organisation.database_key)).first() or ""


@read_only
def still_to_erase(session: Session, /, *, erasures: Sequence[Erasure]) -> list[Erasure]:
    """The erasures of the register that this database does not show: it was restored from a
    copy made before them."""
    todo = []
    for erasure in erasures:
        couple = session.get(Couple, erasure.couple_id)
        if couple is None or couple.anonymised_at is not None:
            continue
        if erasure.partner is None:
            todo.append(erasure)
            continue
        name = session.exec(
            select(Partner.family_name).where(
                Partner.couple_id == erasure.couple_id, Partner.position == erasure.partner
            )
        ).first()
        if name:
            todo.append(erasure)
    return todo


@unit_of_work
def erase_again(session: Session, /, *, erasures: Sequence[Erasure]) -> int:
    """Make the erasures of the register anew (see :func:`still_to_erase`); returns how many."""
    for erasure in erasures:
        anonymise(session, couple_id=erasure.couple_id, partner=erasure.partner, again=True)
    return len(erasures)


def _names_of(person: Partner) -> list[str]:
    """The ways a partner's name can stand in a text: full name first, then its parts."""
    full = full_name(person.given_name, person.name_prefix, person.family_name)
    parts = [full, person.given_name, person.family_name]
    return sorted({p for p in parts if len(p) > 1}, key=len, reverse=True)


def _unname(session: Session, couple_id: int, *, gone: Partner, names: list[str]) -> None:
    """Replace the erased partner's names by the erased marker in the couple's other messages."""
    if not names:
        return
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names))
    for message in session.exec(select(Message).where(Message.couple_id == couple_id)):
        for column in ("subject", "body", "recipient"):
            text = getattr(message, column)
            cleaned = pattern.sub(ERASED, text)
            if cleaned != text:
                setattr(message, column, cleaned)
                session.add(message)


def _erase_free_texts(session: Session, couple_id: int) -> None:
    """Every text written about the couple, and the intake's screening flags."""
    session.flush()
    enrollments = select(Enrollment.id).where(Enrollment.couple_id == couple_id)
    assessments = select(FeeAssessment.id).where(col(FeeAssessment.enrollment_id).in_(enrollments))
    for statement in (
        update(Intake)
        .where(col(Intake.couple_id) == couple_id)
        .values(
            notes="",
            referral_destination="",
            flag_affair=False,
            flag_violence=False,
            flag_addiction=False,
            flag_mental_disorder=False,
            version=Intake.version + 1,
        ),
        update(Enrollment)
        .where(col(Enrollment.couple_id) == couple_id)
        .values(
            status_reason="",
            override_reason="",
            closing_advice="",
            passed_over_reason="",
            version=Enrollment.version + 1,
        ),
        update(WaitingListChange)
        .where(col(WaitingListChange.enrollment_id).in_(enrollments))
        .values(reason="", version=WaitingListChange.version + 1),
        update(FeeAssessment)
        .where(col(FeeAssessment.id).in_(assessments))
        .values(reduction_reason="", version=FeeAssessment.version + 1),
        update(Payment)
        .where(col(Payment.fee_assessment_id).in_(assessments))
        .values(reference="", version=Payment.version + 1),
        update(Waiver)
        .where(col(Waiver.fee_assessment_id).in_(assessments))
        .values(reason="", version=Waiver.version + 1),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
    session.expire_all()
