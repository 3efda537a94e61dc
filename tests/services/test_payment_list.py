"""The payments of a period as the Fees page reads them: a page at a time, in the order of the
column clicked, put in that order by the database, with the period's totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from holdmetight.domain.enums import PaymentMethod
from holdmetight.i18n import set_language
from holdmetight.services import demo, payment_list, payments
from holdmetight.services.payment_list import PaymentOrder, PaymentTotals

AUTUMN = {"first": date(2026, 8, 1), "last": date(2026, 12, 31)}


@pytest.fixture
def office(session):
    """The demo office: ten payments from August to November 2026."""
    demo.create_demo_data(session, today=date(2026, 11, 24))
    return session


def listed(session, order=PaymentOrder.DATE, descending=False, **period):
    return payment_list.list_payments(
        session, **(period or AUTUMN), order=order, descending=descending
    )


def test_the_list_holds_what_the_payment_lines_of_the_period_hold(office):
    lines = payments.payment_lines(office, **AUTUMN)
    assert listed(office) == lines
    assert listed(office, descending=True)[0] == lines[-1]


def test_only_the_period_is_listed_and_counted(office):
    october = {"first": date(2026, 10, 1), "last": date(2026, 10, 31)}
    dates = [p.paid_on for p in listed(office, **october)]
    assert dates == [date(2026, 10, 23), date(2026, 10, 26), date(2026, 10, 27)]
    totals = payment_list.payment_totals(office, **october)
    assert totals.count == 3


def test_totals_count_money_in_and_refunds_apart(office):
    (line,) = [p for p in listed(office) if p.names == "Vermeulen, Hüseyin & Leeuwen, Esther van"]
    payments.record_refund(
        office,
        assessment_id=line.assessment_id,
        amount=Decimal("12.50"),
        paid_on=date(2026, 11, 3),
        method=PaymentMethod.BANK_TRANSFER,
    )
    received = sum(p.amount for p in payments.payment_lines(office, **AUTUMN) if p.amount > 0)
    assert payment_list.payment_totals(office, **AUTUMN) == PaymentTotals(
        count=11, received=received, refunded=Decimal("12.50")
    )
    empty = payment_list.payment_totals(office, first=date(2020, 1, 1), last=date(2020, 12, 31))
    assert empty == PaymentTotals(count=0, received=Decimal(0), refunded=Decimal(0))


def test_couples_sort_by_family_name_as_the_couples_list_files_them(office):
    names = [p.names for p in listed(office, PaymentOrder.COUPLE)]
    assert names[0] == "Berg, Babette van den & Bakker, Gert-Jan"
    assert names[-1] == "Yılmaz, Linda & Wit, Saskia de"


def test_methods_sort_by_the_word_shown_in_the_language_in_use(office):
    def methods() -> list[str]:
        return list(dict.fromkeys(p.method.label for p in listed(office, PaymentOrder.METHOD)))

    assert methods() == ["bank transfer", "cash", "municipal voucher", "PIN/card"]
    set_language("nl")
    assert methods() == ["contant", "gemeentelijke voucher", "overboeking", "pin"]


def test_courses_references_and_amounts_sort_by_their_value(office):
    by_course = listed(office, PaymentOrder.COURSE, descending=True)
    assert [p.course_code for p in by_course][:1] == ["HMV-26-10B"]
    references = [p.reference for p in listed(office, PaymentOrder.REFERENCE, descending=True)]
    assert references[0] == "Termijn 1" and references[-1] == ""
    amounts = [p.amount for p in listed(office, PaymentOrder.AMOUNT)]
    assert amounts == sorted(amounts)


@pytest.mark.parametrize("order", list(PaymentOrder))
def test_pages_follow_on_without_gaps(office, order):
    whole = [p.id for p in listed(office, order, descending=True)]
    pages = [
        payment_list.list_payments(
            office, **AUTUMN, order=order, descending=True, offset=offset, limit=4
        )
        for offset in (0, 4, 8)
    ]
    assert [p.id for page in pages for p in page] == whole
