"""Consent per partner in the window: ticked with the date it was given, withdrawn by taking
the tick away; what was recorded shows when the dialog opens again."""

from __future__ import annotations

from datetime import date, timedelta

from holdmetight.domain.enums import ConsentPurpose
from holdmetight.services import consents, couple_list
from holdmetight.ui.dialogs.consent import ConsentDialog
from holdmetight.ui.widgets import to_qdate


def test_consent_is_given_and_withdrawn_per_partner_and_purpose(qtbot, demo_context):
    couple_id = demo_context.call(couple_list.list_couples, limit=1)[0].id
    dialog = ConsentDialog(demo_context, couple_id)
    qtbot.addWidget(dialog)
    email = (2, ConsentPurpose.EMAIL)
    assert not dialog.checks[email].isChecked()
    dialog.checks[email].setChecked(True)
    last_week = date.today() - timedelta(days=7)
    dialog.dates[email].setDate(to_qdate(last_week))
    dialog.save()
    found = {
        (c.partner, c.purpose): c
        for c in demo_context.call(consents.consents_of, couple_id=couple_id)
    }
    assert found[email].given_on == last_week and found[email].in_force(date.today())
    assert not found[(1, ConsentPurpose.EMAIL)].in_force(date.today())

    again = ConsentDialog(demo_context, couple_id)
    qtbot.addWidget(again)
    assert again.checks[email].isChecked()
    assert "given on" in again.states[email].text()
    again.checks[email].setChecked(False)  # withdrawn today
    again.save()
    found = {
        (c.partner, c.purpose): c
        for c in demo_context.call(consents.consents_of, couple_id=couple_id)
    }
    assert found[email].withdrawn_on == date.today()
    assert not found[email].in_force(date.today())
