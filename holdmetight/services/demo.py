"""Realistic example data (voorbeeldgegevens) for trying the application out.

A Dutch district team with two venues, four facilitators, a completed, a running, an open
(full, with a waiting list) and a planned intensive course, and thirty couples. Dates are
placed around today; the open weekly course always spans a daylight-saving change. The
organisation is marked as demo so the window title says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from holdmetight.domain.couple import Attendance, Consent, Couple, Enrollment
from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import (
    AttendanceStatus,
    ConsentPurpose,
    CourseStatus,
    EnrollmentStatus,
    FeeBasis,
    GroupSessionStatus,
    HouseholdType,
    IntakeOutcome,
    Language,
    LeavingFee,
    OutcomeWave,
    PaymentMethod,
    ReferralSource,
    SchoolRegion,
    TrafficLight,
)
from holdmetight.domain.fees import FeeBand, FeeScale
from holdmetight.domain.names import fold
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import RuleError
from holdmetight.i18n import _
from holdmetight.services import (
    consents,
    couples,
    courses,
    enrollments,
    facilitators,
    fee_assessments,
    fee_scales,
    group_sessions,
    instruments,
    intakes,
    outcome_scores,
    outcome_waves,
    payments,
    privacy,
    published_norms,
)
from holdmetight.services.organisations import save_course_settings, save_organisation
from holdmetight.services.shipped import install_shipped
from holdmetight.services.transaction import read_only, unit_of_work
from holdmetight.services.venues import create_venue

GIVEN_NAMES = [
    "Anouk",
    "Daan",
    "Sanne",
    "Thijs",
    "Zoë",
    "Bram",
    "Fleur",
    "Jeroen",
    "Ilse",
    "Sem",
    "Noor",
    "Lucas",
    "Chloë",
    "Ruben",
    "Mila",
    "Joël",
    "Inès",
    "Mohamed",
    "Fatima",
    "Youssef",
    "Aïsha",
    "Kees",
    "Marieke",
    "Hüseyin",
    "Elif",
    "Gert-Jan",
    "Floor",
    "René",
    "Loïs",
    "Wouter",
    "Eva",
    "Niels",
    "Lotte",
    "Stijn",
    "Renée",
    "Priya",
    "Raj",
    "Merel",
    "Jasper",
    "Annelies",
    "Tim",
    "Femke",
    "Bas",
    "Iris",
    "Koen",
    "Linda",
    "Mark",
    "Esther",
    "Pieter",
    "Hanneke",
    "Sven",
    "Naïma",
    "Dirk",
    "Saskia",
    "Olaf",
    "Wendy",
    "Erik",
    "Maaike",
    "Karim",
    "Leonie",
    "Geert",
    "Babette",
]
FAMILY_NAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van 't", "Hof"),
    ("", "Çelik"),
    ("", "Yılmaz"),
    ("", "El Amrani"),
    ("", "Öztürk"),
    ("", "Ramdin"),
    ("in 't", "Veld"),
    ("", "Schäfer"),
    ("ter", "Horst"),
    ("", "Bouzid"),
]
PLACES = [("Utrecht", "35"), ("Nieuwegein", "343"), ("Houten", "399"), ("Zeist", "370")]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Julianalaan",
    "Oudegracht",
    "Beatrixstraat",
    "Lindenlaan",
    "Schoolstraat",
    "Prinses Irenelaan",
    "Van Goghplein",
]


@dataclass(frozen=True)
class DemoSummary:
    courses: int
    couples: int
    facilitators: int
    venues: int


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def next_dst_change(after: date) -> date:
    """The first Dutch daylight-saving change (last Sunday of March or October) after ``after``."""
    candidates = [_last_sunday(y, m) for y in (after.year, after.year + 1) for m in (3, 10)]
    return min(d for d in candidates if d > after)


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _postcode(rng: random.Random, prefix: str) -> str:
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(4 - len(prefix)))
    return f"{digits} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"


def _email(given: str, family: str) -> str:
    return fold(f"{given}.{family}").replace(" ", "").replace("'", "") + "@example.com"


def _make_couples(session: Session, rng: random.Random, count: int) -> list[int]:
    """Couples with postal addresses; most partners with an e-mail address agreed to e-mail
    contact, a few prefer letters by post, and one partner in ten lives elsewhere."""
    names = rng.sample(FAMILY_NAMES, k=len(FAMILY_NAMES))
    given = rng.sample(GIVEN_NAMES, k=len(GIVEN_NAMES))
    # Addresses and contact choices from their own sequence: the rest of the demo stays as it was.
    post = random.Random(18)
    ids = []
    agreed: list[tuple[int, date]] = []
    for n in range(count):
        place, prefix = rng.choice(PLACES)
        people: list[couples.PartnerInput] = []
        for k in (0, 1):
            name_prefix, family = names[(2 * n + k) % len(names)]
            first = given[(2 * n + k) % len(given)]
            if k == 1 and rng.random() < 0.25:  # some couples share a family name
                name_prefix, family = people[0].name_prefix, people[0].family_name
            language = (
                Language.EN if first in ("Priya", "Raj") or rng.random() < 0.08 else Language.NL
            )
            elsewhere = k == 1 and post.random() < 0.1
            own = (
                couples.PostalAddress(
                    post.choice(STREETS), str(post.randint(1, 180)), "3700 AB", "Zeist"
                )
                if elsewhere
                else couples.PostalAddress()
            )
            people.append(
                couples.PartnerInput(
                    given_name=first,
                    name_prefix=name_prefix,
                    family_name=family,
                    email=_email(first, family) if k == 0 or rng.random() < 0.5 else "",
                    preferred_language=language,
                    address=own,
                    prefers_post=post.random() < 0.05,
                )
            )
        postcode = _postcode(rng, prefix)
        info = couples.create_couple(
            session,
            partners=(people[0], people[1]),
            postcode=postcode,
            municipality=place,
            referral_source=rng.choice(list(ReferralSource)),
            consent_date=date.today() - timedelta(days=rng.randint(10, 200)),
            household_type=HouseholdType.LIVING_TOGETHER,
            address=couples.PostalAddress(
                post.choice(STREETS), str(post.randint(1, 180)), postcode, place
            ),
        )
        ids.append(info.id)
        agreed += [
            (partner.id, info.consent_date or date.today())
            for partner in info.partners
            if partner.email and post.random() < 0.85
        ]
    # Consent to e-mail contact, given at registration (written at once: the demo is made often).
    session.add_all(
        Consent(partner_id=partner_id, purpose=ConsentPurpose.EMAIL, given_on=on)
        for partner_id, on in agreed
    )
    return ids


def _applied(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 600))
    return moment.replace(tzinfo=UTC)


def _enroll_all(
    session: Session,
    course_id: int,
    couple_ids: list[int],
    start: date,
    rng: random.Random,
    facilitator_id: int,
) -> None:
    for offset, couple_id in enumerate(couple_ids):
        applied = start - timedelta(days=60 - offset * 3)
        intakes.record_intake(
            session,
            couple_id=couple_id,
            on=applied + timedelta(days=7),
            traffic_light=TrafficLight.ORANGE,
            outcome=IntakeOutcome.SUITABLE,
            facilitator_id=facilitator_id,
        )
        enrollments.enroll(
            session,
            couple_id=couple_id,
            course_id=course_id,
            applied_at=_applied(applied, rng),
        )


def _record_attendance(session: Session, course_id: int, today: date, rng: random.Random) -> None:
    held = session.exec(
        select(GroupSession).where(GroupSession.course_id == course_id, GroupSession.date < today)
    ).all()
    places = session.exec(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.status == EnrollmentStatus.ENROLLED
        )
    ).all()
    weights = [AttendanceStatus.PRESENT] * 14 + [
        AttendanceStatus.LATE,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.ABSENT,
    ]
    for gs in held:
        gs.status = GroupSessionStatus.HELD
        for enrollment in places:
            both = rng.choice(weights)
            session.add(
                Attendance(
                    enrollment_id=enrollment.id or 0,
                    group_session_id=gs.id or 0,
                    partner1=both,
                    partner2=both if rng.random() < 0.85 else rng.choice(weights),
                )
            )
    session.flush()


def _assess_fees(session: Session, course_id: int, started: date, rng: random.Random) -> None:
    """Fees as a real group has them: most couples in the lowest bands, some paid in part,
    one waiver."""
    scale = fee_scales.course_fee_scale(session, course_id=course_id)
    assert scale is not None
    for number, place in enumerate(enrollments.list_enrollments(session, course_id=course_id)):
        band = scale.bands[rng.choice([0, 0, 1, 1, 2, 3])]
        row = fee_assessments.assess_fee(
            session,
            enrollment_id=place.id,
            fee_band_id=band.id,
            income_checked=rng.random() < 0.8,
        )
        if not row.assessed or row.assessment_id is None:
            continue
        paid_on = started + timedelta(days=rng.randint(0, 20))
        if number % 4 == 3:
            payments.waive(
                session,
                assessment_id=row.assessment_id,
                amount=row.assessed,
                reason="Inkomen sterk gedaald",
            )
        elif number % 3 == 2:
            payments.record_payment(
                session,
                assessment_id=row.assessment_id,
                amount=row.assessed / 2,
                paid_on=paid_on,
                method=PaymentMethod.BANK_TRANSFER,
                reference="Termijn 1",
            )
        else:
            payments.record_payment(
                session,
                assessment_id=row.assessment_id,
                amount=row.assessed,
                paid_on=paid_on,
                method=rng.choice([PaymentMethod.PIN, PaymentMethod.CASH, PaymentMethod.VOUCHER]),
            )


def _fee_scale(session: Session, today: date) -> int:
    scale = FeeScale(
        name=_("Income-dependent fee {year}").format(year=today.year),
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(today.year, 1, 1),
    )
    session.add(scale)
    session.flush()
    bands = [(0, 180000, 0), (180000, 250000, 2500), (250000, 350000, 5000), (350000, None, 7500)]
    for position, (low, high, fee) in enumerate(bands, start=1):
        session.add(
            FeeBand(
                fee_scale_id=scale.id or 0,
                position=position,
                income_from=low,
                income_to=high,
                fee_cents=fee,
            )
        )
    session.flush()
    return scale.id or 0


@read_only
def database_is_empty(session: Session, /) -> bool:
    """True for a new database: no organisation, courses or couples yet."""
    return not any(
        session.exec(select(func.count()).select_from(model)).one()
        for model in (Organisation, Course, Couple)
    )


@unit_of_work
def create_demo_data(
    session: Session, /, *, today: date | None = None, seed: int = 2026
) -> DemoSummary:
    """Fill an empty database with example data; refused when it already holds data."""
    today = today or date.today()
    if not database_is_empty(session):
        raise RuleError(
            _("Demo data can only be added to an empty database; this one already has data.")
        )
    rng = random.Random(seed)
    install_shipped(session)
    save_organisation(
        session,
        name="Sociaal Wijkteam De Brug (voorbeeld)",
        address="Kerkstraat 12",
        postcode="3512 AB",
        city="Utrecht",
        email="houdmevast@example.com",
        phone="030 123 4567",
        default_language=Language.NL,
        is_demo=True,
    )
    # Utrecht lies in the middle region of the school holidays.
    save_course_settings(
        session,
        version=None,
        offer_answer_days=7,
        intake_required=True,
        school_region=SchoolRegion.MIDDLE,
    )
    wijkhuis = create_venue(
        session,
        name="Wijkcentrum De Brug",
        address="Kerkstraat 12",
        postcode="3512 AB",
        city="Utrecht",
        rooms=["Zaal 1", "Spreekkamer 2"],
    )
    nieuwegein = create_venue(
        session,
        name="Buurthuis 't Klaverblad",
        address="Rijnhuizen 4",
        postcode="3433 ZK",
        city="Nieuwegein",
        rooms=["Grote zaal"],
    )
    trainers = [
        facilitators.create_facilitator(
            session,
            given_name=g,
            name_prefix=p,
            family_name=f,
            email=e,
            eft_trained=True,
            hmt_trained=h,
        )
        for g, p, f, e, h in [
            ("Marloes", "van", "Dijk", "m.vandijk@example.com", True),
            ("Ahmed", "", "Benali", "a.benali@example.com", True),
            ("Ingrid", "de", "Jong", "i.dejong@example.com", True),
            ("Frank", "", "Hoekstra", "f.hoekstra@example.com", False),
        ]
    ]
    scale_id = _fee_scale(session, today)
    published_norms.add_published_norms(session)
    couple_ids = _make_couples(session, rng, 30)

    def new_course(
        code: str,
        title: str,
        program: str,
        venue: int,
        lead: int,
        co: int,
        capacity: int,
        language: Language = Language.NL,
    ) -> int:
        info = courses.create_course(
            session,
            code=code,
            title=title,
            program_code=program,
            lead_facilitator_id=trainers[lead].id,
            co_facilitator_id=trainers[co].id,
            venue_id=venue,
            language=language,
            capacity=capacity,
            funding_municipality="Utrecht",
        )
        session.get_one(Course, info.row.id).fee_scale_id = scale_id
        return info.row.id

    def move(course_id: int, *states: CourseStatus) -> None:
        for state in states:
            courses.change_course_status(session, course_id=course_id, status=state)

    # A completed weekly group that ended a few weeks ago (Monday evenings).
    done_start = _weekday_on_or_before(today - timedelta(weeks=14), 0)
    done = new_course(
        f"HMV-{done_start:%y}-{done_start.month:02d}A",
        "Houd me vast – maandagavond",
        "HMT-WEEKLY",
        wijkhuis.id,
        0,
        1,
        8,
    )
    group_sessions.plan_weekly(
        session, course_id=done, first_date=done_start, start_time=time(19, 30)
    )
    _enroll_all(session, done, couple_ids[0:7], done_start, rng, trainers[0].id)

    # A running weekly group (Thursday evenings), a few meetings held.
    run_start = _weekday_on_or_before(today - timedelta(weeks=4), 3)
    running = new_course(
        f"HMV-{run_start:%y}-{run_start.month:02d}B",
        "Houd me vast – donderdagavond",
        "HMT-WEEKLY",
        nieuwegein.id,
        2,
        3,
        8,
    )
    group_sessions.plan_weekly(
        session, course_id=running, first_date=run_start, start_time=time(19, 0)
    )
    _enroll_all(session, running, couple_ids[7:15], run_start, rng, trainers[2].id)

    # An open weekly group, full with a waiting list, spanning the next daylight-saving change.
    change = next_dst_change(today + timedelta(weeks=3))
    open_start = _weekday_on_or_before(change - timedelta(weeks=2), 1)
    opened = new_course(
        f"HMV-{open_start:%y}-{open_start.month:02d}C",
        "Houd me vast – dinsdagavond",
        "HMT-WEEKLY",
        wijkhuis.id,
        1,
        0,
        6,
    )
    group_sessions.plan_weekly(
        session, course_id=opened, first_date=open_start, start_time=time(19, 30)
    )
    move(opened, CourseStatus.OPEN)
    _enroll_all(session, opened, couple_ids[15:24], today, rng, trainers[1].id)
    # One couple with a place pulls out: the place is offered to the first couple waiting.
    leaving = next(
        e
        for e in enrollments.list_enrollments(session, course_id=opened)
        if e.status is EnrollmentStatus.ENROLLED
    )
    enrollments.set_enrollment_status(
        session,
        enrollment_id=leaving.id,
        status=EnrollmentStatus.WITHDRAWN,
        reason="De avonden passen toch niet bij het werk",
    )

    # A planned intensive weekend group in English.
    saturday = _weekday_on_or_before(today + timedelta(weeks=9), 5)
    intensive = new_course(
        f"HMV-{saturday:%y}-{saturday.month:02d}W",
        "Hold Me Tight – weekend (English)",
        "HMT-INTENSIVE",
        wijkhuis.id,
        0,
        3,
        10,
        Language.EN,
    )
    group_sessions.plan_days(
        session,
        course_id=intensive,
        day_dates=[saturday, saturday + timedelta(days=1)],
        start_time=time(9, 30),
        day_of_step=[1, 1, 1, 1, 2, 2, 2, 2],
    )
    _enroll_all(session, intensive, couple_ids[24:27], today, rng, trainers[0].id)
    # Two full days leave little room for a missed step: this group has its own, stricter rule.
    weekend = courses.get_course(session, course_id=intensive)
    courses.set_completion_rule(
        session,
        course_id=intensive,
        version=weekend.version,
        min_steps=weekend.step_count - 1,
        both_partners=True,
    )

    # Intakes that did not lead to a place in a group.
    intakes.record_intake(
        session,
        couple_id=couple_ids[27],
        on=today - timedelta(days=12),
        traffic_light=TrafficLight.RED,
        outcome=IntakeOutcome.REFER,
        referral_destination="Relatietherapie (GGZ)",
        facilitator_id=trainers[1].id,
    )
    intakes.record_intake(
        session,
        couple_id=couple_ids[28],
        on=today - timedelta(days=5),
        traffic_light=TrafficLight.GREEN,
        outcome=IntakeOutcome.NOT_SUITABLE,
        referral_destination="",
        facilitator_id=trainers[2].id,
    )

    # Bring the past groups to where they are today.
    move(done, CourseStatus.OPEN, CourseStatus.RUNNING)
    _record_attendance(session, done, today, rng)
    move(running, CourseStatus.OPEN, CourseStatus.RUNNING)
    _record_attendance(session, running, today, rng)
    for course_id, started in ((done, done_start), (running, run_start)):
        _assess_fees(session, course_id, started, rng)
    places = enrollments.list_enrollments(session, course_id=done)
    enrollments.set_enrollment_status(
        session,
        enrollment_id=places[-1].id,
        status=EnrollmentStatus.WITHDRAWN,
        reason="Verhuisd naar een andere gemeente",
        fee_on_leaving=LeavingFee.WAIVED,
    )
    # A couple of the running group stopped after paying; the office pays the fee back.
    payer = next(r for r in fee_assessments.fee_overview(session, course_id=running) if r.paid)
    enrollments.set_enrollment_status(
        session,
        enrollment_id=payer.enrollment_id,
        status=EnrollmentStatus.WITHDRAWN,
        reason="Relatie beëindigd na de derde bijeenkomst",
        fee_on_leaving=LeavingFee.REFUND,
        refund=payer.paid,
    )
    for place in places[:-1]:
        enrollments.set_enrollment_status(
            session,
            enrollment_id=place.id,
            status=EnrollmentStatus.COMPLETED,
            closing_date=today - timedelta(weeks=3),
        )
    move(done, CourseStatus.COMPLETED)
    _measure_outcomes(session, done, running, today, rng)
    _keep_for_years(session, couple_ids[29], today)
    return DemoSummary(courses=4, couples=len(couple_ids), facilitators=len(trainers), venues=2)


def _answers(
    rng: random.Random, level: float, ranges: tuple[tuple[int, int], ...]
) -> tuple[int, ...]:
    """Answers around ``level`` (0 lowest, 1 highest) as a partner fills a form in."""
    return tuple(
        min(high, max(low, round(low + (high - low) * level + rng.gauss(0, 0.7))))
        for low, high in ranges
    )


def _measure_outcomes(
    session: Session, done: int, running: int, today: date, rng: random.Random
) -> None:
    """Questionnaires as a course gathers them: the completed group before, right after and at
    a follow-up six weeks later (its own plan; two partners have not sent theirs back yet), and
    the running group before it began. Most partners of the completed group agreed to
    anonymous research use."""
    outcome_waves.save_course_waves(
        session,
        course_id=done,
        waves=[
            outcome_waves.WaveInput(OutcomeWave.PRE, 0, ("CSI-4", "K10")),
            outcome_waves.WaveInput(OutcomeWave.POST, 0, ("CSI-4", "K10")),
            outcome_waves.WaveInput(OutcomeWave.FOLLOW_UP, 42, ("CSI-4", "K10")),
        ],
    )
    csi = instruments.find_instrument(session, "CSI-4").definition.ranges
    k10 = instruments.find_instrument(session, "K10").definition.ranges
    for course_id in (done, running):
        course = session.get_one(Course, course_id)
        assert course.first_date is not None and course.last_date is not None
        for place in enrollments.list_enrollments(session, course_id=course_id):
            if not place.had_place:
                continue
            # Both partners' forms of a wave are entered together, as an office does.
            forms: dict[OutcomeWave, tuple[date, list[outcome_scores.ScoreInput]]] = {}
            for partner in (1, 2):
                # Satisfaction low to middling at the start, complaints raised; the course
                # helps most partners, some more than others, one or two not at all.
                satisfaction = min(0.9, max(0.1, rng.gauss(0.5, 0.15)))
                distress = min(0.9, max(0.05, rng.gauss(0.38, 0.15)))
                gain = rng.gauss(0.13, 0.12)
                waves = [(OutcomeWave.PRE, course.first_date, 0.0)]
                if course_id == done and place.status is EnrollmentStatus.COMPLETED:
                    waves.append((OutcomeWave.POST, course.last_date, 1.0))
                    if rng.random() > 0.15:
                        follow_up = min(course.last_date + timedelta(days=42), today)
                        waves.append((OutcomeWave.FOLLOW_UP, follow_up, 0.85))
                for wave, day, effect in waves:
                    forms.setdefault(wave, (day, []))[1].extend(
                        [
                            outcome_scores.ScoreInput(
                                partner, "CSI-4", _answers(rng, satisfaction + gain * effect, csi)
                            ),
                            outcome_scores.ScoreInput(
                                partner, "K10", _answers(rng, distress - gain * effect, k10)
                            ),
                        ]
                    )
                if course_id == done and rng.random() < 0.8:
                    consents.give_consent(
                        session,
                        couple_id=place.couple_id,
                        partner=partner,
                        purpose=ConsentPurpose.RESEARCH,
                        on=course.first_date,
                    )
            for wave, (day, inputs) in forms.items():
                outcome_scores.save_scores(
                    session,
                    course_id=course_id,
                    couple_id=place.couple_id,
                    wave=wave,
                    filled_on=day,
                    scores=inputs,
                )


def _keep_for_years(session: Session, overdue_id: int, today: date) -> None:
    """The retention period at work: a couple registered six years ago that never took part
    (due for anonymisation), and one registered eight years ago, anonymised since (not listed;
    its figures stay)."""
    six_years_ago = datetime.combine(today.replace(year=today.year - 6), time(10), UTC)
    overdue = session.get_one(Couple, overdue_id)
    overdue.created_at = six_years_ago
    overdue.consent_date = six_years_ago.date()
    gone = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(given_name="Lieke", family_name="Verhoef"),
            couples.PartnerInput(given_name="Daan", family_name="Verhoef"),
        ),
        postcode="3511 AA",
        municipality="Utrecht",
    )
    session.get_one(Couple, gone.id).created_at = six_years_ago.replace(year=today.year - 8)
    session.flush()
    privacy.anonymise(session, couple_id=gone.id)
