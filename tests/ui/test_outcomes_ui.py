"""Outcome measurement in the window (issue 17): a 16-item form typed by keys only, refused
answers said, the course's Outcomes tab, the plan, the questionnaires and a couple's charts."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from holdmetight.domain.enums import CourseStatus, OutcomeWave
from holdmetight.services import courses, enrollments, instruments, outcome_scores, outcome_waves
from holdmetight.services.outcome_waves import WaveInput
from holdmetight.ui.dialogs.couple_outcomes import CoupleOutcomesDialog
from holdmetight.ui.dialogs.instruments import InstrumentForm, InstrumentsDialog
from holdmetight.ui.dialogs.outcome_plan import OutcomePlanDialog
from holdmetight.ui.dialogs.outcomes_overview import DueQuestionnairesDialog, OutcomeFiguresDialog
from holdmetight.ui.dialogs.score_entry import ScoreEntryDialog
from holdmetight.ui.views.course_detail import CourseDetailView
from holdmetight.ui.views.score_chart import ScoreChart


def running_course(context):
    return next(r for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING)


def completed_course(context):
    return next(r for r in context.call(courses.list_courses) if r.status is CourseStatus.COMPLETED)


def first_couple(context, course_id: int) -> int:
    return next(
        e.couple_id
        for e in context.call(enrollments.list_enrollments, course_id=course_id)
        if e.had_place
    )


def test_a_sixteen_item_form_is_typed_by_keys_only(qtbot, demo_context):
    course = running_course(demo_context)
    demo_context.call(
        outcome_waves.save_course_waves,
        course_id=course.id,
        waves=[
            WaveInput(OutcomeWave.PRE, 0, ()),
            WaveInput(OutcomeWave.POST, 0, ("CSI-16",)),
            WaveInput(OutcomeWave.FOLLOW_UP, 107, ()),
        ],
    )
    couple_id = first_couple(demo_context, course.id)
    dialog = ScoreEntryDialog(demo_context, course.id, couple_id, OutcomeWave.POST)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    first, second = dialog.boxes
    assert first.strip is not None and second.strip is not None
    qtbot.waitUntil(first.strip.hasFocus, timeout=2000)  # the form opens on the first item
    qtbot.keyClicks(first.strip, "6543210123454321")  # 16 answers, one key each
    assert first.strip.complete()
    assert first.strip.values() == (6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 4, 3, 2, 1)
    assert first.score.text() == "Score: 46"
    # The last answer moved the focus on: the next partner's strip takes the next keys.
    qtbot.waitUntil(second.strip.hasFocus, timeout=2000)
    qtbot.keyClicks(second.strip, "5555555555555555")
    assert second.score.text() == "Score: 80"
    qtbot.keyClick(second.strip, Qt.Key.Key_Backspace)
    assert second.strip.missing() == [16]
    qtbot.keyClick(second.strip, Qt.Key.Key_4)
    assert dialog.save_button.hasFocus()  # after the last form: Enter saves
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = demo_context.call(outcome_scores.couple_scores, couple_id=couple_id)
    post = {(s.partner, s.score) for s in stored if s.wave is OutcomeWave.POST}
    assert post == {(1, Decimal(46)), (2, Decimal(79))}


def test_an_answer_out_of_range_is_refused_with_a_message(qtbot, demo_context):
    course = running_course(demo_context)
    couple_id = first_couple(demo_context, course.id)
    dialog = ScoreEntryDialog(demo_context, course.id, couple_id, OutcomeWave.PRE)
    qtbot.addWidget(dialog)
    dialog.show()
    csi = next(b for b in dialog.boxes if b.instrument.code == "CSI-4" and b.partner == 1)
    csi.strip.clear()
    csi.strip.setFocus()
    qtbot.keyClicks(csi.strip, "36")  # item 2 goes up to 5
    assert csi.strip.answers[:2] == [3, None]
    assert csi.message.text() == "Item 2: 6 is not an answer; answers run from 0 to 5."
    qtbot.keyClicks(csi.strip, "5")
    assert csi.strip.answers[:2] == [3, 5]


def test_a_half_typed_form_is_not_saved(qtbot, demo_context, monkeypatch):
    course = running_course(demo_context)
    couple_id = first_couple(demo_context, course.id)
    dialog = ScoreEntryDialog(demo_context, course.id, couple_id, OutcomeWave.POST)
    qtbot.addWidget(dialog)
    box = next(b for b in dialog.boxes if b.instrument.code == "CSI-4")
    box.strip.set_values([1, 2])
    shown: list[str] = []
    monkeypatch.setattr(
        "holdmetight.ui.dialogs.score_entry.show_error", lambda _p, e: shown.append(str(e))
    )
    dialog.save()
    assert shown and "item 3 has no answer yet" in shown[0]
    assert not [
        s
        for s in demo_context.call(outcome_scores.couple_scores, couple_id=couple_id)
        if s.wave is OutcomeWave.POST
    ]


def test_the_outcomes_tab_shows_plan_due_list_and_figures(qtbot, demo_context):
    done = completed_course(demo_context)
    view = CourseDetailView(demo_context)
    qtbot.addWidget(view)
    view.show()
    view.show_course(done.id)
    view.tabs.setCurrentWidget(view.outcomes_tab)
    tab = view.outcomes_tab
    qtbot.waitUntil(lambda: "CSI-4" in tab.plan_label.text(), timeout=5000)
    assert view.tabs.tabText(5) == "Outcomes"
    assert "own plan of this course" in tab.plan_label.text()
    html = tab.figures.toPlainText()
    assert "Relationship satisfaction (CSI-4)" in html and "d_z" in html
    assert "Psychological distress (K10)" in html and "Recovered" in html
    # The demo's completed group has partners who did not send the follow-up back.
    assert tab.due_model.rowCount() > 0
    assert {tab.due_model.row_at(r).wave for r in range(tab.due_model.rowCount())} == {
        OutcomeWave.FOLLOW_UP
    }


def test_a_course_gets_its_own_plan_and_follows_the_programme_again(qtbot, demo_context):
    course = running_course(demo_context)
    dialog = OutcomePlanDialog(demo_context, course_id=course.id, title=course.code)
    qtbot.addWidget(dialog)
    assert not dialog.own.isChecked() and not dialog.days[OutcomeWave.PRE].isEnabled()
    dialog.own.setChecked(True)
    dialog.days[OutcomeWave.FOLLOW_UP].setValue(90)
    dialog.chosen[(OutcomeWave.FOLLOW_UP, "K10")].setChecked(False)
    dialog.save()
    plan = demo_context.call(outcome_waves.course_waves, course_id=course.id)
    assert plan.own and plan.of(OutcomeWave.FOLLOW_UP).offset_days == 90
    assert [i.code for i in plan.of(OutcomeWave.FOLLOW_UP).instruments] == ["CSI-4"]
    again = OutcomePlanDialog(demo_context, course_id=course.id, title=course.code)
    qtbot.addWidget(again)
    again.own.setChecked(False)
    again.save()
    assert not demo_context.call(outcome_waves.course_waves, course_id=course.id).own


def test_the_organisation_adds_a_total_only_questionnaire(qtbot, demo_context):
    listing = InstrumentsDialog(demo_context)
    qtbot.addWidget(listing)
    assert listing.model.rowCount() == 4
    form = InstrumentForm(demo_context, None, listing)
    qtbot.addWidget(form)
    form.code.setText("OQ-45")
    form.name_nl.setText("Klachten (OQ-45)")
    form.name_en.setText("Complaints (OQ-45)")
    form.per_item.setChecked(False)
    assert form.score_min.isEnabled() and not form.items.isEnabled()
    form.score_min.setText("0")
    form.score_max.setText("180")
    form.higher_better.setChecked(False)
    form.cutoff.setText("55,5")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted
    added = demo_context.call(instruments.get_instrument, code="OQ-45")
    assert added.items == 0 and added.definition.cutoff == Decimal("55.5")
    listing.reload()
    assert listing.model.rowCount() == 5


def test_a_couples_scores_show_as_charts_per_questionnaire(qtbot, demo_context):
    done = completed_course(demo_context)
    couple_id = first_couple(demo_context, done.id)
    dialog = CoupleOutcomesDialog(demo_context, couple_id)
    qtbot.addWidget(dialog)
    charts = dialog.findChildren(ScoreChart)
    assert {c.instrument.code for c in charts} == {"CSI-4", "K10"}
    csi = next(c for c in charts if c.instrument.code == "CSI-4")
    assert (1, OutcomeWave.PRE) in csi.scores and (2, OutcomeWave.POST) in csi.scores
    assert "before" in csi.accessibleDescription()
    csi.grab()  # paints without error


def test_the_overviews_list_what_is_due_and_the_figures_of_a_period(qtbot, demo_context):
    due = DueQuestionnairesDialog(demo_context)
    qtbot.addWidget(due)
    assert due.model.rowCount() > 0
    figures = OutcomeFiguresDialog(demo_context)
    qtbot.addWidget(figures)
    qtbot.waitUntil(lambda: "CSI-4" in figures.figures.toPlainText(), timeout=10_000)
    assert "HMV-26-08A" in figures.courses.text()


def test_answers_above_nine_take_two_keys_and_stay_in_range(qtbot):
    from holdmetight.ui.answer_strip import AnswerStrip

    strip = AnswerStrip([(0, 10), (0, 10)])
    qtbot.addWidget(strip)
    refused: list[str] = []
    strip.refused.connect(refused.append)
    qtbot.keyClicks(strip, "31")  # 3, then 1 cannot make 31: 3 is item 1, 1 waits for item 2
    assert strip.answers == [3, None]
    qtbot.keyClicks(strip, "0")
    assert strip.answers == [3, 10]
    narrow = AnswerStrip([(5, 12)])
    qtbot.addWidget(narrow)
    narrow.refused.connect(refused.append)
    qtbot.keyClicks(narrow, "1")
    qtbot.keyClick(narrow, Qt.Key.Key_Space)  # 1 alone is not an answer from 5 to 12
    assert narrow.answers == [None]
    assert refused == ["Item 1: 1 is not an answer; answers run from 5 to 12."]
    qtbot.keyClicks(narrow, "12")
    assert narrow.answers == [12]


def test_saving_a_form_sends_only_what_changed(qtbot, demo_context):
    done = completed_course(demo_context)
    couple_id = first_couple(demo_context, done.id)
    before = {
        (s.partner, s.instrument_code): s
        for s in demo_context.call(outcome_scores.couple_scores, couple_id=couple_id)
        if s.wave is OutcomeWave.PRE
    }
    dialog = ScoreEntryDialog(demo_context, done.id, couple_id, OutcomeWave.PRE)
    qtbot.addWidget(dialog)
    dialog.save()  # nothing changed: closes, stores nothing
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog = ScoreEntryDialog(demo_context, done.id, couple_id, OutcomeWave.PRE)
    qtbot.addWidget(dialog)
    box = next(b for b in dialog.boxes if (b.partner, b.instrument.code) == (2, "K10"))
    box.by_total.setChecked(True)
    box.total.setText("30")
    dialog.save()
    after = {
        (s.partner, s.instrument_code): s
        for s in demo_context.call(outcome_scores.couple_scores, couple_id=couple_id)
        if s.wave is OutcomeWave.PRE
    }
    assert after[(2, "K10")].score == 30
    for key in ((1, "CSI-4"), (1, "K10"), (2, "CSI-4")):
        assert after[key] == before[key]  # the others keep their answers and their day


def test_a_score_entered_by_mistake_is_taken_back_by_emptying_it(qtbot, demo_context):
    done = completed_course(demo_context)
    couple_id = first_couple(demo_context, done.id)
    dialog = ScoreEntryDialog(demo_context, done.id, couple_id, OutcomeWave.PRE)
    qtbot.addWidget(dialog)
    box = next(b for b in dialog.boxes if (b.partner, b.instrument.code) == (1, "K10"))
    box.strip.clear()
    dialog.save()
    left = {
        (s.partner, s.instrument_code)
        for s in demo_context.call(outcome_scores.couple_scores, couple_id=couple_id)
        if s.wave is OutcomeWave.PRE
    }
    assert left == {(1, "CSI-4"), (2, "CSI-4"), (2, "K10")}
