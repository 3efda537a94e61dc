"""Settings → Message texts: the organisation's own text for each kind of message, in Dutch and
English, with the fields it may use; the shipped text can be restored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language, MessageKind
from holdmetight.domain.messages import FIELD_LABELS
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, gettext
from holdmetight.services import message_templates
from holdmetight.services.message_templates import TemplateText
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, select_data


class MessageTextsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._shown: TemplateText | None = None
        self.setWindowTitle(_("Message texts"))
        self.kind_combo = QComboBox()
        fill_combo(self.kind_combo, [(k.label, k.value) for k in MessageKind])
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [(lang.label, lang.value) for lang in Language])
        self.state = QLabel()
        self.restore_button = QPushButton(_("Restore the shipped text"))
        self.restore_button.clicked.connect(self.restore)
        self.subject_edit = QLineEdit()
        self.subject_edit.setAccessibleName(_("Subject"))
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(_("Text"))
        self.fields = QListWidget()
        self.fields.setAccessibleName(_("Fields"))
        self.fields.setWordWrap(True)
        self.fields.itemActivated.connect(self.insert_field)
        help_text = QLabel(
            _(
                "A field between braces is filled in for each partner, in the partner's "
                "language; double-click one to put it in the text. A paragraph starting with "
                "[e\u2011mail] is only in e-mails, one starting with [letter] only in letters. "
                "Keep the subject free of anything personal: it shows on a locked phone."
            )
        )
        help_text.setWordWrap(True)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)

        choice = QFormLayout()
        choice.addRow(_("Message:"), self.kind_combo)
        choice.addRow(_("Language:"), self.language_combo)
        choice.addRow(self.state, self.restore_button)
        choice.addRow(_("Subject:"), self.subject_edit)
        text = QVBoxLayout()
        text.addWidget(self.body_edit, stretch=1)
        side = QVBoxLayout()
        side.addWidget(QLabel(_("Fields:")))
        side.addWidget(self.fields, stretch=1)
        middle = QHBoxLayout()
        middle.addLayout(text, stretch=1)
        middle.addLayout(side, stretch=1)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(help_text)
        layout.addLayout(middle, stretch=1)
        layout.addWidget(buttons)
        self.resize(900, 640)
        select_data(self.language_combo, Language.NL.value)
        self.kind_combo.currentIndexChanged.connect(self.switch)
        self.language_combo.currentIndexChanged.connect(self.switch)
        self.load()

    def kind(self) -> MessageKind:
        return MessageKind(self.kind_combo.currentData())

    def language(self) -> Language:
        return Language(self.language_combo.currentData())

    def changed(self) -> bool:
        shown = self._shown
        return shown is not None and (
            self.subject_edit.text().strip() != shown.subject
            or self.body_edit.toPlainText().strip() != shown.body
        )

    def switch(self) -> None:
        """Another message or language: keep the edits to the one shown first, if asked."""
        shown = self._shown
        if shown is not None and self.changed():
            answer = QMessageBox.question(
                self,
                _("Message texts"),
                _("Save the changes to \u201c{kind}\u201d ({language})?").format(
                    kind=shown.kind.label, language=shown.language.label
                ),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            )
            if answer == QMessageBox.StandardButton.Save and not self._save(shown):
                self._select(shown)
                return
        self.load()

    def _select(self, shown: TemplateText) -> None:
        for combo, value in ((self.kind_combo, shown.kind), (self.language_combo, shown.language)):
            combo.blockSignals(True)
            select_data(combo, value.value)
            combo.blockSignals(False)

    def load(self) -> None:
        self._show(
            self._context.call(
                message_templates.get_template, kind=self.kind(), language=self.language()
            )
        )

    def _show(self, text: TemplateText) -> None:
        self._shown = text
        self.subject_edit.setText(text.subject)
        self.body_edit.setPlainText(text.body)
        self.state.setText(_("Your own text") if text.own else _("The shipped text"))
        self.restore_button.setEnabled(text.own)
        self.fields.clear()
        for name in text.fields:
            item = QListWidgetItem(f"{{{name}}}  \u2013  {gettext(FIELD_LABELS[name])}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.fields.addItem(item)

    def insert_field(self, item: QListWidgetItem) -> None:
        self.body_edit.insertPlainText("{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}")
        self.body_edit.setFocus()

    def restore(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Message texts"),
            _("Put back the shipped text? Your own text for this message is removed."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._show(
            self._context.call(
                message_templates.restore_shipped_template,
                kind=self.kind(),
                language=self.language(),
            )
        )

    def _save(self, shown: TemplateText) -> bool:
        try:
            saved = self._context.call(
                message_templates.save_template,
                kind=shown.kind,
                language=shown.language,
                subject=self.subject_edit.text(),
                body=self.body_edit.toPlainText(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return False
        self._shown = saved
        self.state.setText(_("Your own text"))
        self.restore_button.setEnabled(True)
        return True

    def save(self) -> None:
        if self._shown is not None:
            self._save(self._shown)

    def reject(self) -> None:
        if self._shown is not None and self.changed():
            answer = QMessageBox.question(
                self,
                _("Message texts"),
                _("Close without saving the changes?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
