"""Entering both partners' questionnaires of one wave: answers item by item, one keystroke
each, or only the total (a questionnaire scored on paper); all saved together or not at all."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import OutcomeWave
from holdmetight.domain.names import ERASED
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, capitalised, format_input, format_number, parse_input
from holdmetight.services import couples, outcome_scores, outcome_waves
from holdmetight.services.instruments import InstrumentInfo, get_instrument
from holdmetight.services.outcome_scores import ScoreInfo, ScoreInput
from holdmetight.ui.answer_strip import AnswerStrip
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.theme import problem_text
from holdmetight.ui.widgets import (
    date_edit,
    fill_combo,
    from_qdate,
    open_wide,
    save_cancel_buttons,
    select_data,
    to_qdate,
)


class QuestionnaireBox(QGroupBox):
    """One partner's answers to one questionnaire: item by item or as a total."""

    def __init__(
        self, partner: int, who: str, instrument: InstrumentInfo, parent: QWidget | None = None
    ) -> None:
        # Made with its parent, so that it counts in the layout's size before the form shows.
        super().__init__(f"{who}: {instrument.name}", parent)
        self.partner = partner
        self.instrument = instrument
        self.stored: ScoreInfo | None = None
        definition = instrument.definition
        self.strip: AnswerStrip | None = None
        self.by_item = QRadioButton(_("Per item"))
        self.by_total = QRadioButton(_("Total score"))
        self.total = QLineEdit()
        self.total.setPlaceholderText(
            _("{low} to {high}").format(
                low=format_number(definition.score_min), high=format_number(definition.score_max)
            )
        )
        self.total.setAccessibleName(
            _("{who}: total score of {name}").format(who=who, name=instrument.name)
        )
        self.score = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        problem_text(self.message)
        layout = QGridLayout(self)
        if definition.items:
            self.strip = AnswerStrip(definition.ranges)
            self.strip.setAccessibleName(
                _("{who}: answers to {name}, one key per item").format(
                    who=who, name=instrument.name
                )
            )
            self.strip.changed.connect(self._update)
            self.strip.refused.connect(self.message.setText)
            self.by_item.setChecked(True)
            self.by_item.toggled.connect(self._update)
            layout.addWidget(self.by_item, 0, 0)
            layout.addWidget(self.strip, 0, 1)
            layout.addWidget(self.by_total, 1, 0)
        else:
            self.by_total.setChecked(True)
            layout.addWidget(QLabel(_("Total score")), 1, 0)
        layout.addWidget(self.total, 1, 1)
        layout.addWidget(self.score, 2, 0, 1, 2)
        layout.addWidget(self.message, 3, 0, 1, 2)
        self.total.textEdited.connect(lambda _text: self.by_total.setChecked(True))
        self.total.textEdited.connect(self._update)
        self._update()

    def show_stored(self, stored: ScoreInfo | None) -> None:
        self.stored = stored
        if stored is None:
            return
        if stored.answers and self.strip is not None:
            self.strip.set_values(stored.answers)
            self.by_item.setChecked(True)
        else:
            self.total.setText(format_input(stored.score))
            self.by_total.setChecked(True)
        self._update()

    def entered(self) -> ScoreInput | None:
        """What was entered or changed (None: nothing new), or a ValidationError naming what
        is missing. A score shown as it was stored is not sent again: its day stays, and a
        questionnaire switched off since can still be read."""
        given = self._given()
        stored = self.stored
        if given is None or stored is None:
            return given
        if given.answers is not None and given.answers == stored.answers:
            return None
        if given.answers is None and not stored.answers and given.total == stored.score:
            return None
        return given

    def cleared(self) -> bool:
        """Whether a stored score was emptied in the form."""
        if self.stored is None:
            return False
        return (self.strip is None or self.strip.empty()) and not self.total.text().strip()

    def _given(self) -> ScoreInput | None:
        if self.strip is not None and self.by_item.isChecked():
            if self.strip.empty():
                return None
            missing = self.strip.missing()
            if missing:
                raise ValidationError(
                    _("{title}: item {n} has no answer yet.").format(
                        title=self.title(), n=missing[0]
                    )
                )
            return ScoreInput(self.partner, self.instrument.code, answers=self.strip.values())
        text = self.total.text().strip()
        if not text:
            return None
        try:
            total = parse_input(text)
        except ValueError:
            raise ValidationError(
                _("{title}: the total score is not a number.").format(title=self.title())
            ) from None
        return ScoreInput(self.partner, self.instrument.code, total=total)

    def _update(self) -> None:
        if self.strip is None or not self.strip.empty():
            self.message.clear()
        definition = self.instrument.definition
        if self.strip is not None and self.by_item.isChecked() and self.strip.complete():
            self.score.setText(
                _("Score: {score}").format(
                    score=format_number(definition.score(self.strip.values()))
                )
            )
        elif self.strip is not None and self.by_item.isChecked():
            done = len(self.strip.answers) - len(self.strip.missing())
            self.score.setText(
                _("{done} of {n} items answered").format(done=done, n=definition.items)
            )
        else:
            self.score.clear()


class ScoreEntryDialog(QDialog):
    """The questionnaires of one wave of one couple in one course."""

    def __init__(
        self,
        context: AppContext,
        course_id: int,
        couple_id: int,
        wave: OutcomeWave | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._course_id = course_id
        self._couple_id = couple_id
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self.setWindowTitle(_("Questionnaires: {names}").format(names=couple.names))
        self._partners = [
            (p_number, p.full_name)
            for p_number, p in enumerate(couple.partners, start=1)
            if p.family_name != ERASED
        ]
        self.plan = context.call(outcome_waves.course_waves, course_id=course_id)
        self.stored = [
            s
            for s in context.call(outcome_scores.couple_scores, couple_id=couple_id)
            if s.course_id == course_id
        ]
        self.wave_combo = QComboBox()
        self.wave_combo.setAccessibleName(_("Wave"))
        fill_combo(self.wave_combo, [(capitalised(w.label), w) for w in OutcomeWave])
        self.filled_on = date_edit(date.today())
        self.filled_on.setAccessibleName(_("Filled in on"))
        top = QFormLayout()
        top.addRow(_("Wave:"), self.wave_combo)
        top.addRow(_("Filled in on:"), self.filled_on)
        self.boxes_holder = QVBoxLayout()
        self.boxes: list[QuestionnaireBox] = []
        self._note: QLabel | None = None
        forms = self._forms = QWidget()
        outer = QVBoxLayout(forms)
        outer.addLayout(self.boxes_holder)
        outer.addStretch(1)
        # Three questionnaires for two partners are taller than a laptop's screen: they scroll.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(forms)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, stretch=1)
        buttons = save_cancel_buttons(self, self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        self.wave_combo.currentIndexChanged.connect(lambda _i: self._show_wave())
        select_data(self.wave_combo, wave or self._first_open_wave())
        self._show_wave()
        # As tall as the forms need, up to most of the screen; beyond that they scroll.
        screen = self.screen().availableGeometry().height() if self.screen() else 800
        scroll.setMinimumHeight(min(outer.sizeHint().height() + 4, int(screen * 0.7)))
        open_wide(self, 720)

    def _first_open_wave(self) -> OutcomeWave:
        """The first wave of the plan with a questionnaire still to fill in."""
        done = {(s.wave, s.partner, s.instrument_code) for s in self.stored}
        for plan in self.plan.measured:
            for number, _name in self._partners:
                if any(
                    (plan.wave, number, i.code) not in done for i in plan.instruments if i.active
                ):
                    return plan.wave
        return OutcomeWave.PRE

    def wave(self) -> OutcomeWave:
        return OutcomeWave(self.wave_combo.currentData())

    def _show_wave(self) -> None:
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes = []
        wave = self.wave()
        instruments = [i for i in self.plan.of(wave).instruments if i.active]
        # A questionnaire entered before that the plan no longer asks for stays editable.
        known = {i.code for i in instruments}
        for stored in self.stored:
            if stored.wave is wave and stored.instrument_code not in known:
                known.add(stored.instrument_code)
                instruments.append(self._context.call(get_instrument, code=stored.instrument_code))
        days = [s.filled_on for s in self.stored if s.wave is wave]
        if days:
            self.filled_on.setDate(to_qdate(max(days)))
        for number, name in self._partners:
            for instrument in instruments:
                box = QuestionnaireBox(number, name, instrument, self._forms)
                box.show_stored(
                    next(
                        (
                            s
                            for s in self.stored
                            if (s.wave, s.partner, s.instrument_code)
                            == (wave, number, instrument.code)
                        ),
                        None,
                    )
                )
                self.boxes.append(box)
                self.boxes_holder.addWidget(box)
        strips = [box.strip for box in self.boxes if box.strip is not None]
        for strip, following in zip(strips, [*strips[1:], None], strict=True):
            strip.finished.connect(lambda after=following: self._move_on(after))
        if self._note is not None:
            self._note.deleteLater()
            self._note = None
        if not self.boxes:
            self._note = QLabel(_("The course's plan has no questionnaire at this wave."))
            self.boxes_holder.addWidget(self._note)
        elif strips:
            strips[0].setFocus()

    def _move_on(self, following: AnswerStrip | None) -> None:
        """After a form's last item: the next one, or Save after the last."""
        if following is not None:
            following.setFocus(Qt.FocusReason.TabFocusReason)
        elif self.save_button is not None:
            self.save_button.setFocus()

    def save(self) -> None:
        try:
            entered = [e for e in (box.entered() for box in self.boxes) if e is not None]
            # A stored score emptied in the form is taken back (entered by mistake).
            removed = [(b.partner, b.instrument.code) for b in self.boxes if b.cleared()]
            if not entered and not removed:
                if any(box.stored is not None for box in self.boxes):
                    self.accept()  # looked at, nothing changed
                    return
                raise ValidationError(_("Nothing was entered."))
            self._context.call(
                outcome_scores.save_scores,
                course_id=self._course_id,
                couple_id=self._couple_id,
                wave=self.wave(),
                filled_on=from_qdate(self.filled_on.date()),
                scores=entered,
                removed=removed,
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
