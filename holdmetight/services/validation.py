"""Checks on user input shared by the services; each failure is a translated message.

The libraries for e-mail addresses and phone numbers are imported by the checks that use them,
so that starting the application does not wait for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session, SQLModel

from holdmetight.errors import ConflictError, NotFoundError, ValidationError
from holdmetight.i18n import _

T = TypeVar("T", bound=SQLModel)

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def text(
    value: str | None, *, field: str, label: str, required: bool = True, max_length: int
) -> str:
    """Trimmed text; empty is refused when ``required``, too long is always refused."""
    cleaned = " ".join((value or "").split())
    if required and not cleaned:
        raise ValidationError(_("{field} is required.").format(field=label), field=field)
    if len(cleaned) > max_length:
        raise ValidationError(
            _("{field} is too long (at most {n} characters).").format(field=label, n=max_length),
            field=field,
        )
    return cleaned


def postcode(value: str | None, *, field: str = "postcode") -> str:
    """A Dutch postcode written as ``1234 AB``; empty stays empty."""
    if not value or not value.strip():
        return ""
    match = _POSTCODE.match(value)
    if not match:
        raise ValidationError(
            _(
                "{value} is not a Dutch postcode (four digits and two letters, like 1234 AB)."
            ).format(value=value.strip()),
            field=field,
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def email(value: str | None, *, field: str) -> str:
    """A well-formed e-mail address, normalised (domain in lowercase); empty stays empty.

    Whether the address really receives mail is not checked: that needs the network.
    """
    from email_validator import EmailNotValidError, validate_email

    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    try:
        return validate_email(cleaned, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValidationError(
            _("{value} is not a valid e-mail address.").format(value=cleaned), field=field
        ) from error


def phone(value: str | None, *, field: str) -> str:
    """A phone number, Dutch unless it starts with a country code, written the usual way
    (``06 12345678``, ``030 123 4567``, ``+32 470 12 34 56``); empty stays empty."""
    import phonenumbers

    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    try:
        number = phonenumbers.parse(cleaned, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("{value} is not a valid phone number.").format(value=cleaned), field=field
        )
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 31
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def whole_number(value: int, *, field: str, label: str, minimum: int, maximum: int) -> int:
    if not minimum <= value <= maximum:
        raise ValidationError(
            _("{field} must be between {low} and {high}.").format(
                field=label, low=minimum, high=maximum
            ),
            field=field,
        )
    return value


def get_or_fail(session: Session, model: type[T], record_id: int, *, what: Callable[[], str]) -> T:
    """The record, or a message that it no longer exists."""
    found = session.get(model, record_id)
    if found is None:
        raise NotFoundError(_("{what} no longer exists.").format(what=what()))
    return found


def check_version(record: SQLModel, expected: int | None) -> None:
    """Refuse to overwrite a record that someone else changed since the user opened it."""
    if expected is not None and getattr(record, "version", None) != expected:
        raise ConflictError(
            _("Someone else changed this record in the meantime. Reopen it and try again.")
        )
