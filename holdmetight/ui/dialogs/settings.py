"""Settings: the interface language, the organisation's details printed on every page, and how
it runs its courses (waiting-list offers, intakes, school holidays)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.config import Settings, load_settings, save_settings
from holdmetight.domain.enums import Language, SchoolRegion
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services import organisations, retention
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.school_holidays import SchoolHolidaysDialog
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, open_wide, save_cancel_buttons, select_data

LOGO_BOX = (600, 300)


def image_to_png(path: str) -> bytes | None:
    """Any image Qt can read, scaled to fit a letterhead, as PNG bytes."""
    image = QImage(path)
    if image.isNull():
        return None
    if image.width() > LOGO_BOX[0] or image.height() > LOGO_BOX[1]:
        image = image.scaled(
            *LOGO_BOX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Settings"))
        self.settings: Settings = load_settings()
        self.org = context.call(organisations.get_organisation)
        self.language_combo = QComboBox()
        fill_combo(
            self.language_combo,
            [(lang.label, lang.value) for lang in Language],
            empty_label=_("as the computer is set"),
        )
        select_data(self.language_combo, self.settings.language)
        org = self.org
        self.name_edit = QLineEdit(org.name if org else "")
        self.address_edit = QLineEdit(org.address if org else "")
        self.postcode_edit = QLineEdit(org.postcode if org else "")
        self.city_edit = QLineEdit(org.city if org else "")
        self.email_edit = QLineEdit(org.email if org else "")
        self.phone_edit = QLineEdit(org.phone if org else "")
        self.default_language_combo = QComboBox()
        fill_combo(self.default_language_combo, [(lang.label, lang.value) for lang in Language])
        select_data(
            self.default_language_combo, (org.default_language if org else Language.NL).value
        )
        self.logo: bytes | None = org.logo_png if org else None
        self.logo_changed = False
        self.logo_label = QLabel()
        self.logo_label.setFixedHeight(64)
        self.choose_logo_button = QPushButton(_("Choose logo…"))
        self.remove_logo_button = QPushButton(_("Remove logo"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        self._show_logo()
        self.region_combo = QComboBox()
        fill_combo(
            self.region_combo,
            [(region.label, region.value) for region in SchoolRegion],
            empty_label=_("(none chosen)"),
        )
        select_data(
            self.region_combo, org.school_region.value if org and org.school_region else None
        )
        self.school_holidays_button = QPushButton(_("School holidays…"))
        self.school_holidays_button.clicked.connect(self.open_school_holidays)
        self.region_combo.currentIndexChanged.connect(self._update_school_holidays_button)
        self.answer_days_spin = QSpinBox()
        self.answer_days_spin.setRange(1, organisations.MAX_OFFER_ANSWER_DAYS)
        self.answer_days_spin.setValue(org.offer_answer_days if org else 7)
        self.answer_days_spin.setSuffix(" " + _("days"))
        self.intake_check = QCheckBox(_("Intake required before a place"))
        self.intake_check.setChecked(org.intake_required if org else True)
        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(1, retention.MAX_YEARS)
        self.retention_spin.setValue(org.retention_years if org else retention.DEFAULT_YEARS)
        self.retention_spin.setSuffix(" " + _("years"))
        self.retention_help = QLabel(
            _(
                "How long a couple's file is kept after its last course or contact. Your "
                "organisation decides this in its privacy policy: no longer than needed. Couples "
                "past it are listed for anonymisation; nothing is anonymised without a person "
                "confirming it."
            )
        )
        self.retention_help.setWordWrap(True)
        self._update_school_holidays_button()

        general = QFormLayout()
        general.addRow(_("Language of the application:"), self.language_combo)
        organisation = QGroupBox(_("Organisation (printed on every page)"))
        form = QFormLayout(organisation)
        form.addRow(_("Name:"), self.name_edit)
        form.addRow(_("Address:"), self.address_edit)
        form.addRow(_("Postcode:"), self.postcode_edit)
        form.addRow(_("City:"), self.city_edit)
        form.addRow(_("E-mail:"), self.email_edit)
        form.addRow(_("Phone:"), self.phone_edit)
        form.addRow(_("Default language of documents:"), self.default_language_combo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, stretch=1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        form.addRow(_("Logo:"), logo_row)
        courses = QGroupBox(_("Courses and waiting list"))
        course_form = QFormLayout(courses)
        region_row = QHBoxLayout()
        region_row.addWidget(self.region_combo, stretch=1)
        region_row.addWidget(self.school_holidays_button)
        course_form.addRow(_("School-holiday region:"), region_row)
        course_form.addRow(_("Days to answer an offered place:"), self.answer_days_spin)
        course_form.addRow("", self.intake_check)
        messages = QGroupBox(_("Messages to couples"))
        self.mail_button = QPushButton(_("Mail server…"))
        self.mail_button.setToolTip(
            _("The mail server e-mails go through, reminders, and letters' address window.")
        )
        self.mail_button.clicked.connect(self.open_mail_server)
        self.texts_button = QPushButton(_("Message texts…"))
        self.texts_button.setToolTip(_("Your own texts for invitations, reminders and letters."))
        self.texts_button.clicked.connect(self.open_message_texts)
        message_row = QHBoxLayout(messages)
        message_row.addWidget(self.mail_button)
        message_row.addWidget(self.texts_button)
        message_row.addStretch(1)
        privacy = QGroupBox(_("Privacy"))
        privacy_form = QFormLayout(privacy)
        privacy_form.addRow(_("Keep a couple's file for:"), self.retention_spin)
        privacy_form.addRow(self.retention_help)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(organisation)
        layout.addWidget(courses)
        layout.addWidget(messages)
        layout.addWidget(privacy)
        layout.addWidget(save_cancel_buttons(self, self.save))
        open_wide(self, 560)

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.logo_label.setPixmap(
                pixmap.scaledToHeight(60, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_label.setText(_("(no logo)"))
        self.remove_logo_button.setEnabled(self.logo is not None)

    def set_logo(self, png: bytes | None) -> None:
        self.logo = png
        self.logo_changed = True
        self._show_logo()

    def choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose logo"), "", _("Images (*.png *.jpg *.jpeg *.bmp *.gif)")
        )
        if not name:
            return
        png = image_to_png(name)
        if png is None:
            show_error(self, HoldMeTightError(_("That file is not an image.")))
            return
        self.set_logo(png)

    def chosen_region(self) -> SchoolRegion | None:
        value = self.region_combo.currentData()
        return SchoolRegion(value) if value else None

    def _update_school_holidays_button(self) -> None:
        has_region = self.chosen_region() is not None
        self.school_holidays_button.setEnabled(has_region)
        self.school_holidays_button.setToolTip(
            _("See and change the school holidays of the chosen region.")
            if has_region
            else _("Choose a region first.")
        )

    def open_school_holidays(self) -> None:
        region = self.chosen_region()
        if region is not None:
            SchoolHolidaysDialog(self._context, region, self).exec()

    def open_mail_server(self) -> None:
        from holdmetight.ui.dialogs.mail_settings import MailSettingsDialog

        if self._context.call(organisations.get_organisation) is None:
            show_error(self, HoldMeTightError(_("Enter the organisation's details first.")))
            return
        MailSettingsDialog(self._context, self).exec()
        # The organisation's version moved: read it again before saving this dialog.
        self.org = self._context.call(organisations.get_organisation)

    def open_message_texts(self) -> None:
        from holdmetight.ui.dialogs.message_texts import MessageTextsDialog

        MessageTextsDialog(self._context, self).exec()

    def chosen_language(self) -> str | None:
        value = self.language_combo.currentData()
        return str(value) if value else None

    def save(self) -> None:
        try:
            if self.name_edit.text().strip() or self.org is not None:
                self.org = self._context.call(
                    organisations.save_organisation,
                    name=self.name_edit.text(),
                    address=self.address_edit.text(),
                    postcode=self.postcode_edit.text(),
                    city=self.city_edit.text(),
                    email=self.email_edit.text(),
                    phone=self.phone_edit.text(),
                    default_language=Language(self.default_language_combo.currentData()),
                    version=self.org.version if self.org else None,
                    replace_logo=self.logo_changed,
                    logo_png=self.logo,
                )
                self.logo_changed = False
                self.org = self._context.call(
                    organisations.save_course_settings,
                    version=self.org.version,
                    offer_answer_days=self.answer_days_spin.value(),
                    intake_required=self.intake_check.isChecked(),
                    school_region=self.chosen_region(),
                )
                if self.retention_spin.value() != self.org.retention_years:
                    self._context.call(
                        retention.save_retention_years,
                        version=self.org.version,
                        years=self.retention_spin.value(),
                    )
            self.settings.language = self.chosen_language()
            save_settings(self.settings)
        except (HoldMeTightError, OSError) as error:
            show_error(
                self, error if isinstance(error, HoldMeTightError) else HoldMeTightError(str(error))
            )
            return
        self.accept()
