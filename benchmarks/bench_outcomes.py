"""How fast outcome measurement is on ten years of data: the list of questionnaires due, a
course's figures, a year's and ten years' figures, the summary file, the municipality figures
and the researchers' file.

    .venv/bin/python benchmarks/make_ten_years.py /tmp/ten_years.sqlite3
    .venv/bin/python benchmarks/bench_outcomes.py /tmp/ten_years.sqlite3 [--runs 5]

The database is only read. Each operation runs ``--runs`` times through the services; the
median, fastest and slowest run are printed with the target (``*`` marks a median over it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import text
from timing import report

from holdmetight.db.database import open_database
from holdmetight.services import outcome_figures, outcome_scores, outcome_tables
from holdmetight.services.outcome_figures import Selection

YEAR = Selection(first=date(2025, 1, 1), last=date(2025, 12, 31))
TEN_YEARS = Selection(first=date(2016, 1, 1), last=date(2026, 12, 31))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a SQLite file made by make_ten_years.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    database = open_database(f"sqlite:///{args.database}")
    try:
        with database.session() as session:
            scores = session.execute(text("SELECT count(*) FROM outcome_score")).scalar_one()
            code = session.execute(
                text(
                    "SELECT code FROM course WHERE status = 'completed' "
                    "ORDER BY last_date DESC LIMIT 1"
                )
            ).scalar_one()
            course_id = session.execute(
                text("SELECT id FROM course WHERE code = :code"), {"code": code}
            ).scalar_one()
            print(f"{scores:,} scores")
            due, figures = outcome_scores.due_questionnaires, outcome_figures.outcome_figures
            one = Selection(course_code=code)
            first, last = date(2025, 1, 1), date(2025, 12, 31)
            operations: list[tuple[str, float, Callable[[], Any]]] = [
                ("questionnaires due (all courses)", 500, lambda: due(session)),
                ("a course's questionnaires due", 100, lambda: due(session, course_id=course_id)),
                ("a course's figures", 100, lambda: figures(session, selection=one)),
                ("figures of a year", 1500, lambda: figures(session, selection=YEAR)),
                ("figures of ten years", 10000, lambda: figures(session, selection=TEN_YEARS)),
                (
                    "summary file of a year",
                    2000,
                    lambda: outcome_tables.summary_table(session, selection=YEAR, language="nl"),
                ),
                (
                    "municipality figures of a year",
                    1500,
                    lambda: outcome_figures.municipality_outcomes(session, first=first, last=last),
                ),
                (
                    "researchers' file of a year",
                    1500,
                    lambda: outcome_figures.research_rows(session, selection=YEAR),
                ),
            ]
            for name, target, operation in operations:
                report(name, target, operation, args.runs)
    finally:
        database.dispose()


if __name__ == "__main__":
    main()
