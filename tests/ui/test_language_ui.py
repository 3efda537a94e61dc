"""Switching the interface language in Settings: everything changes at once, nothing is lost."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage

from holdmetight.config import load_settings
from holdmetight.i18n import current_language
from holdmetight.services import organisations
from holdmetight.ui.dialogs.settings import SettingsDialog
from holdmetight.ui.main_window import PAGE_COUPLES, MainWindow
from holdmetight.ui.widgets import select_data


def test_switching_language_changes_every_page_and_keeps_typed_text(
    qtbot, demo_context, window_settings
):
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show_page(PAGE_COUPLES)
    window.couples_page.filter_edit.setText("jansen")
    window.apply_language("nl")
    assert current_language() == "nl"
    assert window.file_menu.title() == "&Bestand"
    assert window.navigation.item(PAGE_COUPLES).text() == "Stellen"
    header = window.courses_page.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Titel"
    assert window.couples_page.filter_edit.placeholderText().startswith("Filter op naam")
    assert window.couples_page.filter_edit.text() == "jansen", "typed text survives the switch"
    assert window.courses_page.detail.attendance_tab.undo_button.text() == "Ongedaan maken"
    window.apply_language("en")
    assert window.file_menu.title() == "&File"


def test_settings_saves_the_language_and_the_organisation_with_its_logo(
    qtbot, demo_context, tmp_path, monkeypatch
):
    logo = tmp_path / "logo.jpg"
    image = QImage(1200, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    image.save(str(logo))
    dialog = SettingsDialog(demo_context)
    qtbot.addWidget(dialog)
    select_data(dialog.language_combo, "nl")
    dialog.name_edit.setText("Wijkteam Oost")
    monkeypatch.setattr(
        "holdmetight.ui.dialogs.settings.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(logo), ""),
    )
    dialog.choose_logo()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert load_settings().language == "nl"
    org = demo_context.call(organisations.get_organisation)
    assert org.name == "Wijkteam Oost" and org.logo_png.startswith(b"\x89PNG")
    stored = QImage()
    stored.loadFromData(org.logo_png)
    assert (stored.width(), stored.height()) == (600, 200), "scaled to fit a letterhead"


def test_the_fees_page_dates_follow_a_switch_of_language(qtbot, demo_context, window_settings):
    from holdmetight.ui.main_window import PAGE_FEES

    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.apply_language("nl")
    window.show_page(PAGE_FEES)
    first = window.fees_page.first_edit
    first.setDate(QDate(2026, 1, 1))  # a Thursday
    assert first.text().startswith("do 1 jan"), first.text()
    window.apply_language("en")
    assert first.text().startswith("Thu 1 Jan"), first.text()
    assert first.calendarWidget().locale().name().startswith("en")
    window.apply_language("nl")
    assert first.text().startswith("do 1 jan")


def test_the_damage_warning_in_the_status_bar_follows_a_switch_of_language(
    qtbot, demo_context, window_settings, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.apply_language("nl")
    window.show_damage("pagina 7 is beschadigd")
    assert window.damage_label.text() == "De database is beschadigd: zet een back-up terug."
    window.apply_language("en")
    assert window.damage_label.text() == "The database is damaged: restore a backup."
    assert window.damage_label.isVisibleTo(window)


def test_dialogs_open_wide_enough_for_the_dutch_texts(qtbot, demo_context):
    """A width set by hand cut off Dutch texts in Settings (issue 14): a dialog opens at least
    as wide as its widest row needs, in either language."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from holdmetight.i18n import set_language

    for language in ("nl", "en"):
        set_language(language)
        dialog = SettingsDialog(demo_context)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() >= dialog.minimumSizeHint().width()
        for widget in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel):
            if widget.isVisible() and widget.text():
                assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
        dialog.close()
