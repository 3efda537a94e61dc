"""Finding the dates in what a user reads, and telling which are not in the two chosen forms.

Any date-like text is found, in any language's words or in digits, with a weekday before it if
there is one ("do 22 okt 2026", "22-10-2026", "Thursday, 22 October 2026"); each must be
exactly the short or the long form of that date in the language shown (holdmetight.i18n).
Import with ``from tests.date_forms import stray_dates``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from babel import dates as babel_dates

from holdmetight.i18n import LANGUAGES, babel_locale, long_date, short_date


def _names() -> tuple[dict[str, int], list[str]]:
    """Every month name and abbreviation (lower case) with its number, and every weekday word,
    in every language of the application."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    for language in LANGUAGES:
        locale = babel_locale(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in babel_dates.get_month_names(width, context, locale).items():
                    months[name.lower().rstrip(".")] = number
                weekdays.update(
                    name.lower().rstrip(".")
                    for name in babel_dates.get_day_names(width, context, locale).values()
                )
    return months, sorted(weekdays, key=len, reverse=True)


MONTHS, WEEKDAYS = _names()
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(map(re.escape, WEEKDAYS))
WORDS = re.compile(
    rf"(?:\b(?P<weekday>{_WEEKDAY})\.?,?\s+)?"
    rf"\b(?P<day>\d{{1,2}})\.?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
MONTH_FIRST = re.compile(rf"\b(?:{_MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE)
DIGITS = re.compile(r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\b")


def _spaced(text: str) -> str:
    return " ".join(text.split())


def stray_dates(texts: Iterable[str], language: str) -> list[str]:
    """The dates in ``texts`` that are neither the short nor the long form in ``language``,
    each with the text it was found in."""
    stray = []
    for text in texts:
        for found in DIGITS.finditer(text):
            stray.append(f"{found.group(0)!r} in {text!r}")
        for found in MONTH_FIRST.finditer(text):
            stray.append(f"{found.group(0)!r} in {text!r}")
        for found in WORDS.finditer(text):
            month = MONTHS[found.group("month").lower()]
            try:
                day = date(int(found.group("year")), month, int(found.group("day")))
            except ValueError:
                stray.append(f"{found.group(0)!r} in {text!r}")
                continue
            forms = {_spaced(form(day, language=language)) for form in (short_date, long_date)}
            if _spaced(found.group(0)) not in forms:  # a line may break inside a date
                stray.append(f"{found.group(0)!r} in {text!r}")
    return stray


def dates_in(texts: Iterable[str]) -> int:
    """How many dates, in any form, ``texts`` hold (so that a scan is known to have seen some)."""
    return sum(
        len(pattern.findall(text)) for text in texts for pattern in (WORDS, MONTH_FIRST, DIGITS)
    )
