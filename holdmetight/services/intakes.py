"""Intake conversations: the triage before a couple joins a group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Intake
from holdmetight.domain.enums import IntakeOutcome, TrafficLight
from holdmetight.domain.organisation import Facilitator
from holdmetight.errors import ValidationError
from holdmetight.i18n import N_, _
from holdmetight.services import validation as check
from holdmetight.services import waiting_list
from holdmetight.services.access import may_read, without_intake_notes
from holdmetight.services.clock import local_now
from holdmetight.services.couples import refuse_if_anonymised
from holdmetight.services.transaction import audit, read_only, unit_of_work

# Reasons the programme excludes, recorded as flags rather than free text.
SCREENING_FLAGS: dict[str, str] = {
    "flag_affair": N_("active affair"),
    "flag_violence": N_("violence or abuse"),
    "flag_addiction": N_("active addiction"),
    "flag_mental_disorder": N_("severe mental disorder"),
}


@dataclass(frozen=True)
class IntakeInfo:
    id: int
    couple_id: int
    date: date
    facilitator_id: int | None
    traffic_light: TrafficLight
    outcome: IntakeOutcome
    referral_destination: str
    flags: frozenset[str]
    notes: str | None  # None: the login's role may not read intake notes (db/roles.py)


def _info(intake: Intake, *, with_notes: bool = True) -> IntakeInfo:
    return IntakeInfo(
        id=intake.id or 0,
        couple_id=intake.couple_id,
        date=intake.date,
        facilitator_id=intake.facilitator_id,
        traffic_light=TrafficLight(intake.traffic_light),
        outcome=IntakeOutcome(intake.outcome),
        referral_destination=intake.referral_destination,
        flags=frozenset(name for name in SCREENING_FLAGS if getattr(intake, name)),
        notes=intake.notes if with_notes else None,
    )


@unit_of_work
def record_intake(
    session: Session,
    /,
    *,
    couple_id: int,
    on: date,
    traffic_light: TrafficLight,
    outcome: IntakeOutcome,
    facilitator_id: int | None = None,
    referral_destination: str = "",
    flags: frozenset[str] = frozenset(),
    notes: str = "",
) -> IntakeInfo:
    """Record an intake. A referral says where to; screening flags lead to a referral."""
    refuse_if_anonymised(
        check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    )
    if facilitator_id is not None:
        check.get_or_fail(session, Facilitator, facilitator_id, what=lambda: _("The facilitator"))
    unknown = set(flags) - SCREENING_FLAGS.keys()
    if unknown:
        raise ValueError(f"unknown screening flags: {sorted(unknown)}")
    if on > local_now(session).date():
        raise ValidationError(_("The intake date cannot be in the future."), field="date")
    destination = check.text(
        referral_destination,
        field="referral_destination",
        label=_("Referred to"),
        required=False,
        max_length=200,
    )
    if flags and outcome is IntakeOutcome.SUITABLE:
        raise ValidationError(
            _("A couple with a screening flag is referred, not placed in a group: choose 'refer'."),
            field="outcome",
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
        **{name: name in flags for name in SCREENING_FLAGS},
    )
    session.add(intake)
    session.flush()
    audit(session, action="create", entity="intake", entity_id=intake.id)
    waiting_list.settle_couple(session, couple_id)
    return _info(intake)


@read_only
def list_intakes(session: Session, /, *, couple_id: int) -> list[IntakeInfo]:
    """A couple's intakes, oldest first; without their notes for a role that may not read
    them."""
    with_notes = may_read(session, "intake", "notes")
    query = select(Intake).where(Intake.couple_id == couple_id)
    if not with_notes:
        query = query.options(without_intake_notes())
    intakes = session.exec(query.order_by(col(Intake.date), col(Intake.id)))
    return [_info(i, with_notes=with_notes) for i in intakes]
