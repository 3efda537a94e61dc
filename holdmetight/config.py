"""Where things live on this computer, the user's settings, and which database to open.

The database is chosen, first match wins, from ``--db`` on the command line, the
``HOLDMETIGHT_DB`` environment variable, the settings file, or the default SQLite file in the
user's data folder. A value is a file path or a SQLAlchemy URL (``postgresql+psycopg://...``).

The settings file carries the number of its format; a file from an older release is upgraded
on loading by the steps in :mod:`holdmetight.config_upgrade`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from holdmetight.config_upgrade import VERSION_KEY, current_version, upgrade
from holdmetight.errors import DatabaseError
from holdmetight.i18n import _

APP_NAME = "holdmetight"
DB_ENV_VARIABLE = "HOLDMETIGHT_DB"
DATABASE_FILENAME = "holdmetight.sqlite3"

log = logging.getLogger(__name__)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir() -> Path:
    """The folder for the database and its backups."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def erasures_dir() -> Path:
    """The folder of the registers of erasures (see db.erasures), apart from any database."""
    return data_dir() / "erasures"


def config_dir() -> Path:
    """The folder for the settings file."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILENAME


def settings_path() -> Path:
    return config_dir() / "settings.json"


@dataclass
class Settings:
    """What the user chose in Settings; ``None`` means "follow the default".

    ``extra`` holds the keys this release does not know (for example those written by a newer
    release), which are written back as they were. ``format_version`` is the format the file
    was read in, or the current one; saving never writes a lower number than it.
    """

    language: str | None = None
    database: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    format_version: int = field(default_factory=current_version)


def _take_text(raw: dict[str, object], key: str) -> str | None:
    """Remove and return ``raw[key]`` if it is text; anything else stays in ``raw`` untouched."""
    value = raw.get(key)
    if isinstance(value, str):
        del raw[key]
        return value
    return None


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file, upgraded to the current format.

    A missing, unreadable or malformed file gives the defaults; loading never writes the file,
    so a damaged one stays as it is for the user (or support) to look at.
    """
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file could not be read; using defaults")
        return Settings()
    if not isinstance(raw, dict):
        log.warning("settings file does not hold settings; using defaults")
        return Settings()
    version = upgrade(raw)
    del raw[VERSION_KEY]
    return Settings(
        language=_take_text(raw, "language"),
        database=_take_text(raw, "database"),
        extra=raw,
        format_version=version,
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings file atomically, readable by the user only, in the current format
    (or the newer one it was read in)."""
    path = path or settings_path()
    ensure_private_dir(path.parent)
    data: dict[str, object] = dict(settings.extra)
    for key, value in (("language", settings.language), ("database", settings.database)):
        if value is not None:
            data[key] = value
    data[VERSION_KEY] = max(settings.format_version, current_version())
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


SQLITE_SCHEMES = frozenset({"sqlite", "sqlite+pysqlite"})
SERVER_DRIVER = "postgresql+psycopg"  # psycopg 3, the driver we ship
SERVER_SCHEMES = frozenset({"postgres", "postgresql", "postgresql+psycopg2", SERVER_DRIVER})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}")
HIGHEST_PORT = 65535


def database_url(value: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a path or URL given by the user (``--db``, ``HOLDMETIGHT_DB``, the
    settings file).

    A path (``C:\\data\\office.sqlite3`` too: it has no "://") becomes a ``sqlite:///`` URL and
    a ``sqlite://`` URL stays as it is. A PostgreSQL URL gets the driver we ship, whichever way
    it was written (``postgres://``, ``postgresql://``, ``postgresql+psycopg2://``). Anything
    else raises :class:`DatabaseError` with one sentence that shows nothing of the URL but its
    kind: the rest may hold a password.
    """
    text = os.fspath(value)
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    scheme, rest = text.split("://", 1)
    kind = scheme.lower()
    if kind in SQLITE_SCHEMES:
        return text
    if kind not in SERVER_SCHEMES:
        if not _SCHEME.fullmatch(scheme):
            raise _unreadable_url()
        raise DatabaseError(
            _(
                "A \u201c{kind}\u201d database cannot be opened: holdmetight works with a SQLite "
                "file or a PostgreSQL server (postgresql://user@server/database)."
            ).format(kind=scheme)
        )
    url = SERVER_DRIVER + "://" + rest
    _check_server_url(url, rest)
    return url


def _check_server_url(url: str, rest: str) -> None:
    """Refuse a server URL that SQLAlchemy cannot read, or reads other than it was meant."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    # An "@" in a password written as it is ends the password there: the rest of it is read as
    # the server's name (or its port), which is then shown in messages. A user name may hold one.
    try:
        parts = make_url(url)
    except ArgumentError:
        raise _unreadable_url() from None
    except ValueError:  # the port
        if rest.split("?", 1)[0].count("@") > 1:
            raise _at_in_password() from None
        raise _port_not_a_number() from None
    if "@" in (parts.host or ""):
        raise _at_in_password()
    if parts.port is not None and not 1 <= parts.port <= HIGHEST_PORT:
        raise _port_not_a_number()


def _unreadable_url() -> DatabaseError:
    return DatabaseError(
        _(
            "The database URL cannot be read: write it as postgresql://user@server/database, "
            "or give the path of a SQLite file."
        )
    )


def _port_not_a_number() -> DatabaseError:
    return DatabaseError(
        _(
            "The port in the database URL must be a number from 1 to 65535, as in "
            "postgresql://user@server:5432/database."
        )
    )


def _at_in_password() -> DatabaseError:
    return DatabaseError(
        _(
            "The database URL has an \u201c@\u201d too many: in a password, write \u201c@\u201d "
            "as %40 (and \u201c:\u201d as %3A, \u201c/\u201d as %2F, \u201c%\u201d as %25)."
        )
    )


def resolve_database(
    cli_value: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> tuple[str, bool]:
    """The database URL to open, and whether it is the default one in the user's data folder."""
    environ = os.environ if environ is None else environ
    for candidate in (
        cli_value,
        environ.get(DB_ENV_VARIABLE),
        settings.database if settings else None,
    ):
        if candidate:
            return database_url(candidate), False
    return database_url(default_database_path()), True
