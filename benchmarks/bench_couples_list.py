"""How fast the couples list opens and filters on a large database (target: < 50 ms a keystroke).

    .venv/bin/python benchmarks/make_large_database.py /tmp/large.sqlite3
    .venv/bin/python benchmarks/bench_couples_list.py /tmp/large.sqlite3

Measures, as the Couples page does it: counting the matches and fetching the first page, for
opening the list and for each keystroke of typing a name; once through the services alone and
once through the real page (offscreen Qt), and prints the median and worst of several runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.services import couple_list

TYPED = ["j", "ja", "jan", "jans", "jansen", "jansen u", "jansen utr"]
RUNS = 7


def timed(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median and worst time in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    database = open_database(database_url(args.path))

    def query(text: str, status: EnrollmentStatus | None = None) -> None:
        with database.session() as session:
            couple_list.count_couples(session, text=text, status=status)
            couple_list.list_couples(session, text=text, status=status, limit=200)

    with database.session() as session:
        total = couple_list.count_couples(session)
    print(f"{total} couples in {args.path.name}")
    print(f"{'step':<28}{'median ms':>10}{'worst ms':>10}")
    rows = [("open list (services)", timed(lambda: query("")))]
    rows += [(f"type {t!r} (services)", timed(lambda t=t: query(t))) for t in TYPED]
    rows.append(("status: waiting list", timed(lambda: query("", EnrollmentStatus.WAITLISTED))))

    from holdmetight.ui.application import ensure_application
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.views.couples_page import CouplesPage

    ensure_application()
    page = CouplesPage(AppContext(database))
    rows.append(("open page (Qt)", timed(lambda: page.refresh())))
    for text in TYPED:
        page.filter_edit.setText(text)
        rows.append((f"type {text!r} (Qt)", timed(page.refresh)))
    for name, (median, worst) in rows:
        print(f"{name:<28}{median:>10.1f}{worst:>10.1f}")
    database.dispose()


if __name__ == "__main__":
    main()
