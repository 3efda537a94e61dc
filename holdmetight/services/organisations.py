"""The organisation's own details, printed on every page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from holdmetight.domain.enums import Language
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, unit_of_work


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str
    address: str
    postcode: str
    city: str
    email: str
    phone: str
    default_language: Language
    time_zone: str
    is_demo: bool
    logo_png: bytes | None
    version: int


def _info(org: Organisation) -> OrganisationInfo:
    assert org.id is not None
    return OrganisationInfo(
        id=org.id,
        name=org.name,
        address=org.address,
        postcode=org.postcode,
        city=org.city,
        email=org.email,
        phone=org.phone,
        default_language=Language(org.default_language),
        time_zone=org.time_zone,
        is_demo=org.is_demo,
        logo_png=org.logo_png,
        version=org.version,
    )


def _the_organisation(session: Session) -> Organisation | None:
    return session.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]


@unit_of_work
def get_organisation(session: Session, /) -> OrganisationInfo | None:
    """The organisation, or None in a database that was just created."""
    org = _the_organisation(session)
    return _info(org) if org else None


@unit_of_work
def save_organisation(
    session: Session,
    /,
    *,
    name: str,
    address: str = "",
    postcode: str = "",
    city: str = "",
    email: str = "",
    phone: str = "",
    default_language: Language = Language.NL,
    is_demo: bool | None = None,
    version: int | None = None,
    replace_logo: bool = False,
    logo_png: bytes | None = None,
) -> OrganisationInfo:
    """Create the organisation or change its details (and its logo, when ``replace_logo``)."""
    org = _the_organisation(session)
    if org is None:
        org = Organisation(name="")
        session.add(org)
    else:
        check.check_version(org, version)
    org.name = check.text(name, field="name", label=_("Name"), max_length=200)
    org.address = check.text(
        address, field="address", label=_("Address"), required=False, max_length=400
    )
    org.postcode = check.postcode(postcode)
    org.city = check.text(city, field="city", label=_("City"), required=False, max_length=100)
    org.email = check.email(email, field="email")
    org.phone = check.phone(phone, field="phone")
    org.default_language = Language(default_language)
    if is_demo is not None:
        org.is_demo = is_demo
    session.flush()
    audit(session, action="save", entity="organisation", entity_id=org.id)
    if replace_logo:
        return set_logo(session, png=logo_png)
    return _info(org)


MAX_LOGO_BYTES = 2 * 1024 * 1024


@unit_of_work
def set_logo(session: Session, /, *, png: bytes | None) -> OrganisationInfo:
    """The organisation's logo for printed pages (PNG, at most 2 MB), or none."""
    org = _the_organisation(session)
    if org is None:
        raise ValidationError(_("Enter the organisation's name first."), field="name")
    if png is not None:
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValidationError(_("The logo must be a PNG image."), field="logo")
        if len(png) > MAX_LOGO_BYTES:
            raise ValidationError(_("The logo is too large (at most 2 MB)."), field="logo")
    org.logo_png = png
    session.flush()
    audit(session, action="logo", entity="organisation", entity_id=org.id)
    return _info(org)
