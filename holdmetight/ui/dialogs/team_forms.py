"""Add or change a facilitator or a venue (with its rooms)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QWidget,
)

from holdmetight.i18n import _
from holdmetight.services import facilitators, venues
from holdmetight.services.facilitators import FacilitatorInfo
from holdmetight.services.venues import VenueInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.form_dialog import FormDialog


class FacilitatorDialog(FormDialog):
    def __init__(
        self,
        context: AppContext,
        person: FacilitatorInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Edit facilitator") if person else _("New facilitator"), parent)
        self._context = context
        self._person = person
        self.given_edit = QLineEdit(person.given_name if person else "")
        self.prefix_edit = QLineEdit(person.name_prefix if person else "")
        self.family_edit = QLineEdit(person.family_name if person else "")
        self.email_edit = QLineEdit(person.email if person else "")
        self.phone_edit = QLineEdit(person.phone if person else "")
        self.eft_check = QCheckBox(_("trained in EFT"))
        self.eft_check.setChecked(bool(person and person.eft_trained))
        self.hmt_check = QCheckBox(_("trained to give Hold Me Tight"))
        self.hmt_check.setChecked(bool(person and person.hmt_trained))
        self.active_check = QCheckBox(_("active (offered for new courses)"))
        self.active_check.setChecked(person.active if person else True)
        self.active_check.setEnabled(person is not None)
        for label, widget in (
            (_("Given name:"), self.given_edit),
            (_("Name prefix:"), self.prefix_edit),
            (_("Family name:"), self.family_edit),
            (_("E-mail:"), self.email_edit),
            (_("Phone:"), self.phone_edit),
            (_("Training:"), self.eft_check),
            ("", self.hmt_check),
            ("", self.active_check),
        ):
            self.form.addRow(label, widget)

    def save(self) -> None:
        given, prefix, family = (
            self.given_edit.text(),
            self.prefix_edit.text(),
            self.family_edit.text(),
        )
        email, phone = self.email_edit.text(), self.phone_edit.text()
        eft, hmt = self.eft_check.isChecked(), self.hmt_check.isChecked()
        person = self._person
        if person is None:
            self.save_with(
                lambda: self._context.call(
                    facilitators.create_facilitator,
                    given_name=given,
                    name_prefix=prefix,
                    family_name=family,
                    email=email,
                    phone=phone,
                    eft_trained=eft,
                    hmt_trained=hmt,
                )
            )
        else:
            self.save_with(
                lambda: self._context.call(
                    facilitators.update_facilitator,
                    facilitator_id=person.id,
                    version=person.version,
                    active=self.active_check.isChecked(),
                    given_name=given,
                    name_prefix=prefix,
                    family_name=family,
                    email=email,
                    phone=phone,
                    eft_trained=eft,
                    hmt_trained=hmt,
                )
            )


class VenueDialog(FormDialog):
    def __init__(
        self, context: AppContext, venue: VenueInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit venue") if venue else _("New venue"), parent)
        self._context = context
        self._venue = venue
        self.name_edit = QLineEdit(venue.name if venue else "")
        self.address_edit = QLineEdit(venue.address if venue else "")
        self.postcode_edit = QLineEdit(venue.postcode if venue else "")
        self.city_edit = QLineEdit(venue.city if venue else "")
        self.rooms_edit = QLineEdit(", ".join(r.name for r in venue.rooms) if venue else "")
        self.rooms_edit.setPlaceholderText(_("e.g. Zaal 1, Spreekkamer 2"))
        self.active_check = QCheckBox(_("in use"))
        self.active_check.setChecked(venue.active if venue else True)
        self.active_check.setEnabled(venue is not None)
        for label, widget in (
            (_("Name:"), self.name_edit),
            (_("Address:"), self.address_edit),
            (_("Postcode:"), self.postcode_edit),
            (_("City:"), self.city_edit),
            (_("Rooms (separated by commas):"), self.rooms_edit),
            ("", self.active_check),
        ):
            self.form.addRow(label, widget)

    def rooms(self) -> list[str]:
        return [r.strip() for r in self.rooms_edit.text().split(",") if r.strip()]

    def save(self) -> None:
        name, address = self.name_edit.text(), self.address_edit.text()
        postcode, city, rooms = self.postcode_edit.text(), self.city_edit.text(), self.rooms()
        venue = self._venue
        if venue is None:
            self.save_with(
                lambda: self._context.call(
                    venues.create_venue,
                    name=name,
                    address=address,
                    postcode=postcode,
                    city=city,
                    rooms=rooms,
                )
            )
        else:
            self.save_with(
                lambda: self._context.call(
                    venues.update_venue,
                    venue_id=venue.id,
                    version=venue.version,
                    active=self.active_check.isChecked(),
                    name=name,
                    address=address,
                    postcode=postcode,
                    city=city,
                    rooms=rooms,
                )
            )
