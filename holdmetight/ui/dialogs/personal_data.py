"""Inzage from the Couples page: everything stored about the couple, or one partner, written as
a PDF to read and a JSON file for another program, into a folder the user chooses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import Language
from holdmetight.encrypted import Member, checked_passphrase, write_encrypted
from holdmetight.errors import HoldMeTightError
from holdmetight.exports import output_folder, write_export
from holdmetight.i18n import _
from holdmetight.progress import Progress
from holdmetight.services import audit_trail, couples, personal_data
from holdmetight.services.audit_trail import Output, details
from holdmetight.ui.background import run_in_background
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, open_wide, select_data

WHOLE_COUPLE = 0


class PersonalDataDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        self.written: list[Path] = []
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self._languages = {
            WHOLE_COUPLE: couple.partners[0].preferred_language,
            1: couple.partners[0].preferred_language,
            2: couple.partners[1].preferred_language,
        }
        self.setWindowTitle(_("Personal data of {names}").format(names=couple.names))
        self.whom_combo = QComboBox()
        fill_combo(
            self.whom_combo,
            [(_("The couple"), WHOLE_COUPLE)]
            + [
                (_("Only partner {n}: {name}").format(n=n, name=p.full_name), n)
                for n, p in enumerate(couple.partners, start=1)
            ],
        )
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [(lang.label, lang.value) for lang in Language])
        self.whom_combo.currentIndexChanged.connect(self._follow_language)
        self._follow_language()
        note = QLabel(
            _(
                "Everything the application holds about them, when they ask to see it (inzage, "
                "AVG art. 15) or to take it elsewhere (art. 20): a PDF to read and a JSON file "
                "for another program. The export is noted in the audit trail."
            )
        )
        note.setWordWrap(True)
        self.encrypt_check = QCheckBox(_("In one encrypted ZIP file, for a USB stick"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_again_edit = QLineEdit()
        for edit, name in (
            (self.passphrase_edit, _("Passphrase")),
            (self.passphrase_again_edit, _("The same passphrase again")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            self.encrypt_check.toggled.connect(edit.setEnabled)
        form = QFormLayout()
        form.addRow(_("For:"), self.whom_combo)
        form.addRow(_("Language of the document:"), self.language_combo)
        form.addRow("", self.encrypt_check)
        form.addRow(_("Passphrase:"), self.passphrase_edit)
        form.addRow(_("The same passphrase again:"), self.passphrase_again_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            _("Save to folder…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.clicked.connect(self.choose_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        open_wide(self, 520)

    def partner(self) -> int | None:
        chosen = int(self.whom_combo.currentData())
        return None if chosen == WHOLE_COUPLE else chosen

    def _follow_language(self) -> None:
        select_data(self.language_combo, self._languages[int(self.whom_combo.currentData())].value)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Save to folder"), str(Path.home()))
        if folder:
            self.save_to(Path(folder))

    def save_to(self, folder: Path) -> None:
        """Write the two files into ``folder``, in a worker; noted in the audit trail first."""
        passphrase = ""
        try:
            folder = output_folder(folder)
            if self.encrypt_check.isChecked():
                passphrase = checked_passphrase(self.passphrase_edit.text())
                if self.passphrase_again_edit.text() != passphrase:
                    raise HoldMeTightError(_("The two passphrases differ; nothing was written."))
        except HoldMeTightError as error:
            show_error(self, error)
            return
        context, couple_id, partner = self._context, self._couple_id, self.partner()
        language = str(self.language_combo.currentData())

        def make(_progress: Progress) -> list[tuple[Path, bytes]]:
            from holdmetight.reports.personal_data import render_personal_data

            data = context.call(personal_data.personal_data, couple_id=couple_id, partner=partner)
            context.call(
                audit_trail.record_output,
                how=Output.EXPORT,
                document="personal_data",
                couple_id=couple_id,
                detail=details(
                    partner=partner,
                    format="zip-aes256" if passphrase else "pdf+json",
                    language=language,
                ),
            )
            stem = personal_data.file_stem(couple_id, partner)
            return [
                (folder / f"{stem}.pdf", render_personal_data(data, language=language)),
                (folder / f"{stem}.json", personal_data.as_json(data)),
            ]

        def write(files: list[tuple[Path, bytes]]) -> None:
            try:
                if passphrase:
                    stem = personal_data.file_stem(couple_id, partner)
                    target = folder / f"{stem}.zip"
                    members: list[Member] = [(path.name, content) for path, content in files]
                    write_encrypted(target, members, passphrase)
                    self.written.append(target)
                for path, content in [] if passphrase else files:
                    write_export(path, content)
                    self.written.append(path)
            except HoldMeTightError as error:
                show_error(self, error)
                return
            self.accept()

        run_in_background(self, _("Exporting…"), make, write)
