"""Roles the database server enforces: an administrator and a facilitator role per database.

``holdmetight roles setup`` (by the login that owns the database, the one that ran ``init``)
makes two roles without login, named after the database, and gives them their rights;
``holdmetight roles grant LOGIN ROLE`` gives a login one of them. The server then refuses a
facilitator's login what is for administrators only, whatever program it uses:

- fee assessments, payments and waivers (incomes and money) and the audit trail: not readable;
  a facilitator's actions are still written to the audit trail, which it may only add to;
- the fee reminders in the log of messages (their text holds the amounts): not readable;
- the notes of an intake (the screening conversation): not readable; intakes are recorded by
  administrators;
- fee scales, bands and the social-minimum norms: only readable; a couple's income band and
  what happens to the fee of a couple that stops: not writable;
- a couple's anonymisation (``couple.anonymised_at``): not writable;
- removing couples, partners, enrollments, courses or meetings (whose removal would take fees
  and payments with it): not allowed; only what the application itself removes (a course's or
  meeting's facilitators, rooms, own handout texts, programme steps, school holidays).

Everything else both roles may read and change. Neither may change or remove an entry of the
audit trail (the server writes its login and time into every new one), nor change the schema
or its revision: upgrades are the owner's (``init``). The window asks :func:`role_of` and hides
what the role cannot use. SQLite has no logins: a file's user may do everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from holdmetight.errors import DatabaseError
from holdmetight.i18n import _

if TYPE_CHECKING:
    from holdmetight.db.database import Database


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    FACILITATOR = "facilitator"


# What a facilitator may not read at all, and may not read or change in part.
ADMINISTRATORS_ONLY = ("fee_assessment", "payment", "waiver")
READ_ONLY = ("fee_scale", "fee_band", "social_minimum_norm")
SECRET_COLUMNS = {"intake": frozenset({"notes"})}
FIXED_COLUMNS = {
    "couple": frozenset({"anonymised_at", "income_band_id"}),
    "enrollment": frozenset({"fee_on_leaving"}),
}
REMOVABLE = frozenset(
    {
        "course_facilitator",
        "group_session_facilitator",
        "handout_text",
        "message_template",
        "outcome_score",
        "outcome_wave",
        "outcome_wave_instrument",
        "program_step",
        "room",
        "school_holiday",
    }
)
AUDIT = "audit_entry"
FEE_MESSAGES = "fee_reminder"  # the kind of message a facilitator's login does not see
REVISION = "alembic_version"
MAX_NAME = 63  # PostgreSQL's longest identifier


@contextmanager
def owners_step(database: Database) -> Iterator[Connection]:
    """One transaction for a step only the database's owner may take; the server's refusal of
    another login is one sentence, and nothing of the step remains."""
    try:
        with database.engine.begin() as connection:
            yield connection
    except DBAPIError as error:
        raise DatabaseError(
            _(
                "The server refused this step ({reason}): roles are set up and given by the "
                "login that owns the database {name}, the one that ran \u201choldmetight "
                "init\u201d."
            ).format(reason=type(error.orig).__name__, name=make_url(database.url).database)
        ) from error


def role_name(database: str, role: Role) -> str:
    """The server's name of ``role`` for ``database`` ("wijkteam_facilitator"); a name too
    long for the server is shortened with a digest of the whole, so that two databases never
    share their roles."""
    suffix = f"_{role.value}"
    if len(database) + len(suffix) <= MAX_NAME:
        return database + suffix
    digest = hashlib.sha256(database.encode()).hexdigest()[:8]
    return database[: MAX_NAME - len(suffix) - 9] + "_" + digest + suffix


def _quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _refuse_sqlite(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        raise DatabaseError(
            _(
                "Roles exist on a database server only; a SQLite file is used by one person "
                "on one PC."
            )
        )


def set_up_roles(connection: Connection) -> dict[Role, str]:
    """Create the two roles when missing and give them their rights on every table (again,
    after an upgrade added tables); returns their names. Runs in the caller's transaction."""
    _refuse_sqlite(connection)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    _refuse_all_but_the_owner(connection, database)
    names = {role: role_name(database, role) for role in Role}
    q = {role: _quoted(connection, name) for role, name in names.items()}
    both = f"{q[Role.ADMINISTRATOR]}, {q[Role.FACILITATOR]}"
    for name in names.values():
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        if exists is None:
            _may_create_roles(connection, database)
            connection.execute(text(f"CREATE ROLE {_quoted(connection, name)} NOLOGIN"))
    db = _quoted(connection, database)
    connection.execute(text(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC"))
    connection.execute(text(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {both}"))
    # Only the owner changes the schema (PostgreSQL before 15 let everyone create tables).
    connection.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {both}"))
    connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {both}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {both}"))
    for table in sorted(inspect(connection).get_table_names()):
        t = _quoted(connection, table)
        if table == REVISION:
            connection.execute(text(f"GRANT SELECT ON {t} TO {both}"))
            continue
        rights = "SELECT, INSERT" if table == AUDIT else "SELECT, INSERT, UPDATE, DELETE"
        connection.execute(text(f"GRANT {rights} ON {t} TO {q[Role.ADMINISTRATOR]}"))
        for grant in _facilitator_grants(connection, table):
            connection.execute(text(f"GRANT {grant} ON {t} TO {q[Role.FACILITATOR]}"))
    _hide_fee_messages(connection, q[Role.ADMINISTRATOR], q[Role.FACILITATOR])
    return names


def _hide_fee_messages(connection: Connection, administrator: str, facilitator: str) -> None:
    """A fee reminder's text holds the couple's amounts: a facilitator's login neither reads
    nor writes those rows of the message log (row-level security; the owner is not bound)."""
    if "message" not in inspect(connection).get_table_names():
        return
    connection.execute(text("ALTER TABLE message ENABLE ROW LEVEL SECURITY"))
    for policy, role, rule in (
        ("message_administrators", administrator, "true"),
        ("message_facilitators", facilitator, f"kind <> '{FEE_MESSAGES}'"),
    ):
        connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON message"))
        connection.execute(
            text(f"CREATE POLICY {policy} ON message TO {role} USING ({rule}) WITH CHECK ({rule})")
        )


def _refuse_all_but_the_owner(connection: Connection, database: str) -> None:
    """A login that does not own the database would only get warnings from the server (no
    rights given, none taken): it is told whose step this is instead."""
    if owns_database(connection):
        return
    raise DatabaseError(
        _(
            "Roles are set up and given by the login that owns the database {name}, the one "
            "that ran \u201choldmetight init\u201d."
        ).format(name=database)
    )


def _may_create_roles(connection: Connection, database: str) -> None:
    allowed = connection.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if not allowed:
        raise DatabaseError(
            _(
                "The login that owns the database {name} may not create roles on the server. "
                "Ask the server's administrator to give it that right once "
                "(ALTER ROLE \u2026 CREATEROLE), then run \u201choldmetight roles setup\u201d "
                "again."
            ).format(name=database)
        )


def owns_database(connection: Connection) -> bool:
    """Whether the login owns the database (or is the server's superuser)."""
    return bool(
        connection.execute(
            text(
                "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR "
                "current_user = pg_get_userbyid((SELECT datdba FROM pg_database "
                "WHERE datname = current_database()))"
            )
        ).scalar_one()
    )


def _facilitator_grants(connection: Connection, table: str) -> list[str]:
    if table in ADMINISTRATORS_ONLY:
        return []
    if table == AUDIT:  # adds its own entries, reads none
        return ["INSERT"]
    columns = [c["name"] for c in inspect(connection).get_columns(table)]
    if table in SECRET_COLUMNS:
        readable = ", ".join(
            _quoted(connection, c) for c in columns if c not in SECRET_COLUMNS[table]
        )
        return [f"SELECT ({readable})"]
    if table in READ_ONLY:
        return ["SELECT"]
    grants = ["SELECT, INSERT"]
    if table in FIXED_COLUMNS:
        changeable = ", ".join(
            _quoted(connection, c) for c in columns if c not in FIXED_COLUMNS[table]
        )
        grants.append(f"UPDATE ({changeable})")
    else:
        grants.append("UPDATE")
    if table in REMOVABLE:
        grants.append("DELETE")
    return grants


def roles_exist(connection: Connection) -> bool:
    """Whether ``roles setup`` made this database's roles (never on SQLite)."""
    if connection.dialect.name != "postgresql":
        return False
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    return (
        connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"),
            {"name": role_name(database, Role.FACILITATOR)},
        ).first()
        is not None
    )


def grant_role(connection: Connection, login: str, role: Role) -> str:
    """Give the existing ``login`` the role (and take the other one away); returns the role's
    name. The login itself is made with the server's own tools (``createuser --pwprompt``)."""
    _refuse_sqlite(connection)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    _refuse_all_but_the_owner(connection, database)
    known = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name AND rolcanlogin"), {"name": login}
    ).first()
    if known is None:
        raise DatabaseError(
            _(
                "The server has no login {login}. Create it first (for example with "
                "createuser --pwprompt {login}), then give it a role."
            ).format(login=login)
        )
    name = role_name(database, role)
    if (
        connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        is None
    ):
        raise DatabaseError(
            _("The roles do not exist yet: run \u201choldmetight roles setup\u201d first.")
        )
    other = role_name(database, next(r for r in Role if r is not role))
    who = _quoted(connection, login)
    if _member(connection, login, other):
        connection.execute(text(f"REVOKE {_quoted(connection, other)} FROM {who}"))
    connection.execute(text(f"GRANT {_quoted(connection, name)} TO {who}"))
    return name


def _member(connection: Connection, login: str, role: str) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r "
                "ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                "WHERE r.rolname = :role AND u.rolname = :login)"
            ),
            {"role": role, "login": login},
        ).scalar_one()
    )


def role_of(connection: Connection) -> Role | None:
    """The role the connected login works in: None where nothing is restricted (a SQLite
    file, the database's owner, a server without our roles), else the more powerful of the
    roles it has."""
    if connection.dialect.name != "postgresql":
        return None
    row = connection.execute(
        text(
            "SELECT current_database(), current_user, "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
            "pg_get_userbyid((SELECT datdba FROM pg_database "
            "WHERE datname = current_database()))"
        )
    ).one()
    database, user, superuser, owner = row
    if superuser or user == owner:
        return None
    for role in Role:  # the administrator first
        name = role_name(database, role)
        member = connection.execute(
            text(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name) "
                "THEN pg_has_role(current_user, :name, 'MEMBER') ELSE false END"
            ),
            {"name": name},
        ).scalar_one()
        if member:
            return role
    return None
