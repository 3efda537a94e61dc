"""``holdmetight privacy anonymise``: erasure from the command line, confirmed by the family
name, refused clearly for a wrong name, a couple anonymised already or one that does not
exist; usage errors exit 2."""

from __future__ import annotations

from datetime import date

import pytest

from holdmetight.cli import main
from holdmetight.services import couple_list, couples, demo


@pytest.fixture
def couple(session):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    row = couple_list.list_couples(session, limit=1)[0]
    return couples.get_couple(session, couple_id=row.id)


def anonymise(db_url, *options: str) -> int:
    return main(["--db", db_url, "privacy", "anonymise", *options])


def test_a_couple_is_anonymised_with_its_family_name_and_only_once(session, couple, db_url, capsys):
    family = couple.partners[0].family_name
    assert anonymise(db_url, str(couple.id), "--confirm", "Iemand") == 1
    err = capsys.readouterr().err
    assert "Nothing was anonymised" in err and family in err and err.count("\n") == 1
    assert couple.id in {c.id for c in couple_list.list_couples(session, limit=999)}
    assert anonymise(db_url, str(couple.id), "--confirm", family.lower()) == 0
    assert capsys.readouterr().out == f"Couple {couple.id} is anonymised.\n"
    assert couple.id not in {c.id for c in couple_list.list_couples(session, limit=999)}
    assert anonymise(db_url, str(couple.id), "--confirm", family) == 1
    assert "has been anonymised" in capsys.readouterr().err


def test_one_partner_is_erased_with_that_partners_family_name(session, couple, db_url, capsys):
    second = couple.partners[1].family_name
    assert anonymise(db_url, str(couple.id), "--partner", "2", "--confirm", second) == 0
    assert capsys.readouterr().out == f"Partner 2 of couple {couple.id} is erased.\n"
    after = couples.get_couple(session, couple_id=couple.id)
    assert after.partners[0] == couple.partners[0]
    assert anonymise(db_url, str(couple.id), "--partner", "2", "--confirm", second) == 1
    assert "has been erased already" in capsys.readouterr().err


def test_a_couple_that_does_not_exist_is_one_sentence(couple, db_url, capsys):
    assert anonymise(db_url, "999999", "--confirm", "x") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["1"],
        ["1", "--confirm"],
        ["x", "--confirm", "a"],
        ["1", "--partner", "3", "--confirm", "a"],
    ],
)
def test_usage_errors_exit_2(couple, db_url, capsys, options):
    with pytest.raises(SystemExit) as stopped:
        anonymise(db_url, *options)
    assert stopped.value.code == 2


def due(session) -> list[int]:
    from holdmetight.services import retention

    return [d.couple_id for d in retention.due_for_anonymisation(session)]


def test_retention_lists_the_couples_due_one_a_line_key_first(session, couple, db_url, capsys):
    overdue = due(session)
    assert overdue  # the demo office has one
    assert main(["--db", db_url, "privacy", "retention"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [int(line[0]) for line in lines] == overdue
    assert all(len(line) == 3 and date.fromisoformat(line[2]) for line in lines)


@pytest.mark.parametrize(
    ("answer", "anonymised", "status"), [("j\n", True, 0), ("nee\n", False, 0), ("", False, 1)]
)
def test_retention_apply_asks_for_each_couple(
    session, couple, db_url, capsys, monkeypatch, answer, anonymised, status
):
    import io

    (overdue,) = due(session)
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    assert main(["--db", db_url, "privacy", "retention", "--apply"]) == status
    out, err = capsys.readouterr()
    assert f"couple {overdue} (" in out
    assert (due(session) == []) is anonymised
    if status:
        assert "No answer" in err and err.count("\n") == 1


def test_retention_apply_yes_anonymises_them_all(session, couple, db_url, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing is asked
    assert main(["--db", db_url, "privacy", "retention", "--apply", "--yes"]) == 0
    assert capsys.readouterr().out.endswith("1 couple anonymised.\n")
    assert due(session) == []
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "privacy", "retention", "--yes"])
    assert stopped.value.code == 2
