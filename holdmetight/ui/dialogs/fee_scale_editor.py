"""A new fee scale: its period and basis, and bands that cover every income once."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import FeeBasis, HouseholdType
from holdmetight.domain.fee_rules import BandProblem, Finding
from holdmetight.domain.money import to_cents
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, current_language, parse_amount
from holdmetight.reports.fee_labels import describe_bound
from holdmetight.services import fee_scales
from holdmetight.services.fee_scales import BandsError
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import (
    add_row_naming,
    date_edit,
    fill_combo,
    from_qdate,
    save_cancel_buttons,
)

COL_FROM, COL_TO, COL_FEE, COL_LABEL = range(4)


def finding_message(finding: Finding, basis: FeeBasis) -> str:
    """A precise sentence about one way the bands fail to cover every income exactly once."""
    where = (
        describe_bound(finding.value, basis, language=current_language())
        if finding.value is not None
        else ""
    )
    messages = {
        BandProblem.NO_BANDS: _("A fee scale needs at least one band."),
        BandProblem.NOT_FROM_ZERO: _("The lowest band must start at 0, not at {where}."),
        BandProblem.EMPTY: _("Band {n} ends where it starts or before."),
        BandProblem.GAP: _("Incomes from {where} up to band {n} fall in no band (a gap)."),
        BandProblem.OVERLAP: _("Band {n} overlaps the band before it from {where}."),
        BandProblem.CLOSED_TOP: _(
            "The highest band must have no upper limit (it ends at {where})."
        ),
        BandProblem.OPEN_BELOW_TOP: _(
            "Only the highest band may be without upper limit (band {n})."
        ),
        BandProblem.NEGATIVE_FEE: _("The fee of band {n} cannot be negative."),
    }
    return messages[finding.problem].format(n=finding.band, where=where)


class FeeScaleEditor(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.saved: fee_scales.FeeScaleInfo | None = None
        self.setWindowTitle(_("New fee scale"))
        self.name_edit = QLineEdit()
        self.basis_combo = QComboBox()
        fill_combo(self.basis_combo, [(b.label, b.value) for b in FeeBasis])
        self.from_edit = date_edit(date(date.today().year, 1, 1))
        self.until_check = QCheckBox(_("until"))
        self.until_edit = date_edit(date(date.today().year, 12, 31))
        self.until_edit.setAccessibleName(_("Valid until"))
        self.until_edit.setEnabled(False)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        self.bands = QTableWidget(0, 4)
        self.bands.setHorizontalHeaderLabels(
            [_("From"), _("Up to (empty: no limit)"), _("Fee"), _("Label")]
        )
        self.bands.setAccessibleName(_("Income bands"))
        self.bands.verticalHeader().setVisible(False)
        self.bands.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        add, remove = QPushButton(_("Add band")), QPushButton(_("Remove band"))
        add.clicked.connect(lambda: self.add_band("", "", "", ""))
        remove.clicked.connect(lambda: self.bands.removeRow(max(self.bands.currentRow(), 0)))
        self.basis_combo.currentIndexChanged.connect(self._explain)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(self.until_check)
        period.addWidget(self.until_edit)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name_edit)
        form.addRow(_("Bands by:"), self.basis_combo)
        add_row_naming(form, _("Valid from:"), period, self.from_edit)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.bands, stretch=1)
        layout.addLayout(row)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(680, 460)
        for values in (("0", "1800", "0", ""), ("1800", "", "25", "")):
            self.add_band(*values)
        self._explain()

    @property
    def basis(self) -> FeeBasis:
        return FeeBasis(self.basis_combo.currentData())

    def _explain(self) -> None:
        self.hint.setText(
            _(
                "Bounds are net monthly household income in euros; a band runs from its lower "
                "bound up to, not including, the next."
            )
            if self.basis is FeeBasis.ABSOLUTE
            else _(
                "Bounds are whole percentages of the social minimum for the household type "
                "(e.g. 110 or 120); the yearly norms are kept on the Fees page."
            )
        )

    def add_band(self, low: str, high: str, fee: str, label: str) -> None:
        row = self.bands.rowCount()
        self.bands.insertRow(row)
        for column, text in ((COL_FROM, low), (COL_TO, high), (COL_FEE, fee), (COL_LABEL, label)):
            self.bands.setItem(row, column, QTableWidgetItem(text))

    def _bound(self, text: str) -> int | None:
        if not text.strip():
            return None
        value = parse_amount(text)
        return to_cents(value) if self.basis is FeeBasis.ABSOLUTE else int(value)

    def _cell(self, row: int, column: int) -> str:
        item = self.bands.item(row, column)
        return item.text() if item is not None else ""

    def band_inputs(self) -> list[fee_scales.BandInput]:
        result = []
        for row in range(self.bands.rowCount()):
            cells = [self._cell(row, column) for column in range(4)]
            try:
                low = self._bound(cells[COL_FROM]) or 0
                high = self._bound(cells[COL_TO])
                fee = parse_amount(cells[COL_FEE] or "0")
            except ValueError as error:
                raise ValidationError(
                    _("Band {n}: write amounts like 1800 or 12,50.").format(n=row + 1)
                ) from error
            result.append(fee_scales.BandInput(low, high, fee, cells[COL_LABEL]))
        return result

    def save(self) -> None:
        try:
            self.saved = self._context.call(
                fee_scales.create_fee_scale,
                name=self.name_edit.text(),
                basis=self.basis,
                valid_from=from_qdate(self.from_edit.date()),
                valid_to=from_qdate(self.until_edit.date())
                if self.until_check.isChecked()
                else None,
                bands=self.band_inputs(),
            )
        except BandsError as error:
            findings = " ".join(finding_message(f, self.basis) for f in error.findings)
            show_error(self, ValidationError(findings, field=error.field))
            return
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()


class NormDialog(QDialog):
    """The monthly social-minimum norm (bijstandsnorm) for a household type in a year."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Social minimum"))
        self.year_edit = QLineEdit(str(date.today().year))
        self.household_combo = QComboBox()
        fill_combo(self.household_combo, [(h.label, h.value) for h in HouseholdType])
        self.amount_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Year:"), self.year_edit)
        form.addRow(_("Household:"), self.household_combo)
        form.addRow(_("Monthly norm:"), self.amount_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self, self.save))

    def save(self) -> None:
        try:
            year = int(self.year_edit.text())
            amount = parse_amount(self.amount_edit.text())
        except ValueError:
            show_error(
                self, ValidationError(_("Give a year like 2027 and an amount like 1.850,00."))
            )
            return
        try:
            self._context.call(
                fee_scales.set_norm,
                year=year,
                household_type=HouseholdType(self.household_combo.currentData()),
                monthly=amount,
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
