"""How fast the home page (*Today*) reads on ten years of data: the whole overview, and each of
its lists on its own (target: the whole within 1 s; it is read in the background, so the window
is usable meanwhile).

    .venv/bin/python benchmarks/make_ten_years.py /tmp/ten_years.sqlite3
    .venv/bin/python benchmarks/bench_today.py /tmp/ten_years.sqlite3 [--runs 5]

Each operation runs ``--runs`` times through the services on the file as it is (it only reads);
the median, fastest and slowest run are printed with the target (``*`` marks a median over it).
"""

from __future__ import annotations

import argparse

from timing import report

from holdmetight.db.database import open_database
from holdmetight.services import today
from holdmetight.services.clock import local_now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a SQLite file made by make_ten_years.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    database = open_database(f"sqlite:///{args.database}")
    try:
        with database.session() as session:
            now = local_now(session)
            found = today.today_overview(session)
            print(
                f"this week {len(found.meetings)} meetings; {len(found.unrecorded)} without "
                f"attendance; {len(found.at_risk)} couples at risk; {len(found.offers)} offers; "
                f"{len(found.fees or ())} fees overdue; {len(found.follow_ups)} courses with "
                "follow-ups due"
            )
            runs = args.runs
            report("the whole overview", 1000, lambda: today.today_overview(session), runs)
            report(
                "  without fees (a facilitator)",
                1000,
                lambda: today.today_overview(session, with_fees=False),
                runs,
            )
            report("  attendance to record", 100, lambda: today._unrecorded(session, now), runs)
            report("  couples at risk", 200, lambda: today._at_risk(session, now), runs)
            report("  open offers", 50, lambda: today._open_offers(session, now.date()), runs)
            report("  fees overdue", 300, lambda: today._overdue_fees(session, now.date()), runs)
            report("  follow-ups due", 300, lambda: today._follow_ups(session), runs)
    finally:
        database.dispose()


if __name__ == "__main__":
    main()
