"""``holdmetight audit`` and ``export csv audit``: the trail on the command line, filtered by
couple, user and period; and every print or export from the command line is in it first."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from holdmetight.cli import main
from holdmetight.services import audit_trail, couple_list, demo, payments
from holdmetight.services.audit_trail import AuditFilter


@pytest.fixture
def office(session):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    return session


def trail(db_url, capsys, *options: str) -> list[list[str]]:
    assert main(["--db", db_url, "audit", *options]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_the_trail_is_listed_newest_first_with_its_number_first(office, db_url, capsys):
    rows = trail(db_url, capsys)
    assert len(rows) == audit_trail.count_entries(office, which=AuditFilter())
    assert all(len(row) == 8 for row in rows)
    numbers = [int(row[0]) for row in rows]
    assert [row[1] for row in rows] == sorted((row[1] for row in rows), reverse=True)
    assert len(set(numbers)) == len(numbers)
    couple_id = couple_list.list_couples(office, limit=1)[0].id
    mine = trail(db_url, capsys, "--couple", str(couple_id))
    assert mine and all(row[6] == str(couple_id) for row in mine)
    assert "created" in {row[3] for row in mine}
    assert trail(db_url, capsys, "--from", "2000-01-01", "--to", "2000-12-31") == []
    assert trail(db_url, capsys, "--user", "niemand") == []


@pytest.mark.parametrize("bad", ["0", "-3", "twee", ""])
def test_a_couple_number_that_is_not_one_is_a_usage_error(office, db_url, capsys, bad):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "audit", "--couple", bad])
    assert stopped.value.code == 2
    assert "a couple's number is a whole number from 1" in capsys.readouterr().err


def test_exports_and_prints_are_in_the_trail_before_they_are_written(
    office, db_url, capsys, tmp_path
):
    couples_file = tmp_path / "c.csv"
    assert main(["--db", db_url, "export", "csv", "couples", "--out", str(couples_file)]) == 0
    written = len(couples_file.read_text(encoding="utf-8-sig").splitlines()) - 1
    payment = payments.payment_lines(office)[0]
    receipt = tmp_path / "bewijs.pdf"
    assert main(["--db", db_url, "print", "receipt", str(payment.id), "--out", str(receipt)]) == 0
    capsys.readouterr()
    newest, before = trail(db_url, capsys)[:2]
    assert newest[3:6] == ["exported", "receipt", str(payment.id)]
    assert newest[6] and newest[7] == "format pdf; language nl"
    assert before[3:5] == ["exported", "list of couples"]
    assert before[7] == f"format csv; rows {written}"


def test_a_couples_trail_is_exported_and_the_export_joins_its_file(
    office, db_url, capsys, tmp_path
):
    couple_id = couple_list.list_couples(office, limit=1)[0].id
    target = tmp_path / "logboek.csv"
    options = ["--couple", str(couple_id), "--out", str(target)]
    assert main(["--db", db_url, "export", "csv", "audit", *options]) == 0
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["When", "Who", "What", "Record"]
    assert len(rows) > 2 and all(row[5] == str(couple_id) for row in rows[1:])
    capsys.readouterr()
    newest = trail(db_url, capsys, "--couple", str(couple_id))[0]
    assert newest[3:5] == ["exported", "audit trail"]
    assert newest[7] == f"couple {couple_id}; format csv; rows {len(rows) - 1}"


def test_the_audit_options_belong_to_the_audit_table_only(office, db_url, capsys, tmp_path):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "export", "csv", "couples", "--user", "x", "--out", "y.csv"])
    assert stopped.value.code == 2
    assert "--user is not for the couples table, only for audit" in capsys.readouterr().err
