"""An organisation rewrites a handout in the application; printing uses it; it can go back."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from holdmetight.services import handouts
from holdmetight.ui.dialogs.handout_editor import HandoutEditor
from holdmetight.ui.widgets import select_data


def test_own_handout_text_is_used_for_printing_and_can_be_restored(
    qtbot, context, make, monkeypatch
):
    make.course("HMV-H", first_date=date(2027, 3, 9))
    editor = HandoutEditor(context, "C1", "Gesprek 1")
    qtbot.addWidget(editor)
    select_data(editor.language_combo, "en")
    assert editor.text_edit.toPlainText().startswith("# Aim of this session")
    assert not editor.restore_button.isEnabled()
    editor.text_edit.setPlainText("# Our aim\nTalk kindly.\n\n# Homework\n- Walk together.")
    editor.save()
    items = context.call(handouts.handouts_for_course, course_code="HMV-H", language="en")
    first_conversation = next(i for i in items if i.meeting.step_code == "C1")
    assert [s.heading for s in first_conversation.sections] == ["Our aim", "Homework"]
    dutch = next(
        i
        for i in context.call(handouts.handouts_for_course, course_code="HMV-H", language="nl")
        if i.meeting.step_code == "C1"
    )
    assert dutch.sections[0].heading == "Doel van deze bijeenkomst", "only English changed"
    again = HandoutEditor(context, "C1", "Gesprek 1")
    qtbot.addWidget(again)
    select_data(again.language_combo, "en")
    assert again.restore_button.isEnabled()
    again.restore()
    assert again.text_edit.toPlainText().startswith("# Aim of this session")


def test_text_without_headings_is_refused(qtbot, context, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    editor = HandoutEditor(context, "C2", "Gesprek 2")
    qtbot.addWidget(editor)
    editor.text_edit.setPlainText("just some words")
    editor.save()
    assert shown and "'# '" in shown[0]
    assert not context.call(handouts.handout_source, step_code="C2", language="nl").own
