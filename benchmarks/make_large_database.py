"""Write a large, realistic database for the benchmarks: 50,000 couples by default.

    .venv/bin/python benchmarks/make_large_database.py /tmp/large.sqlite3 [--couples 50000]

Couples get Dutch names (with prefixes and diacritics), postcodes and municipalities; about
a fifth of them have an enrollment in one of the demo courses. Rows are written in bulk
with the same derived columns (sort keys, search text) as the services write.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, Language
from holdmetight.domain.names import sort_key
from holdmetight.services import couples, demo, programs
from holdmetight.services.couples import PartnerInput

BATCH = 2_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--couples", type=int, default=50_000)
    args = parser.parse_args()
    if args.path.exists():
        raise SystemExit(f"{args.path} exists; choose a new file")
    started = time.perf_counter()
    database = open_database(database_url(args.path))
    rng = random.Random(50_000)
    with database.session() as session:
        demo.create_demo_data(session, today=date(2026, 11, 24))
        programs.install_shipped_programs(session)
        course_ids = list(session.exec(select(Course.id)))
        families = demo.FAMILY_NAMES
        made = 0
        while made < args.couples:
            batch = min(BATCH, args.couples - made)
            new_couples = []
            people = []
            for _ in range(batch):
                place, prefix = rng.choice(demo.PLACES)
                pair = []
                for _k in (0, 1):
                    name_prefix, family = rng.choice(families)
                    given = rng.choice(demo.GIVEN_NAMES)
                    pair.append(
                        PartnerInput(
                            given_name=given,
                            name_prefix=name_prefix,
                            family_name=family,
                            email=f"{given}.{family}.{made}@example.com".lower().replace(" ", ""),
                            preferred_language=Language.NL,
                        )
                    )
                couple = Couple(postcode=demo._postcode(rng, prefix), municipality=place)
                couple.search_text = couples.search_text(couple, pair)
                first = pair[0]
                couple.sort_key = sort_key(first.given_name, first.name_prefix, first.family_name)
                new_couples.append(couple)
                people.append(pair)
            session.add_all(new_couples)
            session.flush()
            for couple, pair in zip(new_couples, people, strict=True):
                for position, p in enumerate(pair, start=1):
                    session.add(
                        Partner(
                            couple_id=couple.id,
                            position=position,
                            given_name=p.given_name,
                            name_prefix=p.name_prefix,
                            family_name=p.family_name,
                            email=p.email,
                            preferred_language=p.preferred_language,
                            sort_key=sort_key(p.given_name, p.name_prefix, p.family_name),
                        )
                    )
                if rng.random() < 0.2:
                    session.add(
                        Enrollment(
                            couple_id=couple.id,
                            course_id=rng.choice(course_ids),
                            status=rng.choice(list(EnrollmentStatus)),
                            applied_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=made),
                        )
                    )
                made += 1
            session.commit()
    database.dispose()
    print(f"wrote {args.path}: {args.couples} couples in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
