"""What a receipt (betalingsbewijs) shows: the organisation that received or paid back the
money, and the one payment or refund it is for."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment, Partner
from holdmetight.domain.fees import FeeAssessment, Payment
from holdmetight.domain.names import full_name
from holdmetight.errors import NotFoundError
from holdmetight.i18n import _
from holdmetight.services.organisations import get_organisation
from holdmetight.services.payments import PaymentLine, payment_lines
from holdmetight.services.transaction import read_only


@dataclass(frozen=True)
class Receipt:
    organisation: str
    organisation_address: str
    logo: bytes | None
    payment: PaymentLine
    payers: tuple[str, ...]  # the partners as named in a sentence: "Esther van Leeuwen"


def _payers(session: Session, payment_id: int) -> tuple[str, ...]:
    """Both partners of the couple the payment is for, by their full names, in the order
    every list of the couple gives them."""
    partners = session.exec(
        select(Partner)
        .join(Enrollment, col(Enrollment.couple_id) == Partner.couple_id)
        .join(FeeAssessment, col(FeeAssessment.enrollment_id) == Enrollment.id)
        .join(Payment, col(Payment.fee_assessment_id) == FeeAssessment.id)
        .where(col(Payment.id) == payment_id)
        .order_by(col(Partner.position))
    )
    names = (full_name(p.given_name, p.name_prefix, p.family_name) for p in partners)
    return tuple(name for name in names if name)


@read_only
def receipt(session: Session, /, *, payment_id: int) -> Receipt:
    """What a receipt for one payment or refund shows; ``payment_id`` is the payment's number,
    as the ``payments`` command lists it."""
    lines = payment_lines(session, payment_id=payment_id)
    if not lines:
        # Whether the number was never given or its payment went with its enrollment, the
        # database cannot tell: the message says what is true in both cases.
        raise NotFoundError(
            _("There is no payment with number {number}.").format(number=payment_id)
        )
    org = get_organisation(session)
    address = ""
    if org is not None:
        place = " ".join(p for p in (org.postcode, org.city) if p)
        address = ", ".join(p for p in (org.address, place) if p)
    return Receipt(
        organisation=org.name if org else "",
        organisation_address=address,
        logo=org.logo_png if org else None,
        payment=lines[0],
        payers=_payers(session, payment_id),
    )
