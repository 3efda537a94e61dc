"""Shared fixtures: an isolated home for every test, a real database, small factories.

The services, migrations and command-line tests (``BOTH_DATABASES``) run twice: on a SQLite
file and on a database of the test PostgreSQL server (skipped without one; see ``servers.py``).
A test that is about the SQLite file itself asks for ``db_path`` or is marked ``sqlite_only``
and runs on SQLite alone."""

from __future__ import annotations

import os

# Qt must never try to reach a real screen in the tests.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from keyrings import MemoryKeyring, using
from servers import NO_SERVER, SERVER, new_database, schema_template
from sqlmodel import Session

from holdmetight import i18n
from holdmetight.config import database_url
from holdmetight.db.database import Database, open_database
from holdmetight.domain.enums import FeeBasis, IntakeOutcome, TrafficLight
from holdmetight.services import (
    couples,
    courses,
    facilitators,
    fee_scales,
    group_sessions,
    intakes,
    venues,
)
from holdmetight.services.shipped import install_shipped

BOTH_DATABASES = ("tests/services/", "tests/db/", "tests/test_cli")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_kind" not in metafunc.fixturenames:
        return
    where = metafunc.definition.path.as_posix()
    kinds: list[object] = ["sqlite"]
    if (
        any(f"/{part}" in where for part in BOTH_DATABASES)
        and "db_path" not in metafunc.fixturenames
        and metafunc.definition.get_closest_marker("sqlite_only") is None
    ):
        kinds.append(
            pytest.param("postgresql", marks=pytest.mark.skipif(not SERVER, reason=NO_SERVER))
        )
    metafunc.parametrize("db_kind", kinds, indirect=True)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Settings, data and window state go to a fresh folder, never the developer's own."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("HOME", ""),
    ):
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.delenv("HOLDMETIGHT_DB", raising=False)
    # Never the passwords of the machine the tests run on, in this process or a child.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return home


@pytest.fixture(autouse=True, scope="session")
def keyring_of_nobody() -> None:
    """Tests that need a credential store set keyring's in-memory stand-in themselves."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A credential store that lives as long as the test."""
    with using(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_credential_store() -> Iterator[None]:
    """A computer without a credential store (a headless Linux machine)."""
    from keyring.backends import fail

    with using(fail.Keyring()):
        yield


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Tests read messages in English unless they switch language themselves."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_kind(request: pytest.FixtureRequest) -> str:
    """The kind of database the test runs on: "sqlite" or "postgresql"."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def server_template() -> Iterator[str]:
    with schema_template() as name:
        yield name


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of the test's own database: a SQLite file not made yet, or a database on the
    test server at the current schema."""
    if db_kind == "sqlite":
        yield database_url(tmp_path / "office.sqlite3")
        return
    with new_database(request.getfixturevalue("server_template")) as url:
        yield url


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    opened = open_database(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as s:
        install_shipped(s)
        yield s


class Factory:
    """Small builders for a story's cast: a venue, facilitators, a course, couples."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._couples = 0

    def venue(self, name: str = "Wijkcentrum De Brug") -> venues.VenueInfo:
        return venues.create_venue(self.session, name=name, city="Utrecht", rooms=["Zaal 1"])

    def fee_scale(self, name: str = "Staffel 2026") -> fee_scales.FeeScaleInfo:
        """The usual three-band scale of net monthly income from 2026: below €1,800 free,
        up to €2,500 €25, above that €50."""
        return fee_scales.create_fee_scale(
            self.session,
            name=name,
            basis=FeeBasis.ABSOLUTE,
            valid_from=date(2026, 1, 1),
            valid_to=None,
            bands=[
                fee_scales.BandInput(0, 180000, Decimal("0")),
                fee_scales.BandInput(180000, 250000, Decimal("25")),
                fee_scales.BandInput(250000, None, Decimal("50")),
            ],
        )

    def facilitator(self, given: str = "Marloes", family: str = "Dijk", prefix: str = "van"):
        return facilitators.create_facilitator(
            self.session, given_name=given, name_prefix=prefix, family_name=family
        )

    def course(
        self,
        code: str = "HMV-1",
        *,
        capacity: int = 8,
        first_date: date | None = None,
        program: str = "HMT-WEEKLY",
    ) -> courses.CourseInfo:
        lead = self.facilitator(given=f"Lead{code}")
        co = self.facilitator(given=f"Co{code}", family="Benali", prefix="")
        info = courses.create_course(
            self.session,
            code=code,
            title=f"Houd me vast {code}",
            program_code=program,
            lead_facilitator_id=lead.id,
            co_facilitator_id=co.id,
            venue_id=self.venue(f"Venue {code}").id,
            capacity=capacity,
        )
        if first_date is not None:
            group_sessions.plan_weekly(
                self.session,
                course_id=info.row.id,
                first_date=first_date,
                start_time=time(19, 30),
            )
            info = courses.get_course(self.session, course_id=info.row.id)
        return info

    def couple(
        self,
        family: str | None = None,
        *,
        prefix: str = "",
        postcode: str = "3512 AB",
        municipality: str = "Utrecht",
        intake: bool = True,
    ) -> couples.CoupleInfo:
        """A couple; with ``intake`` (as in most stories) one found suitable yesterday, so
        that it may take a place when one is free."""
        self._couples += 1
        family = family or f"Jansen{self._couples}"
        made = couples.create_couple(
            self.session,
            partners=(
                couples.PartnerInput(
                    given_name="Anna",
                    name_prefix=prefix,
                    family_name=family,
                    email=f"anna{self._couples}@example.com",
                ),
                couples.PartnerInput(given_name="Bram", family_name="Visser"),
            ),
            postcode=postcode,
            municipality=municipality,
        )
        if intake:
            self.suitable_intake(made.id)
        return made

    def suitable_intake(self, couple_id: int) -> None:
        """An intake yesterday that found the couple suitable for a group."""
        intakes.record_intake(
            self.session,
            couple_id=couple_id,
            on=date.today() - timedelta(days=1),
            traffic_light=TrafficLight.ORANGE,
            outcome=IntakeOutcome.SUITABLE,
        )


@pytest.fixture
def make(session: Session) -> Factory:
    return Factory(session)
