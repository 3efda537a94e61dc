"""Importing questionnaire scores gathered on paper or with an online form, from a CSV file.

One row is one partner's questionnaire at one wave: the course code, the couple's number and
the partner (1 or 2), or instead the partner's e-mail address; the questionnaire's code, the
wave (before/after/follow-up, in Dutch or English), the day it was filled in (today when left
out), and either the total score or the answers in columns item1, item2, … Files are read as
the couples import reads them (any delimiter, UTF-8 or Windows-1252, Dutch or English column
names). Each row is stored completely or not at all; rows that fail are reported with their
line and reason (and can be written to an errors file to fix and import again). A score
already entered (by hand, or by an earlier import) is not replaced: the line is listed as
skipped, so that importing the same file twice changes nothing and a correction is made in
the window. The same partner, wave and questionnaire twice in one file is an error of the second
line. Given both, the total must be what the answers make. A dry run checks everything and
changes nothing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from holdmetight.domain.couple import Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import OutcomeWave
from holdmetight.domain.names import fold
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, format_date, format_number, parse_input
from holdmetight.progress import Progress, no_progress
from holdmetight.services.clock import local_now
from holdmetight.services.couple_import import ImportReport, RowProblem, parse_date
from holdmetight.services.outcome_scores import ScoreInput, save_scores, stored_score
from holdmetight.services.tables import unneutralised
from holdmetight.services.text_files import open_csv
from holdmetight.services.transaction import unit_of_work

_WORDS = {
    "course": ("course", "course_code", "cursus", "cursuscode"),
    "couple": ("couple", "couple_number", "stel", "stelnummer", "nummer_stel"),
    "partner": ("partner", "partner_number", "partnernummer"),
    "email": ("email", "e_mail", "emailadres", "e_mailadres", "mail"),
    "instrument": ("instrument", "questionnaire", "vragenlijst", "code"),
    "wave": ("wave", "meting", "moment", "meetmoment"),
    "date": ("date", "filled_on", "filled_in", "datum", "ingevuld_op", "datum_ingevuld"),
    "score": ("score", "total", "total_score", "totaal", "totaalscore"),
}
_WAVES = {
    "pre": OutcomeWave.PRE,
    "before": OutcomeWave.PRE,
    "voor": OutcomeWave.PRE,
    "voormeting": OutcomeWave.PRE,
    "post": OutcomeWave.POST,
    "after": OutcomeWave.POST,
    "na": OutcomeWave.POST,
    "nameting": OutcomeWave.POST,
    "follow_up": OutcomeWave.FOLLOW_UP,
    "followup": OutcomeWave.FOLLOW_UP,
    "follow_upmeting": OutcomeWave.FOLLOW_UP,
    "vervolgmeting": OutcomeWave.FOLLOW_UP,
}
_ITEM = re.compile(r"^(?:item|q|vraag)_?(\d{1,2})$")


def _key(header: str) -> str:
    return re.sub(r"[\s\-.]+", "_", fold(header).strip()).strip("_")


ALIASES = {word: field for field, words in _WORDS.items() for word in words}


@dataclass(frozen=True)
class _Row:
    line: int
    fields: tuple[str, ...]
    values: dict[str, str]
    items: dict[int, str]


def _read(data: bytes) -> tuple[tuple[str, ...], str, list[_Row], list[RowProblem]]:
    def is_column(name: str) -> bool:
        return _key(name) in ALIASES or bool(_ITEM.match(_key(name)))

    opened = open_csv(data, is_column=is_column)
    decoded, delimiter, header, reader = opened.text, opened.delimiter, opened.header, opened.reader
    keys = [_key(h) for h in header]
    fields = [ALIASES.get(k) for k in keys]
    items = [int(m.group(1)) if (m := _ITEM.match(k)) else None for k in keys]
    named = set(fields)
    if (
        not {"course", "instrument", "wave"} <= named
        or not ("score" in named or any(items))
        or not ({"couple", "partner"} <= named or "email" in named)
    ):
        raise ValidationError(
            _(
                "The first line must name the columns, in Dutch or English: cursus (course), "
                "vragenlijst (instrument) and meting (wave); stel (couple) and partner, or "
                "e-mail; and totaal (score), or the answers as item1, item2, …"
            )
        )
    rows, problems = [], []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(
                RowProblem(
                    reader.line_num, _("This line cannot be read: a closing quote is missing."), ()
                )
            )
            continue
        if not any(v.strip() for v in values) or [_key(v) for v in values] == keys:
            continue
        if reader.line_num in decoded.unreadable_lines:
            problems.append(
                RowProblem(
                    reader.line_num,
                    _("This line holds characters that cannot be read as text."),
                    tuple(values),
                )
            )
            continue
        record = {f: unneutralised(v.strip()) for f, v in zip(fields, values, strict=False) if f}
        answers = {
            n: v.strip() for n, v in zip(items, values, strict=False) if n is not None and v.strip()
        }
        rows.append(_Row(reader.line_num, tuple(values), record, answers))
    return tuple(header), delimiter, rows, problems


def _whole(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            _("{what} must be a whole number: {value}").format(what=what, value=text)
        ) from None


def _score_input(row: _Row, partner: int) -> ScoreInput:
    code = row.values.get("instrument", "")
    total = None
    text = row.values.get("score", "")
    if text:
        try:
            total = parse_input(text)
        except ValueError:
            raise ValidationError(
                _("The score is not a number: {value}").format(value=text)
            ) from None
    if row.items:
        numbers = sorted(row.items)
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError(_("The answers must be given for item 1 onwards, none left out."))
        answers = tuple(_whole(row.items[n], _("Item {n}").format(n=n)) for n in numbers)
        return ScoreInput(partner=partner, instrument_code=code, answers=answers, total=total)
    if total is None:
        raise ValidationError(_("Give the score or the answers per item."))
    return ScoreInput(partner=partner, instrument_code=code, total=total)


@dataclass(frozen=True)
class _Target:
    """What one line is about: a partner's questionnaire at a wave of a course."""

    course_id: int
    couple_id: int
    partner: int
    wave: OutcomeWave
    instrument: str
    day: date
    given: ScoreInput


def _target(session: Session, row: _Row, today: date) -> _Target:
    code = row.values.get("course", "")
    course_id = session.exec(select(Course.id).where(Course.code == code.upper())).first()
    if course_id is None:
        raise ValidationError(_("There is no course with code {code}.").format(code=code))
    email = row.values.get("email", "").lower()
    if row.values.get("couple"):
        couple_id = _whole(row.values["couple"], _("The couple's number"))
        partner = _whole(row.values.get("partner", ""), _("Partner"))
    elif email:
        found = session.exec(
            select(Partner.couple_id, Partner.position).where(
                func.lower(col(Partner.email)) == email
            )
        ).all()
        if len(found) != 1:
            raise ValidationError(
                _("No partner has this e-mail address.")
                if not found
                else _("More than one partner has this e-mail address: give the couple's number.")
            )
        couple_id, partner = found[0]
    else:
        raise ValidationError(_("Give the couple's number and the partner, or the e-mail address."))
    wave = _WAVES.get(_key(row.values.get("wave", "")))
    if wave is None:
        raise ValidationError(
            _("The wave must be before, after or follow-up: {value}").format(
                value=row.values.get("wave", "")
            )
        )
    day = today
    if row.values.get("date"):
        parsed = parse_date(row.values["date"])
        if parsed is None:
            raise ValidationError(_("{value} is not a date.").format(value=row.values["date"]))
        day = parsed
    given = _score_input(row, partner)
    return _Target(
        course_id, couple_id, partner, wave, given.instrument_code.strip().upper(), day, given
    )


@unit_of_work
def import_outcomes(
    session: Session, /, *, data: bytes, dry_run: bool = False, progress: Progress = no_progress
) -> ImportReport:
    """Import the scores in a CSV file (see the module text for what is accepted)."""
    header, delimiter, rows, problems = _read(data)
    report = ImportReport(dry_run=dry_run, header=header, delimiter=delimiter)
    report.errors.extend(problems)
    today = local_now(session).date()
    everything = session.begin_nested()
    seen: dict[tuple[int, int, int, OutcomeWave, str], int] = {}
    for number, row in enumerate(rows, start=1):
        savepoint = session.begin_nested()
        try:
            target = _target(session, row, today)
            key = (
                target.course_id,
                target.couple_id,
                target.partner,
                target.wave,
                target.instrument,
            )
            if key in seen:
                raise ValidationError(
                    _("The same partner, wave and questionnaire as line {line}.").format(
                        line=seen[key]
                    )
                )
            stored = stored_score(
                session,
                course_id=target.course_id,
                couple_id=target.couple_id,
                partner=target.partner,
                wave=target.wave,
                instrument_code=target.instrument,
            )
            if stored is not None:
                seen[key] = row.line
                savepoint.rollback()
                reason = _("already entered: {score} on {date}; change it in the window").format(
                    score=format_number(stored.score), date=format_date(stored.filled_on)
                )
                report.duplicates.append(RowProblem(row.line, reason, row.fields))
                continue
            save_scores(
                session,
                course_id=target.course_id,
                couple_id=target.couple_id,
                wave=target.wave,
                filled_on=target.day,
                scores=[target.given],
            )
            seen[key] = row.line  # a line that failed may come again, corrected
        except HoldMeTightError as error:
            savepoint.rollback()
            report.errors.append(RowProblem(row.line, str(error), row.fields))
        else:
            savepoint.commit()
            report.imported += 1
        if number % 100 == 0 or number == len(rows):
            progress(number, len(rows))
    report.errors.sort(key=lambda p: p.line)
    if dry_run:
        everything.rollback()
    else:
        everything.commit()
    return report
