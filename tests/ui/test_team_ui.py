"""Starting empty: the team and venues are entered from the window, then offered for courses."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from holdmetight.services import facilitators, venues
from holdmetight.ui.dialogs.new_course import NewCourseDialog
from holdmetight.ui.dialogs.team_forms import FacilitatorDialog, VenueDialog
from holdmetight.ui.main_window import PAGE_TEAM, MainWindow


def test_facilitator_and_venue_entered_on_an_empty_database_are_offered_for_a_new_course(
    qtbot, context, window_settings
):
    window = MainWindow(context, window_settings)
    qtbot.addWidget(window)
    window.show_page(PAGE_TEAM)
    person = FacilitatorDialog(context, None, window)
    qtbot.addWidget(person)
    person.given_edit.setText("Marloes")
    person.prefix_edit.setText("van")
    person.family_edit.setText("Dijk")
    person.phone_edit.setText("0612345678")
    person.hmt_check.setChecked(True)
    person.save()
    place = VenueDialog(context, None, window)
    qtbot.addWidget(place)
    place.name_edit.setText("Wijkcentrum De Brug")
    place.postcode_edit.setText("3512ab")
    place.rooms_edit.setText("Zaal 1, Spreekkamer 2 ,")
    place.save()
    window.team_page.refresh()
    assert window.team_page.people.model.row_at(0).list_name == "Dijk, Marloes van"
    assert window.team_page.people.model.row_at(0).phone == "06 12345678"
    (venue,) = context.call(venues.list_venues)
    assert [r.name for r in venue.rooms] == [
        "Spreekkamer 2",
        "Zaal 1",
    ] and venue.postcode == "3512 AB"
    dialog = NewCourseDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.lead_combo.findText("Dijk, Marloes van") > 0
    dialog.venue_combo.setCurrentIndex(dialog.venue_combo.findData(venue.id))
    assert dialog.room_combo.count() == 3 and dialog.room_combo.isEnabled()


def test_facilitator_without_family_name_is_refused(qtbot, context, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog = FacilitatorDialog(context)
    qtbot.addWidget(dialog)
    dialog.given_edit.setText("Ahmed")
    dialog.save()
    assert shown == ["Family name is required."] and dialog.saved is None
    assert context.call(facilitators.list_facilitators) == []
