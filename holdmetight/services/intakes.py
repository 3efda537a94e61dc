"""Intake conversations: the triage before a couple joins a group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Intake
from holdmetight.domain.enums import IntakeOutcome, TrafficLight
from holdmetight.domain.organisation import Facilitator
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, unit_of_work


@dataclass(frozen=True)
class IntakeInfo:
    id: int
    couple_id: int
    date: date
    facilitator_id: int | None
    traffic_light: TrafficLight
    outcome: IntakeOutcome
    referral_destination: str


@unit_of_work
def record_intake(
    *,
    session: Session,
    couple_id: int,
    on: date,
    traffic_light: TrafficLight,
    outcome: IntakeOutcome,
    facilitator_id: int | None = None,
    referral_destination: str = "",
    notes: str = "",
) -> IntakeInfo:
    """Record an intake; a referral needs to say where the couple was referred to."""
    check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    if facilitator_id is not None:
        check.get_or_fail(session, Facilitator, facilitator_id, what=lambda: _("The facilitator"))
    destination = check.text(
        referral_destination,
        field="referral_destination",
        label=_("Referred to"),
        required=False,
        max_length=200,
    )
    if outcome is IntakeOutcome.REFER and not destination:
        raise ValidationError(
            _("Say where the couple is referred to."), field="referral_destination"
        )
    intake = Intake(
        couple_id=couple_id,
        date=on,
        facilitator_id=facilitator_id,
        traffic_light=TrafficLight(traffic_light),
        outcome=IntakeOutcome(outcome),
        referral_destination=destination,
        notes=(notes or "").strip(),
    )
    session.add(intake)
    session.flush()
    audit(session, action="create", entity="intake", entity_id=intake.id)
    return IntakeInfo(
        id=intake.id or 0,
        couple_id=couple_id,
        date=on,
        facilitator_id=facilitator_id,
        traffic_light=TrafficLight(traffic_light),
        outcome=IntakeOutcome(outcome),
        referral_destination=destination,
    )


@unit_of_work
def list_intakes(*, session: Session, couple_id: int) -> list[IntakeInfo]:
    intakes = session.exec(
        select(Intake).where(Intake.couple_id == couple_id).order_by(col(Intake.date))
    )
    return [
        IntakeInfo(
            id=i.id or 0,
            couple_id=i.couple_id,
            date=i.date,
            facilitator_id=i.facilitator_id,
            traffic_light=TrafficLight(i.traffic_light),
            outcome=IntakeOutcome(i.outcome),
            referral_destination=i.referral_destination,
        )
        for i in intakes
    ]
