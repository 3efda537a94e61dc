"""Venues where groups meet, and their rooms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from holdmetight.domain.organisation import Room, Venue
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class RoomInfo:
    id: int
    name: str


@dataclass(frozen=True)
class VenueInfo:
    id: int
    name: str
    address: str
    postcode: str
    city: str
    rooms: tuple[RoomInfo, ...]
    active: bool
    version: int

    @property
    def full_address(self) -> str:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.address, place) if p)


def venue_info(session: Session, venue: Venue, rooms: Sequence[Room] | None = None) -> VenueInfo:
    """``venue`` with its rooms (read here unless given)."""
    assert venue.id is not None
    if rooms is None:
        rooms = session.exec(
            select(Room).where(Room.venue_id == venue.id).order_by(col(Room.name))
        ).all()
    return VenueInfo(
        id=venue.id,
        name=venue.name,
        address=venue.address,
        postcode=venue.postcode,
        city=venue.city,
        rooms=tuple(RoomInfo(id=r.id or 0, name=r.name) for r in rooms),
        active=venue.active,
        version=venue.version,
    )


def _apply(
    session: Session, venue: Venue, *, name: str, address: str, postcode: str, city: str
) -> None:
    venue.name = check.text(name, field="name", label=_("Name"), max_length=200)
    clash = session.exec(
        select(Venue.id).where(Venue.name == venue.name, Venue.id != venue.id)
    ).first()
    if clash is not None:
        raise ValidationError(
            _("There is already a venue called {name}.").format(name=venue.name), field="name"
        )
    venue.address = check.text(
        address, field="address", label=_("Address"), required=False, max_length=400
    )
    venue.postcode = check.postcode(postcode)
    venue.city = check.text(city, field="city", label=_("City"), required=False, max_length=100)


def _set_rooms(session: Session, venue_id: int, rooms: Sequence[str]) -> None:
    wanted = {
        check.text(r, field="rooms", label=_("Room"), max_length=100) for r in rooms if r.strip()
    }
    existing = {
        room.name: room for room in session.exec(select(Room).where(Room.venue_id == venue_id))
    }
    for name, room in existing.items():
        if name not in wanted:
            session.delete(room)
    for name in wanted - existing.keys():
        session.add(Room(venue_id=venue_id, name=name))


@unit_of_work
def create_venue(
    session: Session,
    /,
    *,
    name: str,
    address: str = "",
    postcode: str = "",
    city: str = "",
    rooms: Sequence[str] = (),
) -> VenueInfo:
    """Add a venue with its rooms."""
    venue = Venue(name="")
    _apply(session, venue, name=name, address=address, postcode=postcode, city=city)
    session.add(venue)
    session.flush()
    assert venue.id is not None
    _set_rooms(session, venue.id, rooms)
    session.flush()
    audit(session, action="create", entity="venue", entity_id=venue.id)
    return venue_info(session, venue)


@unit_of_work
def update_venue(
    session: Session,
    /,
    *,
    venue_id: int,
    version: int,
    name: str,
    address: str = "",
    postcode: str = "",
    city: str = "",
    rooms: Sequence[str] = (),
    active: bool = True,
) -> VenueInfo:
    """Change a venue's details and rooms."""
    venue = check.get_or_fail(session, Venue, venue_id, what=lambda: _("The venue"))
    check.check_version(venue, version)
    _apply(session, venue, name=name, address=address, postcode=postcode, city=city)
    venue.active = active
    _set_rooms(session, venue_id, rooms)
    session.flush()
    audit(session, action="update", entity="venue", entity_id=venue.id)
    return venue_info(session, venue)


@read_only
def list_venues(session: Session, /, *, active_only: bool = False) -> list[VenueInfo]:
    """Venues by name."""
    query = select(Venue).order_by(col(Venue.name))
    if active_only:
        query = query.where(col(Venue.active).is_(True))
    found = session.exec(query).all()
    rooms: dict[int, list[Room]] = defaultdict(list)
    for room in session.exec(
        select(Room).where(col(Room.venue_id).in_([v.id for v in found])).order_by(col(Room.name))
    ):
        rooms[room.venue_id].append(room)
    return [venue_info(session, v, rooms[v.id or 0]) for v in found]
