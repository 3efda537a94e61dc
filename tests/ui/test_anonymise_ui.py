"""Anonymising from the Couples page: the dialog says what goes and what stays, names the
backups that still hold the data, and acts only once the family name is typed."""

from __future__ import annotations

from holdmetight.db.backup import backup_database
from holdmetight.services import couple_list, couples
from holdmetight.ui.dialogs.anonymise import AnonymiseDialog
from holdmetight.ui.main_window import PAGE_COUPLES, MainWindow


def first_couple(context):
    row = context.call(couple_list.list_couples, limit=1)[0]
    return context.call(couples.get_couple, couple_id=row.id)


def test_the_couple_is_anonymised_only_after_its_family_name_is_typed(qtbot, demo_context):
    couple = first_couple(demo_context)
    family = couple.partners[0].family_name
    dialog = AnonymiseDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    assert not dialog.anonymise_button.isEnabled()
    assert family in dialog.prompt.text()
    dialog.name_edit.setText(family[:-1])
    assert not dialog.anonymise_button.isEnabled()
    dialog.name_edit.setText(f"  {family.upper()} ")
    assert dialog.anonymise_button.isEnabled()
    dialog.anonymise_button.click()
    assert dialog.erased is not None and dialog.erased.partner is None
    assert couple.id not in {c.id for c in demo_context.call(couple_list.list_couples, limit=999)}


def test_choosing_a_partner_asks_for_that_partners_name(qtbot, demo_context):
    couple = first_couple(demo_context)
    dialog = AnonymiseDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    dialog.partner_buttons[1].setChecked(True)
    second = couple.partners[1].family_name
    assert second in dialog.prompt.text()
    assert "other partner's details stay" in dialog.explanation.text()
    dialog.name_edit.setText(second)
    dialog.anonymise_button.click()
    assert dialog.erased is not None and dialog.erased.partner == 2
    after = demo_context.call(couples.get_couple, couple_id=couple.id)
    assert after.partners[0].family_name == couple.partners[0].family_name
    assert after.partners[1].family_name == ""


def test_the_backups_that_still_hold_the_data_are_named(qtbot, demo_context):
    database = demo_context.database
    dialog = AnonymiseDialog(demo_context, first_couple(demo_context).id)
    qtbot.addWidget(dialog)
    assert "no backups" in dialog.backups_label.text()
    assert database.path is not None and database.backups_dir is not None
    backup_database(database.path, database.backups_dir, reason="test")
    dialog = AnonymiseDialog(demo_context, first_couple(demo_context).id)
    qtbot.addWidget(dialog)
    assert "expire by rotation" in dialog.backups_label.text()


def test_the_couples_page_offers_it_to_an_administrator(
    qtbot, demo_context, window_settings, monkeypatch
):
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_COUPLES)
    page = window.couples_page
    assert page.privacy_button.isVisible() and not page.privacy_button.isEnabled()
    page.table.selectRow(0)
    assert page.privacy_button.isEnabled() and page.anonymise_action.isVisible()
    opened = []
    monkeypatch.setattr(AnonymiseDialog, "exec", lambda self: opened.append(self) or 0)
    page.anonymise_action.trigger()
    assert len(opened) == 1


def test_the_window_makes_erasures_again_in_a_restored_copy_and_says_so(qtbot, demo_context):
    from holdmetight.db.restore import restore_database
    from holdmetight.ui.app import make_erasures_again

    database = demo_context.database
    assert database.path is not None and database.backups_dir is not None
    older = backup_database(database.path, database.backups_dir, reason="test")
    couple = first_couple(demo_context)
    dialog = AnonymiseDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText(couple.partners[0].family_name)
    dialog.anonymise_button.click()
    assert make_erasures_again(demo_context) == ""
    database.dispose()
    restore_database(older, database.path, database.backups_dir)
    assert make_erasures_again(demo_context) == (
        "This database was restored from a copy made before 1 erasure: it has been made again."
    )
    assert couple.id not in {c.id for c in demo_context.call(couple_list.list_couples, limit=99)}


def test_personal_data_are_saved_for_the_couple_or_one_partner(qtbot, demo_context, tmp_path):
    import json

    from holdmetight.services import audit_trail
    from holdmetight.services.audit_trail import AuditFilter
    from holdmetight.ui.dialogs.personal_data import PersonalDataDialog
    from tests.ui.conftest import wait_for_jobs

    couple = first_couple(demo_context)
    dialog = PersonalDataDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    dialog.whom_combo.setCurrentIndex(2)
    assert dialog.partner() == 2
    assert dialog.language_combo.currentData() == couple.partners[1].preferred_language.value
    dialog.save_to(tmp_path)
    wait_for_jobs(qtbot)
    names = sorted(p.name for p in dialog.written)
    assert names == [
        f"personal-data-couple-{couple.id}-partner-2.json",
        f"personal-data-couple-{couple.id}-partner-2.pdf",
    ]
    data = json.loads((tmp_path / names[0]).read_text(encoding="utf-8"))
    assert [p["position"] for p in data["tables"]["partner"]] == [2]
    entry = demo_context.call(
        audit_trail.list_entries, which=AuditFilter(couple_id=couple.id), limit=1
    )[0]
    assert (entry.action, entry.record, entry.detail) == (
        "export",
        "personal_data",
        f"partner=2; format=pdf+json; language={couple.partners[1].preferred_language.value}",
    )


def test_personal_data_go_into_an_encrypted_zip_with_a_passphrase_typed_twice(
    qtbot, demo_context, tmp_path, monkeypatch
):
    import zipfile

    from holdmetight.ui.dialogs.personal_data import PersonalDataDialog
    from tests.ui.conftest import wait_for_jobs

    errors = []
    monkeypatch.setattr(
        "holdmetight.ui.dialogs.personal_data.show_error", lambda _p, e: errors.append(e)
    )
    couple = first_couple(demo_context)
    dialog = PersonalDataDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    dialog.encrypt_check.setChecked(True)
    dialog.passphrase_edit.setText("paard batterij nietje")
    dialog.passphrase_again_edit.setText("paard batterij nietjes")
    stick = tmp_path / "usb"
    stick.mkdir()
    dialog.save_to(stick)
    assert "differ" in str(errors.pop()) and list(stick.iterdir()) == []
    dialog.passphrase_again_edit.setText("paard batterij nietje")
    dialog.save_to(stick)
    wait_for_jobs(qtbot)
    (written,) = dialog.written
    assert written.suffix == ".zip"
    with zipfile.ZipFile(written) as archive:
        assert {i.compress_type for i in archive.infolist()} == {99}


def test_after_one_partner_is_erased_the_rest_of_the_couple_can_be(qtbot, demo_context):
    from holdmetight.services import privacy

    couple = first_couple(demo_context)
    demo_context.call(privacy.anonymise, couple_id=couple.id, partner=2)
    dialog = AnonymiseDialog(demo_context, couple.id)
    qtbot.addWidget(dialog)
    assert not dialog.partner_buttons[1].isEnabled() and dialog.partner_buttons[0].isEnabled()
    assert couple.partners[0].family_name in dialog.prompt.text()
    dialog.name_edit.setText(couple.partners[0].family_name)
    dialog.anonymise_button.click()
    assert dialog.erased is not None and dialog.erased.partner is None
