"""The audit trail in the window: opening a couple's file, printing and exporting are noted
before anything is shown or leaves, and an administrator reads, filters and exports the trail;
a facilitator's window does not offer it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlmodel import select

from holdmetight.db.roles import Role
from holdmetight.domain.fees import Payment
from holdmetight.errors import DatabaseError
from holdmetight.services import audit_trail, couple_list
from holdmetight.services.audit_trail import AuditFilter
from holdmetight.services.transaction import couple_of
from holdmetight.ui import couple_actions, fee_actions
from holdmetight.ui.dialogs.audit_trail import AuditTrailDialog
from holdmetight.ui.main_window import PAGE_COUPLES, MainWindow
from holdmetight.ui.printing import PrintDialog
from tests.ui.conftest import wait_for_jobs


def newest(context, couple_id=None):
    return context.call(audit_trail.list_entries, which=AuditFilter(couple_id=couple_id), limit=1)[
        0
    ]


def a_couple(context) -> int:
    return context.call(couple_list.list_couples, limit=1)[0].id


def a_payment(context) -> tuple[int, int]:
    """A payment's number and the couple that paid it."""
    with context.database.session() as session:
        payment_id = session.exec(select(Payment.id).order_by(Payment.id)).first()
        return payment_id, couple_of(session, "payment", payment_id)


def test_opening_a_couples_details_or_history_is_noted_as_a_view(
    qtbot, demo_context, window_settings, monkeypatch
):
    couple_id = a_couple(demo_context)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    couple_actions.edit_couple(None, demo_context, couple_id)
    entry = newest(demo_context)
    assert (entry.action, entry.record, entry.couple_id) == ("view", "couple", couple_id)
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_COUPLES)
    page = window.couples_page
    page.table.selectRow(0)
    shown = page.selected_id()
    before = demo_context.call(audit_trail.count_entries, which=AuditFilter(couple_id=shown))
    page.show_history()
    after = demo_context.call(audit_trail.count_entries, which=AuditFilter(couple_id=shown))
    assert after == before + 1 and newest(demo_context, shown).action == "view"


def test_a_file_that_cannot_be_noted_is_not_shown(demo_context, monkeypatch):
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr("holdmetight.ui.couple_actions.show_error", lambda *a: None)

    def refused(*_args, **_kwargs):
        raise DatabaseError("De database is bezet.")

    monkeypatch.setattr(audit_trail, "record_view", refused)
    couple_actions.edit_couple(None, demo_context, a_couple(demo_context))
    assert opened == []


def test_a_saved_receipt_is_noted_first_with_the_couple_that_paid(
    qtbot, demo_context, tmp_path, monkeypatch
):
    payment_id, couple_id = a_payment(demo_context)
    dialogs: list[PrintDialog] = []
    monkeypatch.setattr(PrintDialog, "exec", lambda self: dialogs.append(self) or 0)
    fee_actions.print_receipt(None, demo_context, payment_id)
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "bewijs.pdf")
    wait_for_jobs(qtbot)
    assert PdfReader(tmp_path / "bewijs.pdf").pages
    entry = newest(demo_context)
    assert (entry.action, entry.record, entry.record_id) == ("export", "receipt", payment_id)
    assert entry.couple_id == couple_id is not None
    assert entry.detail == "language=nl"


def test_nothing_leaves_when_the_trail_cannot_note_it(qtbot, demo_context, tmp_path, monkeypatch):
    def refused(*_args, **_kwargs):
        raise DatabaseError("De database is bezet.")

    errors = []
    monkeypatch.setattr("holdmetight.ui.printing.show_error", lambda _p, e: errors.append(e))
    payment_id, _couple_id = a_payment(demo_context)
    dialogs: list[PrintDialog] = []
    monkeypatch.setattr(PrintDialog, "exec", lambda self: dialogs.append(self) or 0)
    fee_actions.print_receipt(None, demo_context, payment_id)
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    monkeypatch.setattr(audit_trail, "record_output", refused)
    dialog.save_to(tmp_path / "bewijs.pdf")
    wait_for_jobs(qtbot)
    assert not (tmp_path / "bewijs.pdf").exists()
    assert [str(e) for e in errors] == ["De database is bezet."]


def test_an_export_of_couples_is_noted_with_its_format_and_rows(
    qtbot, demo_context, tmp_path, monkeypatch
):
    target = tmp_path / "stellen.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    couple_actions.export_table(None, demo_context, "couples")
    wait_for_jobs(qtbot)
    rows = len(target.read_text(encoding="utf-8-sig").splitlines()) - 1
    entry = newest(demo_context)
    assert (entry.action, entry.record) == ("export", "couples")
    assert entry.detail == f"format=csv; rows={rows}"


def test_the_trail_is_filtered_and_exported_from_its_dialog(qtbot, demo_context, tmp_path):
    couple_id = a_couple(demo_context)
    demo_context.call(audit_trail.record_view, couple_id=couple_id)
    dialog = AuditTrailDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    everything = demo_context.call(audit_trail.count_entries, which=AuditFilter())
    assert dialog.model.total == everything
    assert dialog.count_label.text().split()[0].replace(".", "") == str(everything)
    first = dialog.model.rows()[0]
    assert (first.action, first.couple_id) == ("view", couple_id)
    dialog.couple_spin.setValue(couple_id)
    assert dialog.model.total and all(r.couple_id == couple_id for r in dialog.model.rows())
    dialog.user_combo.setCurrentIndex(dialog.user_combo.count() - 1)
    chosen = dialog.user_combo.currentData()
    assert all(r.user == chosen for r in dialog.model.rows())
    dialog.user_combo.setCurrentIndex(0)
    tomorrow = date.today() + timedelta(days=1)
    dialog.from_edit.setDate(tomorrow)
    dialog.to_edit.setDate(tomorrow)
    assert dialog.model.total == 0 and not dialog.export_button.isEnabled()
    dialog.from_edit.setDate(date.today() - timedelta(days=3650))
    dialog.to_edit.setDate(date.today())
    counted = dialog.model.total
    dialog.export_to(tmp_path / "logboek")
    wait_for_jobs(qtbot)
    lines = Path(tmp_path / "logboek.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == counted + 1
    assert lines[0].split(";")[:3] == ["When", "Who", "What"] or lines[0].startswith("Wanneer")
    # The export is itself in the trail, and the dialog shows it at once.
    assert dialog.model.total == counted + 1
    entry = dialog.model.rows()[0]
    assert (entry.action, entry.record) == ("export", "audit_trail")
    assert entry.detail.startswith(f"couple={couple_id}; period=")


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.ADMINISTRATOR, None])
def test_only_an_administrators_window_offers_the_trail(qtbot, demo_context, window_settings, role):
    demo_context.database.role = role
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_COUPLES)
    sees = role is not Role.FACILITATOR
    assert window.audit_action.isVisible() is sees
    page = window.couples_page
    assert page.audit_action.isVisible() is sees
    assert page.personal_data_action.isVisible() is sees
    assert page.anonymise_action.isVisible() is sees
    assert page.consent_action.isVisible()  # recording consent is everyone's work
