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
