"""Outcome figures from the command line (issue 17): ``print outcomes``, ``export csv
outcomes|outcomes-summary`` and ``import outcomes``, on the demo data."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from holdmetight.cli import main
from holdmetight.services import couples, demo, enrollments, outcome_figures, outcome_scores
from holdmetight.services.course_list import list_courses

DONE = "HMV-26-08A"  # the demo's completed group, for a demo made on 24 November 2026


@pytest.fixture
def office(session):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    return session


def text_of(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


def test_the_figures_of_a_course_print_in_either_language(office, db_url, tmp_path):
    english, dutch = tmp_path / "en.pdf", tmp_path / "nl.pdf"
    for target, lang in ((english, "en"), (dutch, "nl")):
        assert (
            main(
                [
                    "--db",
                    db_url,
                    "print",
                    "outcomes",
                    "--course",
                    DONE,
                    "--lang",
                    lang,
                    "--out",
                    str(target),
                ]
            )
            == 0
        )
    text = text_of(english)
    assert "Outcomes of the course" in text and f"Course {DONE}" in text
    assert "Relationship satisfaction (CSI-4)" in text and "Psychological distress (K10)" in text
    assert "d_z" in text and "Recovered" in text and "Before – after" in text
    text = text_of(dutch)
    assert "Effect van de cursus" in text and "Relatietevredenheid (CSI-4)" in text
    assert "Voormeting –" in text and "nameting" in text and "Hersteld" in text


def test_the_summary_file_has_stable_english_columns_and_the_same_numbers(office, db_url, tmp_path):
    target = tmp_path / "samenvatting.csv"
    assert (
        main(
            [
                "--db",
                db_url,
                "export",
                "csv",
                "outcomes-summary",
                "--course",
                DONE,
                "--out",
                str(target),
            ]
        )
        == 0
    )
    header, *rows = rows_of(target)
    assert header == [
        "course", "instrument", "from_wave", "to_wave", "n", "mean_from", "mean_to",
        "mean_change", "ci_low", "ci_high", "d", "recovered", "improved", "unchanged",
        "deteriorated",
    ]  # fmt: skip
    figures = outcome_figures.outcome_figures(
        office, selection=outcome_figures.Selection(course_code=DONE)
    )
    csi = next(f for f in figures.instruments if f.instrument.code == "CSI-4")
    first = next(c for c in csi.changes if c.to_wave.value == "post")
    row = next(r for r in rows if r[1:4] == ["CSI-4", "pre", "post"])
    assert row[0] == DONE and row[4] == str(first.n)
    assert float(row[10].replace(",", ".")) == pytest.approx(first.change.d_z, abs=0.0005)
    assert float(row[7].replace(",", ".")) == pytest.approx(first.change.mean_change, abs=5e-4)


def test_the_research_file_holds_consenting_partners_only(office, db_url, tmp_path):
    target = tmp_path / "onderzoek.csv"
    period = ["--from", "2026-01-01", "--to", "2026-12-31"]
    assert main(["--db", db_url, "export", "csv", "outcomes", *period, "--out", str(target)]) == 0
    header, *rows = rows_of(target)
    assert header == ["course", "couple", "partner", "instrument", "wave", "score"]
    expected = outcome_figures.research_rows(
        office,
        selection=outcome_figures.Selection(first=date(2026, 1, 1), last=date(2026, 12, 31)),
    )
    assert len(rows) == len(expected) > 0
    places = [
        e
        for course in list_courses(office)
        for e in enrollments.list_enrollments(office, course_id=course.id)
    ]
    all_scores = sum(
        len(outcome_scores.couple_scores(office, couple_id=e.couple_id)) for e in places
    )
    assert len(rows) < all_scores  # those who did not agree are left out
    # Couples and partners under numbers of their own, not the ones the application shows.
    assert all(len(r[1]) == len(r[2]) == 12 for r in rows)
    assert not {r[1] for r in rows} & {str(e.couple_id) for e in places}


@pytest.mark.parametrize(
    "options",
    [
        ["print", "outcomes", "--out", "x.pdf"],
        [
            "print",
            "outcomes",
            "--course",
            DONE,
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-01",
            "--out",
            "x.pdf",
        ],
        ["export", "csv", "outcomes", "--out", "x.csv"],
        ["export", "csv", "outcomes-summary", "--from", "2026-01-01", "--out", "x.csv"],
    ],
)
def test_a_course_or_a_whole_period_is_needed(db_url, options, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, *options])
    assert stopped.value.code == 2
    assert "--course" in capsys.readouterr().err


def test_scores_gathered_on_paper_are_imported_row_by_row(office, db_url, tmp_path, capsys):
    running = next(c for c in list_courses(office) if c.code.endswith("B"))
    places = [e for e in enrollments.list_enrollments(office, course_id=running.id) if e.had_place]
    first, second = places[0].couple_id, places[1].couple_id
    email = couples.get_couple(office, couple_id=second).partners[0].email
    lines = [
        "cursus;stel;partner;e-mail;vragenlijst;meting;datum;totaal;item1;item2;item3;item4",
        f"{running.code};{first};1;;K10;na;20-11-2026;22;;;;",
        f"{running.code};;;{email};CSI-4;nameting;2026-11-21;;4;3;3;2",
        f"{running.code};{first};2;;K10;later;2026-11-21;22;;;;",
        f"{running.code};{first};2;;K10;post;2026-11-21;55;;;;",
        f"{running.code};{first};2;;CSI-4;post;2026-11-21;;4;9;3;2",
        f"NOPE;{first};2;;K10;post;2026-11-21;20;;;;",
    ]
    source = tmp_path / "scores.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--db", db_url, "import", "outcomes", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: 2 of 6 scores would be imported, 0 were entered already, 4 have errors" in out
    assert not [
        s for s in outcome_scores.couple_scores(office, couple_id=first) if s.wave.value == "post"
    ]
    assert main(["--db", db_url, "import", "outcomes", str(source)]) == 0
    out = capsys.readouterr().out
    assert "line 4: The wave must be before, after or follow-up: later" in out
    assert (
        "line 5: The score of Psychological distress (K10) must lie from 10 to 50; 55 does not."
        in out
    )
    assert "line 6: Relationship satisfaction (CSI-4), item 2: 9 is not an answer" in out
    assert "line 7: There is no course with code NOPE." in out
    assert "2 of 6 scores imported, 0 entered already, 4 with errors." in out
    errors = rows_of(tmp_path / "scores.errors.csv")
    assert len(errors) == 5 and errors[0][-1] == "error"
    imported = outcome_scores.couple_scores(office, couple_id=second)
    assert [
        (s.partner, s.instrument_code, s.score) for s in imported if s.wave.value == "post"
    ] == [(1, "CSI-4", 12)]
    # The same file again changes nothing: what was entered is not overwritten (and as every
    # line is skipped or wrong, the command did nothing: exit 1).
    assert main(["--db", db_url, "import", "outcomes", str(source)]) == 1
    out = capsys.readouterr().out
    assert "line 2: skipped, already entered: 22 on 20 Nov 2026; change it in the window" in out
    assert "0 of 6 scores imported, 2 entered already, 4 with errors." in out


def test_lines_that_contradict_themselves_or_each_other_are_refused(
    office, db_url, tmp_path, capsys
):
    running = next(c for c in list_courses(office) if c.code.endswith("B"))
    couple = next(
        e.couple_id
        for e in enrollments.list_enrollments(office, course_id=running.id)
        if e.had_place
    )
    lines = [
        "course;couple;partner;instrument;wave;score;item1;item2;item3;item4",
        f"{running.code};{couple};1;CSI-4;post;15;1;1;1;1",
        f"{running.code};{couple};1;K10;post;23,5;;;;",
        f"{running.code};{couple};2;K10;post;23;;;;",
        f"{running.code};{couple};2;K10;post;24;;;;",
        f"{running.code};{couple};2;CSI-4;post;30;;;;",
        f"{running.code};{couple};2;CSI-4;post;20;;;;",
    ]
    source = tmp_path / "scores.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--db", db_url, "import", "outcomes", str(source)]) == 0
    out = capsys.readouterr().out
    assert "line 2: The total 15 does not match the answers, which make 4." in out
    assert "line 3: 23.5 cannot be a score of Psychological distress (K10)" in out
    assert "line 5: The same partner, wave and questionnaire as line 4." in out
    assert "line 6: The score of Relationship satisfaction (CSI-4) must lie from 0 to 21" in out
    assert "line 7" not in out  # the corrected line after a wrong one is taken
    assert "2 of 6 scores imported" in out
