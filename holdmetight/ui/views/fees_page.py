"""The Fees page: fee scales, the yearly social-minimum norms, and the fee reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from holdmetight.domain.enums import Language
from holdmetight.i18n import _, format_date, format_money
from holdmetight.reports.fee_summary import render_fee_summary
from holdmetight.reports.municipality import render_municipality_report
from holdmetight.services import fee_summary, fees, municipality_report, organisations
from holdmetight.services.fees import FeeScaleInfo, NormInfo
from holdmetight.ui import events
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.fee_scale_editor import FeeScaleEditor, NormDialog
from holdmetight.ui.models.row_table import Column, RowTableModel
from holdmetight.ui.printing import PrintDialog
from holdmetight.ui.views.tables import make_table
from holdmetight.ui.widgets import date_edit, from_qdate


def _scale_bands(scale: FeeScaleInfo) -> str:
    return "; ".join(
        f"{fees.band_label(b, scale.basis)}: {format_money(b.fee)}" for b in scale.bands
    )


class FeeScaleModel(RowTableModel[FeeScaleInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda s: s.name),
                Column(lambda: _("Bands by"), lambda s: s.basis.label),
                Column(
                    lambda: _("Valid"),
                    lambda s: (
                        f"{format_date(s.valid_from)} – "
                        + (format_date(s.valid_to) if s.valid_to else "…")
                    ),
                ),
                Column(lambda: _("Bands and fees"), _scale_bands, tooltip=_scale_bands),
            ],
            parent,
        )


class NormModel(RowTableModel[NormInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Year"), lambda n: str(n.year)),
                Column(lambda: _("Household"), lambda n: n.household_type.label),
                Column(
                    lambda: _("Monthly norm"), lambda n: format_money(n.monthly), align_right=True
                ),
            ],
            parent,
        )


class FeesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.scales_title, self.norms_title, self.reports_title = QLabel(), QLabel(), QLabel()
        self.scales = FeeScaleModel(self)
        self.norms = NormModel(self)
        self.scales_table = make_table(self.scales, sortable=False, stretch_column=3)
        self.norms_table = make_table(self.norms, sortable=False, stretch_column=1)
        self.new_scale_button, self.norm_button = QPushButton(), QPushButton()
        self.new_scale_button.clicked.connect(self.new_scale)
        self.norm_button.clicked.connect(self.set_norm)
        today = date.today()
        self.first_edit = date_edit(date(today.year, 1, 1))
        self.last_edit = date_edit(date(today.year, 12, 31))
        self.summary_button, self.municipality_button = QPushButton(), QPushButton()
        self.summary_button.clicked.connect(self.print_summary)
        self.municipality_button.clicked.connect(self.print_municipalities)

        layout = QVBoxLayout(self)
        for title, button, table in (
            (self.scales_title, self.new_scale_button, self.scales_table),
            (self.norms_title, self.norm_button, self.norms_table),
        ):
            bar = QHBoxLayout()
            bar.addWidget(title)
            bar.addStretch(1)
            bar.addWidget(button)
            layout.addLayout(bar)
            layout.addWidget(table, stretch=1)
        reports = QHBoxLayout()
        reports.addWidget(self.reports_title)
        reports.addWidget(self.first_edit)
        reports.addWidget(QLabel("–"))
        reports.addWidget(self.last_edit)
        reports.addStretch(1)
        reports.addWidget(self.summary_button)
        reports.addWidget(self.municipality_button)
        layout.addLayout(reports)
        events.events().changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.scales_title.setText("<b>" + _("Fee scales") + "</b>")
        self.norms_title.setText("<b>" + _("Social minimum per year and household") + "</b>")
        self.reports_title.setText("<b>" + _("Reports for the period") + "</b>")
        self.new_scale_button.setText(_("New fee scale…"))
        self.norm_button.setText(_("Set norm…"))
        self.summary_button.setText(_("Fee summary…"))
        self.municipality_button.setText(_("Figures per municipality…"))
        self.scales.retranslate()
        self.norms.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.scales.set_rows(self._context.call(fees.list_fee_scales))
        self.norms.set_rows(self._context.call(fees.list_norms))

    def new_scale(self) -> None:
        if FeeScaleEditor(self._context, self).exec():
            events.announce(events.FEES)

    def set_norm(self) -> None:
        if NormDialog(self._context, self).exec():
            events.announce(events.FEES)

    def _period(self) -> tuple[date, date]:
        return from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())

    def _language(self) -> Language:
        organisation = self._context.call(organisations.get_organisation)
        return organisation.default_language if organisation else Language.NL

    def print_summary(self) -> None:
        first, last = self._period()

        def render(language: str) -> bytes:
            totals = self._context.call(fee_summary.fee_summary, first=first, last=last)
            return render_fee_summary(totals, language=language)

        PrintDialog(
            _("Fee summary"), f"fees-{first}-{last}.pdf", render, self._language(), self
        ).exec()

    def print_municipalities(self) -> None:
        first, last = self._period()
        organisation = self._context.call(organisations.get_organisation)

        def render(language: str) -> bytes:
            figures = self._context.call(
                municipality_report.municipality_report, first=first, last=last
            )
            return render_municipality_report(
                figures,
                first=first,
                last=last,
                organisation=organisation.name if organisation else "",
                logo=organisation.logo_png if organisation else None,
                language=language,
            )

        PrintDialog(
            _("Figures per municipality"),
            f"municipalities-{first}-{last}.pdf",
            render,
            self._language(),
            self,
        ).exec()

    def _on_changed(self, kind: str) -> None:
        if kind in (events.FEES, events.ALL):
            self.refresh()
