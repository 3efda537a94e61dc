"""Import couples from a CSV file: a dry run first, then the real import, then the errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.exports import read_file, write_export
from holdmetight.i18n import _, current_language, ngettext
from holdmetight.services import couple_import
from holdmetight.services.couple_import import ImportReport
from holdmetight.ui.background import Job, run_in_background
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error


class ImportCouplesDialog(QDialog):
    def __init__(self, context: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.path = path
        self.report: ImportReport | None = None
        self.job: Job[ImportReport] | None = None
        self.setWindowTitle(_("Import couples: {name}").format(name=path.name))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels([_("Line"), _("Problem")])
        self.problems.setAccessibleName(_("Problems in the file"))
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.import_button = QPushButton()
        self.errors_button = QPushButton(_("Save errors file…"))
        self.close_button = QPushButton(_("Close"))
        self.import_button.clicked.connect(self.do_import)
        self.errors_button.clicked.connect(self.save_errors)
        self.close_button.clicked.connect(self.accept)
        self.import_button.hide()  # until the check says what can be imported
        self.errors_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, stretch=1)
        layout.addLayout(buttons)
        self.resize(760, 460)
        self.data = b""
        try:
            self.data = read_file(path)
        except HoldMeTightError as error:
            self.summary.setText(str(error))
            self.import_button.hide()
            self.errors_button.hide()
            return
        self.run(dry_run=True)

    def run(self, *, dry_run: bool) -> None:
        """Check (``dry_run``) or import the file in a worker; cancelling changes nothing."""
        self.import_button.setEnabled(False)
        self.job = run_in_background(
            self,
            _("Checking the file…") if dry_run else _("Importing couples…"),
            lambda progress: self._context.call(
                couple_import.import_couples, data=self.data, dry_run=dry_run, progress=progress
            ),
            self._show,
            on_error=self._refused,
        )
        self.job.finished.connect(lambda: self.import_button.setEnabled(True))

    def _refused(self, error: HoldMeTightError) -> None:
        show_error(self, error)
        self.summary.setText(str(error))
        self.import_button.hide()
        self.errors_button.hide()

    def _show(self, report: ImportReport) -> None:
        self.report = report
        if report.dry_run:
            text = _(
                "{imported} of {rows} couples can be imported; {duplicates} are already "
                "registered and {errors} have a problem. Nothing has been changed yet."
            )
        else:
            text = _(
                "{imported} of {rows} couples imported; {duplicates} were already registered "
                "and {errors} have a problem."
            )
        self.summary.setText(
            text.format(
                imported=report.imported,
                rows=report.rows,
                duplicates=len(report.duplicates),
                errors=len(report.errors),
            )
        )
        problems = [*report.errors, *report.duplicates]
        problems.sort(key=lambda p: p.line)
        self.problems.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            self.problems.setItem(row, 0, QTableWidgetItem(str(problem.line)))
            self.problems.setItem(row, 1, QTableWidgetItem(problem.reason))
        self.import_button.setText(
            ngettext("Import {n} couple", "Import {n} couples", report.imported).format(
                n=report.imported
            )
        )
        self.import_button.setVisible(report.dry_run and report.imported > 0)
        self.errors_button.setVisible(bool(report.errors))

    def do_import(self) -> None:
        self.run(dry_run=False)

    def save_errors(self) -> None:
        if self.report is None:
            return
        suggested = self.path.with_name(f"{self.path.stem}.errors.csv")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save errors file"), str(suggested), _("CSV files (*.csv)")
        )
        if name:
            try:
                write_export(
                    Path(name),
                    couple_import.errors_file(self.report, language=current_language()),
                )
            except HoldMeTightError as error:
                show_error(self, error)
