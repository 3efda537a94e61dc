"""The audit trail a privacy officer reads: every entry about a couple's file names the couple,
views, prints and exports are recorded with what they held (never a person's data), and the
trail is filtered by couple, user and period, newest first, and exported."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.enums import PaymentMethod
from holdmetight.errors import NotFoundError
from holdmetight.i18n import using_language
from holdmetight.services import (
    audit_trail,
    couples,
    enrollments,
    fee_assessments,
    fee_scales,
    payments,
    tables,
)
from holdmetight.services.audit_trail import AuditFilter, Output, details

EVERYTHING = AuditFilter()


def entries_of(session, couple_id):
    return audit_trail.list_entries(session, which=AuditFilter(couple_id=couple_id))


@pytest.fixture
def paid(session, make):
    """A couple enrolled in a course with a fee scale, assessed and paid once."""
    course = make.course("HMV-A")
    scale = make.fee_scale()
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    couple = make.couple("Smit")
    place = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    fee = fee_assessments.assess_fee(
        session, enrollment_id=place.id, fee_band_id=scale.bands[1].id, income_checked=True
    )
    payments.record_payment(
        session,
        assessment_id=fee.assessment_id,
        amount=Decimal("10"),
        paid_on=date.today(),
        method=PaymentMethod.PIN,
    )
    payment_id = payments.latest_payment_id(session, assessment_id=fee.assessment_id)
    return couple, place, payment_id


def test_every_change_to_a_couples_file_names_the_couple(session, make, paid):
    couple, _place, _payment = paid
    other = make.couple("Ander")
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=couples.get_couple(session, couple_id=couple.id).version,
        partners=couples.get_couple(session, couple_id=couple.id).partners,
        postcode="1011 AA",
        municipality="Amsterdam",
    )
    mine = {(row.action, row.record) for row in entries_of(session, couple.id)}
    assert {
        ("create", "couple"),
        ("create", "intake"),
        ("enroll", "enrollment"),
        ("assess", "fee_assessment"),
        ("payment", "fee_assessment"),
        ("update", "couple"),
    } <= mine
    assert all(row.couple_id == couple.id for row in entries_of(session, couple.id))
    assert {row.record for row in entries_of(session, other.id)} == {"couple", "intake"}
    # A course's own changes belong to no couple.
    course_entries = session.exec(
        select(AuditEntry).where(col(AuditEntry.entity) == "course")
    ).all()
    assert course_entries and all(e.couple_id is None for e in course_entries)


def test_a_view_and_a_receipt_are_recorded_with_the_couple_and_without_values(session, paid):
    couple, _place, payment_id = paid
    audit_trail.record_view(session, couple_id=couple.id)
    audit_trail.record_output(
        session,
        how=Output.PRINT,
        document="receipt",
        record_id=payment_id,
        detail=details(language="nl"),
    )
    newest = entries_of(session, couple.id)[:2]
    assert [(r.action, r.record, r.record_id) for r in newest] == [
        ("print", "receipt", payment_id),
        ("view", "couple", couple.id),
    ]
    stored = " ".join(
        f"{e.action} {e.entity} {e.detail}" for e in session.exec(select(AuditEntry)).all()
    )
    for value in ("Smit", "Anna", "anna", "3512", "Utrecht", "10"):
        assert value not in stored


def test_a_view_of_a_couple_that_is_gone_is_refused(session):
    with pytest.raises(NotFoundError):
        audit_trail.record_view(session, couple_id=9999)


def test_the_trail_is_filtered_by_couple_user_and_period_newest_first(session, make, paid):
    couple, _place, _payment = paid
    old = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).first()
    old.at = datetime.now(UTC) - timedelta(days=400)
    old.os_user = "collega"
    session.commit()
    everything = audit_trail.list_entries(session, which=EVERYTHING)
    assert [(r.at, r.id) for r in everything] == sorted(
        ((r.at, r.id) for r in everything), reverse=True
    )
    assert everything[-1].id == old.id  # the oldest moment comes last
    assert audit_trail.count_entries(session, which=EVERYTHING) == len(everything)
    assert "collega" in audit_trail.users(session)
    by_colleague = audit_trail.list_entries(session, which=AuditFilter(user="collega"))
    assert [r.id for r in by_colleague] == [old.id]
    this_year = AuditFilter(first=date.today() - timedelta(days=30), last=date.today())
    assert old.id not in {r.id for r in audit_trail.list_entries(session, which=this_year)}
    assert audit_trail.count_entries(session, which=this_year) == len(everything) - 1
    assert audit_trail.first_day(session) == (datetime.now() - timedelta(days=400)).date()
    page = audit_trail.list_entries(session, which=EVERYTHING, offset=1, limit=2)
    assert [r.id for r in page] == [r.id for r in everything[1:3]]
    assert all(
        r.couple_id == couple.id
        for r in audit_trail.list_entries(session, which=AuditFilter(couple_id=couple.id))
    )


def test_the_trail_exports_as_a_table_in_the_chosen_language(session, paid):
    couple, _place, _payment = paid
    audit_trail.record_output(
        session,
        how=Output.EXPORT,
        document="couples",
        detail=details(format="csv", rows=12),
    )
    table = audit_trail.entries_table(session, which=AuditFilter(couple_id=None), language="nl")
    assert table.header[:3] == ("Wanneer", "Wie", "Wat")
    whats = [row[2] for row in table.rows]
    assert whats[-1] == "geëxporteerd" and "ingeschreven" in whats
    assert table.rows[-1][7] == "formaat csv; rijen 12"
    names = [row[6] for row in table.rows if row[5] == couple.id]
    assert names and all("Smit, Anna" in name for name in names)
    text = tables.to_csv(table).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Wanneer;Wie;Wat")


def test_details_are_stored_plainly_and_shown_in_the_readers_language():
    stored = details(course="HMV-1", period="2026-01-01..2026-12-31", rows=3, user=None)
    assert stored == "course=HMV-1; period=2026-01-01..2026-12-31; rows=3"
    with using_language("nl"):
        assert audit_trail.detail_label(stored) == (
            "cursus HMV-1; periode 2026-01-01..2026-12-31; rijen 3"
        )
    with using_language("en"):
        assert audit_trail.detail_label(stored) == stored.replace("=", " ")
    assert audit_trail.detail_label("vrije tekst") == "vrije tekst"


def test_every_action_and_record_the_services_write_has_words_in_both_languages():
    """An entry is read by a privacy officer: no code words ("leaving_fee:refund")."""
    import re
    from pathlib import Path

    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).parents[2] / "holdmetight" / "services").glob("*.py")
    )
    actions = set(re.findall(r'action="([a-z_:]+)"', source))
    records = set(re.findall(r'entity="([a-z_]+)"', source))
    assert actions and records
    for action in actions:
        assert action in audit_trail.ACTIONS or action.startswith(("status:", "leaving_fee:")), (
            action
        )
    assert records <= set(audit_trail.RECORDS), records - set(audit_trail.RECORDS)
    with using_language("nl"):
        assert audit_trail.action_label("consent:given") == "toestemming gegeven"
    with using_language("nl"):
        refund = audit_trail.action_label("leaving_fee:refund")
        assert refund == "eigen bijdrage bij stoppen: terugbetaling"
        assert audit_trail.action_label("status:withdrawn", "enrollment") == "status: gestopt"
