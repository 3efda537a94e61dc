"""The Team page: the facilitators and the venues, as the service lists them (not sortable)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from holdmetight.i18n import set_language
from holdmetight.services import facilitators, venues
from holdmetight.ui.models.row_table import ID_ROLE
from holdmetight.ui.models.team_tables import FacilitatorTableModel, VenueTableModel

pytestmark = pytest.mark.usefixtures("qapp")

COL_NAME, COL_EMAIL, COL_PHONE, COL_EFT, COL_HMT, COL_ACTIVE = range(6)


def titles(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def rows(model: QAbstractItemModel) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_facilitators_are_filed_by_family_name_without_prefix(demo_context):
    set_language("nl")
    model = FacilitatorTableModel()
    model.set_rows(demo_context.call(facilitators.list_facilitators))
    assert titles(model) == ["Naam", "E-mail", "Telefoon", "EFT", "Houd me vast", "Actief"]
    assert rows(model) == [
        ["Benali, Ahmed", "a.benali@example.com", "–", "ja", "ja", "ja"],
        ["Dijk, Marloes van", "m.vandijk@example.com", "–", "ja", "ja", "ja"],
        ["Hoekstra, Frank", "f.hoekstra@example.com", "–", "ja", "nee", "ja"],
        ["Jong, Ingrid de", "i.dejong@example.com", "–", "ja", "ja", "ja"],
    ]


def test_a_facilitator_who_left_reads_as_not_active_in_english(make):
    marloes = make.facilitator()
    left = facilitators.update_facilitator(
        make.session,
        facilitator_id=marloes.id,
        version=marloes.version,
        given_name="Marloes",
        name_prefix="van",
        family_name="Dijk",
        phone="030 123 45 67",
        eft_trained=True,
        active=False,
    )
    model = FacilitatorTableModel()
    model.set_rows([left])
    assert titles(model)[COL_HMT] == "Hold Me Tight"
    assert rows(model) == [["Dijk, Marloes van", "–", "030 123 4567", "yes", "no", "no"]]
    assert model.index(0, COL_NAME).data(ID_ROLE) == marloes.id


def test_venues_show_address_rooms_and_whether_in_use(demo_context):
    set_language("nl")
    model = VenueTableModel()
    listed = demo_context.call(venues.list_venues)
    model.set_rows(listed)
    assert titles(model) == ["Naam", "Adres", "Ruimtes", "In gebruik"]
    assert rows(model) == [
        ["Buurthuis 't Klaverblad", "Rijnhuizen 4, 3433 ZK Nieuwegein", "Grote zaal", "ja"],
        ["Wijkcentrum De Brug", "Kerkstraat 12, 3512 AB Utrecht", "Spreekkamer 2, Zaal 1", "ja"],
    ]
    (brug,) = [v for v in listed if v.name == "Wijkcentrum De Brug"]
    assert model.index(1, 0).data(ID_ROLE) == brug.id


def test_switching_language_retranslates_the_titles_and_the_yes(demo_context):
    set_language("nl")
    model = VenueTableModel()
    model.set_rows(demo_context.call(venues.list_venues))
    set_language("en")
    model.retranslate()
    assert titles(model) == ["Name", "Address", "Rooms", "In use"]
    assert model.index(0, 3).data() == "yes"
