"""Outcome measurement (issue 17): questionnaires as data, waves per programme and course,
entering scores per partner, the list of what is due, the figures and the research file."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from holdmetight.domain.enums import ConsentPurpose, EnrollmentStatus, OutcomeWave, Scoring
from holdmetight.domain.instruments import Change
from holdmetight.domain.outcomes import OutcomeInstrument
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.services import (
    consents,
    enrollments,
    instruments,
    outcome_figures,
    outcome_scores,
    outcome_waves,
    privacy,
    programs,
)
from holdmetight.services.instruments import InstrumentInput
from holdmetight.services.outcome_scores import ScoreInput

TODAY = date.today()
PRE, POST, FOLLOW_UP = OutcomeWave.PRE, OutcomeWave.POST, OutcomeWave.FOLLOW_UP


def course_with_couples(make, session, n: int, *, code: str = "HMV-1", weeks_ago: int = 10):
    """A weekly course whose eight meetings began ``weeks_ago`` weeks ago, with ``n`` couples."""
    course = make.course(code, capacity=max(n, 1), first_date=TODAY - timedelta(weeks=weeks_ago))
    couples = [make.couple(f"Paar{code}{i}") for i in range(n)]
    for couple in couples:
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    return course, couples


def scores(session, course, couple, wave, csi: tuple[int, int], on: date | None = None):
    outcome_scores.save_scores(
        session,
        course_id=course.row.id,
        couple_id=couple.id,
        wave=wave,
        filled_on=on or TODAY - timedelta(days=1),
        scores=[
            ScoreInput(partner=1, instrument_code="CSI-4", total=Decimal(csi[0])),
            ScoreInput(partner=2, instrument_code="CSI-4", total=Decimal(csi[1])),
        ],
    )


def test_shipped_questionnaires_are_definitions_with_sources_and_programmes_use_them(session):
    shipped = {i.code: i for i in instruments.list_instruments(session)}
    assert {"CSI-4", "CSI-16", "RAS", "K10"} <= set(shipped)
    csi16 = shipped["CSI-16"].definition
    assert csi16.items == 16 and (csi16.score_min, csi16.score_max) == (0, 81)
    assert shipped["RAS"].definition.reversed_items == {4, 7}
    assert shipped["RAS"].definition.scoring is Scoring.MEAN
    k10 = shipped["K10"].definition
    assert not k10.higher_is_better and k10.has_change_index
    assert all(i.source and i.shipped for i in shipped.values())
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    plan = outcome_waves.program_waves(session, program_id=weekly.id)
    assert [(p.wave, p.offset_days) for p in plan.waves] == [(PRE, 0), (POST, 0), (FOLLOW_UP, 107)]
    assert all([i.code for i in p.instruments] == ["CSI-4", "K10"] for p in plan.waves)


def test_installing_again_keeps_what_the_organisation_changed(session):
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    outcome_waves.save_program_waves(
        session,
        program_id=weekly.id,
        waves=[
            outcome_waves.WaveInput(PRE, -7, ("RAS",)),
            outcome_waves.WaveInput(POST, 0, ()),
            outcome_waves.WaveInput(FOLLOW_UP, 90, ("RAS", "K10")),
        ],
    )
    assert instruments.install_shipped_instruments(session) == []
    plan = outcome_waves.program_waves(session, program_id=weekly.id)
    assert [[i.code for i in p.instruments] for p in plan.waves] == [["RAS"], [], ["K10", "RAS"]]
    assert plan.of(PRE).due(date(2026, 3, 2), None) == date(2026, 2, 23)
    assert plan.of(FOLLOW_UP).due(None, date(2026, 4, 20)) == date(2026, 7, 19)


def test_the_organisation_adds_its_own_questionnaire_even_a_total_only_one(session):
    own = instruments.create_instrument(
        session,
        given=InstrumentInput(
            code="oq-45",
            name_nl="Klachten (OQ-45, op papier)",
            name_en="Complaints (OQ-45, on paper)",
            score_min=Decimal(0),
            score_max=Decimal(180),
            higher_is_better=False,
            cutoff=Decimal("55.5"),
            reference_sd=Decimal("22.6"),
            reliability=Decimal("0.93"),
            source="Licensed; scored on paper.",
        ),
    )
    assert own.code == "OQ-45" and own.items == 0 and not own.shipped
    bad = {
        "lowest and highest total": dict(score_min=Decimal(5), score_max=Decimal(5)),
        "cut-off": dict(score_min=Decimal(0), score_max=Decimal(10), cutoff=Decimal(11)),
        "reliability": dict(score_min=Decimal(0), score_max=Decimal(10), reliability=Decimal(1)),
    }
    for message, values in bad.items():
        with pytest.raises(ValidationError, match=message):
            instruments.create_instrument(
                session, given=InstrumentInput(code="X", name_nl="x", name_en="x", **values)
            )
    with pytest.raises(ValidationError, match="lowest answer"):
        instruments.create_instrument(
            session, given=InstrumentInput(code="Y", name_nl="y", name_en="y", ranges=((3, 3),))
        )
    with pytest.raises(ValidationError, match="already a questionnaire"):
        instruments.create_instrument(
            session,
            given=InstrumentInput(
                code="csi-4", name_nl="z", name_en="z", score_min=Decimal(0), score_max=Decimal(1)
            ),
        )


def test_scores_by_item_or_total_are_checked_and_replace_earlier_ones(session, make):
    course, (couple,) = course_with_couples(make, session, 1)
    outcome_scores.save_scores(
        session,
        course_id=course.row.id,
        couple_id=couple.id,
        wave=PRE,
        filled_on=TODAY - timedelta(weeks=10),
        scores=[
            ScoreInput(partner=1, instrument_code="CSI-4", answers=(4, 3, 2, 3)),
            ScoreInput(partner=2, instrument_code="K10", total=Decimal(24)),
        ],
    )
    saved = outcome_scores.couple_scores(session, couple_id=couple.id)
    assert [(s.partner, s.instrument_code, s.score, s.answers) for s in saved] == [
        (1, "CSI-4", 12, (4, 3, 2, 3)),
        (2, "K10", 24, ()),
    ]
    with pytest.raises(
        ValidationError, match="item 2: 6 is not an answer; answers run from 0 to 5"
    ):
        outcome_scores.save_scores(
            session,
            course_id=course.row.id,
            couple_id=couple.id,
            wave=PRE,
            filled_on=TODAY,
            scores=[
                ScoreInput(partner=2, instrument_code="CSI-4", answers=(1, 1, 1, 1)),
                ScoreInput(partner=1, instrument_code="CSI-4", answers=(6, 6, 1, 1)),
            ],
        )
    with pytest.raises(ValidationError, match="must lie from 10 to 50; 9 does not"):
        scores_of = [ScoreInput(partner=1, instrument_code="K10", total=Decimal(9))]
        outcome_scores.save_scores(
            session,
            course_id=course.row.id,
            couple_id=couple.id,
            wave=PRE,
            filled_on=TODAY,
            scores=scores_of,
        )
    with pytest.raises(ValidationError, match="4 items; 3 answers"):
        outcome_scores.save_scores(
            session,
            course_id=course.row.id,
            couple_id=couple.id,
            wave=PRE,
            filled_on=TODAY,
            scores=[ScoreInput(partner=1, instrument_code="CSI-4", answers=(1, 1, 1))],
        )
    with pytest.raises(ValidationError, match="still to come"):
        scores(session, course, couple, POST, (3, 4), on=TODAY + timedelta(days=1))
    with pytest.raises(NotFoundError, match="no questionnaire with code NOPE"):
        outcome_scores.save_scores(
            session,
            course_id=course.row.id,
            couple_id=couple.id,
            wave=PRE,
            filled_on=TODAY,
            scores=[ScoreInput(partner=1, instrument_code="nope", total=Decimal(1))],
        )
    # Nothing of a refused form was kept: partner 2 has no CSI-4.
    kept = outcome_scores.couple_scores(session, couple_id=couple.id)
    assert [(s.partner, s.instrument_code) for s in kept] == [(1, "CSI-4"), (2, "K10")]
    # Entered again: replaced, not doubled.
    scores(session, course, couple, PRE, (14, 9))
    kept = outcome_scores.couple_scores(session, couple_id=couple.id)
    assert [(s.partner, s.instrument_code, s.score) for s in kept] == [
        (1, "CSI-4", 14),
        (2, "CSI-4", 9),
        (2, "K10", 24),
    ]
    outcome_scores.remove_score(
        session,
        course_id=course.row.id,
        couple_id=couple.id,
        wave=PRE,
        partner=2,
        instrument_code="K10",
    )
    assert len(outcome_scores.couple_scores(session, couple_id=couple.id)) == 2


def test_scoring_of_a_questionnaire_in_use_cannot_change(session, make):
    course, (couple,) = course_with_couples(make, session, 1)
    scores(session, course, couple, PRE, (10, 11))
    csi = instruments.find_instrument(session, "CSI-4")
    narrower = InstrumentInput(
        code="CSI-4", name_nl=csi.name_nl, name_en=csi.name_en, ranges=((0, 5),) * 4
    )
    with pytest.raises(RuleError, match="cannot change"):
        instruments.update_instrument(session, instrument_id=csi.id, given=narrower)
    with pytest.raises(RuleError, match="switch it off"):
        instruments.delete_instrument(session, instrument_id=csi.id)
    # Reference values may still be filled in.
    better = InstrumentInput(
        code="CSI-4",
        name_nl=csi.name_nl,
        name_en=csi.name_en,
        ranges=csi.definition.ranges,
        cutoff=Decimal("13.5"),
        reference_sd=Decimal("4.5"),
        reliability=Decimal("0.94"),
        source=csi.source,
    )
    changed = instruments.update_instrument(
        session, instrument_id=csi.id, given=better, version=csi.version
    )
    assert changed.definition.has_change_index


def test_only_couples_with_a_place_and_not_anonymised_get_scores(session, make):
    course, (couple,) = course_with_couples(make, session, 1)
    waiting = make.couple("Wachtend")
    with pytest.raises(NotFoundError, match="not enrolled"):
        scores(session, course, waiting, PRE, (1, 2))
    scores(session, course, couple, PRE, (10, 11))
    privacy.anonymise(session, couple_id=couple.id)
    with pytest.raises(RuleError, match="anonymised"):
        scores(session, course, couple, POST, (12, 13))
    # The scores stay for the figures.
    assert len(outcome_scores.couple_scores(session, couple_id=couple.id)) == 2


def test_the_due_list_names_each_partner_wave_and_day_follow_ups_included(session, make):
    course, (first, second) = course_with_couples(make, session, 2, weeks_ago=20)
    detail = course.row
    meetings = sorted(m.date for m in make_meetings(session, detail.id))
    far = TODAY + timedelta(days=365)
    due = outcome_scores.due_questionnaires(session, course_id=detail.id, until=far)
    days = {item.wave: item.due_on for item in due}
    assert days == {
        PRE: meetings[0],
        POST: meetings[-1],
        FOLLOW_UP: meetings[-1] + timedelta(days=107),
    }
    assert len(due) == 3 * 4  # three waves, four partners
    assert all(item.instrument_codes == ("CSI-4", "K10") for item in due)
    # By default a course lists what is late and what falls due in the next two weeks.
    soon = outcome_scores.due_questionnaires(session, course_id=detail.id)
    assert {i.wave for i in soon} == {w for w, d in days.items() if d <= TODAY + timedelta(14)}
    scores(session, course, first, PRE, (10, 12))
    due = outcome_scores.due_questionnaires(session, course_id=detail.id, until=far)
    still = {(i.couple_id, i.partner, i.wave): i.instrument_codes for i in due}
    assert still[(first.id, 1, PRE)] == ("K10",)
    # The whole organisation's list: what fell due in the last 60 days and falls due in 14.
    around = outcome_scores.due_questionnaires(session)
    assert {i.wave for i in around} == {
        w for w, day in days.items() if TODAY - timedelta(days=60) <= day <= TODAY + timedelta(14)
    }
    # A withdrawn couple is no longer asked.
    enrollment = next(
        e
        for e in enrollments.list_enrollments(session, course_id=detail.id)
        if e.couple_id == second.id
    )
    enrollments.set_enrollment_status(
        session, enrollment_id=enrollment.id, status=EnrollmentStatus.WITHDRAWN, reason="verhuisd"
    )
    due = outcome_scores.due_questionnaires(session, course_id=detail.id, until=far)
    assert {i.couple_id for i in due} == {first.id}


def make_meetings(session, course_id):
    from holdmetight.services import group_sessions

    return group_sessions.list_group_sessions(session, course_id=course_id)


def test_a_course_can_have_its_own_plan_and_go_back_to_the_programme(session, make):
    course, _couples = course_with_couples(make, session, 1)
    own = outcome_waves.save_course_waves(
        session,
        course_id=course.row.id,
        waves=[
            outcome_waves.WaveInput(PRE, -14, ("CSI-16",)),
            outcome_waves.WaveInput(POST, 7, ("CSI-16",)),
            outcome_waves.WaveInput(FOLLOW_UP, 120, ()),
        ],
    )
    assert own.own and [p.offset_days for p in own.waves] == [-14, 7, 120]
    due = outcome_scores.due_questionnaires(
        session, course_id=course.row.id, until=TODAY + timedelta(days=365)
    )
    assert {(i.wave, i.instrument_codes) for i in due} == {(PRE, ("CSI-16",)), (POST, ("CSI-16",))}
    with pytest.raises(ValidationError, match="from 1 to 365"):
        outcome_waves.save_course_waves(
            session,
            course_id=course.row.id,
            waves=[
                outcome_waves.WaveInput(PRE, 0),
                outcome_waves.WaveInput(POST, 0),
                outcome_waves.WaveInput(FOLLOW_UP, 0),
            ],
        )
    back = outcome_waves.save_course_waves(session, course_id=course.row.id, waves=None)
    assert not back.own and [i.code for i in back.of(PRE).instruments] == ["CSI-4", "K10"]


def test_figures_per_course_hide_cells_of_fewer_than_five_partners(session, make):
    course, couples = course_with_couples(make, session, 3)
    for i, couple in enumerate(couples):
        scores(session, course, couple, PRE, (8 + i, 10 + i))
    for couple in couples[:2]:
        scores(session, course, couple, POST, (14, 15))
    figures = outcome_figures.outcome_figures(
        session, selection=outcome_figures.Selection(course_code="hmv-1")
    )
    assert figures.courses == ("HMV-1",)
    (csi,) = figures.instruments
    before, after = csi.waves
    assert (before.n, round(before.mean, 3), round(before.sd, 3)) == (6, 10.0, 1.414)
    assert (after.n, after.mean, after.sd) == (4, None, None)  # four partners: not shown
    (change,) = csi.changes
    assert (change.n, change.change, change.categories) == (4, None, None)
    assert outcome_figures.shown_count(4) == "< 5"


def test_figures_of_a_period_with_the_reliable_change_categories(session, make):
    course, couples = course_with_couples(make, session, 4, code="HMV-2")
    k10 = [(30, 18), (34, 19), (28, 26), (22, 31), (40, 25), (25, 24), (33, 17), (29, 19)]
    for couple, (a, b) in zip(couples, zip(k10[::2], k10[1::2], strict=True), strict=True):
        for wave, index in ((PRE, 0), (POST, 1)):
            outcome_scores.save_scores(
                session,
                course_id=course.row.id,
                couple_id=couple.id,
                wave=wave,
                filled_on=TODAY - timedelta(days=2),
                scores=[
                    ScoreInput(partner=1, instrument_code="K10", total=Decimal(a[index])),
                    ScoreInput(partner=2, instrument_code="K10", total=Decimal(b[index])),
                ],
            )
    first = TODAY - timedelta(weeks=11)
    figures = outcome_figures.outcome_figures(
        session, selection=outcome_figures.Selection(first=first, last=TODAY)
    )
    (k,) = figures.instruments
    (change,) = k.changes
    assert change.n == 8 and change.change is not None
    changes = [b - a for a, b in k10]
    assert change.change.mean_change == pytest.approx(sum(changes) / 8)
    assert change.change.d_z < 0  # fewer complaints: a negative change on a lower-is-better scale
    assert change.categories == {
        Change.RECOVERED: 4,  # 30→18, 34→19, 33→17, 29→19
        Change.IMPROVED: 1,  # 40→25 stays above 19.5
        Change.UNCHANGED: 2,  # 28→26, 25→24
        Change.DETERIORATED: 1,  # 22→31
    }
    shown = outcome_figures.shown_categories(change.categories)
    assert shown == {
        Change.RECOVERED: "< 5",
        Change.IMPROVED: "< 5",
        Change.UNCHANGED: "< 5",
        Change.DETERIORATED: "< 5",
    }
    # Four hidden counts adding up to 8 stay open.
    one_hidden = outcome_figures.shown_categories(
        {Change.RECOVERED: 9, Change.IMPROVED: 6, Change.UNCHANGED: 2, Change.DETERIORATED: 0}
    )
    assert one_hidden == {
        Change.RECOVERED: 9,
        Change.IMPROVED: "–",  # else 17 - 9 - 6 - 0 would give the hidden 2 away
        Change.UNCHANGED: "< 5",
        Change.DETERIORATED: 0,
    }
    # Two hidden ones of 1 each add up to 2, which only 1 + 1 makes: a third count goes too.
    pinned = outcome_figures.shown_categories(
        {Change.RECOVERED: 1, Change.IMPROVED: 1, Change.UNCHANGED: 6, Change.DETERIORATED: 0}
    )
    assert pinned[Change.UNCHANGED] == "–"
    # Where no second count can protect them, every count is left out (the partners stay).
    alone = outcome_figures.shown_categories(
        {Change.RECOVERED: 1, Change.IMPROVED: 0, Change.UNCHANGED: 5, Change.DETERIORATED: 0}
    )
    assert set(alone.values()) == {"–"}
    with pytest.raises(ValidationError, match="period"):
        outcome_figures.outcome_figures(
            session, selection=outcome_figures.Selection(first=TODAY, last=first)
        )


def test_the_research_file_holds_only_partners_who_agreed_under_pseudonyms(session, make):
    from holdmetight.services import organisations

    selection = outcome_figures.Selection(course_code="HMV-1")
    course, couples = course_with_couples(make, session, 2)
    with pytest.raises(RuleError, match="no key for the pseudonyms"):
        outcome_figures.research_rows(session, selection=selection)
    organisations.save_organisation(session, name="Wijkteam")
    for couple in couples:
        scores(session, course, couple, PRE, (10, 11))
    consents.give_consent(
        session, couple_id=couples[0].id, partner=2, purpose=ConsentPurpose.RESEARCH, on=TODAY
    )
    consents.give_consent(
        session, couple_id=couples[1].id, partner=1, purpose=ConsentPurpose.RESEARCH, on=TODAY
    )
    consents.withdraw_consent(
        session, couple_id=couples[1].id, partner=1, purpose=ConsentPurpose.RESEARCH, on=TODAY
    )
    selection = outcome_figures.Selection(course_code=course.row.code)
    rows = outcome_figures.research_rows(session, selection=selection)
    assert [(r.instrument, r.wave, r.score) for r in rows] == [("CSI-4", PRE, 11)]
    (row,) = rows
    assert len(row.couple) == 12 and row.couple != str(couples[0].id)
    assert row.partner != row.couple
    again = outcome_figures.research_rows(session, selection=selection)
    assert again == rows  # the same pseudonyms in every export


def test_an_instrument_row_keeps_decimals_exactly(session):
    ras = session.exec(select(OutcomeInstrument).where(OutcomeInstrument.code == "RAS")).one()
    assert (ras.score_min, ras.score_max, ras.reliability) == (1, 5, Decimal("0.86"))


def test_the_personal_data_export_holds_the_partners_scores(session, make):
    from holdmetight.services import personal_data

    course, (couple,) = course_with_couples(make, session, 1)
    scores(session, course, couple, PRE, (10, 11))
    whole = personal_data.personal_data(session, couple_id=couple.id)
    (section,) = [s for s in whole.sections if s.table == "outcome_score"]
    assert [(r["partner"], r["instrument"], r["wave"], r["score"]) for r in section.records] == [
        (1, "CSI-4", "pre", "10"),
        (2, "CSI-4", "pre", "11"),
    ]
    one = personal_data.personal_data(session, couple_id=couple.id, partner=2)
    (section,) = [s for s in one.sections if s.table == "outcome_score"]
    assert [r["partner"] for r in section.records] == [2]


def test_without_a_reference_sd_the_spread_before_the_course_stands_in(session, make):
    """CSI-4 ships with a reliability but no reference SD: with twenty partners measured before
    the course their SD is used (Jacobson & Truax's pre-treatment group), with fewer none."""
    import statistics

    course, couples = course_with_couples(make, session, 10, code="HMV-3")
    before = [(6 + i % 7, 8 + (3 * i) % 9) for i in range(10)]
    for couple, pair in zip(couples, before, strict=True):
        scores(session, course, couple, PRE, pair)
        scores(session, course, couple, POST, (min(pair[0] + 7, 21), pair[1]))
    selection = outcome_figures.Selection(course_code="HMV-3")
    (csi,) = outcome_figures.outcome_figures(session, selection=selection).instruments
    values = [v for pair in before for v in pair]
    assert csi.sample_sd == pytest.approx(statistics.stdev(values))
    (change,) = csi.changes
    reliable = 1.96 * 2**0.5 * statistics.stdev(values) * (1 - 0.93) ** 0.5
    improved = sum(1 for a, b in before for d in (min(a + 7, 21) - a, 0) if d > reliable)
    assert change.categories is not None
    assert change.categories[Change.RECOVERED] + change.categories[Change.IMPROVED] == improved
    assert change.categories[Change.DETERIORATED] == 0
    # Nineteen partners before: no stand-in, no categories.
    couple = couples[0]
    outcome_scores.remove_score(
        session,
        course_id=course.row.id,
        couple_id=couple.id,
        wave=PRE,
        partner=2,
        instrument_code="CSI-4",
    )
    (csi,) = outcome_figures.outcome_figures(session, selection=selection).instruments
    assert csi.sample_sd is None and all(c.categories is None for c in csi.changes)


def test_a_course_hidden_in_a_period_cannot_be_worked_out_from_the_total(session, make):
    from holdmetight.services import outcome_tables

    big, big_couples = course_with_couples(make, session, 4, code="HMV-B")
    small, (small_couple,) = course_with_couples(make, session, 1, code="HMV-S")
    for couple in big_couples:
        scores(session, big, couple, PRE, (8, 9))
        scores(session, big, couple, POST, (12, 13))
    scores(session, small, small_couple, PRE, (3, 4))
    scores(session, small, small_couple, POST, (15, 16))
    selection = outcome_figures.Selection(first=TODAY - timedelta(weeks=11), last=TODAY)
    table = outcome_tables.summary_table(session, selection=selection, language="en")
    rows = {row[0]: row for row in table.rows}
    assert rows["HMV-S"][4] == "< 5"  # two partners
    # all (10) minus HMV-B (8) would be the two partners of HMV-S: HMV-B is left out too.
    assert rows["HMV-B"][4] == "–" and rows["HMV-B"][5] is None
    assert rows["all"][4] == 10


def test_an_erased_partners_answers_go_and_the_couples_stay(session, make):
    course, (couple,) = course_with_couples(make, session, 1)
    scores(session, course, couple, PRE, (10, 11))
    privacy.anonymise(session, couple_id=couple.id, partner=2)
    kept = outcome_scores.couple_scores(session, couple_id=couple.id)
    assert [(s.partner, s.score) for s in kept] == [(1, 10)]
    privacy.anonymise(session, couple_id=couple.id)
    assert [
        (s.partner, s.score) for s in outcome_scores.couple_scores(session, couple_id=couple.id)
    ] == [(1, 10)]


def test_reference_values_are_checked_as_they_are_stored(session):
    for reliability in ("0.9996", "1"):
        with pytest.raises(ValidationError, match="reliability"):
            instruments.create_instrument(
                session,
                given=InstrumentInput(
                    code="BIJNA",
                    name_nl="x",
                    name_en="x",
                    score_min=Decimal(0),
                    score_max=Decimal(10),
                    reference_sd=Decimal(2),
                    reliability=Decimal(reliability),
                ),
            )
    with pytest.raises(ValidationError, match="standard deviation"):
        instruments.create_instrument(
            session,
            given=InstrumentInput(
                code="NUL",
                name_nl="x",
                name_en="x",
                score_min=Decimal(0),
                score_max=Decimal(10),
                reference_sd=Decimal("0.0004"),
            ),
        )


def test_research_pseudonyms_use_a_secret_of_their_own(session, make):
    from holdmetight.domain.organisation import Organisation
    from holdmetight.services import organisations

    organisations.save_organisation(session, name="Wijkteam")
    course, (couple,) = course_with_couples(make, session, 1)
    scores(session, course, couple, PRE, (10, 11))
    consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.RESEARCH, on=TODAY
    )
    organisation = session.exec(select(Organisation)).one()
    assert len(organisation.research_key) == 64
    assert organisation.research_key != organisation.database_key
    (row,) = outcome_figures.research_rows(
        session, selection=outcome_figures.Selection(course_code=course.row.code)
    )
    assert row.couple == outcome_figures.pseudonym(organisation.research_key, "couple", couple.id)
    assert row.couple != outcome_figures.pseudonym(organisation.database_key, "couple", couple.id)
