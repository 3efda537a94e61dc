"""Facilitators (trainers) who lead the groups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from holdmetight.domain.names import full_name, list_name, sort_key
from holdmetight.domain.organisation import Facilitator
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class FacilitatorInfo:
    id: int
    given_name: str
    name_prefix: str
    family_name: str
    email: str
    phone: str
    active: bool
    eft_trained: bool
    hmt_trained: bool
    version: int

    @property
    def full_name(self) -> str:
        return full_name(self.given_name, self.name_prefix, self.family_name)

    @property
    def list_name(self) -> str:
        return list_name(self.given_name, self.name_prefix, self.family_name)


def facilitator_info(f: Facilitator) -> FacilitatorInfo:
    assert f.id is not None
    return FacilitatorInfo(
        id=f.id,
        given_name=f.given_name,
        name_prefix=f.name_prefix,
        family_name=f.family_name,
        email=f.email,
        phone=f.phone,
        active=f.active,
        eft_trained=f.eft_trained,
        hmt_trained=f.hmt_trained,
        version=f.version,
    )


def _apply(
    f: Facilitator,
    *,
    given_name: str,
    name_prefix: str,
    family_name: str,
    email: str,
    phone: str,
    eft_trained: bool,
    hmt_trained: bool,
) -> None:
    f.given_name = check.text(given_name, field="given_name", label=_("Given name"), max_length=100)
    f.name_prefix = check.text(
        name_prefix, field="name_prefix", label=_("Name prefix"), required=False, max_length=30
    )
    f.family_name = check.text(
        family_name, field="family_name", label=_("Family name"), max_length=100
    )
    f.email = check.email(email, field="email")
    f.phone = check.phone(phone, field="phone")
    f.eft_trained = eft_trained
    f.hmt_trained = hmt_trained
    f.sort_key = sort_key(f.given_name, f.name_prefix, f.family_name)


@unit_of_work
def create_facilitator(
    session: Session,
    /,
    *,
    given_name: str,
    family_name: str,
    name_prefix: str = "",
    email: str = "",
    phone: str = "",
    eft_trained: bool = False,
    hmt_trained: bool = False,
) -> FacilitatorInfo:
    """Add a facilitator."""
    f = Facilitator(given_name="", family_name="")
    _apply(
        f,
        given_name=given_name,
        name_prefix=name_prefix,
        family_name=family_name,
        email=email,
        phone=phone,
        eft_trained=eft_trained,
        hmt_trained=hmt_trained,
    )
    session.add(f)
    session.flush()
    audit(session, action="create", entity="facilitator", entity_id=f.id)
    return facilitator_info(f)


@unit_of_work
def update_facilitator(
    session: Session,
    /,
    *,
    facilitator_id: int,
    version: int,
    given_name: str,
    family_name: str,
    name_prefix: str = "",
    email: str = "",
    phone: str = "",
    eft_trained: bool = False,
    hmt_trained: bool = False,
    active: bool = True,
) -> FacilitatorInfo:
    """Change a facilitator's details; an inactive one is no longer offered for new courses."""
    f = check.get_or_fail(session, Facilitator, facilitator_id, what=lambda: _("The facilitator"))
    check.check_version(f, version)
    _apply(
        f,
        given_name=given_name,
        name_prefix=name_prefix,
        family_name=family_name,
        email=email,
        phone=phone,
        eft_trained=eft_trained,
        hmt_trained=hmt_trained,
    )
    f.active = active
    session.flush()
    audit(session, action="update", entity="facilitator", entity_id=f.id)
    return facilitator_info(f)


@read_only
def list_facilitators(session: Session, /, *, active_only: bool = False) -> list[FacilitatorInfo]:
    """Facilitators sorted by family name (without prefix)."""
    query = select(Facilitator).order_by(col(Facilitator.sort_key))
    if active_only:
        query = query.where(col(Facilitator.active).is_(True))
    return [facilitator_info(f) for f in session.exec(query)]
