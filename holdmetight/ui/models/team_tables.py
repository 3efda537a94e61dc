"""Facilitators and venues as lists."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _
from holdmetight.services.facilitators import FacilitatorInfo
from holdmetight.services.venues import VenueInfo
from holdmetight.ui.models.row_table import Column, RowTableModel, or_dash, yes_no


class FacilitatorTableModel(RowTableModel[FacilitatorInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda f: f.list_name),
                Column(lambda: _("E-mail"), lambda f: or_dash(f.email)),
                Column(lambda: _("Phone"), lambda f: or_dash(f.phone)),
                Column(lambda: _("EFT"), lambda f: yes_no(f.eft_trained)),
                Column(lambda: _("Hold Me Tight"), lambda f: yes_no(f.hmt_trained)),
                Column(lambda: _("Active"), lambda f: yes_no(f.active)),
            ],
            parent,
        )


class VenueTableModel(RowTableModel[VenueInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda v: v.name),
                Column(lambda: _("Address"), lambda v: or_dash(v.full_address)),
                Column(lambda: _("Rooms"), lambda v: or_dash(", ".join(r.name for r in v.rooms))),
                Column(lambda: _("In use"), lambda v: yes_no(v.active)),
            ],
            parent,
        )
