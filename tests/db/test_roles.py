"""Roles the server enforces (issue 15, item 7), tested with two real logins: a facilitator's
login cannot read fees, payments, waivers, intake notes or the audit trail, nor anonymise a
couple, whatever program it uses; an administrator's can; the application leaves out what the
role may not read and says so in one sentence when it is asked for anyway."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from alembic import command
from servers import NO_SERVER, SERVER, admin, new_database, on_server, unique_name
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from holdmetight.cli import main
from holdmetight.db.database import open_database
from holdmetight.db.migrate import alembic_config
from holdmetight.db.roles import Role, role_name
from holdmetight.errors import DatabaseError
from holdmetight.services import (
    attendance,
    couple_list,
    course_list,
    fee_assessments,
    intakes,
    today,
)

pytestmark = pytest.mark.skipif(not SERVER, reason=NO_SERVER)

REFUSED = "Your login may not do this"


@dataclass(frozen=True)
class Office:
    owner: str
    administrator: str
    facilitator: str


@pytest.fixture
def office(capsys) -> Iterator[Office]:
    """A server database with the demo's data, its two roles, and a login in each."""
    logins = {role: unique_name(f"hmt_{role.value[:3]}") for role in Role}
    with new_database() as url:
        name = make_url(url).database
        assert name is not None
        try:
            assert main(["--db", url, "demo"]) == 0
            assert main(["--db", url, "roles", "setup"]) == 0
            for role, login in logins.items():
                admin(f'CREATE ROLE "{login}" LOGIN')
                assert main(["--db", url, "roles", "grant", login, role.value]) == 0
            capsys.readouterr()
            yield Office(
                owner=url,
                administrator=on_server(name, user=logins[Role.ADMINISTRATOR]),
                facilitator=on_server(name, user=logins[Role.FACILITATOR]),
            )
        finally:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for login in logins.values():
                admin(f'DROP ROLE IF EXISTS "{login}"')
            for role in Role:
                admin(f'DROP ROLE IF EXISTS "{role_name(name, role)}"')


ADMINISTRATORS_ONLY = [
    "SELECT count(*) FROM fee_assessment",
    "SELECT count(*) FROM payment",
    "SELECT count(*) FROM waiver",
    "SELECT count(*) FROM audit_entry",
    "SELECT os_user, action, entity, entity_id, at FROM audit_entry",
    "SELECT notes FROM intake",
    "UPDATE couple SET anonymised_at = now()",
    # Removing what fees and payments hang on would remove those too (ON DELETE CASCADE runs
    # with the owner's rights), and the fee scales, a couple's income band and the decision
    # about a stopping couple's fee are the office's.
    "DELETE FROM couple",
    "DELETE FROM partner",
    "DELETE FROM enrollment",
    "DELETE FROM course",
    "DELETE FROM group_session",
    "DELETE FROM intake",
    "UPDATE fee_band SET fee_cents = fee_cents + 1",
    "UPDATE fee_scale SET name = name",
    "DELETE FROM social_minimum_norm",
    "UPDATE couple SET income_band_id = NULL",
    "UPDATE enrollment SET fee_on_leaving = NULL",
]
# The audit trail is only ever added to, by anyone: no login but the owner changes an entry.
NO_ONE = [
    "UPDATE audit_entry SET os_user = 'iemand anders'",
    "DELETE FROM audit_entry",
]
BOTH = [
    "SELECT count(*) FROM couple",
    "SELECT count(*) FROM attendance",
    "SELECT traffic_light, outcome, flag_violence FROM intake",
    "UPDATE couple SET notes = notes",
    "UPDATE enrollment SET status_reason = status_reason",
    "SELECT count(*) FROM fee_band",
    "DELETE FROM group_session_facilitator",
    "DELETE FROM school_holiday",
]


def refused(url: str, statement: str) -> bool:
    """Whether the server refuses ``statement`` to the login of ``url`` (nothing is kept)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            try:
                connection.execute(text(statement))
            except ProgrammingError as error:
                assert getattr(error.orig, "sqlstate", "") == "42501", error
                return True
            finally:
                connection.rollback()
        return False
    finally:
        engine.dispose()


@pytest.mark.parametrize("statement", ADMINISTRATORS_ONLY)
def test_the_server_refuses_a_facilitator_what_is_for_administrators(office, statement):
    assert refused(office.facilitator, statement)
    assert not refused(office.administrator, statement)


@pytest.mark.parametrize("statement", BOTH)
def test_the_server_allows_both_roles_the_course_work(office, statement):
    assert not refused(office.facilitator, statement)
    assert not refused(office.administrator, statement)


@pytest.mark.parametrize("statement", NO_ONE)
def test_neither_role_can_change_or_remove_an_entry_of_the_audit_trail(office, statement):
    assert refused(office.facilitator, statement)
    assert refused(office.administrator, statement)


def test_the_server_writes_who_and_when_into_the_audit_trail_whatever_a_program_says(office):
    for url in (office.facilitator, office.administrator):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_entry (at, os_user, action, entity, detail) "
                    "VALUES ('2001-01-01T00:00:00Z', 'iemand anders', 'view', 'couple', '')"
                )
            )
            # A login that does not own the database cannot keep what it sends either.
            connection.exec_driver_sql("SET LOCAL holdmetight.keep_audit_authors = 'on'")
            connection.execute(
                text(
                    "INSERT INTO audit_entry (at, os_user, action, entity, detail) "
                    "VALUES ('2001-01-01T00:00:00Z', 'iemand anders', 'view', 'couple', '')"
                )
            )
        engine.dispose()
    engine = create_engine(office.owner)
    with engine.connect() as connection:
        written = connection.execute(
            text(
                "SELECT os_user, at > now() - interval '1 hour' FROM audit_entry "
                "ORDER BY id DESC LIMIT 4"
            )
        ).all()
    engine.dispose()
    logins = [make_url(office.administrator).username] * 2 + [
        make_url(office.facilitator).username
    ] * 2
    assert [tuple(row) for row in written] == [(login, True) for login in logins]


def test_neither_role_can_change_the_schema_or_its_revision(office):
    for url in (office.facilitator, office.administrator):
        assert refused(url, "UPDATE alembic_version SET version_num = version_num")
        assert refused(url, "CREATE TABLE notities (id integer)")


def test_the_application_shows_a_facilitator_the_course_work_and_leaves_out_the_rest(office):
    database = open_database(office.facilitator, create=False)
    try:
        assert database.role is Role.FACILITATOR
        with database.session() as session:
            course = next(
                c for c in course_list.list_courses(session) if c.code.endswith("B")
            )  # running
            couple = couple_list.list_couples(session)[0]
            assert all(i.notes is None for i in intakes.list_intakes(session, couple_id=couple.id))
            grid = attendance.attendance_grid(session, course_id=course.id)
            meeting = next(m for m in grid.meetings if m.started)
            first = grid.couples[0].enrollment_id
            attendance.set_marks(  # written to the audit trail it may not read
                session,
                group_session_id=meeting.id,
                version=meeting.version,
                marks=[(first, grid.mark(first, meeting.id))],
            )
            with pytest.raises(DatabaseError, match=REFUSED):
                fee_assessments.fee_overview(session, course_id=course.id)
            # The home page reads all it shows without fees, and fees are refused to it.
            overview = today.today_overview(session, with_fees=False)
            assert overview.fees is None and overview.at_risk
            with pytest.raises(DatabaseError, match=REFUSED):
                today.today_overview(session)
    finally:
        database.dispose()
    # The audit trail names the server login that did it, not the PC's account.
    engine = create_engine(office.owner)
    with engine.connect() as connection:
        last = connection.execute(
            text("SELECT os_user, action FROM audit_entry ORDER BY id DESC LIMIT 1")
        ).one()
    engine.dispose()
    assert tuple(last) == (make_url(office.facilitator).username, "attendance")


def test_an_administrator_sees_fees_and_intake_notes(office):
    database = open_database(office.administrator, create=False)
    try:
        assert database.role is Role.ADMINISTRATOR
        with database.session() as session:
            course = next(c for c in course_list.list_courses(session) if c.enrolled)
            assert fee_assessments.fee_overview(session, course_id=course.id)
            couple = couple_list.list_couples(session)[0]
            assert all(
                isinstance(i.notes, str) for i in intakes.list_intakes(session, couple_id=couple.id)
            )
    finally:
        database.dispose()


def test_the_command_line_says_in_one_line_what_a_facilitator_may_not(office, capsys):
    assert main(["--db", office.facilitator, "courses"]) == 0
    capsys.readouterr()
    assert main(["--db", office.facilitator, "payments"]) == 1
    err = capsys.readouterr().err
    assert REFUSED in err and err.count("\n") == 1 and "Traceback" not in err
    assert main(["--db", office.facilitator, "audit"]) == 1
    err = capsys.readouterr().err
    assert "Only an administrator may read the audit trail" in err and err.count("\n") == 1
    assert main(["--db", office.owner, "payments"]) == 0
    assert main(["--db", office.administrator, "audit", "--user", "niemand"]) == 0


def test_the_owner_is_unrestricted_and_a_file_has_no_roles(office, tmp_path, capsys):
    database = open_database(office.owner, create=False)
    assert database.role is None
    database.dispose()
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "roles", "setup"]) == 1
    assert "Roles exist on a database server only" in capsys.readouterr().err


def test_a_login_the_server_does_not_know_is_named(office, capsys):
    assert main(["--db", office.owner, "roles", "grant", "niemand_hier", "facilitator"]) == 1
    assert "The server has no login niemand_hier" in capsys.readouterr().err


def test_only_the_owner_sets_roles_up_and_a_refusal_is_one_line(office, capsys):
    for url in (office.facilitator, office.administrator):
        assert main(["--db", url, "roles", "setup"]) == 1
        err = capsys.readouterr().err
        assert "oles are set up and given by the login that owns the database" in err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_an_owner_without_the_right_to_create_roles_is_told_what_to_ask_for(capsys):
    owner = unique_name("hmt_own")
    admin(f'CREATE ROLE "{owner}" LOGIN')
    try:
        with new_database() as url:
            name = make_url(url).database
            admin(f'ALTER DATABASE "{name}" OWNER TO "{owner}"')
            as_owner = on_server(str(name), user=owner)
            assert main(["--db", as_owner, "init"]) == 0
            capsys.readouterr()
            assert main(["--db", as_owner, "roles", "setup"]) == 1
            err = capsys.readouterr().err
            assert "may not create roles on the server" in err and "CREATEROLE" in err
            assert err.count("\n") == 1 and "postgresql" not in err
            admin(f'ALTER ROLE "{owner}" CREATEROLE')
            assert main(["--db", as_owner, "roles", "setup"]) == 0
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in Role:
                admin(f'DROP ROLE IF EXISTS "{role_name(str(name), role)}"')
    finally:
        admin(f'DROP ROLE IF EXISTS "{owner}"')


def test_two_long_database_names_never_share_their_roles():
    first, second = "wijkteam_" + "a" * 60 + "_noord", "wijkteam_" + "a" * 60 + "_zuid"
    for role in Role:
        names = {role_name(first, role), role_name(second, role)}
        assert len(names) == 2 and all(len(n) <= 63 for n in names)
    assert role_name("wijkteam", Role.FACILITATOR) == "wijkteam_facilitator"


def test_only_the_owner_upgrades_an_older_database_and_init_is_harmless_to_others(office, capsys):
    for url in (office.facilitator, office.administrator):
        assert main(["--db", url, "init"]) == 0  # current: nothing to do, nothing refused
    capsys.readouterr()
    engine = create_engine(office.owner)
    with engine.begin() as connection:  # the version before the newest, as it really was
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    engine.dispose()
    for url in (office.facilitator, office.administrator):
        assert main(["--db", url, "init"]) == 1
        err = capsys.readouterr().err
        assert "The login that owns it upgrades it" in err and err.count("\n") == 1
    assert main(["--db", office.owner, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", office.facilitator, "courses"]) == 0


def test_a_backup_by_a_facilitator_and_a_login_without_a_role_are_each_one_sentence(
    office, tmp_path, capsys
):
    target = tmp_path / "kopie.sqlite3"
    assert main(["--db", office.facilitator, "backup", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "Your login may not read everything in the database" in err
    assert err.count("\n") == 1 and not target.exists()
    stranger = unique_name("hmt_x")
    admin(f'CREATE ROLE "{stranger}" LOGIN')
    try:
        name = str(make_url(office.owner).database)
        admin(f'GRANT CONNECT ON DATABASE "{name}" TO "{stranger}"')
        assert main(["--db", on_server(name, user=stranger), "courses"]) == 1
        err = capsys.readouterr().err
        assert f"The login {stranger} has no rights in the database {name}" in err
        assert err.count("\n") == 1
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(f'DROP ROLE IF EXISTS "{stranger}"')


def test_a_facilitator_does_not_see_the_fee_reminders_in_the_message_log(office):
    """A fee reminder's text holds the couple's amounts (row-level security on the server)."""
    from sqlmodel import Session

    from holdmetight.domain.messages import Message

    owner = create_engine(office.owner)
    try:
        with Session(owner) as session:
            couple_id = couple_list.list_couples(session)[0].id
            for kind in ("fee_reminder", "invitation"):
                session.add(
                    Message(
                        couple_id=couple_id,
                        kind=kind,
                        channel="email",
                        language="nl",
                        recipient="a@example.com",
                        subject="Eigen bijdrage",
                        body="Nog te betalen: € 25,00",
                        repeat_key=kind,
                        status="sent",
                    )
                )
            session.commit()
    finally:
        owner.dispose()

    def kinds(url: str) -> list[str]:
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                return sorted(connection.execute(text("SELECT kind FROM message")).scalars())
        finally:
            engine.dispose()

    assert kinds(office.facilitator) == ["invitation"]
    assert kinds(office.administrator) == ["fee_reminder", "invitation"]
    assert refused(
        office.facilitator,
        "INSERT INTO message (version, couple_id, kind, channel, language, recipient, subject, "
        "body, attachments, repeat_key, status, error, created_at, created_by) SELECT 1, id, "
        "'fee_reminder', 'email', 'nl', '', '', '', '', 'k', 'sent', '', now(), '' FROM couple "
        "LIMIT 1",
    )
