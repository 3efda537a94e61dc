"""Register a couple or change its details: two partners and what they share."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import HouseholdType, Language, ReferralSource
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import couples
from holdmetight.services.couples import CoupleInfo, PartnerInput, PostalAddress
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import (
    WarningsLabel,
    date_edit,
    fill_combo,
    from_qdate,
    save_cancel_buttons,
    select_data,
)


class AddressRow(QWidget):
    """Street and house number on one line, postcode and town on the next, as on an
    envelope."""

    def __init__(self, address: PostalAddress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.street_edit = QLineEdit(address.street)
        self.street_edit.setAccessibleName(_("Street"))
        self.street_edit.setPlaceholderText(_("Street"))
        self.number_edit = QLineEdit(address.house_number)
        self.number_edit.setAccessibleName(_("House number"))
        self.number_edit.setPlaceholderText(_("No."))
        self.number_edit.setMaximumWidth(80)
        self.postcode_edit = QLineEdit(address.postcode)
        self.postcode_edit.setAccessibleName(_("Postcode"))
        self.postcode_edit.setPlaceholderText("1234 AB")
        self.postcode_edit.setMaximumWidth(90)
        self.town_edit = QLineEdit(address.town)
        self.town_edit.setAccessibleName(_("Town"))
        self.town_edit.setPlaceholderText(_("Town"))
        street = QHBoxLayout()
        street.addWidget(self.street_edit, stretch=1)
        street.addWidget(self.number_edit)
        town = QHBoxLayout()
        town.addWidget(self.postcode_edit)
        town.addWidget(self.town_edit, stretch=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(street)
        layout.addLayout(town)

    def value(self) -> PostalAddress:
        return PostalAddress(
            street=self.street_edit.text(),
            house_number=self.number_edit.text(),
            postcode=self.postcode_edit.text(),
            town=self.town_edit.text(),
        )

    def targets(self, prefix: str) -> dict[str, QLineEdit]:
        """The edits by the field names a validation error gives."""
        return {
            f"{prefix}street": self.street_edit,
            f"{prefix}house_number": self.number_edit,
            f"{prefix}postcode": self.postcode_edit,
            f"{prefix}town": self.town_edit,
        }


class PartnerBox(QGroupBox):
    """The fields of one partner."""

    def __init__(self, title: str, partner: PartnerInput | None) -> None:
        super().__init__(title)
        self.given_edit = QLineEdit(partner.given_name if partner else "")
        self.prefix_edit = QLineEdit(partner.name_prefix if partner else "")
        self.prefix_edit.setPlaceholderText(_("e.g. van der"))
        self.family_edit = QLineEdit(partner.family_name if partner else "")
        self.email_edit = QLineEdit(partner.email if partner else "")
        self.phone_edit = QLineEdit(partner.phone if partner else "")
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [(lang.label, lang.value) for lang in Language])
        select_data(
            self.language_combo, (partner.preferred_language if partner else Language.NL).value
        )
        form = QFormLayout(self)
        form.addRow(_("Given name:"), self.given_edit)
        form.addRow(_("Name prefix:"), self.prefix_edit)
        form.addRow(_("Family name:"), self.family_edit)
        form.addRow(_("E-mail:"), self.email_edit)
        form.addRow(_("Phone:"), self.phone_edit)
        form.addRow(_("Preferred language:"), self.language_combo)
        own = partner.address if partner else PostalAddress()
        self.post_check = QCheckBox(_("Send messages as letters by post"))
        self.post_check.setChecked(bool(partner and partner.prefers_post))
        self.elsewhere_check = QCheckBox(_("Lives at another address"))
        self.elsewhere_check.setChecked(not own.is_empty)
        self.address = AddressRow(own, self)
        self.address.setVisible(not own.is_empty)
        self.elsewhere_check.toggled.connect(self.address.setVisible)
        form.addRow("", self.post_check)
        form.addRow("", self.elsewhere_check)
        form.addRow("", self.address)
        if partner is not None and not partner.family_name:
            # Erased for good: nothing of this partner can be entered again.
            self.setTitle(_("{title} (erased)").format(title=title))
            self.setEnabled(False)

    def value(self) -> PartnerInput:
        return PartnerInput(
            given_name=self.given_edit.text(),
            name_prefix=self.prefix_edit.text(),
            family_name=self.family_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            preferred_language=Language(self.language_combo.currentData()),
            address=self.address.value() if self.elsewhere_check.isChecked() else PostalAddress(),
            prefers_post=self.post_check.isChecked(),
        )

    def edits(self) -> list[QLineEdit]:
        return [
            self.given_edit,
            self.prefix_edit,
            self.family_edit,
            self.email_edit,
            self.phone_edit,
        ]


class CoupleDialog(QDialog):
    """Without ``couple`` it registers a new couple; likely duplicates are shown while typing."""

    def __init__(
        self, context: AppContext, couple: CoupleInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._couple = couple
        self.saved: CoupleInfo | None = None
        self.setWindowTitle(_("Edit couple") if couple else _("New couple"))
        self.first = PartnerBox(_("Partner 1"), couple.partners[0] if couple else None)
        self.second = PartnerBox(_("Partner 2"), couple.partners[1] if couple else None)
        self.home = AddressRow(couple.address if couple else PostalAddress(), self)
        self.postcode_edit = self.home.postcode_edit
        self.municipality_edit = QLineEdit(couple.municipality if couple else "")
        self.referral_combo = QComboBox()
        fill_combo(self.referral_combo, [(r.label, r.value) for r in ReferralSource])
        select_data(
            self.referral_combo, (couple.referral_source if couple else ReferralSource.SELF).value
        )
        self.household_combo = QComboBox()
        fill_combo(self.household_combo, [(h.label, h.value) for h in HouseholdType])
        select_data(
            self.household_combo,
            (couple.household_type if couple else HouseholdType.LIVING_TOGETHER).value,
        )
        self.consent_check = QCheckBox(_("Consent given on"))
        self.consent_edit = date_edit(
            couple.consent_date if couple and couple.consent_date else date.today()
        )
        self.consent_edit.setAccessibleName(_("Consent given on"))
        self.consent_check.setChecked(bool(couple and couple.consent_date) or couple is None)
        self.consent_check.toggled.connect(self.consent_edit.setEnabled)
        self.consent_edit.setEnabled(self.consent_check.isChecked())
        self.notes_edit = QPlainTextEdit(couple.notes if couple else "")
        self.notes_edit.setMaximumHeight(70)
        self.duplicates = WarningsLabel()

        shared = QFormLayout()
        shared.addRow(_("Address:"), self.home)
        shared.addRow(_("Municipality:"), self.municipality_edit)
        shared.addRow(_("Referred by:"), self.referral_combo)
        shared.addRow(_("Household:"), self.household_combo)
        consent = QHBoxLayout()
        consent.addWidget(self.consent_check)
        consent.addWidget(self.consent_edit, stretch=1)
        shared.addRow(_("Consent (AVG):"), consent)
        shared.addRow(_("Notes:"), self.notes_edit)
        privacy = QLabel(
            _("Notes are seen by everyone who uses holdmetight: write no medical details.")
        )
        privacy.setWordWrap(True)
        partners = QHBoxLayout()
        partners.addWidget(self.first)
        partners.addWidget(self.second)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(partners)
        layout.addLayout(shared)
        layout.addWidget(privacy)
        layout.addWidget(self.duplicates)
        layout.addWidget(buttons)
        for edit in [*self.first.edits(), *self.second.edits(), self.postcode_edit]:
            edit.editingFinished.connect(self.check_duplicates)
        self.resize(820, self.sizeHint().height())

    def partners(self) -> tuple[PartnerInput, PartnerInput]:
        return self.first.value(), self.second.value()

    def check_duplicates(self) -> list[str]:
        hints = self._context.call(
            couples.find_duplicates,
            partners=self.partners(),
            postcode=self.postcode_edit.text(),
            exclude_couple_id=self._couple.id if self._couple else None,
        )
        found = [
            _("Possibly already registered: {names} ({reason}).").format(
                names=h.names, reason=h.reason
            )
            for h in hints
        ]
        self.duplicates.show_warnings(found)
        return found

    def save(self) -> None:
        found = self.check_duplicates()
        if found and self._couple is None:
            answer = QMessageBox.question(
                self,
                _("Possible duplicate"),
                "\n".join(found) + "\n\n" + _("Register this couple anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        partners = self.partners()
        address = self.home.value()
        postcode, municipality = address.postcode, self.municipality_edit.text()
        referral_source = ReferralSource(self.referral_combo.currentData())
        consent_date = (
            from_qdate(self.consent_edit.date()) if self.consent_check.isChecked() else None
        )
        household_type = HouseholdType(self.household_combo.currentData())
        notes = self.notes_edit.toPlainText()
        try:
            if self._couple is None:
                self.saved = self._context.call(
                    couples.create_couple,
                    partners=partners,
                    postcode=postcode,
                    municipality=municipality,
                    referral_source=referral_source,
                    consent_date=consent_date,
                    household_type=household_type,
                    notes=notes,
                    address=address,
                )
            else:
                self.saved = self._context.call(
                    couples.update_couple,
                    couple_id=self._couple.id,
                    version=self._couple.version,
                    partners=partners,
                    postcode=postcode,
                    municipality=municipality,
                    referral_source=referral_source,
                    consent_date=consent_date,
                    household_type=household_type,
                    notes=notes,
                    address=address,
                )
        except HoldMeTightError as error:
            show_error(self, error)
            if isinstance(error, ValidationError):
                self._focus(error.field)
            return
        self.accept()

    def _focus(self, field: str | None) -> None:
        targets = {"municipality": self.municipality_edit, **self.home.targets("")}
        for number, box in ((1, self.first), (2, self.second)):
            targets.update(box.address.targets(f"partner{number}."))
            for name, edit in zip(
                ("given_name", "name_prefix", "family_name", "email", "phone"),
                box.edits(),
                strict=True,
            ):
                targets[f"partner{number}.{name}"] = edit
        if field in targets:
            targets[field].setFocus()
            targets[field].selectAll()
