"""What to tell the user when a database server (PostgreSQL) cannot be used: each usual cause
in its own sentence that says what to check. Passwords never appear in them."""

from __future__ import annotations

import socket

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from holdmetight.errors import DatabaseError
from holdmetight.i18n import _

OLDEST_SERVER = (13,)
PROBE_SECONDS = 3
CONNECT_ARGS = {"connect_timeout": PROBE_SECONDS}

# PostgreSQL's codes (SQLSTATE) for the refusals a user can do something about.
_NO_DATABASE = "3D000"
INSUFFICIENT_PRIVILEGE = "42501"  # the login's role may not do this
_REFUSED_LOGIN = frozenset({"28P01", "28000"})  # wrong password; no such user or not allowed


# Every server has these; the organisation's data belongs in a database of its own.
SERVERS_OWN = frozenset({"postgres", "template0", "template1"})


def check_database_name(url: str) -> None:
    """Refuse a server URL without a database, or naming one of the server's own: the client
    data would land in the server's maintenance database (libpq falls back to a database named
    after the user)."""
    database = make_url(url).database
    if not database:
        raise DatabaseError(
            _(
                "The address of the database server names no database. Add the database's "
                "name after the server, as in postgresql://user@server/database."
            )
        )
    if database in SERVERS_OWN:
        raise DatabaseError(
            _(
                "{database} is the server's own database, not one for the organisation's data. "
                "Ask the server's administrator for a database of its own (see the "
                "administrator's guide)."
            ).format(database=database)
        )


def no_rights(url: str, error: BaseException) -> DatabaseError | None:
    """The sentence for a login that got in but may not read our tables (it has no role)."""
    if getattr(getattr(error, "orig", None), "sqlstate", "") != INSUFFICIENT_PRIVILEGE:
        return None
    parts = make_url(url)
    return DatabaseError(
        _(
            "The login {user} has no rights in the database {database}. Ask whoever manages "
            "the server to give it a role (holdmetight roles grant)."
        ).format(user=parts.username or "", database=parts.database or "")
    )


def is_server(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def _server(url: str) -> str:
    parts = make_url(url)
    return f"{parts.host or 'localhost'}:{parts.port or 5432}"


def _reachable(url: str) -> bool:
    """Whether something answers at the server's address (a socket folder counts as yes)."""
    parts = make_url(url)
    host = parts.host or "localhost"
    if host.startswith("/"):
        return True
    try:
        with socket.create_connection((host, parts.port or 5432), timeout=PROBE_SECONDS):
            return True
    except OSError:
        return False


def _login_works_elsewhere(url: str) -> bool:
    """Whether the same user gets in to the server's own database ("postgres"): then it is the
    database that is missing, not the login that is refused."""
    from holdmetight.db.credentials import complete

    other = make_url(complete(url)).set(database="postgres")
    engine = create_engine(other, poolclass=NullPool, connect_args=CONNECT_ARGS)
    try:
        with engine.connect():
            return True
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def connection_problem(url: str, error: BaseException) -> DatabaseError | None:
    """The sentence for a connection to the server at ``url`` that failed with ``error``, or
    None when the error is not one of the causes named here.

    A refusal while connecting carries no code (and its text is in the server's language), so
    the cause is found by asking: does the address answer, and does the same login get in to
    the server's own database?"""
    cause = getattr(error, "orig", None) or error
    if type(cause).__name__ != "OperationalError":
        return None
    code = getattr(cause, "sqlstate", None)
    parts = make_url(url)
    server, database, user = _server(url), parts.database or "", parts.username or ""
    if code is None and not _reachable(url):
        return DatabaseError(
            _(
                "The server {server} cannot be reached: check that it is running and that this"
                " PC may connect to it (network, firewall, host and port)."
            ).format(server=server)
        )
    if code == _NO_DATABASE or (code is None and _login_works_elsewhere(url)):
        return DatabaseError(
            _(
                "The server {server} has no database {database}: check its name, or ask the"
                " administrator to create it."
            ).format(server=server, database=database)
        )
    if code in _REFUSED_LOGIN or code is None:
        return DatabaseError(
            _(
                "The server {server} refused the user {user}: check the user name and the password."
            ).format(server=server, user=user)
        )
    return None


def check_server_version(connection: Connection) -> None:
    """Refuse a server too old for what the application asks of it."""
    version = connection.dialect.server_version_info or ()
    if version and tuple(version[:1]) < OLDEST_SERVER:
        raise DatabaseError(
            _(
                "The server runs PostgreSQL {version}; holdmetight needs PostgreSQL {oldest} or"
                " newer. Ask the administrator to upgrade the server."
            ).format(version=".".join(str(v) for v in version[:2]), oldest=OLDEST_SERVER[0])
        )
