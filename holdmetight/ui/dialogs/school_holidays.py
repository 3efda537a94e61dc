"""The school holidays of one region: the organisation's own table, which planning can skip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import SchoolRegion
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date, gettext
from holdmetight.services import school_holidays
from holdmetight.services.school_holidays import OFFICIAL_NAMES, SchoolHolidayInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.form_dialog import FormDialog
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.row_table import Column, RowTableModel
from holdmetight.ui.widgets import date_edit, from_qdate

COL_YEAR, COL_NAME, COL_FIRST, COL_LAST = range(4)


class SchoolHolidayTableModel(RowTableModel[SchoolHolidayInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("School year"), lambda h: h.school_year),
                Column(lambda: _("Holiday"), lambda h: h.label),
                Column(
                    lambda: _("First day"),
                    lambda h: format_date(h.first_day),
                    sort_key=lambda h: h.first_day,
                ),
                Column(
                    lambda: _("Last day"),
                    lambda h: format_date(h.last_day),
                    sort_key=lambda h: h.last_day,
                ),
            ],
            parent,
        )


class SchoolHolidayForm(FormDialog):
    """One period: add a new one, or change one (``existing``)."""

    def __init__(
        self,
        context: AppContext,
        region: SchoolRegion,
        existing: SchoolHolidayInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Change school holiday") if existing else _("Add school holiday"), parent
        )
        self._context = context
        self._region = region
        self._existing = existing
        self.year_edit = QLineEdit(existing.school_year if existing else "")
        self.year_edit.setPlaceholderText("2027-2028")
        self.name_combo = QComboBox()
        self.name_combo.setEditable(True)
        for key, label in OFFICIAL_NAMES.items():
            self.name_combo.addItem(gettext(label), key)
        self.name_combo.setCurrentText(existing.label if existing else "")
        self.first_edit = date_edit(existing.first_day if existing else None)
        self.last_edit = date_edit(existing.last_day if existing else None)
        self.form.addRow(_("School year:"), self.year_edit)
        self.form.addRow(_("Holiday:"), self.name_combo)
        self.form.addRow(_("First day:"), self.first_edit)
        self.form.addRow(_("Last day:"), self.last_edit)

    def chosen_name(self) -> str:
        """The official name when one of the offered holidays is chosen, else the text typed."""
        text = self.name_combo.currentText()
        index = self.name_combo.findText(text)
        return str(self.name_combo.itemData(index)) if index >= 0 else text

    def save(self) -> None:
        existing = self._existing
        first, last = from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())
        if existing is None:
            self.save_with(
                lambda: self._context.call(
                    school_holidays.add_school_holiday,
                    region=self._region,
                    school_year=self.year_edit.text(),
                    name=self.chosen_name(),
                    first_day=first,
                    last_day=last,
                )
            )
        else:
            self.save_with(
                lambda: self._context.call(
                    school_holidays.change_school_holiday,
                    holiday_id=existing.id,
                    version=existing.version,
                    school_year=self.year_edit.text(),
                    name=self.chosen_name(),
                    first_day=first,
                    last_day=last,
                )
            )


class SchoolHolidaysDialog(QDialog):
    """The periods of one region, to add, change or delete, and to restore the official ones."""

    def __init__(
        self, context: AppContext, region: SchoolRegion, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.region = region
        self.setWindowTitle(_("School holidays, region {region}").format(region=region.label))
        official = school_holidays.read_official_periods()
        self.source_label = QLabel(
            _("The official periods come from: {source} (as of {date}).").format(
                source=official.source, date=format_date(official.made)
            )
        )
        self.source_label.setWordWrap(True)
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        self.model = SchoolHolidayTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.windowTitle())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.change())
        self.add_button = QPushButton(_("Add…"))
        self.change_button = QPushButton(_("Change…"))
        self.delete_button = QPushButton(_("Delete"))
        self.restore_button = QPushButton(_("Restore the official periods"))
        self.restore_button.setToolTip(
            _("Adds the official periods that are missing; periods you changed stay as they are.")
        )
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change)
        self.delete_button.clicked.connect(self.delete)
        self.restore_button.clicked.connect(self.restore)
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.delete_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.restore_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.coverage_label)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(buttons_row)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(640, 480)
        self.reload()

    def reload(self) -> None:
        rows = self._context.call(school_holidays.list_school_holidays, region=self.region)
        self.model.set_rows(rows)
        years = sorted({row.school_year for row in rows})
        self.coverage_label.setText(
            _("Known school years: {years}. Planning warns about dates in other years.").format(
                years=", ".join(years)
            )
            if years
            else _("No periods yet: restore the official ones or add your own.")
        )
        self._update_buttons()

    def selected(self) -> SchoolHolidayInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.change_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        form = SchoolHolidayForm(self._context, self.region, parent=self)
        if form.exec():
            self.reload()

    def change(self) -> None:
        holiday = self.selected()
        if holiday is None:
            return
        form = SchoolHolidayForm(self._context, self.region, holiday, parent=self)
        if form.exec():
            self.reload()

    def delete(self) -> None:
        holiday = self.selected()
        if holiday is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete school holiday"),
            _("Delete {name} {year}? Planning will no longer skip it.").format(
                name=holiday.label, year=holiday.school_year
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._context.call(
                school_holidays.delete_school_holiday,
                holiday_id=holiday.id,
                version=holiday.version,
            )
        except HoldMeTightError as error:
            show_error(self, error)
        self.reload()

    def restore(self) -> None:
        try:
            self._context.call(school_holidays.restore_official_periods, region=self.region)
        except HoldMeTightError as error:
            show_error(self, error)
        self.reload()
