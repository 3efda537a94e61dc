"""Adding the published norms from the Fees page (issue 14, item 8): the table fills, and the
message says what was added, from which sources, and what is still missing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import HouseholdType
from holdmetight.i18n import using_language
from holdmetight.services import published_norms
from holdmetight.services.fee_scales import NormInfo
from holdmetight.ui.norms_report import norms_report


def test_the_fees_page_adds_the_published_norms_and_says_what_is_missing(
    qtbot, context, window_settings, monkeypatch
):
    from holdmetight.ui.main_window import PAGE_FEES, MainWindow

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window = MainWindow(context, window_settings)
    qtbot.addWidget(window)
    window.show_page(PAGE_FEES)
    page = window.fees_page
    assert page.norms.rowCount() == 0
    page.published_norms_button.click()
    page.refresh()
    assert page.norms.rowCount() == 2
    assert "2 norms added" in shown[-1] and "Gemeente Westland" in shown[-1]
    page.published_norms_button.click()
    assert "nothing was changed" in shown[-1]


def test_the_report_lists_this_and_last_years_missing_norms_in_the_users_language():
    years = published_norms.read_published_norms()
    present = [NormInfo(2025, HouseholdType.LIVING_TOGETHER, Decimal("1922.07"))]
    with using_language("nl"):
        text = norms_report(present, years, present, date(2026, 3, 1))
    assert "1 norm toegevoegd" in text
    assert "2026, gehuwd of samenwonend" in text
    assert "2025, niet samenwonend" in text
    missing = next(p for p in text.split("\n\n") if "2026, " in p)
    assert "– 2025, gehuwd of samenwonend" not in missing.splitlines()
    assert "– 2025, gehuwd of samenwonend, AOW-leeftijd" in missing.splitlines()
