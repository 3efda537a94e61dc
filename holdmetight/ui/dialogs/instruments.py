"""The questionnaires: the shipped definitions and the organisation's own, among them one
scored on paper of which only the total is entered."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain import instruments as rules
from holdmetight.domain.enums import Scoring
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, format_input, format_number, parse_input
from holdmetight.services import instruments
from holdmetight.services.instruments import MAX_ANSWER, MAX_ITEMS, InstrumentInfo, InstrumentInput
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.form_dialog import FormDialog
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.row_table import DASH, Column, RowTableModel, yes_no
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import fill_combo, open_wide, select_data


def _number(value: Decimal | None) -> str:
    return DASH if value is None else format_number(value)


def range_text(instrument: InstrumentInfo) -> str:
    d = instrument.definition
    return f"{format_number(d.score_min)}–{format_number(d.score_max)}"


class InstrumentTableModel(RowTableModel[InstrumentInfo]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Code"), lambda i: i.code),
                Column(lambda: _("Name"), lambda i: i.name),
                Column(
                    lambda: _("Items"),
                    lambda i: str(i.items) if i.items else _("total only"),
                    sort_key=lambda i: i.items,
                ),
                Column(lambda: _("Scores"), range_text),
                Column(
                    lambda: _("Better"),
                    lambda i: _("higher") if i.definition.higher_is_better else _("lower"),
                ),
                Column(lambda: _("Cut-off"), lambda i: _number(i.definition.cutoff)),
                Column(
                    lambda: _("Reliable change"),
                    lambda i: yes_no(i.definition.has_change_index),
                ),
                Column(lambda: _("Shipped"), lambda i: yes_no(i.shipped)),
                Column(lambda: _("In use"), lambda i: yes_no(i.active)),
            ],
            parent,
            identity=lambda i: i.id,
        )


def _decimal(text: str, label: str, field: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_input(text)
    except ValueError:
        raise ValidationError(
            _("{field} is not a number: {value}").format(field=label, value=text.strip()),
            field=field,
        ) from None


def _items(text: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in text.replace(";", ",").split(",") if part.strip())
    except ValueError:
        raise ValidationError(
            _("Reversed items are item numbers separated by commas, such as 4, 7."),
            field="reversed_items",
        ) from None


class InstrumentForm(FormDialog):
    def __init__(
        self, context: AppContext, existing: InstrumentInfo | None, parent: QWidget | None
    ) -> None:
        super().__init__(_("Questionnaire"), parent)
        self._context = context
        self.existing = existing
        self.code = QLineEdit()
        self.name_nl = QLineEdit()
        self.name_en = QLineEdit()
        self.per_item = QCheckBox(_("Answered item by item (else only the total is entered)"))
        self.items = QSpinBox()
        self.items.setRange(1, MAX_ITEMS)
        self.low = QSpinBox()
        self.low.setRange(0, MAX_ANSWER - 1)
        self.high = QSpinBox()
        self.high.setRange(1, MAX_ANSWER)
        self.ranges = QLineEdit()
        self.ranges.setPlaceholderText(_("only where items differ, such as 0-6, 0-5, 0-5, 0-5"))
        self.reversed = QLineEdit()
        self.reversed.setPlaceholderText(_("such as 4, 7"))
        self.scoring = QComboBox()
        fill_combo(self.scoring, [(s.label, s) for s in Scoring])
        self.score_min = QLineEdit()
        self.score_max = QLineEdit()
        self.higher_better = QCheckBox(_("A higher score is better"))
        self.cutoff = QLineEdit()
        self.reference_sd = QLineEdit()
        self.reliability = QLineEdit()
        self.reliability.setPlaceholderText(_("such as 0.90"))
        self.source = QPlainTextEdit()
        self.source.setTabChangesFocus(True)
        self.source.setFixedHeight(80)
        self.active = QCheckBox(_("In use"))
        rows = [
            (_("Code:"), self.code),
            (_("Dutch name:"), self.name_nl),
            (_("English name:"), self.name_en),
            ("", self.per_item),
            (_("Number of items:"), self.items),
            (_("Lowest answer:"), self.low),
            (_("Highest answer:"), self.high),
            (_("Ranges per item:"), self.ranges),
            (_("Reversed items:"), self.reversed),
            (_("Score:"), self.scoring),
            (_("Lowest total:"), self.score_min),
            (_("Highest total:"), self.score_max),
            ("", self.higher_better),
            (_("Clinical cut-off:"), self.cutoff),
            (_("Reference SD:"), self.reference_sd),
            (_("Reliability:"), self.reliability),
            (_("Source:"), self.source),
            ("", self.active),
        ]
        for label, widget in rows:
            self.form.addRow(label, widget)
            if label:
                widget.setAccessibleName(label.rstrip(":"))
        hint = QLabel(
            _(
                "With a reference standard deviation and reliability (from a normative sample), "
                "the figures count who changed reliably; with a cut-off, who recovered. Only "
                "definitions are kept, never the wording of the items."
            )
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.per_item.toggled.connect(self._enable)
        self._fill(existing)
        self._enable()
        open_wide(self, 560)

    def _fill(self, existing: InstrumentInfo | None) -> None:
        self.higher_better.setChecked(True)
        self.active.setChecked(True)
        self.per_item.setChecked(True)
        self.low.setValue(1)
        self.high.setValue(5)
        self.items.setValue(10)
        if existing is None:
            return
        d = existing.definition
        self.code.setText(existing.code)
        self.code.setReadOnly(existing.shipped)
        self.name_nl.setText(existing.name_nl)
        self.name_en.setText(existing.name_en)
        self.per_item.setChecked(bool(d.items))
        if d.items:
            self.items.setValue(d.items)
            lows, highs = {r[0] for r in d.ranges}, {r[1] for r in d.ranges}
            self.low.setValue(min(lows))
            self.high.setValue(max(highs))
            if len(lows) > 1 or len(highs) > 1:
                self.ranges.setText(", ".join(f"{a}-{b}" for a, b in d.ranges))
                self.ranges.setCursorPosition(0)  # the first items in view
        self.reversed.setText(", ".join(str(n) for n in sorted(d.reversed_items)))
        select_data(self.scoring, d.scoring)
        self.score_min.setText(format_input(d.score_min))
        self.score_max.setText(format_input(d.score_max))
        self.higher_better.setChecked(d.higher_is_better)
        for edit, value in (
            (self.cutoff, d.cutoff),
            (self.reference_sd, d.reference_sd),
            (self.reliability, d.reliability),
        ):
            edit.setText("" if value is None else format_input(value))
        self.source.setPlainText(existing.source)
        self.active.setChecked(existing.active)

    def _enable(self) -> None:
        per_item = self.per_item.isChecked()
        for widget in (self.items, self.low, self.high, self.ranges, self.reversed, self.scoring):
            widget.setEnabled(per_item)
        for widget in (self.score_min, self.score_max):
            widget.setEnabled(not per_item)

    def given(self) -> InstrumentInput:
        ranges: tuple[tuple[int, int], ...] = ()
        if self.per_item.isChecked():
            if self.ranges.text().strip():
                try:
                    ranges = rules.item_ranges(
                        self.ranges.text().replace(" ", "").replace(";", ",")
                    )
                except ValueError:
                    raise ValidationError(
                        _("Ranges per item are written as 0-6, 0-5, …: lowest, dash, highest."),
                        field="ranges",
                    ) from None
            else:
                ranges = ((self.low.value(), self.high.value()),) * self.items.value()
        return InstrumentInput(
            code=self.code.text(),
            name_nl=self.name_nl.text(),
            name_en=self.name_en.text(),
            ranges=ranges,
            reversed_items=_items(self.reversed.text()) if ranges else frozenset(),
            scoring=Scoring(self.scoring.currentData()),
            score_min=_decimal(self.score_min.text(), _("Lowest total"), "score_min"),
            score_max=_decimal(self.score_max.text(), _("Highest total"), "score_max"),
            higher_is_better=self.higher_better.isChecked(),
            cutoff=_decimal(self.cutoff.text(), _("Clinical cut-off"), "cutoff"),
            reference_sd=_decimal(self.reference_sd.text(), _("Reference SD"), "reference_sd"),
            reliability=_decimal(self.reliability.text(), _("Reliability"), "reliability"),
            source=self.source.toPlainText(),
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        context = self._context

        def call() -> InstrumentInfo:
            given = self.given()
            if self.existing is None:
                return context.call(instruments.create_instrument, given=given)
            return context.call(
                instruments.update_instrument,
                instrument_id=self.existing.id,
                given=given,
                version=self.existing.version,
            )

        self.save_with(call)


class InstrumentsDialog(QDialog):
    """The list of questionnaires, with adding, changing and switching off."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Questionnaires"))
        self.model = InstrumentTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=1)
        self.table.setAccessibleName(_("Questionnaires"))
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Change…"))
        self.remove_button = QPushButton(_("Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.reload()
        open_wide(self, 860)

    def reload(self) -> None:
        with keeping_place(self.table):
            self.model.set_rows(self.context.call(instruments.list_instruments))
        self._update_buttons()

    def selected(self) -> InstrumentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None and not chosen.shipped)

    def add(self) -> None:
        if InstrumentForm(self.context, None, self).exec():
            self.reload()

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is not None and InstrumentForm(self.context, chosen, self).exec():
            self.reload()

    def remove(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            self.context.call(instruments.delete_instrument, instrument_id=chosen.id)
        except HoldMeTightError as error:
            show_error(self, error)
        self.reload()
