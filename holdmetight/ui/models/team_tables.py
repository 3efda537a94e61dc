"""Facilitators and venues as lists."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _
from holdmetight.services.facilitators import FacilitatorInfo
from holdmetight.services.venues import VenueInfo
from holdmetight.ui.models.row_table import Column, RowTableModel


def _yes(flag: bool) -> str:
    return _("yes") if flag else "–"


class FacilitatorTableModel(RowTableModel[FacilitatorInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda f: f.list_name),
                Column(lambda: _("E-mail"), lambda f: f.email),
                Column(lambda: _("Phone"), lambda f: f.phone),
                Column(lambda: _("EFT"), lambda f: _yes(f.eft_trained)),
                Column(lambda: _("Hold Me Tight"), lambda f: _yes(f.hmt_trained)),
                Column(lambda: _("Active"), lambda f: _yes(f.active)),
            ],
            parent,
        )


class VenueTableModel(RowTableModel[VenueInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda v: v.name),
                Column(lambda: _("Address"), lambda v: v.full_address),
                Column(lambda: _("Rooms"), lambda v: ", ".join(r.name for r in v.rooms)),
                Column(lambda: _("In use"), lambda v: _yes(v.active)),
            ],
            parent,
        )
