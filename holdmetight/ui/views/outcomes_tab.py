"""A course's outcome measurement: its plan, who still has to fill in what, entering scores,
and the figures (on screen and printed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language, OutcomeWave
from holdmetight.i18n import _, capitalised, format_date, format_exact, using_language
from holdmetight.progress import Progress
from holdmetight.services import (
    enrollments,
    organisations,
    outcome_figures,
    outcome_scores,
)
from holdmetight.services.changes import Kind
from holdmetight.services.outcome_figures import OutcomeFigures, Selection
from holdmetight.services.outcome_scores import DueItem
from holdmetight.services.outcome_tables import (
    change_cells,
    change_columns,
    explanation,
    scoring_line,
    wave_cells,
    wave_columns,
    with_categories,
)
from holdmetight.services.outcome_waves import Plan
from holdmetight.services.tables import Cell
from holdmetight.services.tables import Column as CellColumn
from holdmetight.services.tables import Kind as CellKind
from holdmetight.ui import icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.outcome_plan import OutcomePlanDialog
from holdmetight.ui.dialogs.score_entry import ScoreEntryDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.row_table import Column, RowTableModel
from holdmetight.ui.print_action import open_print_dialog, recorder
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import fill_combo


class DueTableModel(RowTableModel[DueItem]):
    def __init__(self, parent: QWidget | None = None, *, with_course: bool = False) -> None:
        columns: list[Column[DueItem]] = [
            Column(
                lambda: _("Due on"), lambda d: format_date(d.due_on), sort_key=lambda d: d.due_on
            )
        ]
        if with_course:
            columns.append(Column(lambda: _("Course"), lambda d: d.course_code))
        columns += [
            Column(lambda: _("Couple"), lambda d: d.couple_names),
            Column(lambda: _("Partner"), lambda d: d.partner_name),
            Column(lambda: _("Wave"), lambda d: capitalised(d.wave.label)),
            Column(lambda: _("Questionnaires"), lambda d: ", ".join(d.instrument_codes)),
        ]
        super().__init__(
            columns, parent, identity=lambda d: (d.course_id, d.couple_id, d.partner, d.wave)
        )


def _cell_text(value: Cell) -> str:
    if isinstance(value, int | Decimal):
        return format_exact(value)
    return "" if value is None else str(value)


def _align(column: CellColumn) -> str:
    return "left" if column.kind is CellKind.TEXT else "right"


def _html_table(columns: tuple[CellColumn, ...], rows: list[tuple[Cell, ...]]) -> str:
    head = "".join(f"<th>{escape(c.title)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{_align(c)}'>{escape(_cell_text(v))}</td>"
            for v, c in zip(row, columns, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def figures_html(figures: OutcomeFigures) -> str:
    """The figures as the PDF shows them, for the screen."""
    if not figures.instruments:
        return "<p>" + escape(_("No questionnaire scores were entered.")) + "</p>"
    parts = [f"<p><small>{escape(explanation())}</small></p>"]
    for instrument in figures.instruments:
        categories = with_categories(instrument)
        parts.append(f"<h4>{escape(instrument.instrument.name)}</h4>")
        parts.append(f"<p>{escape(scoring_line(instrument))}</p>")
        parts.append(_html_table(wave_columns(), [wave_cells(w) for w in instrument.waves]))
        if instrument.changes:
            parts.append("<br>")
            parts.append(
                _html_table(
                    change_columns(with_categories=categories),
                    [change_cells(c, with_categories=categories) for c in instrument.changes],
                )
            )
    return "".join(parts)


def plan_text(plan: Plan, due: dict[OutcomeWave, date | None]) -> str:
    """The plan in a sentence per wave: when, and which questionnaires."""
    lines = []
    for wave_plan in plan.waves:
        codes = ", ".join(i.code for i in wave_plan.instruments) or _("nothing")
        day = due.get(wave_plan.wave)
        when = format_date(day) if day is not None else _("not planned yet")
        lines.append(f"{capitalised(wave_plan.wave.label)} ({when}): {codes}")
    own = _("own plan of this course") if plan.own else _("the programme's plan")
    return "; ".join(lines) + f" — {own}"


class OutcomesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.course_id: int | None = None
        self.course_code = ""
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_button = QPushButton()
        self.plan_button.clicked.connect(self.edit_plan)
        self.couple_combo = QComboBox()
        self.enter_button = QPushButton()
        icons.dress(self.enter_button, "record")
        self.enter_button.clicked.connect(self.enter_scores)
        self.print_button = QPushButton()
        icons.dress(self.print_button, "print")
        self.print_button.clicked.connect(self.print_figures)
        self.invite_button = QPushButton()
        icons.dress(self.invite_button, "message")
        self.invite_button.clicked.connect(self.invite)
        self.due_label = QLabel()
        self.due_model = DueTableModel(self)
        self.due_table = make_table(self.due_model, sortable=False, stretch_column=1)
        self.due_table.doubleClicked.connect(lambda _index: self.enter_due())
        self.figures = QTextBrowser()
        bar = QHBoxLayout()
        bar.addWidget(self.plan_button)
        bar.addStretch(1)
        bar.addWidget(self.couple_combo, stretch=1)
        bar.addWidget(self.enter_button)
        bar.addWidget(self.print_button)
        due_box = QWidget()
        due_layout = QVBoxLayout(due_box)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_bar = QHBoxLayout()
        due_bar.addWidget(self.due_label, stretch=1)
        due_bar.addWidget(self.invite_button)
        due_layout.addLayout(due_bar)
        due_layout.addWidget(self.due_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(due_box)
        splitter.addWidget(self.figures)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)  # the figures need the room
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_label)
        layout.addLayout(bar)
        layout.addWidget(splitter, stretch=1)
        self.freshness = Freshness(
            self,
            context,
            {Kind.OUTCOMES, Kind.ENROLLMENTS, Kind.COUPLES, Kind.COURSES, Kind.MEETINGS},
            self.reload,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.plan_button.setText(_("Questionnaires per wave…"))
        self.plan_button.setToolTip(
            _("Which questionnaires this course's partners fill in, and when")
        )
        self.enter_button.setText(_("Enter scores…"))
        self.couple_combo.setAccessibleName(_("Couple to enter scores for"))
        self.due_table.setAccessibleName(_("Questionnaires due"))
        self.figures.setAccessibleName(_("Outcome figures"))
        self.print_button.setText(_("Print figures…"))
        self.invite_button.setText(_("Invite…"))
        self.invite_button.setToolTip(
            _(
                "Invite the partners whose follow-up is due to fill in the questionnaires, by "
                "e-mail or letter"
            )
        )
        self.due_model.retranslate()
        self.freshness.request()

    def show_course(self, course_id: int | None) -> None:
        if course_id != self.course_id:
            self.course_id = course_id
            self.freshness.request()

    def reload(self) -> None:
        if self.course_id is None:
            self.due_model.set_rows([])
            self.figures.clear()
            return
        measurement = self._context.call(outcome_scores.measurement_of, course_id=self.course_id)
        self.course_code = measurement.course_code
        self.plan_label.setText(
            _("Questionnaires: {plan}").format(plan=plan_text(measurement.plan, measurement.due))
        )
        places = [
            e
            for e in self._context.call(enrollments.list_enrollments, course_id=self.course_id)
            if e.had_place
        ]
        chosen = self.couple_combo.currentData()
        fill_combo(self.couple_combo, [(e.names, e.couple_id) for e in places])
        index = self.couple_combo.findData(chosen)
        if index >= 0:
            self.couple_combo.setCurrentIndex(index)
        self.enter_button.setEnabled(bool(places))
        # What is late, and what falls due in the next two weeks; later waves come in time.
        due = self._context.call(outcome_scores.due_questionnaires, course_id=self.course_id)
        with keeping_place(self.due_table):
            self.due_model.set_rows(due)
        self.due_label.setText(
            _("Still to fill in, due by {date} ({n}); double-click to enter the scores:").format(
                n=len(due), date=format_date(date.today() + outcome_scores.LOOK_AHEAD)
            )
            if due
            else _("Every partner filled in every questionnaire due so far.")
        )
        self.invite_button.setEnabled(any(d.wave == OutcomeWave.FOLLOW_UP for d in due))
        figures = self._context.call(
            outcome_figures.outcome_figures, selection=Selection(course_code=self.course_code)
        )
        self.figures.setHtml(figures_html(figures))

    def edit_plan(self) -> None:
        if self.course_id is not None:
            OutcomePlanDialog(
                self._context, course_id=self.course_id, title=self.course_code, parent=self
            ).exec()

    def invite(self) -> None:
        from holdmetight.domain.enums import MessageKind
        from holdmetight.ui.dialogs.send_messages import SendMessagesDialog

        if self.course_id is not None:
            SendMessagesDialog(
                self._context,
                self.course_id,
                kind=MessageKind.FOLLOW_UP_QUESTIONNAIRE,
                parent=self,
            ).exec()

    def enter_scores(self, wave: OutcomeWave | None = None, couple_id: int | None = None) -> None:
        couple_id = couple_id or self.couple_combo.currentData()
        if self.course_id is None or couple_id is None:
            return
        ScoreEntryDialog(self._context, self.course_id, couple_id, wave, self).exec()

    def enter_due(self) -> None:
        rows = self.due_table.selectionModel().selectedRows()
        if rows:
            item = self.due_model.row_at(rows[0].row())
            self.enter_scores(item.wave, item.couple_id)

    def print_figures(self) -> None:
        if self.course_id is None:
            return
        print_outcomes(self, self._context, Selection(course_code=self.course_code))


def print_outcomes(parent: QWidget, context: AppContext, selection: Selection) -> None:
    """The outcome figures of a course or a period, previewed and printed or saved."""
    organisation = context.call(organisations.get_organisation)

    def render(language: str, _progress: Progress) -> bytes:
        from holdmetight.reports.outcomes import render_outcomes, selection_line

        figures = context.call(outcome_figures.outcome_figures, selection=selection)
        with using_language(language):
            line = selection_line(figures)
        return render_outcomes(
            figures,
            title_line=line,
            organisation=organisation.name if organisation else "",
            logo=organisation.logo_png if organisation else None,
            language=language,
        )

    record = (
        recorder(context, "outcome_figures", course=selection.course_code)
        if selection.course_code
        else recorder(context, "outcome_figures", period=f"{selection.first}..{selection.last}")
    )
    name = selection.course_code or f"{selection.first}-{selection.last}"
    open_print_dialog(
        _("Outcomes of the course"),
        f"outcomes-{name}.pdf",
        render,
        organisation.default_language if organisation else Language.NL,
        parent,
        record=record,
    )
