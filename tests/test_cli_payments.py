"""``holdmetight payments``: the office finds a payment's number, the one a receipt is printed
for (issue 14, item 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from holdmetight.cli import main
from holdmetight.domain.enums import PaymentMethod
from holdmetight.services import demo, payment_list, payments


@pytest.fixture
def office(session, db_url):
    """The demo office (ten payments from August to November 2026, numbered out of date order)
    with a refund of 12.50 to the couple that paid last, recorded on 3 November 2026."""
    demo.create_demo_data(session, today=date(2026, 11, 24))
    latest = payments.payment_lines(session)[-1]
    payments.record_refund(
        session,
        assessment_id=latest.assessment_id,
        amount=Decimal("12.50"),
        paid_on=date(2026, 11, 3),
        method=PaymentMethod.BANK_TRANSFER,
        reference="Terug",
    )
    return session


def listing(db_url, capsys, *options: str) -> list[list[str]]:
    assert main(["--db", db_url, "payments", *options]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_every_payment_is_listed_latest_first_with_its_number_first(office, db_url, capsys):
    rows = listing(db_url, capsys)
    recorded = payments.payment_lines(office)  # oldest first
    assert len(rows) == len(recorded) == 11
    assert all(len(row) == 8 for row in rows)
    assert [row[0] for row in rows] == [str(p.id) for p in reversed(recorded)]
    assert [row[1] for row in rows] == sorted((row[1] for row in rows), reverse=True)
    refunded = next(p for p in recorded if p.amount < 0)
    refund = next(row for row in rows if row[0] == str(refunded.id))
    assert refund[1:] == [
        "2026-11-03",
        refunded.course_code,
        refunded.names,
        "-12.50",
        "refund",
        "bank transfer",
        "Terug",
    ]
    assert {row[5] for row in rows} == {"payment", "refund"}


def test_the_listed_number_is_the_one_print_receipt_takes(office, db_url, capsys, tmp_path):
    number = listing(db_url, capsys)[0][0]
    target = tmp_path / "bewijs.pdf"
    assert main(["--db", db_url, "print", "receipt", number, "--out", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_a_course_and_a_period_narrow_the_list(office, db_url, capsys):
    code = listing(db_url, capsys)[0][2]
    assert {row[2] for row in listing(db_url, capsys, "--course", code.lower())} == {code}
    october = listing(db_url, capsys, "--from", "2026-10-01", "--to", "2026-10-31")
    assert [row[1] for row in october] == ["2026-10-27", "2026-10-26", "2026-10-23"]
    since = listing(db_url, capsys, "--from", "2026-11-03")
    assert since and all(row[1] >= "2026-11-03" for row in since)


def test_an_unknown_course_is_one_clear_line(office, db_url, capsys):
    assert main(["--db", db_url, "payments", "--course", "NOPE"]) == 1
    assert capsys.readouterr().err == "holdmetight: There is no course with code NOPE.\n"


@pytest.mark.parametrize("table", ["payments", "fees", "enrollments"])
def test_an_export_of_an_unknown_course_is_one_clear_line_and_no_file(
    office, db_url, capsys, tmp_path, table
):
    target = tmp_path / "export.csv"
    command = ["--db", db_url, "export", "csv", table, "--course", "NOPE"]
    assert main([*command, "--out", str(target)]) == 1
    assert capsys.readouterr() == ("", "holdmetight: There is no course with code NOPE.\n")
    assert not target.exists()


def test_the_largest_payment_number_is_looked_up_and_a_larger_one_is_a_usage_error(
    office, db_url, capsys, tmp_path
):
    target = str(tmp_path / "bewijs.pdf")
    largest = str(2**31 - 1)  # what PostgreSQL's integer column holds
    assert main(["--db", db_url, "print", "receipt", largest, "--out", target]) == 1
    assert capsys.readouterr().err == f"holdmetight: There is no payment with number {largest}.\n"
    with pytest.raises(SystemExit) as caught:
        main(["--db", db_url, "print", "receipt", str(2**31), "--out", target])
    assert caught.value.code == 2
    assert f"error: argument PAYMENT: {2**31} is not a payment number" in capsys.readouterr().err


def test_amounts_kinds_and_methods_follow_the_dutch_interface(office, db_url, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    refund = next(row for row in listing(db_url, capsys) if row[4].startswith("-"))
    assert refund[4:7] == ["-12,50", "terugbetaling", "overboeking"]


def test_a_number_that_never_existed_is_said_not_to_exist(office, db_url, capsys, tmp_path):
    target = tmp_path / "bewijs.pdf"
    assert main(["--db", db_url, "print", "receipt", "99999", "--out", str(target)]) == 1
    assert capsys.readouterr().err == "holdmetight: There is no payment with number 99999.\n"
    assert not target.exists()


def test_a_long_list_is_read_a_batch_at_a_time_without_gaps_or_repeats(office, monkeypatch):
    """Two payments share 10 November 2026: a batch that ends between them goes on with the
    other one."""
    read: list[int] = []
    original = payment_list.payments_after

    def counted(session, /, **kwargs):
        lines = original(session, **kwargs)
        read.append(len(lines))
        return lines

    monkeypatch.setattr(payment_list, "payments_after", counted)
    newest_first = [p.id for p in reversed(payments.payment_lines(office))]
    for batch in (1, 2, 4):
        read.clear()
        assert [p.id for p in payment_list.all_payments(office, batch=batch)] == newest_first
        assert max(read) == batch and sum(read) == len(newest_first)
    oldest_first = payment_list.all_payments(
        office, first=date(2026, 10, 1), descending=False, batch=2
    )
    assert [p.id for p in oldest_first] == [
        p.id for p in payments.payment_lines(office, first=date(2026, 10, 1))
    ]
