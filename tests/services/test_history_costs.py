"""What a user does on one record or one period costs the same however long the history is.

Each operation's statements are caught and compared with the same operation on a database
holding more years of courses, couples, fees and payments: the number of statements must not
grow, and no statement may read a whole table that grows with the years (SQLite's own query
plan says whether it scans one). Timings on ten years of data live in the benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, update
from sqlmodel import Session, col, select

from holdmetight.db.database import Database
from holdmetight.domain.couple import Couple, Enrollment
from holdmetight.domain.course import GroupSession
from holdmetight.domain.enums import FeeBasis, PaymentMethod
from holdmetight.domain.fees import FeeAssessment, Payment
from holdmetight.services import (
    couple_import,
    couple_list,
    courses,
    enrollments,
    fee_assessments,
    fee_scales,
    fee_summary,
    municipality_report,
    payments,
    receipts,
)
from holdmetight.services.fee_scales import BandInput

TODAY = date.today()
YEAR = (date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
# Tables that grow with every course given; reading one whole is reading all of history.
GROWING = (
    "couple",
    "partner",
    "intake",
    "enrollment",
    "group_session",
    "attendance",
    "fee_assessment",
    "payment",
    "waiver",
    "audit_entry",
)
IMPORT = (
    "voornaam1;achternaam1;email1;voornaam2;achternaam2;postcode\n"
    + "".join(f"Eva;Nieuw{n};eva{n}@example.org;Tom;Nieuw{n};1011 AA\n" for n in range(20))
).encode()


@contextmanager
def caught(database: Database) -> Iterator[list[tuple[str, object]]]:
    seen: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", note)


def scans(database: Database, statements: list[tuple[str, object]]) -> set[str]:
    """The growing tables some statement reads from end to end."""
    found = set()
    with database.engine.connect() as connection:
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            for *_ids, detail in plan:
                words = detail.split()
                if words[0] == "SCAN" and words[1] in GROWING:
                    found.add(f"{words[1]}: {statement[:80]}")
    return found


def a_year_of_courses(session: Session, make, scale, *, years_ago: int, couples: int) -> str:
    """A course with ``couples`` couples assessed and paid, moved ``years_ago`` into the past."""
    code = f"HMV-{TODAY.year - years_ago}"
    course = make.course(code, first_date=TODAY - timedelta(weeks=1), capacity=couples)
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    for _ in range(couples):
        place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
        row = fee_assessments.assess_fee(
            session, enrollment_id=place.id, fee_band_id=scale.bands[1].id, income_checked=True
        )
        payments.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("10"),
            paid_on=TODAY,
            method=PaymentMethod.PIN,
        )
    if years_ago:
        back = timedelta(days=365 * years_ago + 1)
        ids = select(Enrollment.id).where(Enrollment.course_id == course.row.id)
        assessments = select(FeeAssessment.id).where(col(FeeAssessment.enrollment_id).in_(ids))
        session.execute(
            update(GroupSession)
            .where(col(GroupSession.course_id) == course.row.id)
            .values(date=GroupSession.date - back)
        )
        for assessment in session.exec(
            select(FeeAssessment).where(col(FeeAssessment.id).in_(assessments))
        ):
            assessment.assessed_on -= back
        for payment in session.exec(
            select(Payment).where(col(Payment.fee_assessment_id).in_(assessments))
        ):
            payment.paid_on -= back
        session.commit()
    return code


OPERATIONS: dict[str, Callable[[Session, str], object]] = {
    "receipt": lambda s, _c: receipts.receipt(
        s,
        payment_id=payments.latest_payment_id(
            s,
            assessment_id=fee_assessments.fee_overview(s, course_id=_course_id(s, _c))[
                0
            ].assessment_id,
        ),
    ),
    "fee summary of the year": lambda s, _c: fee_summary.fee_summary(
        s, first=YEAR[0], last=YEAR[1]
    ),
    "fee summary of a course": lambda s, c: fee_summary.fee_summary(s, course_code=c),
    "municipality report": lambda s, _c: municipality_report.municipality_report(
        s, first=YEAR[0], last=YEAR[1]
    ),
    "import 20 couples": lambda s, _c: couple_import.import_couples(s, data=IMPORT, dry_run=True),
    "couples list, first page": lambda s, _c: couple_list.list_couples(s, limit=5),
}
# Filtering by text must look at every couple's search text (through an index, not the table).
MAY_SCAN = {"couples list, first page": {"couple"}}


def _course_id(session: Session, code: str) -> int:
    return courses.get_course(session, code=code).row.id


@pytest.fixture
def scale(session):
    return fee_scales.create_fee_scale(
        session,
        name="Staffel",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(TODAY.year - 12, 1, 1),
        valid_to=None,
        bands=[BandInput(0, 180000, Decimal("0")), BandInput(180000, None, Decimal("25"))],
    )


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_an_operation_costs_the_same_with_more_years_of_history(
    database, session, make, scale, operation
):
    current = a_year_of_courses(session, make, scale, years_ago=0, couples=3)
    a_year_of_courses(session, make, scale, years_ago=1, couples=2)
    act = OPERATIONS[operation]
    with caught(database) as short_history:
        act(session, current)
    for years_ago in (2, 3, 4):
        a_year_of_courses(session, make, scale, years_ago=years_ago, couples=3)
    with caught(database) as long_history:
        act(session, current)
    assert len(long_history) == len(short_history)
    if database.path is None:
        return  # a server's planner reads small tables whole by choice; the count is what holds
    scanned = {line for line in scans(database, long_history)}
    allowed = MAY_SCAN.get(operation, set())
    assert {line for line in scanned if line.split(":")[0] not in allowed} == set()


def test_the_couples_listed_are_counted_without_the_anonymised_ones(session, make):
    kept = [make.couple(f"Bos{n}", intake=False) for n in range(3)]
    gone = session.get(Couple, kept[0].id)
    gone.anonymised_at = datetime.now(UTC)
    session.commit()
    assert couple_list.count_couples(session) == 2
    assert couple_list.count_couples(session, text="bos") == 2
    assert [row.id for row in couple_list.list_couples(session)] == [c.id for c in kept[1:]]
