"""Build the database of a large organisation after ten years of use, for speed benchmarks.

    .venv/bin/python benchmarks/make_ten_years.py TARGET [--scale 1.0] [--seed N]

TARGET is a new SQLite file or any SQLAlchemy URL of an empty database
(``postgresql+psycopg://user@host/db``). At scale 1.0 it holds about 50,000 couples, 7,000
courses from January 2017 to December 2026 (eight meetings each), 61,000 enrollments, 840,000
attendance marks (one per partner per meeting held; two marks in each attendance row), 59,000
fee assessments, 42,000 payments and an audit trail of some 400,000 entries; ``--scale 0.1``
makes a tenth of everything (a smaller organisation with fewer rooms and trainers).

The schema is the application's own (created and migrated by ``open_database``), and the demo
data is the starting point: its organisation, fee scale, programmes, venues and trainers. Today
is 24 November 2026, as for the demo. Rows are written in bulk with SQLAlchemy Core, with the
derived columns the services write (sort keys, search text, versions, the couple's income band,
band fees, translated reasons) and one audit entry per action the services would record.
"""

from __future__ import annotations

import argparse
import functools
import heapq
import random
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, create_engine, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from holdmetight.config import database_url
from holdmetight.db.database import open_database, sqlite_path
from holdmetight.domain.completion import ATTENDED
from holdmetight.domain.couple import (
    Couple,
)
from holdmetight.domain.enums import (
    AttendanceStatus,
    CourseStatus,
    EnrollmentStatus,
    FacilitatorRole,
    GroupSessionStatus,
    HouseholdType,
    IntakeOutcome,
    Language,
    LeavingFee,
    OfferOutcome,
    PaymentMethod,
    ReferralSource,
    TrafficLight,
)
from holdmetight.domain.models import metadata
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import fold, sort_key, title_key
from holdmetight.domain.program import Program
from holdmetight.domain.rules import weekly_dates
from holdmetight.domain.schedule import (
    ProposedMeeting,
    add_minutes,
    dutch_public_holidays,
    propose_days,
)
from holdmetight.domain.waiting_list import answer_by
from holdmetight.errors import DatabaseError
from holdmetight.i18n import _, format_date, format_money
from holdmetight.services import couples, demo, programs
from holdmetight.services.couple_batches import partner_row
from holdmetight.services.couples import PartnerInput
from holdmetight.services.course_span import span_of
from holdmetight.services.programs import default_completion_steps

TODAY = date(2026, 11, 24)
FIRST_MONDAY = date(2017, 1, 2)
LAST_START = date(2026, 12, 31)
ZONE = ZoneInfo("Europe/Amsterdam")
BATCH = 5_000

COURSES = 7_000
COUPLES = 50_000
INTAKE_ONLY_SHARE = 0.06  # couples who had an intake (or only registered) and never enrolled
INTENSIVE_SHARE = 0.10
ENGLISH_SHARE = 0.05
CANCELLED_SHARE = 0.02
MAX_COURSES_AT_ONCE = 3  # per facilitator

Row = dict[str, Any]

# --- names, places and texts --------------------------------------------------------------

MORE_GIVEN_NAMES = [
    "Jan", "Piet", "Klaas", "Henk", "Willem", "Johan", "Hans", "Marco", "Martijn", "Jeroen",
    "Maarten", "Sander", "Arjen", "Rutger", "Joost", "Hendrik", "Gijs", "Thomas", "Tom",
    "Max", "Finn", "Luuk", "Milan", "Jesse", "Lars", "Mees", "Teun", "Hidde", "Jurriën",
    "Stefan", "Rogier", "Vincent", "Michiel", "Frank", "Paul", "Ahmet", "Mustafa", "Ömer",
    "Burak", "Emre", "Ayoub", "Bilal", "Rachid", "Said", "Samir", "Ravi", "Anand", "Sunil",
    "Maria", "Anna", "Emma", "Julia", "Sophie", "Lisa", "Laura", "Sarah", "Kim", "Nina",
    "Sandra", "Monique", "Ingrid", "Petra", "Miranda", "Yvonne", "Marloes", "Judith",
    "Margriet", "Janneke", "Wilma", "Gerda", "Ans", "Tineke", "Lieke", "Roos", "Tess",
    "Lynn", "Evi", "Fenna", "Nienke", "Britt", "Anne-Marie", "Marie-José", "Hélène",
    "Ankie", "Chantal", "Désirée", "Mirjam", "Yasmina", "Samira", "Khadija", "Zeynep",
    "Büşra", "Ayşe", "Meryem", "Sevda", "Shanti", "Anjali", "Gabriëlle", "Noëlle",
]  # fmt: skip
MORE_FAMILY_NAMES = [
    ("van", "Dijk"), ("de", "Jong"), ("", "Janssen"), ("", "Willems"), ("", "Hoekstra"),
    ("van der", "Berg"), ("", "Koster"), ("", "Prins"), ("", "Huisman"), ("", "Peeters"),
    ("van", "Beek"), ("", "Kuipers"), ("van", "Vliet"), ("", "Postma"), ("", "Kramer"),
    ("van den", "Bosch"), ("", "Schouten"), ("van der", "Heijden"), ("", "Maas"),
    ("van", "Wijk"), ("", "Verhoeven"), ("", "Koning"), ("", "Jacobs"), ("de", "Graaf"),
    ("", "Molenaar"), ("van der", "Veen"), ("", "Timmermans"), ("", "Lammers"),
    ("van", "Dam"), ("", "Boersma"), ("de", "Lange"), ("", "Verbeek"), ("", "Gerritsen"),
    ("van", "Doorn"), ("", "Hermans"), ("", "Evers"), ("", "Wouters"), ("van der", "Wal"),
    ("", "Sanders"), ("", "Scholten"), ("van", "Rijn"), ("", "Hoogendoorn"), ("", "Blom"),
    ("op den", "Brouw"), ("", "Ruiter"), ("van", "Os"), ("", "Zwart"), ("", "Vink"),
    ("", "Veenstra"), ("ten", "Cate"), ("van 't", "Zand"), ("van", "Ommen"),
    ("", "Kaya"), ("", "Demir"), ("", "Şahin"), ("", "Aydın"), ("", "Doğan"),
    ("", "Benali"), ("", "El Idrissi"), ("", "Bakkali"), ("", "Ouali"), ("", "Haddou"),
    ("", "Ramlal"), ("", "Baldewsingh"), ("", "Mahabier"), ("", "Nguyen"), ("", "Müller"),
    ("", "Schröder"), ("", "Kowalski"), ("", "Nowak"), ("", "da Silva"), ("", "García"),
    ("", "Fernández"), ("", "Lefèvre"), ("", "Mol"), ("", "Brink"), ("", "Wijnen"),
]  # fmt: skip
GIVEN_NAMES = list(dict.fromkeys(demo.GIVEN_NAMES + MORE_GIVEN_NAMES))
FAMILY_NAMES = list(dict.fromkeys(demo.FAMILY_NAMES + MORE_FAMILY_NAMES))
# The demo's list starts with the commonest Dutch names; later names are rarer (roughly Zipf).
FAMILY_WEIGHTS = [1 / (rank + 4) for rank in range(len(FAMILY_NAMES))]
PLACE_WEIGHTS = [0.5, 0.2, 0.12, 0.18]  # Utrecht, Nieuwegein, Houten, Zeist
MAIL_DOMAINS = ["example.com", "example.nl", "example.org", "example.net"]

MORE_VENUES = [
    ("Wijkcentrum Kanaleneiland", "Marshallaan 12", "3527 TK", "Utrecht", ["Zaal A", "Zaal B"]),
    ("Buurthuis Oog in Al", "Thomas à Kempisweg 3", "3532 HX", "Utrecht", ["Grote zaal"]),
    ("Wijkcentrum Overvecht", "Zamenhofdreef 40", "3562 JT", "Utrecht", ["Zaal 1", "Zaal 2"]),
    ("Huis van de Wijk Leidsche Rijn", "Brennerbaan 150", "3524 BN", "Utrecht", ["Noord", "Zuid"]),
    ("Wijkcentrum Galecop", "Zuidstedeweg 5", "3437 AA", "Nieuwegein", ["Zaal 1", "Zaal 2"]),
    ("Het Zuiderhuis", "Briljantlaan 2", "3523 CD", "Utrecht", ["Lindezaal", "Eikenzaal"]),
    ("Dorpshuis 't Oude Raadhuis", "Plein 4", "3991 DL", "Houten", ["Raadszaal", "Kelder"]),
    ("Wijkcentrum Kerckebosch", "Arnhemse Bovenweg 90", "3708 AH", "Zeist", ["Zaal 1", "Zaal 2"]),
    ("Buurtcentrum Lunetten", "Hondsrug 25", "3524 BR", "Utrecht", ["Zaal 1", "Zaal 2"]),
    ("Wijkhuis De Schouw", "Batauweg 12", "3435 AB", "Nieuwegein", ["Grote zaal", "Atelier"]),
    ("Buurtcentrum De Leeuw", "Kennedylaan 8", "3533 KH", "Utrecht", ["Zaal 1"]),
    ("Het Slot", "Slotlaan 3", "3701 GA", "Zeist", ["Torenkamer", "Tuinzaal"]),
    ("Wijkcentrum Vechtsebanen", "Pr. Margrietlaan 30", "3554 AR", "Utrecht", ["Zaal 1"]),
    ("Theehuis Rhijnauwen", "Rhijnauwenselaan 14", "3981 HH", "Houten", ["Serre"]),
    ("Buurthuis De Boog", "Boogstraat 1", "3511 AA", "Utrecht", ["Zaal 1", "Zaal 2"]),
    ("Wijkcentrum Batau", "Wijkerslootweg 41", "3434 EE", "Nieuwegein", ["Zaal 1", "Zaal 2"]),
]
OFFICE_STAFF = [  # (login, first day, last day)
    ("secretariaat", date(2016, 1, 1), None),
    ("j.vermeulen", date(2016, 1, 1), date(2020, 6, 30)),
    ("a.yilmaz", date(2019, 3, 1), None),
    ("m.dekker", date(2020, 8, 1), None),
    ("l.bos", date(2023, 1, 9), None),
]

WEEKDAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENING_STARTS = [clock(19, 0), clock(19, 30), clock(19, 30), clock(20, 0)]
MORNING_STARTS = [clock(9, 30), clock(10, 0)]
WEEKEND_START = clock(9, 30)

WITHDRAW_REASONS = [
    "De avonden passen toch niet bij het werk",
    "Verhuisd naar een andere gemeente",
    "Relatie beëindigd",
    "Ziekte in het gezin",
    "Geen oppas gevonden",
    "Kiest toch voor individuele therapie",
    "Te zwaar op dit moment",
    "Geen reden opgegeven",
]
REFER_REASONS = [
    "Doorverwezen naar relatietherapie (GGZ)",
    "Doorverwezen naar maatschappelijk werk",
    "Doorverwezen naar Veilig Thuis",
]
REFERRAL_DESTINATIONS = [
    "Relatietherapie (GGZ)",
    "Maatschappelijk werk",
    "Veilig Thuis",
    "Verslavingszorg",
    "Huisarts / POH-GGZ",
    "Schuldhulpverlening",
]
CANCEL_REASONS = ["Te weinig aanmeldingen", "Trainer langdurig ziek", "Zaal niet beschikbaar"]
CANCELLED_COUPLE_REASON = "De cursus gaat niet door"
WAIVER_REASONS = [
    "Inkomen sterk gedaald",
    "Schuldhulpverlening loopt",
    "Besluit teamleider",
    "Bijzondere omstandigheden",
]
REDUCTION_REASONS = [
    "Bijzondere bijstand aangevraagd",
    "Afspraak met het wijkteam",
    "Tijdelijk geen inkomen",
    "Schulden",
]
CLOSING_ADVICE = [
    "Geen vervolg nodig",
    "Terugkomavond over een half jaar aangeraden",
    "Verwezen naar relatietherapie",
    "Oefeningen thuis blijven doen",
    "",
]
FIDELITY_NOTES = [
    "Oefening ingekort wegens tijd",
    "Video niet getoond (techniek)",
    "Extra tijd voor vragen over de vorige bijeenkomst",
]


# --- the generated world ------------------------------------------------------------------


@dataclass
class Step:
    id: int
    position: int
    code: str
    title_nl: str
    title_en: str
    minutes: int
    day: int | None


@dataclass
class ProgramData:
    id: int
    code: str
    steps: list[Step]
    min_steps: int
    both_partners: bool


@dataclass
class Trainer:
    id: int
    login: str
    leads: bool  # trained in Hold Me Tight: may lead a group
    start: date
    end: date | None
    free: dict[tuple[int, str], date] = field(default_factory=dict)
    until: list[date] = field(default_factory=list)  # last meetings of the courses given

    def can_give(self, slot: tuple[int, str], first: date, last: date) -> bool:
        if first < self.start or (self.end is not None and last > self.end):
            return False
        if self.free.get(slot, date.min) > first:
            return False
        return sum(1 for day in self.until if day >= first) < MAX_COURSES_AT_ONCE

    def book(self, slot: tuple[int, str], last: date) -> None:
        self.free[slot] = last + timedelta(days=7)
        self.until = [day for day in self.until if day >= last - timedelta(days=120)] + [last]


@dataclass
class RoomData:
    id: int
    venue_id: int
    city: str
    free: dict[tuple[int, str], date] = field(default_factory=dict)


@dataclass
class Meeting:
    id: int
    position: int
    step_id: int
    day: date
    start: clock
    end: clock


@dataclass
class CourseData:
    id: int
    code: str
    program: ProgramData
    capacity: int
    language: Language
    room: RoomData
    lead: Trainer
    co: Trainer
    min_steps: int
    created: datetime
    opened: datetime
    meetings: list[Meeting]
    cancelled: bool
    row: Row
    status: CourseStatus = CourseStatus.PLANNED
    started_at: datetime | None = None
    completed_at: datetime | None = None

    @property
    def first(self) -> date:
        return self.meetings[0].day

    @property
    def last(self) -> date:
        return self.meetings[-1].day


@dataclass
class CoupleData:
    id: int
    registered: datetime
    suitable_intake: date | None = None
    band_id: int | None = None
    version: int = 1
    applications: int = 0
    partner_ids: list[int] = field(default_factory=list)


@dataclass
class Offer:
    id: int
    offered_at: datetime
    answer_by: date
    outcome: OfferOutcome = OfferOutcome.OPEN
    answered_at: datetime | None = None


@dataclass
class EnrollmentData:
    id: int
    couple: CoupleData
    course: CourseData
    applied_at: datetime
    status: EnrollmentStatus
    placed_at: datetime | None = None
    status_reason: str = ""
    left_at: datetime | None = None  # withdrawn or referred
    attended_until: int = 99  # meetings (positions) followed before leaving
    closing_date: date | None = None
    closing_advice: str = ""
    fee_on_leaving: LeavingFee | None = None
    version: int = 1
    offers: list[Offer] = field(default_factory=list)


@functools.cache
def mail_name(given: str, prefix: str, family: str) -> str:
    return fold(f"{given}.{prefix}{family}").replace(" ", "").replace("'", "")


def local(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def at(day: date, minutes: int) -> datetime:
    """A local wall-clock moment ``minutes`` after midnight of ``day``, in UTC (as stored)."""
    wall = datetime.combine(day, clock()) + timedelta(minutes=minutes)
    return wall.replace(tzinfo=ZONE).astimezone(UTC)


NOW = at(TODAY, 18 * 60)  # the end of today's office hours


class World:
    """Everything generated, as rows ready to insert, and the state used to make it."""

    def __init__(self, rng: random.Random, scale: float, ids: dict[str, int]) -> None:
        self.rng = rng
        self.scale = scale
        self.next_ids = ids
        self.rows: dict[str, list[Row]] = {}
        self.audit: list[tuple[datetime, str, str, str, int | None]] = []
        self.trainers: list[Trainer] = []
        self.rooms: list[RoomData] = []
        self.courses: list[CourseData] = []
        self.enrollments: list[EnrollmentData] = []
        self.couples: list[CoupleData] = []
        self.holidays = dutch_public_holidays(date(2016, 12, 1), date(2027, 8, 31))
        self.codes: set[str] = set()
        self.venues_added = 0
        self.bands: list[tuple[int, int]] = []  # (id, fee in cents) of the demo's fee scale
        self.instruments: dict[str, tuple[int, float, float]] = {}  # code: id, lowest, highest
        self.new_couples = 0
        self.family_cum: list[float] = []
        total = 0.0
        for weight in FAMILY_WEIGHTS:
            total += weight
            self.family_cum.append(total)

    # ids and rows

    def new_id(self, table: str) -> int:
        self.next_ids[table] = self.next_ids.get(table, 0) + 1
        return self.next_ids[table]

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def log(
        self, moment: datetime, user: str, action: str, entity: str, entity_id: int | None
    ) -> None:
        self.audit.append((moment, user, action, entity, entity_id))

    def office_user(self, day: date) -> str:
        staff = [
            s for s, start, end in OFFICE_STAFF if start <= day and (end is None or day <= end)
        ]
        return self.rng.choice(staff)

    def office_moment(self, day: date) -> datetime:
        return at(day, self.rng.randint(8 * 60 + 30, 17 * 60))

    def moment_between(self, first: datetime, last: datetime) -> datetime:
        minutes = int((last - first).total_seconds() // 60)
        return first + timedelta(minutes=self.rng.randint(0, max(minutes, 0)))

    def day_moment(self, first: date, last: date) -> datetime:
        """Some moment between 8:00 and 22:00 on a day from ``first`` to ``last``."""
        span = max((last - first).days, 0)
        day = first + timedelta(days=self.rng.randint(0, span))
        return at(day, self.rng.randint(8 * 60, 22 * 60))

    # people

    def person(self) -> tuple[str, str, str]:
        prefix, family = self.rng.choices(FAMILY_NAMES, cum_weights=self.family_cum)[0]
        return self.rng.choice(GIVEN_NAMES), prefix, family

    def email(self, given: str, prefix: str, family: str) -> str:
        local_part = mail_name(given, prefix, family)
        number = self.rng.randint(1, 99) if self.rng.random() < 0.7 else ""
        return f"{local_part}{number}@{self.rng.choice(MAIL_DOMAINS)}"

    def phone(self) -> str:
        if self.rng.random() < 0.85:
            return f"06 {self.rng.randint(1, 5)}{self.rng.randint(0, 9_999_999):07d}"
        return f"030 {self.rng.randint(200, 999)} {self.rng.randint(0, 9999):04d}"


# --- trainers and rooms ---------------------------------------------------------------------


def load_setting(connection: Connection, world: World) -> tuple[ProgramData, ProgramData, int]:
    """The demo's programmes, rooms, trainers and fee scale, as the generator uses them."""
    tables = metadata.tables
    found: dict[str, ProgramData] = {}
    for program in connection.execute(
        select(tables["program"]).order_by(tables["program"].c.id)
    ).mappings():
        step_table = tables["program_step"]
        steps = [
            Step(
                s["id"],
                s["position"],
                s["code"],
                s["title_nl"],
                s["title_en"],
                s["duration_minutes"],
                s["day"],
            )
            for s in connection.execute(
                select(step_table)
                .where(step_table.c.program_id == program["id"])
                .order_by(step_table.c.position)
            ).mappings()
        ]
        template = Program.model_construct(
            completion_min_steps=program["completion_min_steps"],
            completion_both_partners=program["completion_both_partners"],
        )
        found[program["code"]] = ProgramData(
            program["id"],
            program["code"],
            steps,
            default_completion_steps(template, len(steps)),
            bool(program["completion_both_partners"]),
        )
    for f in connection.execute(
        select(tables["facilitator"]).order_by(tables["facilitator"].c.id)
    ).mappings():
        world.trainers.append(
            Trainer(
                f["id"],
                login(f["given_name"], f["name_prefix"], f["family_name"]),
                bool(f["hmt_trained"]),
                date(2016, 1, 1),
                None,
            )
        )
    cities = {v["id"]: v["city"] for v in connection.execute(select(tables["venue"])).mappings()}
    room_table = tables["room"]
    for r in connection.execute(
        select(room_table).order_by(room_table.c.venue_id, room_table.c.name)
    ).mappings():
        if not r["name"].startswith("Spreekkamer"):  # a consulting room holds no group
            world.rooms.append(RoomData(r["id"], r["venue_id"], cities[r["venue_id"]]))
    world.codes.update(connection.execute(select(tables["course"].c.code)).scalars())
    band_table = tables["fee_band"]
    scale_id = connection.execute(select(func.min(band_table.c.fee_scale_id))).scalar_one()
    bands = connection.execute(
        select(band_table.c.id, band_table.c.fee_cents)
        .where(band_table.c.fee_scale_id == scale_id)
        .order_by(band_table.c.position)
    ).all()
    world.bands = [(int(band_id), int(cents)) for band_id, cents in bands]
    instruments = tables["outcome_instrument"]
    for instrument_id, code, low, high in connection.execute(
        select(
            instruments.c.id, instruments.c.code, instruments.c.score_min, instruments.c.score_max
        )
    ):
        world.instruments[code] = (int(instrument_id), float(low), float(high))
    return found["HMT-WEEKLY"], found["HMT-INTENSIVE"], int(scale_id)


def login(given: str, prefix: str, family: str) -> str:
    return fold(f"{given[0]}.{prefix}{family}").replace(" ", "").replace("'", "")


def hire(world: World, first: date, last: date, *, leads: bool) -> Trainer:
    """A new trainer who starts a little before ``first`` and stays at least until ``last``."""
    rng = world.rng
    given, prefix, family = world.person()
    start = first - timedelta(days=rng.randint(14, 90))
    stays = start + timedelta(days=rng.randint(2 * 365, 14 * 365))
    leaves = max(stays, last + timedelta(days=7))
    end = None if leaves >= TODAY else leaves
    trainer = Trainer(world.new_id("facilitator"), login(given, prefix, family), leads, start, end)
    world.trainers.append(trainer)
    world.add(
        "facilitator",
        {
            "id": trainer.id,
            "version": 2 if end is not None else 1,
            "given_name": given,
            "name_prefix": prefix,
            "family_name": family,
            "email": f"{trainer.login}@example.org",
            "phone": world.phone() if rng.random() < 0.8 else "",
            "active": end is None,
            "eft_trained": leads or rng.random() < 0.7,
            "hmt_trained": leads,
            "sort_key": sort_key(given, prefix, family),
        },
    )
    world.log(
        world.office_moment(start), world.office_user(start), "create", "facilitator", trainer.id
    )
    if end is not None:
        world.log(
            world.office_moment(end), world.office_user(end), "update", "facilitator", trainer.id
        )
    return trainer


def new_room(world: World, day: date) -> RoomData:
    """One more group room: in the newest venue while it has rooms to spare, else a new venue."""
    rng = world.rng
    number = world.venues_added
    world.venues_added += 1
    if number < len(MORE_VENUES):
        name, address, postcode, city, rooms = MORE_VENUES[number]
    else:
        place, prefix = rng.choice(demo.PLACES)
        name = f"Wijklocatie {number + 1}"
        address, postcode, city = f"Dorpsstraat {number}", demo._postcode(rng, prefix), place
        rooms = ["Zaal 1", "Zaal 2"]
    venue_id = world.new_id("venue")
    world.add(
        "venue",
        {
            "id": venue_id,
            "version": 1,
            "name": name,
            "address": address,
            "postcode": postcode,
            "city": city,
            "active": True,
        },
    )
    created = []
    for room_name in rooms:
        room = RoomData(world.new_id("room"), venue_id, city)
        world.add(
            "room",
            {
                "id": room.id,
                "version": 1,
                "venue_id": venue_id,
                "name": room_name,
                "capacity": None,
            },
        )
        created.append(room)
    user = world.office_user(day)
    world.log(world.office_moment(day - timedelta(days=30)), user, "create", "venue", venue_id)
    world.rooms.extend(created)
    return created[0]


# --- courses and their meetings -----------------------------------------------------------


def week_weight(monday: date) -> float:
    """How many courses start in a week, relative: none in the summer and Christmas holidays,
    most in autumn and winter, and an organisation that grows over the years."""
    month, day = monday.month, monday.day
    if (month == 7 and day >= 6) or (month == 8 and day < 17) or (month == 12 and day >= 18):
        return 0.0
    if month == 1 and day < 6:
        return 0.0
    season = {
        1: 1.2,
        2: 1.2,
        3: 1.1,
        4: 0.8,
        5: 0.8,
        6: 0.5,
        7: 0.3,
        8: 0.8,
        9: 1.5,
        10: 1.5,
        11: 1.0,
        12: 0.3,
    }[month]
    growth = 0.7 + 0.6 * (monday.year - 2017) / 9
    return season * growth


def plan_courses(world: World, weekly: ProgramData, intensive: ProgramData, scale_id: int) -> None:
    rng = world.rng
    count = max(round(COURSES * world.scale), 10)
    mondays = []
    monday = FIRST_MONDAY
    while monday <= LAST_START:
        mondays.append(monday)
        monday += timedelta(days=7)
    weights = [week_weight(m) for m in mondays]
    per_week = count / sum(weights)
    intensive_pattern = propose_days(
        [(s.minutes, s.day) for s in intensive.steps],
        day_dates=[date(2026, 1, 3), date(2026, 1, 4)],
        start_time=WEEKEND_START,
    )
    due = 0.0
    made = 0
    for monday, weight in zip(mondays, weights, strict=True):
        due += weight * per_week
        while due >= 1 and made < count:
            intensive_course = rng.random() < INTENSIVE_SHARE
            program = intensive if intensive_course else weekly
            evening = [(d, "evening") for d in rng.sample(range(4), 4)]
            morning = [(d, "morning") for d in rng.sample([1, 3], 2)]
            if intensive_course:
                slots = [(5, "weekend")]
            elif rng.random() < 0.8:
                slots = evening + morning
            else:
                slots = morning + evening
            for slot in slots:  # the preferred time first, another one when no room is free
                meetings = meeting_times(world, program, monday, slot, intensive_pattern)
                first, last = meetings[0][1], meetings[-1][1]
                free_rooms = [r for r in world.rooms if r.free.get(slot, date.min) <= first]
                if free_rooms:
                    room = rng.choice(free_rooms)
                    break
            else:
                slot = slots[0]
                meetings = meeting_times(world, program, monday, slot, intensive_pattern)
                first, last = meetings[0][1], meetings[-1][1]
                room = new_room(world, first)
            if first > LAST_START:
                due -= 1
                continue
            leads = [t for t in world.trainers if t.leads and t.can_give(slot, first, last)]
            lead = rng.choice(leads) if leads else hire(world, first, last, leads=True)
            cos = [t for t in world.trainers if t is not lead and t.can_give(slot, first, last)]
            co = rng.choice(cos) if cos else hire(world, first, last, leads=rng.random() < 0.5)
            room.free[slot] = last + timedelta(days=7 * rng.randint(1, 3))
            lead.book(slot, last)
            co.book(slot, last)
            add_course(world, program, room, lead, co, meetings, scale_id)
            due -= 1
            made += 1
    world.courses.sort(key=lambda c: (c.first, c.meetings[0].start, c.id))


def meeting_times(
    world: World,
    program: ProgramData,
    monday: date,
    slot: tuple[int, str],
    intensive_pattern: Sequence[ProposedMeeting],
) -> list[tuple[int, date, clock, clock]]:
    """The meetings of a course starting in the week of ``monday`` in ``slot``, as
    group_sessions.plan_weekly (public holidays skipped) or plan_days would plan them."""
    weekday, part = slot
    first = monday + timedelta(days=weekday)
    if part == "weekend":
        days = [first, first + timedelta(days=1)]
        example = intensive_pattern[0].date
        return [
            (m.position, days[(m.date - example).days], m.start_time, m.end_time)
            for m in intensive_pattern
        ]
    start = world.rng.choice(EVENING_STARTS if part == "evening" else MORNING_STARTS)
    dates = weekly_dates(first, len(program.steps), skip=world.holidays)
    return [
        (s.position, d, start, add_minutes(start, s.minutes))
        for s, d in zip(program.steps, dates, strict=True)
    ]


def course_code(world: World, first: date) -> str:
    """As scheduling.suggest_course_code: year, month of the first meeting, a free letter."""
    stem = f"HMV-{first:%y}-{first.month:02d}"
    for letter in "ABCDEFGHJKLMNPQRSTUVWXYZ":
        if f"{stem}{letter}" not in world.codes:
            world.codes.add(f"{stem}{letter}")
            return f"{stem}{letter}"
    number = 1
    while f"{stem}-{number}" in world.codes:
        number += 1
    world.codes.add(f"{stem}-{number}")
    return f"{stem}-{number}"


def add_course(
    world: World,
    program: ProgramData,
    room: RoomData,
    lead: Trainer,
    co: Trainer,
    meetings: Sequence[tuple[int, date, clock, clock]],
    scale_id: int,
) -> None:
    rng = world.rng
    first = meetings[0][1]
    course_id = world.new_id("course")
    code = course_code(world, first)
    english = rng.random() < ENGLISH_SHARE
    weekday = first.weekday()
    if program.code == "HMT-INTENSIVE":
        title = "Hold Me Tight – weekend (English)" if english else "Houd me vast – weekend"
        capacity = rng.choice([10, 10, 12])
    else:
        part_nl = "avond" if meetings[0][2].hour >= 18 else "ochtend"
        part_en = "evening" if part_nl == "avond" else "morning"
        title = (
            f"Hold Me Tight – {WEEKDAYS_EN[weekday]} {part_en} (English)"
            if english
            else f"Houd me vast – {WEEKDAYS_NL[weekday]}{part_nl}"
        )
        capacity = rng.choices([6, 8, 10, 12], weights=[10, 45, 35, 10])[0]
    if room.city != "Utrecht":
        title += f", {room.city}"
    created_day = first - timedelta(days=rng.randint(75, 130))
    created = world.office_moment(created_day)
    opened = world.office_moment(created_day + timedelta(days=rng.randint(0, 10)))
    if first > TODAY + timedelta(days=10) and rng.random() < 0.3:
        opened = world.office_moment(TODAY + timedelta(days=rng.randint(1, 20)))  # planned
    strict = program.code == "HMT-INTENSIVE" and rng.random() < 0.5
    steps = [world.new_id("course_step") for _s in program.steps]
    course = CourseData(
        id=course_id,
        code=code,
        program=program,
        capacity=capacity,
        language=Language.EN if english else Language.NL,
        room=room,
        lead=lead,
        co=co,
        min_steps=len(program.steps) - 1 if strict else program.min_steps,
        created=created,
        opened=opened,
        meetings=[
            Meeting(world.new_id("group_session"), position, steps[position - 1], day, start, end)
            for position, day, start, end in meetings
        ],
        cancelled=first < TODAY - timedelta(days=14) and rng.random() < CANCELLED_SHARE,
        row={},
    )
    world.courses.append(course)
    world.add("course", course.row)
    course.row.update(
        {
            "id": course_id,
            "code": code,
            "title": title,
            "title_key": title_key(title),
            "program_id": program.id,
            "language": course.language,
            "venue_id": room.venue_id,
            "capacity": capacity,
            "status": CourseStatus.PLANNED,  # set when the course's story is known
            "funding_municipality": room.city,
            "fee_scale_id": scale_id,
            "completion_min_steps": course.min_steps,
            "completion_both_partners": program.both_partners,
            "cancel_reason": "",
            "created_at": created,
            "version": 3 + strict,  # created, meetings planned, fee scale chosen, rule changed
        }
    )
    for step, step_id in zip(program.steps, steps, strict=True):
        world.add(
            "course_step",
            {
                "id": step_id,
                "version": 1,
                "course_id": course_id,
                "program_step_id": step.id,
                "position": step.position,
                "code": step.code,
                "title_nl": step.title_nl,
                "title_en": step.title_en,
                "duration_minutes": step.minutes,
            },
        )
    for fac, role in ((lead, FacilitatorRole.LEAD), (co, FacilitatorRole.CO)):
        world.add(
            "course_facilitator",
            {
                "id": world.new_id("course_facilitator"),
                "version": 1,
                "course_id": course_id,
                "facilitator_id": fac.id,
                "role": role,
            },
        )
    user = world.office_user(created_day)
    world.log(created, user, "create", "course", course_id)
    world.log(created, user, "plan", "course", course_id)
    world.log(created + timedelta(seconds=40), user, "fee_scale", "course", course_id)
    if strict:
        world.log(created + timedelta(seconds=90), user, "completion_rule", "course", course_id)


# --- couples, intakes, enrollments ----------------------------------------------------------


# couples.search_text reads only the postcode and municipality of the couple it is given.
COUPLE_FOR_SEARCH_TEXT = Couple(postcode="", municipality="")
cached_sort_key = functools.cache(sort_key)  # names repeat: fold each one once


def new_couple(world: World, registered: datetime) -> CoupleData:
    rng = world.rng
    couple = CoupleData(world.new_id("couple"), registered)
    world.couples.append(couple)
    world.new_couples += 1
    place, prefix = rng.choices(demo.PLACES, weights=PLACE_WEIGHTS)[0]
    people: list[PartnerInput] = []
    for k in (0, 1):
        given, name_prefix, family = world.person()
        if k == 1 and rng.random() < 0.25:  # some couples share a family name
            name_prefix, family = people[0].name_prefix, people[0].family_name
        english = given in ("Priya", "Raj") or rng.random() < 0.08
        people.append(
            PartnerInput(
                given_name=given,
                name_prefix=name_prefix,
                family_name=family,
                email=world.email(given, name_prefix, family)
                if rng.random() < (0.9 if k == 0 else 0.5)
                else "",
                phone=world.phone() if rng.random() < 0.7 else "",
                preferred_language=Language.EN if english else Language.NL,
            )
        )
    postcode = demo._postcode(rng, prefix)
    row = COUPLE_FOR_SEARCH_TEXT
    row.postcode, row.municipality = postcode, place
    first_key = cached_sort_key(people[0].given_name, people[0].name_prefix, people[0].family_name)
    world.add(
        "couple",
        {
            "id": couple.id,
            "version": 1,  # raised later by fee assessments that change the income band
            # An address for letters, from the couple's number (no draw: the rest stays as it was).
            "street": demo.STREETS[couple.id % len(demo.STREETS)],
            "house_number": str(couple.id % 180 + 1),
            "postcode": postcode,
            "town": place,
            "municipality": place,
            "referral_source": rng.choices(list(ReferralSource), weights=[45, 15, 15, 20, 5])[0],
            "consent_date": local(registered) if rng.random() < 0.85 else None,
            "household_type": rng.choices(list(HouseholdType), weights=[88, 7, 5])[0],
            "income_band_id": None,
            "notes": "",
            "search_text": couples.search_text(row, people),
            "sort_key": first_key,
            "anonymised_at": None,
            "created_at": registered,
        },
    )
    for position, p in enumerate(people, start=1):
        couple.partner_ids.append(world.new_id("partner"))
        world.add("partner", {"id": couple.partner_ids[-1], **partner_row(couple.id, position, p)})
    world.log(registered, world.office_user(local(registered)), "create", "couple", couple.id)
    return couple


def intake(
    world: World,
    couple: CoupleData,
    day: date,
    trainer: Trainer,
    outcome: IntakeOutcome,
    light: TrafficLight,
    destination: str = "",
    flag: str | None = None,
) -> None:
    intake_id = world.new_id("intake")
    world.add(
        "intake",
        {
            "id": intake_id,
            "version": 1,
            "couple_id": couple.id,
            "date": day,
            "facilitator_id": trainer.id,
            "traffic_light": light,
            "outcome": outcome,
            "referral_destination": destination,
            "flag_affair": flag == "flag_affair",
            "flag_violence": flag == "flag_violence",
            "flag_addiction": flag == "flag_addiction",
            "flag_mental_disorder": flag == "flag_mental_disorder",
            "notes": "",
        },
    )
    world.log(
        at(day, world.rng.randint(9 * 60, 21 * 60)), trainer.login, "create", "intake", intake_id
    )
    if outcome is IntakeOutcome.SUITABLE and light is not TrafficLight.RED and flag is None:
        couple.suitable_intake = day


def trainer_on(world: World, day: date) -> Trainer:
    for _try in range(50):
        trainer = world.rng.choice(world.trainers)
        if trainer.start <= day and (trainer.end is None or day <= trainer.end):
            return trainer
    return world.trainers[0]


def intake_only_couple(world: World, around: date) -> None:
    """A couple that registered and perhaps had an intake, but never took part in a group."""
    rng = world.rng
    day = min(around - timedelta(days=rng.randint(20, 120)), TODAY - timedelta(days=1))
    couple = new_couple(world, at(day, rng.randint(9 * 60, 17 * 60)))
    if rng.random() < 0.1:
        return  # registered, no intake (yet)
    on = min(day + timedelta(days=rng.randint(3, 30)), TODAY - timedelta(days=1))
    trainer = trainer_on(world, on)
    roll = rng.random()
    if roll < 0.4:
        flag = (
            rng.choice(["flag_affair", "flag_violence", "flag_addiction", "flag_mental_disorder"])
            if rng.random() < 0.3
            else None
        )
        light = TrafficLight.RED if flag or rng.random() < 0.5 else TrafficLight.ORANGE
        intake(
            world,
            couple,
            on,
            trainer,
            IntakeOutcome.REFER,
            light,
            rng.choice(REFERRAL_DESTINATIONS),
            flag,
        )
    elif roll < 0.65:
        light = rng.choice([TrafficLight.ORANGE, TrafficLight.RED])
        intake(world, couple, on, trainer, IntakeOutcome.NOT_SUITABLE, light)
    else:
        light = rng.choice([TrafficLight.GREEN, TrafficLight.ORANGE])
        intake(world, couple, on, trainer, IntakeOutcome.SUITABLE, light)


@dataclass(order=True)
class Returning:
    """A couple that may apply again from a day on (after completing, leaving or waiting)."""

    from_day: date
    number: int
    couple: CoupleData = field(compare=False)


class Sweep:
    """Fills the courses with couples in the order they start, keeping the rules of the
    services: one place at a time per couple, a suitable intake before a place, a fair waiting
    list with offers of freed places, and the completion rule when a course is closed."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng
        self.waiting: list[EnrollmentData] = []  # on the list of a course that has started
        self.returning: list[Returning] = []
        self.available: list[Returning] = []
        self.busy: dict[int, date] = {}  # couple id -> last day of its current place
        self.number = 0
        couples_total = max(round(COUPLES * world.scale), 50)
        self.intake_only = round(couples_total * INTAKE_ONLY_SHARE)
        demo_couples = world.next_ids.get("couple", 0)
        self.target_new = couples_total - self.intake_only - demo_couples
        self.intake_made = 0
        self.applicants = 0

    def run(self) -> None:
        courses = self.world.courses
        due = 0.0
        for done, course in enumerate(courses):
            due += self.intake_only / len(courses)
            while due >= 1:
                intake_only_couple(self.world, course.first)
                self.intake_made += 1
                due -= 1
            self.fill(course, done)
        for enrollment in self.waiting:  # still on a list: it leaves when its course ends
            if enrollment.course.completed_at is not None:
                self.leave_list(enrollment, enrollment.course.completed_at, ended())

    def come_back(self, couple: CoupleData, day: date) -> None:
        self.number += 1
        heapq.heappush(self.returning, Returning(day, self.number, couple))

    # who applies

    def mover(self, course: CourseData, moment: datetime) -> EnrollmentData | None:
        """A couple waiting for a place in an earlier course that takes one here instead."""
        day = local(moment)
        for index, enrollment in enumerate(self.waiting):
            if (
                enrollment.course is not course
                and not enrollment.offers
                and enrollment.applied_at < moment - timedelta(days=7)
                and self.busy.get(enrollment.couple.id, date.min) < day
            ):
                del self.waiting[index]
                return enrollment
        return None

    def applicant(
        self, course: CourseData, moment: datetime, done: int, *, ready: bool = True
    ) -> CoupleData:
        """A couple applying at ``moment``: one coming back, or a new one (with an intake that
        found it suitable, unless not ``ready``)."""
        rng = self.rng
        world = self.world
        day = local(moment)
        while self.returning and self.returning[0].from_day <= day:
            self.available.append(heapq.heappop(self.returning))
        self.applicants += 1
        per_course = self.applicants / done if done > 20 else 8.0
        remaining = (len(world.courses) - done) * per_course
        made = world.new_couples - self.intake_made
        share_new = (self.target_new - made) / max(remaining, 1.0)
        if ready and self.available and rng.random() > share_new:
            index = rng.randrange(len(self.available))
            entry = self.available[index]
            couple = entry.couple
            if entry.from_day <= day:  # courses overlap in time: some couples are free later
                self.available[index] = self.available[-1]
                self.available.pop()
                if self.busy.get(couple.id, date.min) < day and couple.applications < 3:
                    last = couple.suitable_intake
                    if last is None or ((day - last).days > 365 and rng.random() < 0.5):
                        on = day - timedelta(days=rng.randint(1, 20))
                        trainer = trainer_on(world, on)
                        light = TrafficLight.GREEN
                        intake(world, couple, on, trainer, IntakeOutcome.SUITABLE, light)
                    return couple
        registered = moment - timedelta(days=rng.randint(10, 60), minutes=rng.randint(0, 600))
        couple = new_couple(world, min(registered, NOW - timedelta(days=1)))
        if ready:
            on = min(local(couple.registered) + timedelta(days=rng.randint(2, 8)), day)
            light = TrafficLight.GREEN if rng.random() < 0.6 else TrafficLight.ORANGE
            trainer = course.lead if course.lead.start <= on else trainer_on(world, on)
            intake(world, couple, on, trainer, IntakeOutcome.SUITABLE, light)
        return couple

    def enroll(
        self, course: CourseData, couple: CoupleData, moment: datetime, *, placed: bool
    ) -> EnrollmentData:
        world = self.world
        enrollment = EnrollmentData(
            world.new_id("enrollment"),
            couple,
            course,
            moment,
            EnrollmentStatus.ENROLLED if placed else EnrollmentStatus.WAITLISTED,
            placed_at=moment if placed else None,
        )
        world.enrollments.append(enrollment)
        couple.applications += 1
        world.log(moment, world.office_user(local(moment)), "enroll", "enrollment", enrollment.id)
        if placed:
            self.busy[couple.id] = course.last
        return enrollment

    def leave_list(self, enrollment: EnrollmentData, moment: datetime, reason: str) -> None:
        """waiting_list.leave_list: withdrawn without ever having had a place."""
        enrollment.status = EnrollmentStatus.WITHDRAWN
        enrollment.status_reason = reason[:400]
        enrollment.left_at = moment
        enrollment.version += 1

    def withdraw(
        self,
        enrollment: EnrollmentData,
        moment: datetime,
        reason: str,
        *,
        status: EnrollmentStatus = EnrollmentStatus.WITHDRAWN,
        again_after: int = 60,
    ) -> None:
        """set_enrollment_status(withdrawn or referred) for a couple with a place."""
        enrollment.status = status
        enrollment.status_reason = reason
        enrollment.left_at = moment
        enrollment.version += 2  # the reason, then the status (a fee decision adds one)
        user = self.world.office_user(local(moment))
        self.world.log(moment, user, f"status:{status.value}", "enrollment", enrollment.id)
        self.busy[enrollment.couple.id] = local(moment)
        self.come_back(enrollment.couple, local(moment) + timedelta(days=again_after))

    # one course

    def fill(self, course: CourseData, done: int) -> None:
        rng = self.rng
        first_moment = at(course.first, course.meetings[0].start.hour * 60)
        last_apply = min(first_moment - timedelta(days=2), NOW)
        self.purge(course.opened)
        places: list[EnrollmentData] = []
        line: list[EnrollmentData] = []
        capacity = course.capacity
        short = rng.choices([0, 1, 2, 3], weights=[45, 30, 17, 8])[0]
        full = short == 0
        leaving_early = rng.choices([0, 1, 2], weights=[85, 13, 2])[0]
        popular = [15, 30, 30, 25] if course.first > TODAY else [30, 30, 25, 15]
        extra = rng.choices([0, 1, 2, 3], weights=popular)[0] if full else 0
        direct = capacity if full else min(capacity - short + leaving_early, capacity)
        if course.cancelled:
            direct, extra, leaving_early = rng.randint(2, 6), 0, 0
        moments: list[datetime] = []
        if course.opened < last_apply:
            window = (first_moment - timedelta(days=2) - course.opened).total_seconds()
            share = min((last_apply - course.opened).total_seconds() / window, 1.0)
            share = share**0.5  # most couples apply early
            count = round((direct + extra) * share)
            moments = sorted(
                self.world.moment_between(course.opened, last_apply) for _i in range(count)
            )
        for number, moment in enumerate(moments):
            if number < direct:
                source = self.mover(course, moment) if rng.random() < 0.6 else None
                couple = source.couple if source else self.applicant(course, moment, done)
                places.append(self.enroll(course, couple, moment, placed=True))
                if source is not None:  # leave_other_lists
                    ended_at = source.course.completed_at
                    if ended_at is not None and ended_at < moment:
                        self.leave_list(source, ended_at, ended())
                    else:
                        reason = _("Has a place in course {code}.").format(code=course.code)
                        self.leave_list(source, moment, reason)
            else:
                ready = course.first <= TODAY or rng.random() > 0.15  # no intake yet
                couple = self.applicant(course, moment, done, ready=ready)
                line.append(self.enroll(course, couple, moment, placed=False))
        if course.cancelled:
            self.cancel(course, places)
        elif leaving_early and places and moments:
            # places given back before the start go, as offers, to the first couples in line
            start = moments[-1]
            end = min(first_moment - timedelta(days=3), NOW)
            for _k in range(min(leaving_early, len(places))):
                if end <= start:
                    break
                leaver = places.pop(rng.randrange(len(places)))
                when = self.world.moment_between(start, end)
                self.withdraw(leaver, when, rng.choice(WITHDRAW_REASONS))
                leaver.attended_until = 0
                if full:
                    self.offer_place(course, line, places, when, first_moment)
                start = when
        self.finish(course, places)
        if course.first <= TODAY:
            self.waiting += [e for e in line if e.status is EnrollmentStatus.WAITLISTED]

    def purge(self, moment: datetime) -> None:
        """Couples still waiting for a course that has ended leave its list (close_list)."""
        keep = []
        for enrollment in self.waiting:
            ended_at = enrollment.course.completed_at
            if ended_at is not None and ended_at < moment:
                self.leave_list(enrollment, ended_at, ended())
                self.come_back(enrollment.couple, local(ended_at))
            else:
                keep.append(enrollment)
        self.waiting = keep

    def offer_place(
        self,
        course: CourseData,
        line: list[EnrollmentData],
        places: list[EnrollmentData],
        moment: datetime,
        first_moment: datetime,
    ) -> None:
        """settle(): the freed place is offered to the first couple in line that may take it,
        until one accepts, the line is empty, or the course starts (close_list)."""
        rng = self.rng
        world = self.world
        for enrollment in line:
            if enrollment.status is not EnrollmentStatus.WAITLISTED:
                continue
            if enrollment.couple.suitable_intake is None:
                continue  # not ready: no intake yet
            offer = Offer(world.new_id("place_offer"), moment, answer_by(local(moment), 7))
            enrollment.offers.append(offer)
            world.log(moment, world.office_user(local(moment)), "offer", "place_offer", offer.id)
            roll = rng.random()
            if roll < 0.75:
                outcome = OfferOutcome.ACCEPTED
                answered = moment + timedelta(minutes=rng.randint(60, 6 * 24 * 60))
            elif roll < 0.9:
                outcome = OfferOutcome.DECLINED
                answered = moment + timedelta(minutes=rng.randint(60, 6 * 24 * 60))
            else:
                outcome = OfferOutcome.EXPIRED
                answered = world.office_moment(offer.answer_by + timedelta(days=1))
            if answered >= NOW:
                return  # not answered yet: the offer is open
            if answered >= first_moment:  # the course started first: close_list takes it back
                offer.outcome, offer.answered_at = OfferOutcome.WITHDRAWN, first_moment
                world.log(
                    first_moment,
                    world.office_user(course.first),
                    "offer:withdrawn",
                    "place_offer",
                    offer.id,
                )
                return
            offer.outcome, offer.answered_at = outcome, answered
            user = world.office_user(local(answered))
            world.log(answered, user, f"offer:{outcome.value}", "place_offer", offer.id)
            if outcome is OfferOutcome.ACCEPTED:
                enrollment.status = EnrollmentStatus.ENROLLED
                enrollment.placed_at = answered
                enrollment.version += 1
                self.busy[enrollment.couple.id] = course.last
                places.append(enrollment)
                return
            if outcome is OfferOutcome.DECLINED:
                reason = _("Declined the offered place.")
            else:
                reason = _("Did not answer the offered place by {date}.").format(
                    date=format_date(offer.answer_by)
                )
            self.leave_list(enrollment, answered, reason)
            self.come_back(enrollment.couple, local(answered) + timedelta(days=14))
            moment = answered

    def cancel(self, course: CourseData, places: list[EnrollmentData]) -> None:
        rng = self.rng
        world = self.world
        moment = world.office_moment(course.first - timedelta(days=rng.randint(3, 14)))
        moment = max([moment, *(p.applied_at + timedelta(hours=1) for p in places)])
        course.status = CourseStatus.CANCELLED
        course.row["cancel_reason"] = rng.choice(CANCEL_REASONS)
        world.log(moment, world.office_user(local(moment)), "status:cancelled", "course", course.id)
        for enrollment in places:
            later = moment + timedelta(minutes=rng.randint(5, 120))
            self.withdraw(enrollment, later, CANCELLED_COUPLE_REASON, again_after=0)
            enrollment.attended_until = 0

    def finish(self, course: CourseData, places: list[EnrollmentData]) -> None:
        """The course's meetings held, attendance, drop-outs and completion, up to today."""
        rng = self.rng
        world = self.world
        if course.opened < NOW:
            world.log(
                course.opened,
                world.office_user(local(course.opened)),
                "status:open",
                "course",
                course.id,
            )
            if course.status is not CourseStatus.CANCELLED:
                course.status = CourseStatus.OPEN
        started = at(course.first, course.meetings[0].start.hour * 60 - 60)
        if course.status is CourseStatus.OPEN and started < NOW:
            course.status = CourseStatus.RUNNING
            course.started_at = started
            world.log(
                started, world.office_user(course.first), "status:running", "course", course.id
            )
        held = [m for m in course.meetings if course.started_at is not None and m.day < TODAY]
        self.drop_outs(places, held)
        for meeting in held:
            self.record(course, meeting)
        attended = {e.id: self.marks(course, e, held) for e in places}
        completed_at = world.office_moment(course.last + timedelta(days=rng.randint(1, 21)))
        if course.started_at is not None and completed_at < NOW:
            self.complete(course, places, attended, completed_at)
        for meeting in course.meetings:
            is_held = meeting in held
            world.add(
                "group_session",
                {
                    "id": meeting.id,
                    "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "course_id": course.id,
                    "course_step_id": meeting.step_id,
                    "date": meeting.day,
                    "start_time": meeting.start,
                    "end_time": meeting.end,
                    "venue_id": course.room.venue_id,
                    "room_id": course.room.id,
                    "status": GroupSessionStatus.HELD if is_held else GroupSessionStatus.SCHEDULED,
                    "is_makeup": False,
                    "cancel_reason": "",
                    "note": "",
                    "covered_position": None,
                    "fidelity_note": rng.choice(FIDELITY_NOTES)
                    if is_held and rng.random() < 0.03
                    else "",
                    "version": 3 if is_held else 1,  # record_meeting moves it twice
                },
            )
        course.row["status"] = course.status
        course.row["version"] += {
            CourseStatus.PLANNED: 0,
            CourseStatus.OPEN: 1,
            CourseStatus.RUNNING: 2,
            CourseStatus.COMPLETED: 3,
            CourseStatus.CANCELLED: 2,
        }[course.status]

    def drop_outs(self, places: list[EnrollmentData], held: list[Meeting]) -> None:
        rng = self.rng
        for enrollment in places:
            roll = rng.random()
            if roll >= 0.085 or len(held) < 2 or enrollment.status is not EnrollmentStatus.ENROLLED:
                continue
            after = rng.randint(1, min(6, len(held) - 1))
            moment = self.world.office_moment(
                held[after - 1].day + timedelta(days=rng.randint(1, 6))
            )
            if moment >= NOW:
                continue
            if roll < 0.01:
                reason, status = rng.choice(REFER_REASONS), EnrollmentStatus.REFERRED
            else:
                reason, status = rng.choice(WITHDRAW_REASONS), EnrollmentStatus.WITHDRAWN
            self.withdraw(enrollment, moment, reason, status=status)
            enrollment.attended_until = after

    def record(self, course: CourseData, meeting: Meeting) -> None:
        """record_meeting: held, the trainers present, and (in marks) who came."""
        rng = self.rng
        world = self.world
        minutes = meeting.end.hour * 60 + meeting.end.minute + rng.randint(5, 40)
        roll = rng.random()
        present = (
            [course.co]
            if roll < 0.05
            else [course.lead]
            if roll < 0.1
            else [course.lead, course.co]
        )
        for trainer in sorted(present, key=lambda t: t.id):
            world.add(
                "group_session_facilitator",
                {"group_session_id": meeting.id, "facilitator_id": trainer.id},
            )
        world.log(at(meeting.day, minutes), present[0].login, "record", "group_session", meeting.id)

    def marks(self, course: CourseData, enrollment: EnrollmentData, held: list[Meeting]) -> int:
        """Attendance rows of one couple; returns the steps attended under the course's rule."""
        rng = self.rng
        world = self.world
        reliable = rng.choices([0.97, 0.9, 0.75], weights=[70, 22, 8])[0]
        count = 0
        for meeting in held:
            if meeting.position > enrollment.attended_until:
                break
            first = mark(rng, reliable)
            second = first if rng.random() < 0.85 else mark(rng, reliable)
            world.add(
                "attendance",
                {
                    "id": world.new_id("attendance"),
                    "version": 1,
                    "enrollment_id": enrollment.id,
                    "group_session_id": meeting.id,
                    "partner1": first,
                    "partner2": second,
                },
            )
            if course.program.both_partners:
                count += first in ATTENDED and second in ATTENDED
            else:
                count += first in ATTENDED or second in ATTENDED
        return count

    def complete(
        self,
        course: CourseData,
        places: list[EnrollmentData],
        attended: dict[int, int],
        moment: datetime,
    ) -> None:
        """change_course_status(completed): finalise_enrollments, then closing conversations."""
        rng = self.rng
        world = self.world
        course.status = CourseStatus.COMPLETED
        course.completed_at = moment
        world.log(moment, world.office_user(local(moment)), "status:completed", "course", course.id)
        for enrollment in places:
            if enrollment.status is not EnrollmentStatus.ENROLLED:
                continue
            if attended[enrollment.id] < course.min_steps:
                self.come_back(enrollment.couple, course.last + timedelta(days=90))
                continue
            enrollment.status = EnrollmentStatus.COMPLETED
            enrollment.version += 1
            closing = course.last + timedelta(days=rng.randint(7, 42))
            if rng.random() < 0.6 and closing < TODAY:
                enrollment.closing_date = closing
                enrollment.closing_advice = rng.choice(CLOSING_ADVICE)
                enrollment.version += 1
                world.log(
                    world.office_moment(closing),
                    course.lead.login,
                    "closing",
                    "enrollment",
                    enrollment.id,
                )
            self.come_back(enrollment.couple, course.last + timedelta(days=365 * rng.randint(1, 6)))


# --- outcome measurement ----------------------------------------------------------------------

MEASURED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN)


class Outcomes:
    """Both partners' CSI-4 and K10 before the course, after it (those who completed) and at
    the follow-up 107 days later, with the gaps of real questionnaires (not everyone sends one
    back); whole-point totals, improving on average."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng

    def run(self) -> None:
        for enrollment in self.world.enrollments:
            if enrollment.placed_at is None or enrollment.status not in MEASURED:
                continue
            course = enrollment.course
            if course.first > TODAY:
                continue
            waves = [("pre", course.first, 0.92, 0.0)]
            if enrollment.status is EnrollmentStatus.COMPLETED:
                waves.append(("post", course.last, 0.85, 1.0))
                follow_up = course.last + timedelta(days=107)
                if follow_up <= TODAY:
                    waves.append(("follow_up", follow_up, 0.6, 0.85))
            for partner_id in enrollment.couple.partner_ids:
                satisfaction = self.rng.gauss(0.5, 0.15)
                distress = self.rng.gauss(0.38, 0.15)
                gain = self.rng.gauss(0.13, 0.12)
                for wave, day, returned, effect in waves:
                    if self.rng.random() > returned or day > TODAY:
                        continue
                    for code, level in (
                        ("CSI-4", satisfaction + gain * effect),
                        ("K10", distress - gain * effect),
                    ):
                        self.score(enrollment, partner_id, wave, day, code, level)

    def score(
        self,
        enrollment: EnrollmentData,
        partner_id: int,
        wave: str,
        day: date,
        code: str,
        level: float,
    ) -> None:
        instrument_id, low, high = self.world.instruments[code]
        value = round(low + (high - low) * min(1.0, max(0.0, level + self.rng.gauss(0, 0.05))))
        self.world.add(
            "outcome_score",
            {
                "id": self.world.new_id("outcome_score"),
                "version": 1,
                "enrollment_id": enrollment.id,
                "partner_id": partner_id,
                "wave": wave,
                "instrument_id": instrument_id,
                "score": Decimal(value),
                "answers": "",
                "filled_on": day,
                "entered_at": at(min(day + timedelta(days=2), TODAY), 600),
            },
        )


def ended() -> str:
    return _("The course ended before a place came free.")


def mark(rng: random.Random, reliable: float) -> AttendanceStatus:
    if rng.random() < reliable:
        return AttendanceStatus.PRESENT if rng.random() < 0.95 else AttendanceStatus.LATE
    return AttendanceStatus.EXCUSED if rng.random() < 0.6 else AttendanceStatus.ABSENT


# --- fees -------------------------------------------------------------------------------------


class Fees:
    """Assessments by income band, payments after the start, waivers, and what happens to the
    fee when a couple leaves (leaving_fees.decide / owe_nothing)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng

    def run(self) -> None:
        for enrollment in self.world.enrollments:  # in id order: a couple's latest band last
            self.assess(enrollment)

    def assess(self, e: EnrollmentData) -> None:
        rng = self.rng
        world = self.world
        course = e.course
        if rng.random() > (0.6 if course.first > TODAY else 0.97):
            return
        last_day = min(TODAY, local(e.left_at) if e.left_at else TODAY)
        on = min(local(e.applied_at) + timedelta(days=rng.randint(0, 10)), last_day)
        weights = [30, 33, 23, 14][: len(world.bands)]  # most couples in the lower bands
        band_id, band_fee = rng.choices(world.bands, weights=weights)[0]
        amount, reason = band_fee, ""
        if band_fee and rng.random() < 0.04:
            amount = rng.choice([0, band_fee // 2])
            reason = rng.choice(REDUCTION_REASONS)
        user = world.office_user(on)
        checked = rng.random() < 0.8
        assessment_id = world.new_id("fee_assessment")
        world.add(
            "fee_assessment",
            {
                "id": assessment_id,
                "version": 1,
                "enrollment_id": e.id,
                "fee_band_id": band_id,
                "band_fee_cents": band_fee,
                "amount_cents": amount,
                "reduction_reason": reason,
                "assessed_on": on,
                "assessed_by": user,
                "income_checked_by": user if checked else "",
                "income_checked_on": on if checked else None,
            },
        )
        world.log(world.office_moment(on), user, "assess", "fee_assessment", assessment_id)
        if e.couple.band_id != band_id:  # assess_fee sets the couple's income band
            e.couple.band_id = band_id
            e.couple.version += 1
        paid = waived = 0
        if amount and e.placed_at is not None and not course.cancelled and course.first <= TODAY:
            paid, waived = self.pay(e, assessment_id, amount, on)
        if e.left_at is not None:
            self.on_leaving(e, assessment_id, amount, paid, waived)

    def pay(self, e: EnrollmentData, assessment_id: int, amount: int, on: date) -> tuple[int, int]:
        """Payments (in full, in two instalments, in part, none) or a waiver; returns the
        cents paid and waived before the couple left, if it did."""
        rng = self.rng
        start = max(e.course.first, on)
        until = min(TODAY, local(e.left_at) if e.left_at else TODAY)
        patterns = ["full", "two", "part", "none", "waived"]
        pattern = rng.choices(patterns, weights=[55, 28, 7, 5, 5])[0]
        if pattern == "waived":
            day = start + timedelta(days=rng.randint(7, 60))
            if day <= until:
                self.waiver(assessment_id, amount, rng.choice(WAIVER_REASONS), day)
                return 0, amount
            return 0, 0
        amounts = {
            "full": [amount],
            "two": [amount // 2, amount - amount // 2],
            "part": [amount // 2],
            "none": [],
        }[pattern]
        paid = 0
        day = start + timedelta(days=rng.randint(0, 28))
        method = rng.choices(list(PaymentMethod), weights=[10, 30, 45, 12, 3])[0]
        for number, cents in enumerate(amounts, start=1):
            if day > until or cents <= 0:
                break
            reference = f"Termijn {number}" if pattern != "full" else ""
            self.payment(assessment_id, cents, day, method, reference, "payment")
            paid += cents
            day += timedelta(days=rng.randint(21, 45))
        return paid, 0

    def payment(
        self,
        assessment_id: int,
        cents: int,
        day: date,
        method: PaymentMethod,
        reference: str,
        action: str,
    ) -> None:
        world = self.world
        recorded = world.office_moment(min(day + timedelta(days=self.rng.randint(0, 2)), TODAY))
        user = world.office_user(local(recorded))
        payment_id = world.new_id("payment")
        world.add(
            "payment",
            {
                "id": payment_id,
                "version": 1,
                "fee_assessment_id": assessment_id,
                "paid_on": day,
                "amount_cents": cents,
                "method": method,
                "reference": reference,
                "recorded_by": user,
                "recorded_at": recorded,
            },
        )
        world.log(recorded, user, action, "fee_assessment", assessment_id)

    def waiver(self, assessment_id: int, cents: int, reason: str, day: date) -> None:
        world = self.world
        user = world.office_user(day)
        world.add(
            "waiver",
            {
                "id": world.new_id("waiver"),
                "version": 1,
                "fee_assessment_id": assessment_id,
                "amount_cents": cents,
                "reason": reason,
                "granted_on": day,
                "granted_by": user,
            },
        )
        world.log(world.office_moment(day), user, "waiver", "fee_assessment", assessment_id)

    def on_leaving(
        self, e: EnrollmentData, assessment_id: int, amount: int, paid: int, waived: int
    ) -> None:
        rng = self.rng
        world = self.world
        assert e.left_at is not None
        outstanding = max(amount - waived - paid, 0)
        if outstanding <= 0 and paid <= 0:
            return  # nothing to decide
        if (
            e.placed_at is None or e.status_reason == CANCELLED_COUPLE_REASON
        ):  # owe_nothing: it never had a place
            decision = LeavingFee.REFUND if paid else LeavingFee.WAIVED
        elif paid and rng.random() < 0.35:
            decision = LeavingFee.REFUND
        else:
            decision = rng.choices([LeavingFee.WAIVED, LeavingFee.DUE], weights=[70, 30])[0]
        day = local(e.left_at)
        refund = 0
        let_go = 0
        if decision is LeavingFee.WAIVED:
            let_go = outstanding
            reason = _("Left the course: the rest of the fee is waived.")
        elif decision is LeavingFee.REFUND:
            refund = paid if e.placed_at is None or rng.random() < 0.6 else paid // 2
            let_go = outstanding + refund - max(paid + waived - amount, 0)
            reason = _("Left the course: {amount} is paid back.").format(
                amount=format_money(to_euros(refund))
            )
        if let_go > 0:
            world.add(
                "waiver",
                {
                    "id": world.new_id("waiver"),
                    "version": 1,
                    "fee_assessment_id": assessment_id,
                    "amount_cents": let_go,
                    "reason": reason,
                    "granted_on": day,
                    "granted_by": world.office_user(day),
                },
            )
        e.fee_on_leaving = decision
        e.version += 1
        user = world.office_user(day)
        world.log(
            e.left_at + timedelta(seconds=1),
            user,
            f"leaving_fee:{decision.value}",
            "enrollment",
            e.id,
        )
        back_on = day + timedelta(days=rng.randint(3, 20))
        if refund and back_on <= TODAY and rng.random() < 0.85:  # the money went back
            self.payment(
                assessment_id,
                -refund,
                back_on,
                PaymentMethod.BANK_TRANSFER,
                "Terugbetaling",
                "refund",
            )


# --- rows and writing -------------------------------------------------------------------------


def enrollment_rows(world: World) -> None:
    for e in world.enrollments:
        world.add(
            "enrollment",
            {
                "id": e.id,
                "version": e.version,
                "couple_id": e.couple.id,
                "course_id": e.course.id,
                "status": e.status,
                "applied_at": e.applied_at,
                "placed_at": e.placed_at,
                "status_reason": e.status_reason,
                "override_reason": "",
                "closing_date": e.closing_date,
                "closing_advice": e.closing_advice,
                "passed_over_reason": "",
                "fee_on_leaving": e.fee_on_leaving,
            },
        )
        for offer in e.offers:
            world.add(
                "place_offer",
                {
                    "id": offer.id,
                    "version": 1 if offer.answered_at is None else 2,
                    "enrollment_id": e.id,
                    "course_id": e.course.id,
                    "offered_at": offer.offered_at,
                    "answer_by": offer.answer_by,
                    "outcome": offer.outcome,
                    "answered_at": offer.answered_at,
                },
            )
    couple_rows = {row["id"]: row for row in world.rows["couple"]}
    for couple in world.couples:
        couple_rows[couple.id]["income_band_id"] = couple.band_id
        couple_rows[couple.id]["version"] = couple.version
    for table in ("place_offer",):
        world.rows.setdefault(table, []).sort(key=lambda row: row["id"])
    first = world.next_ids.get("audit_entry", 0) + 1
    # Each entry about a couple's file names the couple, as the application's entries do.
    of_couple = {("couple", c.id): c.id for c in world.couples}
    of_couple.update({("enrollment", e.id): e.couple.id for e in world.enrollments})
    for table in ("intake",):
        of_couple.update(
            {(table, row["id"]): row["couple_id"] for row in world.rows.get(table, [])}
        )
    by_enrollment = {e.id: e.couple.id for e in world.enrollments}
    for table in ("fee_assessment", "place_offer"):
        of_couple.update(
            {
                (table, row["id"]): by_enrollment[row["enrollment_id"]]
                for row in world.rows.get(table, [])
            }
        )
    world.rows["audit_entry"] = [
        {
            "id": number,
            "at": moment,
            "os_user": user,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "couple_id": of_couple.get((entity, entity_id)) if entity_id is not None else None,
            "detail": "",
        }
        for number, (moment, user, action, entity, entity_id) in enumerate(
            sorted(world.audit, key=lambda entry: entry[0]), start=first
        )
    ]


ORDER = [
    "facilitator",
    "venue",
    "room",
    "couple",
    "partner",
    "intake",
    "course",
    "course_step",
    "course_facilitator",
    "group_session",
    "group_session_facilitator",
    "enrollment",
    "place_offer",
    "attendance",
    "fee_assessment",
    "payment",
    "waiver",
    "outcome_score",
    "audit_entry",
]


def write(connection: Connection, world: World) -> None:
    for name in ORDER:
        rows = world.rows.get(name, [])
        if not rows:
            continue
        table: Table = metadata.tables[name]
        if name == "course":  # the meeting dates are set below, once the meetings are in
            rows = [{**row, "first_date": None, "last_date": None} for row in rows]
        missing = set(table.c.keys()) ^ set(rows[0])
        if missing:
            raise RuntimeError(f"{name}: columns {sorted(missing)} differ from the table")
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), rows[start : start + BATCH])
        connection.commit()
    if connection.dialect.name == "postgresql":
        # Statistics for the tables just filled: without them the planner reads every meeting
        # once per course in the update below (83 s instead of under a second).
        connection.execute(text("ANALYZE"))
        connection.commit()
    courses = metadata.tables["course"]
    connection.execute(
        update(courses).values(
            first_date=span_of(courses.c.id, last=False), last_date=span_of(courses.c.id, last=True)
        )
    )
    connection.commit()
    if connection.dialect.name == "postgresql":  # explicit ids: move the sequences past them
        for name in ORDER:
            if "id" in metadata.tables[name].c:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                    )
                )
        connection.commit()


def refuse_existing(url: str) -> None:
    """Only a new file or an empty database will do: nothing is written over data."""
    path = sqlite_path(url)
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            raise SystemExit(f"{path} exists and is not empty; choose a new file name")
        return
    shown = make_url(url).render_as_string(hide_password=True)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
    except SQLAlchemyError as error:
        raise SystemExit(f"cannot open {shown}: {error.__class__.__name__}") from error
    finally:
        engine.dispose()
    if names:
        raise SystemExit(
            f"the database {shown} is not empty ({len(names)} tables); use an empty one"
        )


def max_ids(connection: Connection) -> dict[str, int]:
    found = {}
    for name in ORDER:
        table = metadata.tables[name]
        if "id" in table.c:
            found[name] = int(connection.execute(select(func.max(table.c.id))).scalar() or 0)
    return found


def counts(connection: Connection, names: Iterable[str]) -> dict[str, int]:
    return {
        name: int(
            connection.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one()
        )
        for name in names
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", help="a new SQLite file, or the URL of an empty database")
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full size")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 10:
        parser.error("--scale must be more than 0 and at most 10")
    started = time.perf_counter()
    url = database_url(args.target)
    refuse_existing(url)
    try:
        database = open_database(url, create=True)
    except DatabaseError as error:
        raise SystemExit(str(error)) from error
    try:
        with database.session() as session:
            demo.create_demo_data(session, today=TODAY, seed=args.seed)
            programs.install_shipped_programs(session)
        with database.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            raw: Any = connection.connection.driver_connection
            if sqlite:  # outside a transaction: fast bulk load, restored below
                raw.execute("PRAGMA synchronous = OFF")
                raw.execute("PRAGMA cache_size = -200000")
            world = World(random.Random(args.seed), args.scale, max_ids(connection))
            weekly, intensive, scale_id = load_setting(connection, world)
            connection.rollback()
            plan_courses(world, weekly, intensive, scale_id)
            Sweep(world).run()
            Fees(world).run()
            Outcomes(world).run()
            enrollment_rows(world)
            generated = time.perf_counter() - started
            write(connection, world)
            found = counts(connection, ORDER)
            marks = connection.execute(
                select(
                    func.count(metadata.tables["attendance"].c.partner1)
                    + func.count(metadata.tables["attendance"].c.partner2)
                )
            ).scalar_one()
            connection.rollback()
            if sqlite:
                raw.execute("PRAGMA synchronous = FULL")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()
    seconds = time.perf_counter() - started
    size = ""
    if database.path is not None:
        files = [database.path, Path(f"{database.path}-wal")]
        size = f", {sum(f.stat().st_size for f in files if f.exists()) / 1e6:.0f} MB"
    print(
        f"wrote {database.display_name} (scale {args.scale:g}, seed {args.seed}): "
        f"{found['couple']:,} couples, {found['partner']:,} partners, {found['intake']:,} intakes, "
        f"{found['course']:,} courses, {found['group_session']:,} meetings, "
        f"{found['enrollment']:,} enrollments, {marks:,} attendance marks "
        f"({found['attendance']:,} rows), {found['fee_assessment']:,} fee assessments, "
        f"{found['payment']:,} payments, {found['waiver']:,} waivers, "
        f"{found['place_offer']:,} offers, {found['audit_entry']:,} audit entries"
        f"{size}, {seconds:.1f} s ({generated:.1f} s generating)",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
