"""Registering couples, their intake and enrollment from the window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from holdmetight.domain.enums import EnrollmentStatus, IntakeOutcome, TrafficLight
from holdmetight.services import couple_list, enrollments, intakes
from holdmetight.ui.dialogs.couple_form import CoupleDialog
from holdmetight.ui.dialogs.enroll_form import EnrollDialog
from holdmetight.ui.dialogs.intake_form import IntakeDialog
from tests.ui.conftest import wait_for_jobs


@pytest.fixture
def no_message_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def type_partner(box, given, family, prefix="", email=""):
    box.given_edit.setText(given)
    box.prefix_edit.setText(prefix)
    box.family_edit.setText(family)
    box.email_edit.setText(email)


def test_new_couple_is_registered_and_sorted_by_family_name(qtbot, context, no_message_boxes):
    dialog = CoupleDialog(context)
    qtbot.addWidget(dialog)
    type_partner(dialog.first, "Jan", "Berg", "van der", "jan@example.com")
    type_partner(dialog.second, "Fatma", "Yılmaz")
    dialog.postcode_edit.setText("3512ab")
    dialog.municipality_edit.setText("Utrecht")
    dialog.save()
    assert no_message_boxes == [] and dialog.saved is not None
    (row,) = context.call(couple_list.list_couples)
    assert row.names == "Berg, Jan van der & Yılmaz, Fatma" and row.postcode == "3512 AB"


def test_invalid_email_is_explained_and_the_field_gets_focus(qtbot, context, no_message_boxes):
    dialog = CoupleDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_partner(dialog.first, "Jan", "Smit", email="jan@")
    type_partner(dialog.second, "Els", "Smit")
    dialog.save()
    assert no_message_boxes == ["jan@ is not a valid e-mail address."]
    assert dialog.saved is None and dialog.focusWidget() is dialog.first.email_edit
    assert context.call(couple_list.count_couples) == 0


def test_likely_duplicate_is_shown_before_saving(qtbot, context, make, monkeypatch):
    existing = make.couple("Jansen")
    dialog = CoupleDialog(context)
    qtbot.addWidget(dialog)
    type_partner(dialog.first, "Kees", "Anders", email=existing.partners[0].email)
    type_partner(dialog.second, "Els", "Anders")
    dialog.first.email_edit.editingFinished.emit()
    assert not dialog.duplicates.isHidden()
    assert "Jansen, Anna & Visser, Bram (same e-mail address" in dialog.duplicates.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.save()
    assert dialog.saved is None and context.call(couple_list.count_couples) == 1


def test_screening_flag_sets_referral_and_blocks_enrollment(qtbot, context, make):
    couple = make.couple()
    make.course("HMV-1")
    dialog = IntakeDialog(context, couple.id, couple.names)
    qtbot.addWidget(dialog)
    dialog.flag_checks["flag_addiction"].setChecked(True)
    assert dialog.outcome_combo.currentData() == IntakeOutcome.REFER.value
    assert dialog.referral_edit.isEnabled()
    dialog.referral_edit.setText("Verslavingszorg")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.flags == {"flag_addiction"}
    enroll = EnrollDialog(context, couple.id)
    qtbot.addWidget(enroll)
    assert "screening flags" in enroll.objection_label.text()
    assert not enroll.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_enroll_dialog_shows_language_and_waiting_list(qtbot, context, make, session):
    course = make.course("HMV-2", capacity=1)
    first, second = make.couple(), make.couple()
    enrollments.enroll(session, couple_id=first.id, course_id=course.row.id)
    dialog = EnrollDialog(context, second.id)
    qtbot.addWidget(dialog)
    assert dialog.language_label.text() == "course in Dutch: matches"
    assert dialog.places_label.text() == (
        "0 of 1 places free; the couple goes on the waiting list (no. 1): the course is full"
    )
    dialog.save()
    assert dialog.saved is not None and dialog.saved.status is EnrollmentStatus.WAITLISTED


def test_red_light_needs_a_reason_in_the_enroll_dialog(
    qtbot, context, make, session, no_message_boxes
):
    course = make.course("HMV-3")
    couple = make.couple()
    intakes.record_intake(
        session,
        couple_id=couple.id,
        on=date.today() - timedelta(days=1),
        traffic_light=TrafficLight.RED,
        outcome=IntakeOutcome.NOT_SUITABLE,
    )
    dialog = EnrollDialog(context, couple.id)
    qtbot.addWidget(dialog)
    assert dialog.override_edit.isEnabled()
    dialog.save()
    assert "Give a reason to enroll them anyway" in no_message_boxes[0]
    dialog.override_edit.setText("Na overleg met de verwijzer")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.course_id == course.row.id


def test_import_dialog_checks_first_then_imports_and_lists_problems(qtbot, context, tmp_path):
    from holdmetight.ui.dialogs.import_couples import ImportCouplesDialog

    source = tmp_path / "aanmeldingen.csv"
    source.write_bytes(
        b"voornaam1;achternaam1;voornaam2;achternaam2;postcode\r\n"
        b"Anna;Jansen;Bram;Visser;3512 AB\r\n"
        b"Kees;Bos;Els;Bos;99\r\n"
    )
    dialog = ImportCouplesDialog(context, source)
    qtbot.addWidget(dialog)
    wait_for_jobs(qtbot)
    assert dialog.report is not None and dialog.report.dry_run
    assert context.call(couple_list.count_couples) == 0
    assert dialog.problems.rowCount() == 1 and dialog.problems.item(0, 0).text() == "3"
    assert dialog.import_button.text() == "Import 1 couple"
    dialog.import_button.click()
    wait_for_jobs(qtbot)
    assert not dialog.report.dry_run and dialog.report.imported == 1
    assert context.call(couple_list.count_couples) == 1
    assert dialog.import_button.isHidden()


def test_a_filter_many_couples_match_says_more_than_and_scrolls_to_every_one(
    qtbot, context, session, monkeypatch
):
    from holdmetight.services import couples
    from holdmetight.ui.models import couple_table
    from holdmetight.ui.views import couples_page
    from holdmetight.ui.views.couples_page import CouplesPage

    monkeypatch.setattr(couple_table, "PAGE_ROWS", 10)
    monkeypatch.setattr(couples_page, "COUNTED_AT_MOST", 25)
    for n in range(40):
        couples.create_couple(
            session,
            partners=(
                couples.PartnerInput("Anna", f"Jansen{n:02}"),
                couples.PartnerInput("Bram", "Visser"),
            ),
        )
    couples.create_couple(
        session, partners=(couples.PartnerInput("Els", "Bos"), couples.PartnerInput("Tom", "Bos"))
    )
    page = CouplesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.count_label.text() == "41 couples"  # everyone is counted
    page.filter_edit.setText("jansen")
    page.refresh()
    assert page.count_label.text() == "more than 25 couples"
    assert page.model.rowCount() == 10
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 40 and page.count_label.text() == "40 couples"
    page.filter_edit.setText("bos")
    page.refresh()
    assert page.count_label.text() == "1 couple" and page.model.rowCount() == 1


def test_postal_addresses_are_entered_for_the_couple_and_a_partner_living_elsewhere(
    qtbot, context, no_message_boxes
):
    from holdmetight.services import couples

    dialog = CoupleDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_partner(dialog.first, "Jan", "Berg", "van der", "jan@example.com")
    type_partner(dialog.second, "Fatma", "Yılmaz")
    dialog.home.street_edit.setText("Oudegracht")
    dialog.home.number_edit.setText("12 bis")
    dialog.postcode_edit.setText("3512ab")
    dialog.home.town_edit.setText("Utrecht")
    assert not dialog.second.address.isVisible()
    dialog.second.elsewhere_check.setChecked(True)
    assert dialog.second.address.isVisible()
    dialog.second.address.town_edit.setText("Zeist")  # half an address
    dialog.save()
    assert dialog.saved is None and "Partner 2: give the whole address" in no_message_boxes[0]
    assert dialog.focusWidget() is dialog.second.address.street_edit
    dialog.second.address.street_edit.setText("Slotlaan")
    dialog.second.address.number_edit.setText("3")
    dialog.second.address.postcode_edit.setText("3701 GB")
    dialog.second.post_check.setChecked(True)
    dialog.save()
    assert dialog.saved is not None
    stored = context.call(couples.get_couple, couple_id=dialog.saved.id)
    assert stored.address.lines() == ("Oudegracht 12 bis", "3512 AB  UTRECHT")
    assert stored.address_of(stored.partners[1]).lines() == ("Slotlaan 3", "3701 GB  ZEIST")
    assert stored.partners[1].prefers_post and not stored.partners[0].prefers_post
    again = CoupleDialog(context, stored)
    qtbot.addWidget(again)
    assert again.second.elsewhere_check.isChecked() and not again.first.elsewhere_check.isChecked()
    assert again.home.number_edit.text() == "12 bis"
