"""Importing couples from a CSV file as Dutch offices produce them.

Accepted: comma, semicolon or tab separated (found from the header); UTF-8 with or without
BOM, Windows-1252, both mixed, or UTF-16 (see ``text_files``); CRLF line ends; quoted fields;
headers in Dutch or English (see resources/import/). Each row is imported completely or not at
all; rows that fail (a line that is not readable text among them) are reported with their line
number and reason, and can be written to an errors file to fix and import again. A couple already
registered (same e-mail address, or same names and postcode) is skipped, so importing the same
file twice adds nothing the second time. A dry run checks everything and changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session

from holdmetight.domain.enums import HouseholdType, Language, ReferralSource
from holdmetight.domain.names import fold
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _
from holdmetight.progress import Progress, no_progress
from holdmetight.services import couple_batches, couples
from holdmetight.services.clock import local_now
from holdmetight.services.couples import PartnerInput, PostalAddress
from holdmetight.services.tables import neutralised, unneutralised
from holdmetight.services.text_files import open_csv
from holdmetight.services.transaction import unit_of_work

ERROR_COLUMN = {"nl": "fout", "en": "error"}

# Field -> header words in either language (compared without case, accents, spaces or _-.).
_PARTNER_WORDS = {
    "given_name": ("given_name", "givenname", "first_name", "firstname", "voornaam", "roepnaam"),
    "name_prefix": ("name_prefix", "prefix", "tussenvoegsel", "tussenvoegsels"),
    "family_name": ("family_name", "familyname", "last_name", "lastname", "surname", "achternaam"),
    "email": ("email", "e_mail", "emailadres", "e_mailadres", "mail"),
    "phone": ("phone", "telephone", "telefoon", "telefoonnummer", "mobiel"),
    "language": ("language", "preferred_language", "taal", "voorkeurstaal"),
}
_COUPLE_WORDS = {
    "street": ("street", "straat", "straatnaam"),
    "house_number": ("house_number", "housenumber", "huisnummer", "huisnr"),
    "postcode": ("postcode", "postal_code", "zip"),
    "town": ("town", "city", "woonplaats", "plaats"),
    "municipality": ("municipality", "gemeente"),
    "referral_source": ("referral_source", "referral", "verwijzer", "verwezen_door", "aanmelder"),
    "consent_date": (
        "consent_date",
        "consent",
        "toestemming",
        "toestemmingsdatum",
        "datum_toestemming",
    ),
    "notes": ("notes", "note", "notities", "opmerkingen"),
}
_LANGUAGES = {
    "nl": Language.NL,
    "nederlands": Language.NL,
    "dutch": Language.NL,
    "en": Language.EN,
    "engels": Language.EN,
    "english": Language.EN,
}
_REFERRALS = {
    **{
        w: ReferralSource.SELF
        for w in ("self", "self-referral", "zelf", "eigen aanmelding", "zelfmelder")
    },
    **{w: ReferralSource.SOCIAL_WORKER for w in ("social worker", "maatschappelijk werker", "mw")},
    **{w: ReferralSource.GP for w in ("gp", "huisarts", "poh", "poh-ggz")},
    **{w: ReferralSource.DISTRICT_TEAM for w in ("district team", "wijkteam", "sociaal wijkteam")},
    **{w: ReferralSource.OTHER for w in ("other", "anders", "overig")},
}


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(header))


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in _COUPLE_WORDS.items():
        for word in words:
            table[_key(word)] = name
    for number in (1, 2):
        for name, words in _PARTNER_WORDS.items():
            for word in words:
                for form in (f"partner{number}{word}", f"{word}partner{number}", f"{word}{number}"):
                    table[_key(form)] = f"partner{number}.{name}"
    return table


ALIASES = _aliases()


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str
    values: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool
    header: tuple[str, ...] = ()
    delimiter: str = ";"
    imported: int = 0
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.imported + len(self.duplicates) + len(self.errors)


def parse_date(value: str) -> date | None:
    """A date as offices write it: 2026-11-03, 3-11-2026, 03/11/2026 or 3.11.2026."""
    text = value.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("{value} is not a date (write it as 31-12-2026).").format(value=text))


def _choice(table: Mapping[str, StrEnum], value: str, what: str) -> StrEnum | None:
    text = " ".join(fold(value).split())
    if not text:
        return None
    if text not in table:
        raise ValidationError(
            _("{value} is not a known {what}.").format(value=value.strip(), what=what)
        )
    return table[text]


@dataclass(frozen=True)
class RowValues:
    partners: tuple[PartnerInput, PartnerInput]
    address: PostalAddress
    municipality: str
    referral_source: ReferralSource
    consent_date: date | None
    notes: str


def _row_values(record: dict[str, str]) -> RowValues:
    def partner(number: int) -> PartnerInput:
        def get(name: str) -> str:
            return record.get(f"partner{number}.{name}", "")

        language = _choice(_LANGUAGES, get("language"), _("language"))
        return PartnerInput(
            given_name=get("given_name"),
            name_prefix=get("name_prefix"),
            family_name=get("family_name"),
            email=get("email"),
            phone=get("phone"),
            preferred_language=Language(language.value) if language else Language.NL,
        )

    referral = _choice(_REFERRALS, record.get("referral_source", ""), _("referral source"))
    return RowValues(
        partners=(partner(1), partner(2)),
        address=PostalAddress(
            street=record.get("street", ""),
            house_number=record.get("house_number", ""),
            postcode=record.get("postcode", ""),
            town=record.get("town", ""),
        ),
        # A file without a municipality counts the couple in its town's ("woonplaats").
        municipality=record.get("municipality", "") or record.get("town", ""),
        referral_source=ReferralSource(referral.value) if referral else ReferralSource.SELF,
        consent_date=parse_date(record.get("consent_date", "")),
        notes=record.get("notes", ""),
    )


@dataclass(frozen=True)
class Record:
    """One data line of the file as CSV fields, or why it cannot be read."""

    line: int
    fields: tuple[str, ...]
    problem: str = ""


_REQUIRED = {
    "partner1.given_name",
    "partner1.family_name",
    "partner2.given_name",
    "partner2.family_name",
}


def read_rows(data: bytes) -> tuple[list[str], str, Iterable[Record]]:
    """The header, the delimiter and each data line that is not blank."""
    opened = open_csv(data, is_column=lambda name: _key(name) in ALIASES)
    decoded, delimiter, header, reader = opened.text, opened.delimiter, opened.header, opened.reader
    if _any_in(decoded.unreadable_lines, 1, reader.line_num):
        raise ValidationError(
            _(
                "The column names on line {line} hold characters that cannot be read as text. "
                "Save the list as CSV UTF-8 and import that file."
            ).format(line=min(decoded.unreadable_lines))
        )
    if not _REQUIRED.issubset(ALIASES.get(_key(h)) for h in header):
        raise ValidationError(
            _(
                "The first line must name the columns; at least the given and family names of both "
                "partners are needed (see the import template)."
            )
        )
    header_keys = [_key(h) for h in header]

    def rows() -> Iterable[Record]:
        while True:
            first_line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield Record(
                    reader.line_num,
                    (),
                    _(
                        "This line cannot be read: a field is too long or a closing quote is "
                        "missing."
                    ),
                )
                continue
            if not any(value.strip() for value in fields) or _is_header(fields, header_keys):
                continue  # blank, or the header again in files pasted together
            if _any_in(decoded.unreadable_lines, first_line, reader.line_num):
                problem = _(
                    "This line holds characters that cannot be read as text; type them again "
                    "(or save the file as CSV UTF-8)."
                )
                yield Record(reader.line_num, tuple(fields), problem)
            else:
                yield Record(reader.line_num, tuple(fields))

    return header, delimiter, rows()


def _any_in(lines: frozenset[int], first: int, last: int) -> bool:
    return bool(lines) and any(line in lines for line in range(first, last + 1))


def _is_header(fields: list[str], header_keys: list[str]) -> bool:
    return (
        len(fields) == len(header_keys)
        and _key(fields[0]) == header_keys[0]
        and [_key(f) for f in fields] == header_keys
    )


@dataclass(frozen=True)
class ParsedRow:
    """One data line of the file: its values, or why they cannot be read."""

    line: int
    fields: tuple[str, ...]
    values: RowValues | None
    error: str = ""


def parse(data: bytes) -> tuple[tuple[str, ...], str, Iterable[ParsedRow]]:
    """The header, the delimiter and each data line read into values (no database needed)."""
    header, delimiter, rows = read_rows(data)
    columns = [ALIASES.get(_key(h)) for h in header]

    def parsed() -> Iterable[ParsedRow]:
        for row in rows:
            if row.problem:
                yield ParsedRow(row.line, row.fields, None, row.problem)
                continue
            if len(row.fields) > len(header):
                error = _("This line has more fields than the header.")
                yield ParsedRow(row.line, row.fields, None, error)
                continue
            # A text our export guarded against spreadsheets ("'=…") reads back as it was.
            record = {
                c: unneutralised(v.strip()) for c, v in zip(columns, row.fields, strict=False) if c
            }
            try:
                yield ParsedRow(row.line, row.fields, _row_values(record))
            except HoldMeTightError as error:
                yield ParsedRow(row.line, row.fields, None, str(error))

    return tuple(header), delimiter, parsed()


# Lines checked, compared and stored together: few queries, and progress every batch.
BATCH = 500


@unit_of_work
def import_couples(
    session: Session,
    /,
    *,
    data: bytes,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import the couples in a CSV file (see the module text for what is accepted).

    ``progress`` hears of every batch of lines; when it raises, nothing of the file is kept."""
    header, delimiter, parsed = parse(data)
    rows = list(parsed)
    report = ImportReport(dry_run=dry_run, header=header, delimiter=delimiter)
    today = local_now(session).date()
    finder = couple_batches.DuplicateFinder()
    everything = session.begin_nested()
    for start in range(0, len(rows), BATCH):
        checked: list[tuple[ParsedRow, couples.NewDetails]] = []
        for row in rows[start : start + BATCH]:
            if row.values is None:
                report.errors.append(RowProblem(row.line, row.error, row.fields))
                continue
            try:
                checked.append((row, _details(row.values, today)))
            except HoldMeTightError as error:
                report.errors.append(RowProblem(row.line, str(error), row.fields))
        finder.look_up(session, [details for _row, details in checked])
        new = []
        for row, details in checked:
            names = finder.registered(details)
            if names is None:
                new.append(details)
            else:
                reason = _("already registered: {names}").format(names=names)
                report.duplicates.append(RowProblem(row.line, reason, row.fields))
        couple_batches.store(session, new)
        report.imported += len(new)
        progress(min(start + BATCH, len(rows)), len(rows))
    if dry_run:
        everything.rollback()
    else:
        everything.commit()
    return report


def _details(values: RowValues, today: date) -> couples.NewDetails:
    return couples.checked_details(
        values.partners,
        postcode=values.address.postcode,
        address=values.address,
        municipality=values.municipality,
        referral_source=values.referral_source,
        consent_date=values.consent_date,
        household_type=HouseholdType.LIVING_TOGETHER,
        notes=values.notes,
        today=today,
    )


def errors_file(report: ImportReport, *, language: str) -> bytes:
    """The rows that failed, with the reason in an extra column, to fix and import again; a
    value that starts like a formula is written as every export writes it (and read back as it
    was)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=report.delimiter, lineterminator="\r\n")
    writer.writerow([*report.header, ERROR_COLUMN.get(language, "error")])
    for problem in report.errors:
        values = list(problem.values) + [""] * (len(report.header) - len(problem.values))
        writer.writerow(
            [
                *(neutralised(value) for value in values[: len(report.header)]),
                neutralised(
                    _("line {line}: {reason}").format(line=problem.line, reason=problem.reason)
                ),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
