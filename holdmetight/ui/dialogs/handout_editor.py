"""The organisation's own text for a step's handout, in Dutch or English."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import handouts
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, save_cancel_buttons, select_data


class HandoutEditor(QDialog):
    def __init__(
        self, context: AppContext, step_code: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._step_code = step_code
        self.setWindowTitle(_("Handout: {title}").format(title=title))
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [(lang.label, lang.value) for lang in Language])
        self.state = QLabel()
        self.text_edit = QPlainTextEdit()
        self.restore_button = QPushButton(_("Restore the shipped text"))
        self.restore_button.clicked.connect(self.restore)
        help_text = QLabel(
            _(
                "A line starting with '# ' begins a part (its heading); '- ' starts a bullet. "
                "The text is used on every handout printed from now on."
            )
        )
        help_text.setWordWrap(True)
        self.text_edit.setAccessibleName(_("Text of the handout"))
        self.text_edit.setAccessibleDescription(help_text.text())
        form = QFormLayout()
        form.addRow(_("Language:"), self.language_combo)
        form.addRow(self.state, self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.text_edit, stretch=1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(720, 620)
        self.language_combo.currentIndexChanged.connect(self.load)
        select_data(self.language_combo, Language.NL.value)
        self.load()

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def load(self) -> None:
        source = self._context.call(
            handouts.handout_source, step_code=self._step_code, language=self.language()
        )
        self._show(source)

    def _show(self, source: handouts.HandoutSource) -> None:
        self.text_edit.setPlainText(source.text)
        self.state.setText(_("Your own text") if source.own else _("The shipped text"))
        self.restore_button.setEnabled(source.own)

    def restore(self) -> None:
        self._show(
            self._context.call(
                handouts.restore_shipped_handout,
                step_code=self._step_code,
                language=self.language(),
            )
        )

    def save(self) -> None:
        try:
            self._context.call(
                handouts.save_handout_text,
                step_code=self._step_code,
                language=self.language(),
                text=self.text_edit.toPlainText(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.accept()
