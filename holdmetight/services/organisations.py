"""The organisation's own details, printed on every page, and its settings for courses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from holdmetight.domain.enums import Language, SchoolRegion
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import school_holidays, waiting_list
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work


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
    offer_answer_days: int = 7  # days a couple has to answer the offer of a place
    intake_required: bool = True  # a suitable intake before a couple takes a place
    school_region: SchoolRegion | None = None  # whose school holidays planning can skip
    retention_years: int = 5  # a couple's file is kept this long after its last course


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
        offer_answer_days=org.offer_answer_days,
        intake_required=org.intake_required,
        school_region=SchoolRegion(org.school_region) if org.school_region else None,
        retention_years=org.retention_years,
    )


def _the_organisation(session: Session) -> Organisation | None:
    return session.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]


@read_only
def get_organisation(session: Session, /) -> OrganisationInfo | None:
    """The organisation, or None in a database that was just created."""
    org = _the_organisation(session)
    return _info(org) if org else None


@read_only
def school_region(session: Session, /) -> SchoolRegion | None:
    """The school-holiday region the organisation chose, None while it has not chosen one."""
    org = _the_organisation(session)
    return SchoolRegion(org.school_region) if org and org.school_region else None


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


MAX_OFFER_ANSWER_DAYS = 60


@unit_of_work
def save_course_settings(
    session: Session,
    /,
    *,
    version: int | None,
    offer_answer_days: int,
    intake_required: bool,
    school_region: SchoolRegion | None,
) -> OrganisationInfo:
    """How the organisation runs its courses: the days a couple has to answer an offered place,
    whether an intake must come first, and the school-holiday region. Choosing a region fills
    its school holidays with the official periods when it has none yet; free places go to the
    couples who may take them under the new rules at once."""
    org = _the_organisation(session)
    if org is None:
        raise ValidationError(_("Enter the organisation's name first."), field="name")
    check.check_version(org, version)
    org.offer_answer_days = check.whole_number(
        offer_answer_days,
        field="offer_answer_days",
        label=_("Days to answer an offered place"),
        minimum=1,
        maximum=MAX_OFFER_ANSWER_DAYS,
    )
    org.intake_required = bool(intake_required)
    org.school_region = SchoolRegion(school_region) if school_region else None
    session.flush()
    audit(session, action="settings", entity="organisation", entity_id=org.id)
    if org.school_region is not None:
        school_holidays.seed_school_holidays(session, region=SchoolRegion(org.school_region))
    # Without the intake rule, couples who waited for an intake may take a free place now.
    waiting_list.settle_all(session)
    return _info(org)
