"""What the application ships ready for use: the programmes and the questionnaires."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from holdmetight.services.instruments import install_shipped_instruments
from holdmetight.services.programs import install_shipped_programs
from holdmetight.services.transaction import unit_of_work


@dataclass(frozen=True)
class Installed:
    programs: list[str]
    instruments: list[str]


@unit_of_work
def install_shipped(session: Session, /) -> Installed:
    """Add the shipped programmes and questionnaires the database does not have yet (one
    transaction); those present are left as the organisation may have changed them."""
    programs = install_shipped_programs(session)
    return Installed(programs, install_shipped_instruments(session))
