"""The retention period in the window: set in Settings, said in the status bar a moment after
the start when couples are past it, and worked through in the list of couples due."""

from __future__ import annotations

import pytest

from holdmetight.db.roles import Role
from holdmetight.services import organisations, retention
from holdmetight.ui.dialogs.anonymise import AnonymiseDialog
from holdmetight.ui.dialogs.retention import RetentionDialog
from holdmetight.ui.dialogs.settings import SettingsDialog
from holdmetight.ui.main_window import MainWindow
from tests.ui.conftest import wait_for_jobs


def test_the_list_of_couples_due_leads_to_anonymising_them(qtbot, demo_context, monkeypatch):
    (overdue,) = demo_context.call(retention.due_for_anonymisation)
    dialog = RetentionDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.total == 1 and dialog.model.row_at(0).couple_id == overdue.couple_id
    assert dialog.count_label.text() == "1 couple is due for anonymisation."
    assert "more than 5 years ago" in dialog.explanation.text()
    assert not dialog.anonymise_button.isEnabled()
    dialog.table.selectRow(0)

    def confirm(anonymise: AnonymiseDialog) -> int:
        anonymise.name_edit.setText(overdue.names.split(",")[0])
        anonymise.anonymise_button.click()
        return 1

    monkeypatch.setattr(AnonymiseDialog, "exec", confirm)
    dialog.anonymise_button.click()
    assert dialog.model.total == 0  # the list follows the change at once
    assert dialog.count_label.text() == "0 couples are due for anonymisation."


@pytest.mark.parametrize("role", [None, Role.FACILITATOR])
def test_the_status_bar_says_when_couples_are_due(
    qtbot, demo_context, window_settings, role, monkeypatch
):
    demo_context.database.role = role
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.look_for_couples_due()
    wait_for_jobs(qtbot)
    assert window.retention_label.isVisible() is (role is None)
    assert window.retention_action.isVisible() is (role is None)
    if role is None:
        assert window.retention_label.toolTip() == "1 couple is due for anonymisation"
        opened = []
        monkeypatch.setattr(RetentionDialog, "exec", lambda self: opened.append(self) or 0)
        window.retention_label.linkActivated.emit("retention")
        assert len(opened) == 1


def test_the_retention_period_is_set_in_settings(qtbot, demo_context):
    dialog = SettingsDialog(demo_context)
    qtbot.addWidget(dialog)
    assert dialog.retention_spin.value() == 5
    assert "privacy policy" in dialog.retention_help.text()
    dialog.retention_spin.setValue(7)
    dialog.save()
    assert demo_context.call(organisations.get_organisation).retention_years == 7
