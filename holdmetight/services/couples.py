"""Couples and their partners: register, change, find."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.couple import Consent, Couple, Partner
from holdmetight.domain.enums import ConsentPurpose, HouseholdType, Language, ReferralSource
from holdmetight.domain.names import ERASED, fold, full_name, list_name, name_key, sort_key
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import aggregates
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class PostalAddress:
    """A Dutch postal address; every part may be empty while it is not known."""

    street: str = ""
    house_number: str = ""
    postcode: str = ""
    town: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.street or self.house_number or self.postcode or self.town)

    @property
    def is_complete(self) -> bool:
        return bool(self.street and self.house_number and self.postcode and self.town)

    def lines(self) -> tuple[str, ...]:
        """The address as an envelope shows it: "Dorpsstraat 12", "1234 AB  UTRECHT" (the
        postcode, two spaces and the town in capitals, as PostNL asks)."""
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = "  ".join(part for part in (self.postcode, self.town.upper()) if part)
        return tuple(line for line in (street, town) if line)


@dataclass(frozen=True)
class PartnerInput:
    given_name: str
    family_name: str
    name_prefix: str = ""
    email: str = ""
    phone: str = ""
    preferred_language: Language = Language.NL
    # An own postal address for a partner who lives elsewhere; empty: the couple's.
    address: PostalAddress = PostalAddress()
    prefers_post: bool = False


@dataclass(frozen=True)
class PartnerInfo(PartnerInput):
    id: int = 0

    @property
    def full_name(self) -> str:
        return full_name(self.given_name, self.name_prefix, self.family_name)

    @property
    def list_name(self) -> str:
        return list_name(self.given_name, self.name_prefix, self.family_name)


@dataclass(frozen=True)
class CoupleInfo:
    id: int
    partners: tuple[PartnerInfo, PartnerInfo]
    postcode: str
    municipality: str
    address: PostalAddress
    referral_source: ReferralSource
    consent_date: date | None
    household_type: HouseholdType
    notes: str
    version: int

    @property
    def names(self) -> str:
        return couple_names(self.partners[0], self.partners[1])

    def address_of(self, partner: PartnerInfo) -> PostalAddress:
        """Where letters to ``partner`` go: the partner's own address, else the couple's."""
        return self.address if partner.address.is_empty else partner.address


def couple_names(first: PartnerInput, second: PartnerInput) -> str:
    """Both partners as a list shows them: "Berg, Jan van der & Vries, Anna de"."""
    a = list_name(first.given_name, first.name_prefix, first.family_name)
    b = list_name(second.given_name, second.name_prefix, second.family_name)
    return f"{a} & {b}"


def refuse_if_anonymised(couple: Couple) -> None:
    """An anonymised couple's file is closed: nothing is added to it or changed in it."""
    if couple.anonymised_at is not None:
        raise RuleError(
            _("This couple has been anonymised: nothing can be added to or changed in its file.")
        )


def _partner(p: PartnerInput, number: int) -> PartnerInput:
    field = f"partner{number}"

    def label(what: str) -> str:
        return _("Partner {n}: {field}").format(n=number, field=what)

    return PartnerInput(
        given_name=check.text(
            p.given_name, field=f"{field}.given_name", label=label(_("Given name")), max_length=100
        ),
        name_prefix=check.text(
            p.name_prefix,
            field=f"{field}.name_prefix",
            label=label(_("Name prefix")),
            required=False,
            max_length=30,
        ),
        family_name=check.text(
            p.family_name,
            field=f"{field}.family_name",
            label=label(_("Family name")),
            max_length=100,
        ),
        email=check.email(p.email, field=f"{field}.email"),
        phone=check.phone(p.phone, field=f"{field}.phone"),
        preferred_language=Language(p.preferred_language),
        address=_partner_address(p.address, number),
        prefers_post=bool(p.prefers_post),
    )


def checked_address(address: PostalAddress, *, field: str, label: str = "") -> PostalAddress:
    """``address`` with each part checked and written as stored (the postcode as 1234 AB)."""

    def named(what: str) -> str:
        return _("{who}: {field}").format(who=label, field=what) if label else what

    return PostalAddress(
        street=check.text(
            address.street,
            field=f"{field}street",
            label=named(_("Street")),
            required=False,
            max_length=200,
        ),
        house_number=check.text(
            address.house_number,
            field=f"{field}house_number",
            label=named(_("House number")),
            required=False,
            max_length=20,
        ),
        postcode=check.postcode(address.postcode, field=f"{field}postcode"),
        town=check.text(
            address.town,
            field=f"{field}town",
            label=named(_("Town")),
            required=False,
            max_length=100,
        ),
    )


def _partner_address(address: PostalAddress, number: int) -> PostalAddress:
    """A partner's own address is whole or empty: half an address would send letters nowhere."""
    who = _("Partner {n}").format(n=number)
    checked = checked_address(address, field=f"partner{number}.", label=who)
    if not checked.is_empty and not checked.is_complete:
        raise ValidationError(
            _(
                "{who}: give the whole address (street, house number, postcode and town), or "
                "leave it empty when letters go to the couple's address."
            ).format(who=who),
            field=f"partner{number}.street",
        )
    return checked


def search_text(couple: Couple, partners: Sequence[PartnerInput]) -> str:
    """What the couples filter matches against: names, e-mails, postcode, municipality."""
    return _search_text(couple.postcode, couple.municipality, partners)


def _search_text(postcode: str, municipality: str, partners: Sequence[PartnerInput]) -> str:
    parts = [postcode.replace(" ", ""), postcode, municipality]
    for p in partners:
        name = full_name(p.given_name, p.name_prefix, p.family_name)
        parts += [name if name != ERASED else "", p.email]
    return fold(" | ".join(x for x in parts if x))


@dataclass(frozen=True)
class NewDetails:
    """A couple's details checked and put in the form they are stored in."""

    partners: tuple[PartnerInput, PartnerInput]
    postcode: str
    municipality: str
    referral_source: ReferralSource
    consent_date: date | None
    household_type: HouseholdType
    notes: str
    address: PostalAddress = PostalAddress()

    @property
    def search_text(self) -> str:
        return _search_text(self.postcode, self.municipality, self.partners)

    @property
    def sort_key(self) -> str:
        first = self.partners[0]
        return sort_key(first.given_name, first.name_prefix, first.family_name)


def checked_details(
    partners: tuple[PartnerInput, PartnerInput],
    *,
    postcode: str,
    municipality: str,
    referral_source: ReferralSource,
    consent_date: date | None,
    household_type: HouseholdType,
    notes: str,
    today: date,
    address: PostalAddress | None = None,
    erased: frozenset[int] = frozenset(),
) -> NewDetails:
    """The details as entered, checked (:class:`ValidationError` naming the first problem).

    ``address`` is the couple's postal address; its postcode, when given, is the couple's
    ``postcode`` (the one the figures count). A partner in ``erased`` (1 or 2) was erased: that
    partner stays as it is, whatever was entered."""
    checked = tuple(
        PartnerInput("", "") if number in erased else _partner(partner, number)
        for number, partner in enumerate(partners, start=1)
    )
    assert len(checked) == 2
    home = checked_address(address or PostalAddress(postcode=postcode), field="")
    code = home.postcode
    place = check.text(
        municipality, field="municipality", label=_("Municipality"), required=False, max_length=100
    )
    if consent_date is not None and consent_date > today:
        raise ValidationError(_("The consent date cannot be in the future."), field="consent_date")
    return NewDetails(
        partners=(checked[0], checked[1]),
        postcode=code,
        municipality=place,
        referral_source=ReferralSource(referral_source),
        consent_date=consent_date,
        household_type=HouseholdType(household_type),
        notes=(notes or "").strip(),
        address=PostalAddress(home.street, home.house_number, code, home.town),
    )


def _store(session: Session, couple: Couple, details: NewDetails) -> None:
    """Write checked ``details`` into ``couple`` and its two partners."""
    couple.postcode = details.postcode
    couple.street = details.address.street
    couple.house_number = details.address.house_number
    couple.town = details.address.town
    couple.municipality = details.municipality
    couple.referral_source = details.referral_source
    couple.consent_date = details.consent_date
    couple.household_type = details.household_type
    couple.notes = details.notes
    couple.search_text = details.search_text
    couple.sort_key = details.sort_key
    session.add(couple)
    session.flush()
    assert couple.id is not None
    existing = {
        p.position: p for p in session.exec(select(Partner).where(Partner.couple_id == couple.id))
    }
    first = existing.get(1)
    if first is not None and not first.family_name:
        couple.sort_key = first.sort_key  # the first partner was erased: the list keeps its place
    for position, data in enumerate(details.partners, start=1):
        if position in existing and not existing[position].family_name:
            continue  # an erased partner stays erased
        row = existing.get(position) or Partner(
            couple_id=couple.id, position=position, given_name="", family_name=""
        )
        row.given_name = data.given_name
        row.name_prefix = data.name_prefix
        row.family_name = data.family_name
        row.email = data.email
        row.phone = data.phone
        row.preferred_language = data.preferred_language
        row.street = data.address.street
        row.house_number = data.address.house_number
        row.postcode = data.address.postcode
        row.town = data.address.town
        row.prefers_post = data.prefers_post
        row.sort_key = sort_key(data.given_name, data.name_prefix, data.family_name)
        session.add(row)
    if details.consent_date is not None:
        _consent_to_take_part(session, couple.id, details.consent_date)


def _consent_to_take_part(session: Session, couple_id: int, on: date) -> None:
    """The couple's consent date is each partner's consent to take part, unless a partner's
    consent to that is recorded already (given on its own date, or withdrawn)."""
    session.flush()
    partner_ids = session.exec(select(Partner.id).where(Partner.couple_id == couple_id)).all()
    known = set(
        session.exec(
            select(Consent.partner_id).where(
                col(Consent.partner_id).in_(partner_ids),
                Consent.purpose == ConsentPurpose.COURSE,
            )
        ).all()
    )
    for partner_id in partner_ids:
        if partner_id is not None and partner_id not in known:
            session.add(Consent(partner_id=partner_id, purpose=ConsentPurpose.COURSE, given_on=on))
    session.flush()


def _couple_info(session: Session, couple: Couple) -> CoupleInfo:
    partners = session.exec(
        select(Partner).where(Partner.couple_id == couple.id).order_by(col(Partner.position))
    ).all()
    infos = tuple(
        PartnerInfo(
            id=p.id or 0,
            given_name=p.given_name,
            name_prefix=p.name_prefix,
            family_name=p.family_name,
            email=p.email,
            phone=p.phone,
            preferred_language=Language(p.preferred_language),
            address=PostalAddress(p.street, p.house_number, p.postcode, p.town),
            prefers_post=p.prefers_post,
        )
        for p in partners
    )
    assert couple.id is not None and len(infos) == 2
    return CoupleInfo(
        id=couple.id,
        partners=(infos[0], infos[1]),
        postcode=couple.postcode,
        municipality=couple.municipality,
        address=PostalAddress(couple.street, couple.house_number, couple.postcode, couple.town),
        referral_source=ReferralSource(couple.referral_source),
        consent_date=couple.consent_date,
        household_type=HouseholdType(couple.household_type),
        notes=couple.notes,
        version=couple.version,
    )


@unit_of_work
def create_couple(
    session: Session,
    /,
    *,
    partners: tuple[PartnerInput, PartnerInput],
    postcode: str = "",
    municipality: str = "",
    referral_source: ReferralSource = ReferralSource.SELF,
    consent_date: date | None = None,
    household_type: HouseholdType = HouseholdType.LIVING_TOGETHER,
    notes: str = "",
    address: PostalAddress | None = None,
) -> CoupleInfo:
    """Register a couple with both partners. ``address`` is the couple's postal address (its
    postcode replaces ``postcode``)."""
    couple = Couple()
    details = checked_details(
        partners,
        postcode=postcode,
        municipality=municipality,
        referral_source=referral_source,
        consent_date=consent_date,
        household_type=household_type,
        notes=notes,
        today=local_now(session).date(),
        address=address,
    )
    _store(session, couple, details)
    audit(session, action="create", entity="couple", entity_id=couple.id)
    return _couple_info(session, couple)


@unit_of_work
def update_couple(
    session: Session,
    /,
    *,
    couple_id: int,
    version: int,
    partners: tuple[PartnerInput, PartnerInput],
    postcode: str = "",
    municipality: str = "",
    referral_source: ReferralSource = ReferralSource.SELF,
    consent_date: date | None = None,
    household_type: HouseholdType = HouseholdType.LIVING_TOGETHER,
    notes: str = "",
    address: PostalAddress | None = None,
) -> CoupleInfo:
    """Change a couple's details, both partners' included. Without ``address`` the couple's
    street, house number and town stay as they are.

    ``version`` is the couple's as the user read it (:attr:`CoupleInfo.version`); it stands for
    the partners too, so a change to either partner since then refuses the save."""
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    refuse_if_anonymised(couple)
    aggregates.check_couple(
        session, couple, version, names=lambda: _couple_info(session, couple).names
    )
    touch(couple)
    if address is None:  # the caller leaves the street, number and town as they are
        address = PostalAddress(couple.street, couple.house_number, postcode, couple.town)
    erased = frozenset(
        p.position
        for p in session.exec(select(Partner).where(Partner.couple_id == couple.id))
        if not p.family_name
    )
    details = checked_details(
        partners,
        postcode=postcode,
        municipality=municipality,
        referral_source=referral_source,
        consent_date=consent_date,
        household_type=household_type,
        notes=notes,
        today=local_now(session).date(),
        address=address,
        erased=erased,
    )
    _store(session, couple, details)
    audit(session, action="update", entity="couple", entity_id=couple.id)
    return _couple_info(session, couple)


@read_only
def get_couple(session: Session, /, *, couple_id: int) -> CoupleInfo:
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    return _couple_info(session, couple)


@dataclass(frozen=True)
class DuplicateHint:
    """A couple already registered that looks like the one being entered, and why."""

    couple_id: int
    names: str
    reason: str


@read_only
def find_duplicates(
    session: Session,
    /,
    *,
    partners: tuple[PartnerInput, PartnerInput],
    postcode: str = "",
    exclude_couple_id: int | None = None,
) -> list[DuplicateHint]:
    """Couples with the same e-mail address, or the same names at the same postcode.

    Each question is one indexed look-up (e-mail ignoring case; postcode, then the partners'
    name keys), so the check costs the same with ten or a hundred thousand couples stored."""
    others = col(Partner.couple_id) != (exclude_couple_id or -1)
    hints: dict[int, str] = {}
    emails = {p.email.strip().lower() for p in partners if p.email.strip()}
    if emails:
        for couple_id, email in session.exec(
            select(Partner.couple_id, Partner.email).where(
                func.lower(Partner.email).in_(emails), others
            )
        ):
            hints.setdefault(couple_id, _("same e-mail address ({email})").format(email=email))
    try:
        code = check.postcode(postcode)
    except ValidationError:
        code = ""
    keys = {
        name_key(p.given_name, p.family_name)
        for p in partners
        if p.given_name.strip() and p.family_name.strip()
    }
    if code and keys:
        same_name = [func.substr(Partner.sort_key, 1, len(key)) == key for key in keys]
        for couple_id in session.exec(
            select(Partner.couple_id)
            .join(Couple, col(Couple.id) == Partner.couple_id)
            .where(Couple.postcode == code, others, or_(*same_name))
        ):
            hints.setdefault(couple_id, _("same name and postcode"))
    result = []
    for couple_id, reason in sorted(hints.items()):
        info = _couple_info(session, session.get_one(Couple, couple_id))
        result.append(DuplicateHint(couple_id=couple_id, names=info.names, reason=reason))
    return result
