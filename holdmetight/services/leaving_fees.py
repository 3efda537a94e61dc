"""What happens to the fee when a couple leaves the course: the rest waived, still due, or part
of what was paid refunded; and the refunds still to be paid back.

A refund is decided as a waiver: letting go of the rest and of the amount to return makes that
amount a *refund due* (paid + waived − assessed), which stays listed until a refund payment
records the money going back. Totals therefore keep reconciling with the payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, LeavingFee
from holdmetight.domain.fee_rules import Balance
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.errors import ValidationError
from holdmetight.i18n import _, format_money
from holdmetight.services.clock import local_now
from holdmetight.services.fee_assessments import balance_of, couple_names, name_order
from holdmetight.services.fee_scales import amount_in_cents
from holdmetight.services.transaction import audit, current_user, read_only


def _fee_to_decide(session: Session, enrollment_id: int) -> tuple[FeeAssessment, Balance] | None:
    """The couple's fee and its balance when leaving needs a decision about it (something is
    outstanding or was paid); None when there is nothing to decide."""
    assessment = session.exec(
        select(FeeAssessment).where(FeeAssessment.enrollment_id == enrollment_id)
    ).first()
    if assessment is None:
        return None
    balance = balance_of(session, assessment=assessment)
    return (assessment, balance) if balance.outstanding > 0 or balance.paid > 0 else None


def decide(
    session: Session,
    enrollment: Enrollment,
    decision: LeavingFee | None,
    refund: Decimal | None,
) -> None:
    """Carry out the organisation's decision about the rest of a leaving couple's fee."""
    found = _fee_to_decide(session, enrollment.id or 0)
    if found is None:
        return
    assessment, balance = found
    if decision is None:
        raise ValidationError(
            _("Say what happens to the rest of the fee: waived, still due, or refunded."),
            field="fee_on_leaving",
        )
    let_go = 0
    if decision is LeavingFee.WAIVED:
        let_go = balance.outstanding
        reason = _("Left the course: the rest of the fee is waived.")
    elif decision is LeavingFee.REFUND:
        if refund is None:
            raise ValidationError(_("Enter the amount to pay back."), field="refund")
        cents = amount_in_cents(refund, field="refund")
        if cents <= 0:
            raise ValidationError(
                _("The amount to pay back must be more than zero."), field="refund"
            )
        if cents > balance.paid:
            raise ValidationError(
                _("At most the {paid} paid can be paid back.").format(
                    paid=format_money(to_euros(balance.paid))
                ),
                field="refund",
            )
        let_go = balance.outstanding + cents - balance.refund_due
        if let_go < 0:
            raise ValidationError(
                _("A refund of {due} is due already.").format(
                    due=format_money(to_euros(balance.refund_due))
                ),
                field="refund",
            )
        reason = _("Left the course: {amount} is paid back.").format(
            amount=format_money(to_euros(cents))
        )
    if let_go > 0:
        session.add(
            Waiver(
                fee_assessment_id=assessment.id or 0,
                amount_cents=let_go,
                reason=reason,
                granted_on=local_now(session).date(),
                granted_by=current_user(),
            )
        )
    enrollment.fee_on_leaving = decision
    session.flush()
    audit(
        session,
        action=f"leaving_fee:{decision.value}",
        entity="enrollment",
        entity_id=enrollment.id,
    )


def owe_nothing(session: Session, enrollment: Enrollment) -> None:
    """A couple that leaves without ever having had a place owes nothing: what it paid is due
    back and the rest is let go."""
    found = _fee_to_decide(session, enrollment.id or 0)
    if found is None:
        return
    paid = found[1].paid
    if paid > 0:
        decide(session, enrollment, LeavingFee.REFUND, to_euros(paid))
    else:
        decide(session, enrollment, LeavingFee.WAIVED, None)


@dataclass(frozen=True)
class RefundDue:
    """Money the organisation still has to pay back to a couple."""

    assessment_id: int
    enrollment_id: int
    course_code: str
    names: str
    status: EnrollmentStatus
    amount: Decimal


@read_only
def refunds_due(session: Session, /) -> list[RefundDue]:
    """Every refund still to be paid back, by course and couple (one query, however long the
    history: paid and waived are summed per assessment by the database)."""
    paid = (
        select(
            col(Payment.fee_assessment_id).label("assessment_id"),
            func.sum(Payment.amount_cents).label("cents"),
        )
        .group_by(col(Payment.fee_assessment_id))
        .subquery()
    )
    waived = (
        select(
            col(Waiver.fee_assessment_id).label("assessment_id"),
            func.sum(Waiver.amount_cents).label("cents"),
        )
        .group_by(col(Waiver.fee_assessment_id))
        .subquery()
    )
    due_cents = (
        func.coalesce(paid.c.cents, 0)
        + func.coalesce(waived.c.cents, 0)
        - col(FeeAssessment.amount_cents)
    )
    rows = session.exec(
        select(FeeAssessment.id, Enrollment, Course.code, due_cents)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .join(paid, paid.c.assessment_id == FeeAssessment.id)
        .outerjoin(waived, waived.c.assessment_id == FeeAssessment.id)
        .where(due_cents > 0)
    ).all()
    names = couple_names(session, couple_ids=[e.couple_id for _a, e, _c, _d in rows])
    order = name_order(names)
    return [
        RefundDue(
            assessment_id=assessment_id or 0,
            enrollment_id=e.id or 0,
            course_code=code,
            names=names.get(e.couple_id, ""),
            status=EnrollmentStatus(e.status),
            amount=to_euros(int(cents)),
        )
        for assessment_id, e, code, cents in sorted(
            rows, key=lambda r: (r[2], order.get(r[1].couple_id, len(order)), r[1].id or 0)
        )
    ]
