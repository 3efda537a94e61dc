"""How fast messages to couples are on ten years of data: preparing a course's invitations
(each partner's language, consent and address), asking what went before, writing them to the
log, the reminders due, a couple's messages, and a course's letters as a PDF.

    .venv/bin/python benchmarks/make_ten_years.py /tmp/ten_years.sqlite3
    .venv/bin/python benchmarks/bench_messages.py /tmp/ten_years.sqlite3 [--runs 5]

It works on a copy beside the database (the copy gets postal addresses, e-mail consent for
every partner with an e-mail address, and reminders switched on). Each operation runs ``--runs``
times through the services; the median, fastest and slowest run are printed with the target
(``*`` marks a median over it).
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from timing import report

from holdmetight.db.database import open_database
from holdmetight.domain.enums import MessageChannel, MessageKind
from holdmetight.reports.letters import Window, letters_of, render_letters
from holdmetight.services import mail_server, message_log, messages, reminders

SETUP = (
    "UPDATE couple SET street = 'Kerkstraat', house_number = '1', town = 'Utrecht' "
    "WHERE postcode <> '' AND anonymised_at IS NULL",
    "INSERT INTO consent (version, partner_id, purpose, given_on, withdrawn_on) "
    "SELECT 1, id, 'email', '2016-01-01', NULL FROM partner WHERE email <> '' AND id NOT IN "
    "(SELECT partner_id FROM consent WHERE purpose = 'email')",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a SQLite file made by make_ten_years.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    copy = Path(args.database).with_suffix(".messages.sqlite3")
    shutil.copyfile(args.database, copy)
    database = open_database(f"sqlite:///{copy}")
    try:
        with database.engine.begin() as connection:
            for statement in SETUP:
                connection.execute(text(statement))
        with database.session() as session:
            settings = mail_server.mail_settings(session)
            mail_server.save_mail_settings(
                session,
                version=settings.version,
                host="smtp.example.nl",
                port=587,
                security=settings.server.security,
                user="",
                sender_address="",
                reminders_on=True,
                reminder_days=7,
                window_left_mm=20,
                window_top_mm=50,
            )
            course_id = session.execute(
                text(
                    "SELECT course_id FROM enrollment WHERE status = 'enrolled' GROUP BY "
                    "course_id ORDER BY count(*) DESC, course_id DESC LIMIT 1"
                )
            ).scalar_one()
            invite = messages.prepare(
                session, kind=MessageKind.INVITATION, course_id=course_id, per_couple=True
            )
            letters = [d for d in invite.drafts if d.channel == MessageChannel.LETTER]
            print(
                f"course {course_id}: {len(invite.drafts)} messages "
                f"({len(letters)} letters), {len(invite.left_out)} partners not reached"
            )
            setup = messages.letter_setup(session)
            couple_id = invite.drafts[0].couple_id
            operations: list[tuple[str, float, Callable[[], Any]]] = [
                (
                    "a course's invitations",
                    500,
                    lambda: messages.prepare(
                        session, kind=MessageKind.INVITATION, course_id=course_id
                    ),
                ),
                (
                    "what went before",
                    200,
                    lambda: message_log.sent_before(session, drafts=invite.drafts),
                ),
                (
                    "the reminders due (a week ahead)",
                    2000,
                    lambda: reminders.due_reminders(session),
                ),
                (
                    "a couple's messages",
                    50,
                    lambda: message_log.messages_of(session, couple_id=couple_id),
                ),
                (
                    "a course's letters (PDF)",
                    3000,
                    lambda: render_letters(
                        letters_of(letters, setup.today),
                        sender=setup.sender,
                        window=Window(setup.window_left_mm, setup.window_top_mm),
                    ),
                ),
            ]
            for name, target, operation in operations:
                report(name, target, operation, args.runs)
            report(
                "writing a course's invitations to the log",
                1000,
                lambda: message_log.record(session, drafts=invite.drafts),
                1,
            )
    finally:
        database.dispose()
        copy.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
