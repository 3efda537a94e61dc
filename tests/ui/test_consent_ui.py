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
    # Sharing with the referrer: the demo asks no couple for it (e-mail contact it does ask).
    sharing = (2, ConsentPurpose.REFERRER)
    assert not dialog.checks[sharing].isChecked()
    dialog.checks[sharing].setChecked(True)
    last_week = date.today() - timedelta(days=7)
    dialog.dates[sharing].setDate(to_qdate(last_week))
    dialog.save()
    found = {
        (c.partner, c.purpose): c
        for c in demo_context.call(consents.consents_of, couple_id=couple_id)
    }
    assert found[sharing].given_on == last_week and found[sharing].in_force(date.today())
    assert not found[(1, ConsentPurpose.REFERRER)].in_force(date.today())

    again = ConsentDialog(demo_context, couple_id)
    qtbot.addWidget(again)
    assert again.checks[sharing].isChecked()
    assert "given on" in again.states[sharing].text()
    again.checks[sharing].setChecked(False)  # withdrawn today
    again.save()
    found = {
        (c.partner, c.purpose): c
        for c in demo_context.call(consents.consents_of, couple_id=couple_id)
    }
    assert found[sharing].withdrawn_on == date.today()
    assert not found[sharing].in_force(date.today())
