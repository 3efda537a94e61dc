"""Every list of couples sorts alike, on screen, on paper and in files (issue 14, item 5): by
family name without its prefix, with diacritics ignored (Öztürk beside Oosterhout, Van den
Berg under B), from the key stored with each couple."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from holdmetight.domain.enums import EnrollmentStatus, FeeBasis, LeavingFee, PaymentMethod
from holdmetight.services import (
    couple_export,
    couple_list,
    enrollments,
    fee_assessments,
    fee_scales,
    fee_summary,
    leaving_fees,
    payments,
)
from holdmetight.services.fee_scales import BandInput

# (prefix, family name), in the order every list must show them.
FAMILIES = [
    ("van den", "Berg"),
    ("", "Çelik"),
    ("", "Oosterhout"),
    ("", "Öztürk"),
    ("de", "Vries"),
    ("", "Zwart"),
]
EXPECTED = ["Berg", "Çelik", "Oosterhout", "Öztürk", "Vries", "Zwart"]


def _family(names: str) -> str:
    """The first partner's family name of a list name ("Berg, Anna van den & Visser, Bram")."""
    return names.split(",", 1)[0]


@pytest.fixture
def course_with_balances(session, make):
    """A course with the six couples entered in a scrambled order, each assessed and partly
    paid (so each has an open balance), and all but one with a refund due after leaving."""
    scale = fee_scales.create_fee_scale(
        session,
        name="Staffel",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2026, 1, 1),
        valid_to=None,
        bands=[BandInput(0, None, Decimal("50"))],
    )
    course = make.course("HMV-ORDER", capacity=12)
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    scrambled = [FAMILIES[i] for i in (5, 3, 0, 4, 2, 1)]
    placed = []
    for prefix, family in scrambled:
        couple = make.couple(family, prefix=prefix)
        placed.append(enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id))
    for place in placed:
        row = fee_assessments.assess_fee(
            session, enrollment_id=place.id, fee_band_id=scale.bands[0].id
        )
        payments.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("20"),
            paid_on=date.today() - timedelta(days=1),
            method=PaymentMethod.PIN,
        )
    return course, placed


def test_fee_rows_enrollments_and_exports_follow_the_one_order(session, course_with_balances):
    course, _placed = course_with_balances
    overview = fee_assessments.fee_overview(session, course_id=course.row.id)
    assert [_family(r.names) for r in overview] == EXPECTED
    every = fee_assessments.all_fee_rows(session)
    assert [_family(r.names) for _code, r in every] == EXPECTED
    listed = enrollments.list_enrollments(session, course_id=course.row.id)
    assert [_family(e.names) for e in listed] == EXPECTED
    summary = fee_summary.fee_summary(session, course_code="HMV-ORDER")
    assert [_family(o.names) for o in summary.open_balances] == EXPECTED
    table = couple_export.fees_table(session, language="nl", course_code="HMV-ORDER")
    couple_column = table.header.index("stel")
    assert [_family(str(row[couple_column])) for row in table.rows] == EXPECTED
    listed = couple_export.enrollments_table(session, language="nl")
    couple_column = [c.title for c in listed.columns].index("stel")
    assert {_family(str(r[couple_column])) for r in listed.rows} == set(EXPECTED)
    page = couple_list.list_couples(session)
    assert [_family(r.names) for r in page] == EXPECTED


def test_refunds_due_follow_the_one_order(session, course_with_balances):
    _course, placed = course_with_balances
    for place in placed:
        enrollments.set_enrollment_status(
            session,
            enrollment_id=place.id,
            status=EnrollmentStatus.WITHDRAWN,
            reason="Verhuisd",
            fee_on_leaving=LeavingFee.REFUND,
            refund=Decimal("20"),
        )
    due = leaving_fees.refunds_due(session)
    assert [_family(r.names) for r in due] == EXPECTED
