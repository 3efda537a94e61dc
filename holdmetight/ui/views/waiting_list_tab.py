"""A course's waiting list: the line in fair order, open offers and their answers."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from holdmetight.i18n import _
from holdmetight.services import waiting_list
from holdmetight.services.changes import Kind
from holdmetight.services.waiting_list import WaitingCouple
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.waiting_forms import DeclineDialog, MoveDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.course_table import waiting_time_text
from holdmetight.ui.models.waiting_table import WaitingTableModel
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import ask_reason


class WaitingListTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.course_id: int | None = None
        self.model = WaitingTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=4)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.waiting_time = QLabel()
        self.waiting_time.setWordWrap(True)
        self.accept_button = QPushButton()
        self.decline_button = QPushButton()
        self.pass_button = QPushButton()
        self.put_back_button = QPushButton()
        self.move_button = QPushButton()
        self.accept_button.clicked.connect(self.accept_offer)
        self.decline_button.clicked.connect(self.decline_offer)
        self.pass_button.clicked.connect(self.pass_over)
        self.put_back_button.clicked.connect(self.put_back)
        self.move_button.clicked.connect(self.move_to_other_course)
        bar = QHBoxLayout()
        for button in (
            self.accept_button,
            self.decline_button,
            self.pass_button,
            self.put_back_button,
            self.move_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.waiting_time)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.freshness = Freshness(
            self,
            context,
            {Kind.ENROLLMENTS, Kind.COUPLES, Kind.COURSES, Kind.ORGANISATION},
            self.reload,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.explanation.setText(
            _(
                "A place that frees up is offered to the first couple in line who may take it. "
                "Record their answer here; a couple that does not answer by the date leaves "
                "the list and the place goes to the next couple."
            )
        )
        self.accept_button.setText(_("Offer accepted"))
        self.decline_button.setText(_("Offer declined…"))
        self.pass_button.setText(_("Pass over…"))
        self.put_back_button.setText(_("Put back in line"))
        self.move_button.setText(_("Move to another course…"))
        self.table.setAccessibleName(_("Waiting list of the course"))
        self.model.retranslate()
        self.freshness.request()

    def show_course(self, course_id: int | None) -> None:
        if course_id != self.course_id:
            self.course_id = course_id
            self.freshness.request()

    def reload(self) -> None:
        rows = (
            []
            if self.course_id is None
            else self._context.call(waiting_list.waiting_list, course_id=self.course_id)
        )
        with keeping_place(self.table):
            self.model.set_rows(rows)
        waited = (
            None
            if self.course_id is None
            else self._context.call(waiting_list.waiting_time, course_id=self.course_id)
        )
        self.waiting_time.setText(
            _("Waiting time of the couples with a place: {time}.").format(
                time=waiting_time_text(waited)
            )
            if waited is not None and waited.median_days is not None
            else ""
        )
        self.waiting_time.setVisible(bool(self.waiting_time.text()))
        self._update_buttons()

    def selected(self) -> WaitingCouple | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        offered = chosen is not None and chosen.offer is not None
        self.accept_button.setEnabled(offered and chosen is not None and not chosen.offer_expired)
        self.decline_button.setEnabled(offered)
        self.pass_button.setEnabled(chosen is not None and not chosen.passed_over)
        self.put_back_button.setEnabled(chosen is not None and chosen.passed_over)
        self.move_button.setEnabled(chosen is not None)

    def accept_offer(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.offer is not None:
            self._context.run(
                self,
                waiting_list.accept_offer,
                offer_id=chosen.offer.id,
                version=chosen.offer.version,
            )

    def decline_offer(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.offer is None or self.course_id is None:
            return
        dialog = DeclineDialog(self._context, self.course_id, chosen.names, self)
        if dialog.exec():
            self._context.run(
                self,
                waiting_list.decline_offer,
                offer_id=chosen.offer.id,
                version=chosen.offer.version,
                move_to_course_id=dialog.move_to(),
            )

    def pass_over(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        reason = ask_reason(
            self,
            _("Pass over"),
            _("Why is {names} passed over for places in this course?").format(names=chosen.names),
        )
        if reason is not None:
            self._context.run(
                self,
                waiting_list.pass_over,
                enrollment_id=chosen.enrollment_id,
                version=chosen.version,
                reason=reason,
            )

    def put_back(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._context.run(
                self,
                waiting_list.put_back,
                enrollment_id=chosen.enrollment_id,
                version=chosen.version,
            )

    def move_to_other_course(self) -> None:
        chosen = self.selected()
        if chosen is None or self.course_id is None:
            return
        dialog = MoveDialog(self._context, self.course_id, chosen.names, self)
        if dialog.exec() and dialog.course_combo.currentData() is not None:
            self._context.run(
                self,
                waiting_list.move_to_course,
                enrollment_id=chosen.enrollment_id,
                version=chosen.version,
                course_id=dialog.course_combo.currentData(),
            )
