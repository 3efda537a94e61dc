"""Language choice, gettext catalogs and babel formatting.

Source strings are English. The Dutch catalog lives in ``translations/nl/LC_MESSAGES`` as a
``.po`` file maintained with babel; it is compiled when first needed, so the catalog that is
edited is the one that runs, and the compiled form is kept in the user's cache folder under the
digest of the ``.po`` file's contents, so later starts only read it. Dates, times, numbers and
money are formatted by babel for the language in force (``nl`` -> nl_NL, ``en`` -> en_GB), or
for an explicit one, which lets a PDF be printed in either language whatever the interface
language is.
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import io
import locale
import logging
import os
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from holdmetight.installation import translations_dir

log = logging.getLogger(__name__)

DOMAIN = "holdmetight"
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_state = threading.local()
_language = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it yet (translated where shown)."""
    return message


@cache
def catalog(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language``; English is the source and needs none."""
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "en" or not po_path.is_file():
        return _gettext.NullTranslations()
    source = po_path.read_bytes()
    kept = _compiled_dir() / f"{DOMAIN}-{language}-{hashlib.sha256(source).hexdigest()[:32]}.mo"
    try:
        return _gettext.GNUTranslations(io.BytesIO(kept.read_bytes()))
    except (OSError, ValueError, IndexError, KeyError, struct.error):  # not kept, or damaged
        pass
    compiled = compile_catalog(source, language)
    _keep(kept, compiled, replaces=f"{DOMAIN}-{language}-*.mo")
    return _gettext.GNUTranslations(io.BytesIO(compiled))


def compile_catalog(source: bytes, language: str) -> bytes:
    """A ``.po`` catalog's text compiled into gettext's binary form (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(source), locale=language, domain=DOMAIN), use_fuzzy=False)
    return buffer.getvalue()


def _compiled_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("holdmetight", appauthor=False)) / "catalogs"


def _keep(path: Path, compiled: bytes, *, replaces: str) -> None:
    """Keep a compiled catalog for the next start (written whole or not at all), in place of
    the earlier ones (``replaces``: their pattern); a cache folder that cannot be written only
    costs the next start the compiling again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(replaces):
            old.unlink(missing_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(compiled)
        os.replace(partial, path)
    except OSError:
        log.info("the compiled catalog could not be kept in the cache folder")


def normalise_language(value: str | None) -> str:
    """Map a locale name such as ``nl_BE.UTF-8`` or ``en-US`` to one of :data:`LANGUAGES`."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    if code in ("c", "posix", ""):
        return DEFAULT_LANGUAGE
    if code in ("nl", "dutch"):  # "Dutch_Netherlands" is how Windows names nl_NL
        return "nl"
    return "en"


def system_language() -> str:
    """The language of the user's system, falling back to Dutch for an unset locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return normalise_language(value)
    try:
        detected = locale.getlocale()[0]
    except ValueError:
        detected = None
    return normalise_language(detected) if detected else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Make ``language`` the language of messages from now on (the whole process)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _language = language


def current_language() -> str:
    """The language in force: a temporary one from :func:`using_language`, else the global one."""
    return getattr(_state, "override", None) or _language


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Translate and format in ``language`` inside the block (e.g. printing a Dutch PDF)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    previous = getattr(_state, "override", None)
    _state.override = language
    try:
        yield
    finally:
        _state.override = previous


def gettext(message: str) -> str:
    """Translate ``message`` into the language in force."""
    return catalog(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the language in force."""
    return catalog(current_language()).ngettext(singular, plural, n)


_ = gettext


def babel_locale(language: str | None = None) -> str:
    """The babel locale used for formatting in ``language`` (default: the language in force)."""
    return _LOCALES[language or current_language()]


# The two ways a date is written, the same in every list and on every page. The short form is
# for tables, grids, lists and page footers: narrow, and with the month as a word it cannot be
# read month-first by anyone. The long form, with the weekday, is for headings, details,
# letters, handouts and sign-in sheets, where a meeting is announced and people plan by day.
DateForm = Literal["short", "long"]
DATE_PATTERNS: dict[DateForm, str] = {
    "short": "d MMM y",  # 22 okt 2026 / 22 Oct 2026
    "long": "EEEE d MMMM y",  # donderdag 22 oktober 2026 / Thursday 22 October 2026
}


def short_date(value: date, *, language: str | None = None) -> str:
    """A date in a table, list, grid or footer: ``22 okt 2026`` / ``22 Oct 2026``."""
    return babel_dates.format_date(
        value, format=DATE_PATTERNS["short"], locale=babel_locale(language)
    )


def long_date(value: date, *, language: str | None = None) -> str:
    """A date in a heading, detail, letter or handout, with its weekday:
    ``donderdag 22 oktober 2026`` / ``Thursday 22 October 2026``."""
    return babel_dates.format_date(
        value, format=DATE_PATTERNS["long"], locale=babel_locale(language)
    )


def format_date(value: date, *, style: DateForm = "short", language: str | None = None) -> str:
    """A date in one of the two forms, by name: :func:`short_date` unless ``style`` is
    ``"long"`` (:func:`long_date`). There is no third form."""
    if style == "long":
        return long_date(value, language=language)
    if style == "short":
        return short_date(value, language=language)
    raise ValueError(f"unknown date form: {style!r}")


def format_time(value: time | datetime, *, language: str | None = None) -> str:
    """A wall-clock time, 24-hour in both languages (``19:30``)."""
    return babel_dates.format_time(value, format="HH:mm", locale=babel_locale(language))


def format_weekday(value: date, *, language: str | None = None) -> str:
    """The abbreviated weekday of a date (``di`` / ``Tue``)."""
    return babel_dates.format_date(value, format="EEE", locale=babel_locale(language))


def format_number(value: int | Decimal, *, language: str | None = None) -> str:
    """A number with the language's separators."""
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


def format_exact(value: int | Decimal, *, language: str | None = None) -> str:
    """A number with the language's separators and every decimal it has, trailing zeros too
    ("8,70" for a figure rounded to two decimals)."""
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=babel_locale(language))


def format_input(value: int | Decimal, *, language: str | None = None) -> str:
    """A number as a person types it in the language: its decimals, no thousands separator
    ("1234,5" / "1234.5"), so that reading it back gives the same number."""
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "0" + ("." + "0" * places if places else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=babel_locale(language))


def parse_input(text: str) -> Decimal:
    """A number as :func:`format_input` writes it, in either language: a comma or a point is
    the decimal sign, there is no thousands separator ("0,90", "0.90", "12"); ValueError if
    it is none."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except ArithmeticError as error:
        raise ValueError(f"not a number: {text!r}") from error
    if not value.is_finite():
        raise ValueError(f"not a number: {text!r}")
    return value


def capitalised(text: str) -> str:
    """A label as a heading or a list item starts: its first letter a capital."""
    return text[:1].upper() + text[1:]


def format_money(amount: Decimal, *, language: str | None = None) -> str:
    """Euros as the language writes them (nl ``€ 12,50``, en ``€12.50``)."""
    # Plus zero makes -0 plain 0, which is equal to it and would share its remembered text.
    return _money(amount + 0, babel_locale(language))


@lru_cache(maxsize=4096)
def _money(amount: Decimal, locale: str) -> str:
    # Lists repeat a handful of amounts thousands of times (a year's open balances), and babel
    # works out the pattern anew for each: remembered, a long PDF or list is much quicker.
    return babel_numbers.format_currency(amount, "EUR", locale=locale)


def parse_amount(text: str, *, language: str | None = None) -> Decimal:
    """An amount typed by a person ("12,50", "€ 1.250", "12.5"); ValueError if it is none."""
    cleaned = text.replace("€", "").replace("\u00a0", " ").strip()
    if not cleaned:
        raise ValueError("empty amount")
    try:
        return babel_numbers.parse_decimal(cleaned, locale=babel_locale(language), strict=False)
    except babel_numbers.NumberFormatError as error:
        raise ValueError(f"not an amount: {text!r}") from error


def format_amount_input(amount: Decimal, *, language: str | None = None) -> str:
    """An amount as a person types it in the language ("12,50" / "12.50"), without the sign."""
    return babel_numbers.format_decimal(amount, format="0.00", locale=babel_locale(language))
