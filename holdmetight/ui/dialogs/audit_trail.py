"""The audit trail for the organisation's privacy officer: who viewed, changed, printed or
exported which couple's file and when, filtered by couple, user and period, and exported as a
spreadsheet. Nothing in it can be changed from here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.exports import write_export
from holdmetight.i18n import _, current_language, format_number, ngettext
from holdmetight.progress import Progress
from holdmetight.services import audit_trail, tables
from holdmetight.services.audit_trail import AuditFilter, Output, details
from holdmetight.services.changes import Kind
from holdmetight.ui.background import run_in_background
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.audit_table import AuditTableModel
from holdmetight.ui.views.tables import make_table
from holdmetight.ui.widgets import date_edit, from_qdate, open_wide

EVERYONE = ""


class AuditTrailDialog(QDialog):
    """The audit trail, of one couple when ``couple_id`` is given (the couple's file)."""

    def __init__(
        self, context: AppContext, couple_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Audit trail"))
        self.couple_spin = QSpinBox()
        self.couple_spin.setRange(0, 2_000_000_000)
        self.couple_spin.setSpecialValueText(_("all couples"))
        self.couple_spin.setValue(couple_id or 0)
        self.couple_spin.setAccessibleName(_("Couple number"))
        self.user_combo = QComboBox()
        self.user_combo.setAccessibleName(_("Who"))
        self.user_combo.addItem(_("everyone"), EVERYONE)
        for user in context.call(audit_trail.users):
            self.user_combo.addItem(user, user)
        first = context.call(audit_trail.first_day) or date.today()
        self.from_edit = date_edit(first)
        self.from_edit.setAccessibleName(_("From"))
        self.to_edit = date_edit(date.today())
        self.to_edit.setAccessibleName(_("To"))
        self.count_label = QLabel()
        self.model = AuditTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=5)
        self.table.setAccessibleName(_("Audit trail"))
        self.export_button = QPushButton(_("Export…"))
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        form = QFormLayout()
        form.addRow(_("Couple number:"), self.couple_spin)
        form.addRow(_("Who:"), self.user_combo)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        form.addRow(_("Period:"), period)
        note = QLabel(
            _(
                "Every view, change, print and export of a couple's file is kept here, with "
                "who and when; never the data itself. Entries cannot be changed or removed."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(buttons)

        for changed in (
            self.couple_spin.valueChanged,
            self.user_combo.currentIndexChanged,
            self.from_edit.dateChanged,
            self.to_edit.dateChanged,
        ):
            changed.connect(self.refresh)
        self.freshness = Freshness(self, context, {Kind.AUDIT}, self.refresh)
        self.table.setMinimumHeight(360)  # a screenful of entries, not a peephole
        open_wide(self, 980)

    def which(self) -> AuditFilter:
        first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        return AuditFilter(
            couple_id=self.couple_spin.value() or None,
            user=str(self.user_combo.currentData()) or None,
            first=min(first, last),
            last=max(first, last),
        )

    def refresh(self) -> None:
        which = self.which()
        try:
            total = self._context.call(audit_trail.count_entries, which=which)

            def fetch(offset: int, limit: int) -> list[audit_trail.AuditRow]:
                return self._context.call(
                    audit_trail.list_entries, which=which, offset=offset, limit=limit
                )

            self.model.load(fetch, total)
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.count_label.setText(
            ngettext("{n} entry", "{n} entries", total).format(n=format_number(total))
        )
        self.export_button.setEnabled(total > 0)

    def export(self) -> None:
        excel, csv_files = _("Excel workbook (*.xlsx)"), _("CSV for Excel (*.csv)")
        name, chosen = QFileDialog.getSaveFileName(
            self,
            _("Export"),
            str(Path.home() / f"{_('audit trail')}.csv"),
            f"{csv_files};;{excel}",
        )
        if name:
            self.export_to(Path(name), xlsx=chosen == excel)

    def export_to(self, target: Path, *, xlsx: bool = False) -> None:
        """Write the entries shown to ``target`` (.csv or .xlsx, as its name ends), in a worker;
        the export is itself an entry of the trail, made before the file is written."""
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx" if xlsx else ".csv")
        kind = target.suffix.lower().lstrip(".")
        which, language, context = self.which(), current_language(), self._context

        def make(_progress: Progress) -> bytes:
            table = context.call(audit_trail.entries_table, which=which, language=language)
            described = audit_trail.describe(which)
            context.call(
                audit_trail.record_output,
                how=Output.EXPORT,
                document="audit_trail",
                couple_id=which.couple_id,  # a couple's trail is part of its file
                detail="; ".join(
                    filter(None, [described, details(format=kind, rows=len(table.rows))])
                ),
            )
            return tables.to_csv(table) if kind == "csv" else tables.to_xlsx(table)

        def write(data: bytes) -> None:
            try:
                write_export(target, data)
            except HoldMeTightError as error:
                show_error(self, error)

        run_in_background(self, _("Exporting…"), make, write)
