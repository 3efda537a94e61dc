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
class PartnerInput:
    given_name: str
    family_name: str
    name_prefix: str = ""
    email: str = ""
    phone: str = ""
    preferred_language: Language = Language.NL


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
    referral_source: ReferralSource
    consent_date: date | None
    household_type: HouseholdType
    notes: str
    version: int

    @property
    def names(self) -> str:
        return couple_names(self.partners[0], self.partners[1])


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
    )


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
) -> NewDetails:
    """The details as entered, checked (:class:`ValidationError` naming the first problem)."""
    checked = (_partner(partners[0], 1), _partner(partners[1], 2))
    code = check.postcode(postcode)
    place = check.text(
        municipality, field="municipality", label=_("Municipality"), required=False, max_length=100
    )
    if consent_date is not None and consent_date > today:
        raise ValidationError(_("The consent date cannot be in the future."), field="consent_date")
    return NewDetails(
        partners=checked,
        postcode=code,
        municipality=place,
        referral_source=ReferralSource(referral_source),
        consent_date=consent_date,
        household_type=HouseholdType(household_type),
        notes=(notes or "").strip(),
    )


def _store(session: Session, couple: Couple, details: NewDetails) -> None:
    """Write checked ``details`` into ``couple`` and its two partners."""
    couple.postcode = details.postcode
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
    for position, data in enumerate(details.partners, start=1):
        row = existing.get(position) or Partner(
            couple_id=couple.id, position=position, given_name="", family_name=""
        )
        row.given_name = data.given_name
        row.name_prefix = data.name_prefix
        row.family_name = data.family_name
        row.email = data.email
        row.phone = data.phone
        row.preferred_language = data.preferred_language
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
        )
        for p in partners
    )
    assert couple.id is not None and len(infos) == 2
    return CoupleInfo(
        id=couple.id,
        partners=(infos[0], infos[1]),
        postcode=couple.postcode,
        municipality=couple.municipality,
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
) -> CoupleInfo:
    """Register a couple with both partners."""
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
) -> CoupleInfo:
    """Change a couple's details, both partners' included.

    ``version`` is the couple's as the user read it (:attr:`CoupleInfo.version`); it stands for
    the partners too, so a change to either partner since then refuses the save."""
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    refuse_if_anonymised(couple)
    aggregates.check_couple(
        session, couple, version, names=lambda: _couple_info(session, couple).names
    )
    touch(couple)
    details = checked_details(
        partners,
        postcode=postcode,
        municipality=municipality,
        referral_source=referral_source,
        consent_date=consent_date,
        household_type=household_type,
        notes=notes,
        today=local_now(session).date(),
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
