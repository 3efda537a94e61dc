"""The command line: starts the application, or runs a job without a window.

Errors print one clear line and exit 1; usage errors exit 2: argparse's own, and the checks of
arguments that argparse cannot make alone (one option or another, a period in order, an option
the table asked for does not take), which run before the command opens the database. Listing
commands print one record per line, tab-separated, key first, no header.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from holdmetight import __version__
from holdmetight.cli_messages import install as install_argparse_messages
from holdmetight.config import database_url, load_settings, resolve_database
from holdmetight.errors import DatabaseError, HoldMeTightError
from holdmetight.i18n import (
    LANGUAGES,
    _,
    current_language,
    format_number,
    ngettext,
    set_language,
    system_language,
    using_language,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from holdmetight.db.database import Database
    from holdmetight.services.audit_trail import AuditFilter
    from holdmetight.services.couple_import import ImportReport
    from holdmetight.services.handouts import Handout
    from holdmetight.services.outcome_figures import Selection as OutcomeSelection
    from holdmetight.services.tables import Table

# What a command needs is imported when it runs: starting the window, or one command, does not
# wait for the libraries of all the others (Alembic, openpyxl, icalendar, reportlab…).

Handler = Callable[[argparse.Namespace], int]
# What is wrong with a command's arguments taken together, as a usage message; None when nothing.
Check = Callable[[argparse.Namespace], str | None]


class CommandParser(argparse.ArgumentParser):
    """The parser of one command (or of the whole line), with the checks its arguments must pass
    together; every parser puts itself in the arguments as ``command_parser``, so that the
    parser of the command given is the one :func:`main` finds there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checks: list[Check] = []
        self.set_defaults(command_parser=self)


def _open(args: argparse.Namespace, *, create: bool = False, upgrade: bool = False) -> Database:
    """The database the command works on; only ``init`` and ``demo`` may create one, and only
    ``init`` upgrades a server's database (an administrator's step)."""
    from holdmetight.db.database import open_database

    url, is_default = resolve_database(args.db, settings=load_settings())
    database = open_database(url, private_dir=is_default, create=create, upgrade_server=upgrade)
    if database.warning:
        print(_("holdmetight: {message}").format(message=database.warning), file=sys.stderr)
    return database


def cmd_gui(args: argparse.Namespace) -> int:
    # Starting the window makes tens of thousands of objects that live as long as it does
    # (classes, mappers, widgets); looking for garbage among them while they are made costs a
    # tenth of a second and finds next to nothing. The collector comes back once the window is
    # on screen (see ``ui.app.run``), and in any case when this returns.
    gc.disable()
    try:
        from holdmetight.ui.app import refuse_start, run

        try:
            url, is_default = resolve_database(args.db, settings=load_settings())
        except DatabaseError as error:  # started from a shortcut: said in a window, not a terminal
            return refuse_start(str(error))
        return run(url, is_default=is_default)
    finally:
        gc.enable()


def cmd_init(args: argparse.Namespace) -> int:
    from holdmetight.services.shipped import install_shipped

    database = _open(args, create=True, upgrade=True)
    try:
        if database.path is None:
            from holdmetight.db.roles import owners_step, owns_database, roles_exist, set_up_roles

            with owners_step(database) as connection:
                # The tables an upgrade added get their rights (the owner's step).
                if roles_exist(connection) and owns_database(connection):
                    set_up_roles(connection)
        with database.session() as session:
            added = install_shipped(session)
        print(_("Database ready: {name}").format(name=database.display_name))
        if added.programs:
            print(_("Programmes added: {codes}").format(codes=", ".join(added.programs)))
        if added.instruments:
            print(_("Questionnaires added: {codes}").format(codes=", ".join(added.instruments)))
    finally:
        database.dispose()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from holdmetight.services import demo

    database = _open(args, create=True)
    try:
        with database.session() as session:
            summary = demo.create_demo_data(session)
        print(
            _(
                "Demo data added: {courses} courses, {couples} couples, "
                "{facilitators} facilitators, {venues} venues."
            ).format(
                courses=summary.courses,
                couples=summary.couples,
                facilitators=summary.facilitators,
                venues=summary.venues,
            )
        )
    finally:
        database.dispose()
    return 0


def cmd_courses(args: argparse.Namespace) -> int:
    from holdmetight.services import courses

    database = _open(args)
    try:
        with database.session() as session:
            rows = courses.list_courses(session)
    finally:
        database.dispose()
    for row in rows:
        first = row.first_date.isoformat() if row.first_date else "-"
        print(
            "\t".join(
                [row.code, row.title, first, f"{row.enrolled}/{row.capacity}", row.status.label]
            )
        )
    return 0


def cmd_payments(args: argparse.Namespace) -> int:
    from holdmetight.i18n import format_amount_input
    from holdmetight.services import payment_list

    payment, refund = _("payment"), _("refund")
    database = _open(args)
    try:
        with database.session() as session:
            # Printed as the batches are read: ten years of payments are never in memory.
            for line in payment_list.all_payments(
                session, course_code=args.course, first=args.first, last=args.last
            ):
                print(
                    "\t".join(
                        [
                            str(line.id),
                            line.paid_on.isoformat(),
                            line.course_code,
                            line.names,
                            format_amount_input(line.amount),
                            refund if line.amount < 0 else payment,
                            line.method.label,
                            line.reference,
                        ]
                    )
                )
    finally:
        database.dispose()
    return 0


def _sqlite_file(args: argparse.Namespace, *, server_advice: str) -> tuple[Path, Path]:
    from holdmetight.db.database import sqlite_path

    url, _is_default = resolve_database(args.db, settings=load_settings())
    path = sqlite_path(url)
    if path is None:
        raise DatabaseError(server_advice)
    return path, path.parent / "backups"


def cmd_backup(args: argparse.Namespace) -> int:
    from holdmetight.db.backup import backup_database, copy_database

    database = _open(args)
    if database.path is None:
        passphrase = ask_passphrase(confirm=True) if args.encrypt else ""
        try:
            if args.encrypt:
                with tempfile.TemporaryDirectory() as staging:
                    copy = _backup_server(database, str(Path(staging) / BACKUP_IN_ZIP))
                    target = Path(args.out).expanduser()
                    _encrypted_backup(copy, target, passphrase, checked=True)
            else:
                target = _backup_server(database, args.out)
        finally:
            database.dispose()
        print(_("Backup written: {name}").format(name=target))
        return 0
    database.dispose()
    path, folder = database.path, database.path.parent / "backups"
    if args.encrypt:
        target = Path(args.out).expanduser()
        _encrypted_backup(path, target, ask_passphrase(confirm=True))
    elif args.out:
        from holdmetight.exports import cannot_write

        target = Path(args.out).expanduser()
        try:
            copy_database(path, target)
        except FileExistsError as error:
            raise DatabaseError(
                _("{name} already exists; choose a new file name.").format(name=target)
            ) from error
        except OSError as error:
            raise cannot_write(target, error) from error
    else:
        target = backup_database(path, folder, reason="manual")
    print(_("Backup written: {name}").format(name=target))
    return 0


BACKUP_IN_ZIP = "holdmetight.sqlite3"
ENCRYPTED_ZIP = "zip-aes256"  # how the audit trail names the format of an encrypted copy


def _encrypt_needs_out(args: argparse.Namespace) -> str | None:
    if args.encrypt and (not args.out or not args.out.lower().endswith(".zip")):
        return _("--encrypt writes to a new file: give it with --out FILE.zip")
    return None


def ask_passphrase(*, confirm: bool) -> str:
    """A passphrase typed on the terminal (twice for a new one), or read as one line from
    standard input when that is not a terminal (a script)."""
    import getpass

    from holdmetight.encrypted import checked_passphrase

    if sys.stdin is not None and sys.stdin.isatty():
        passphrase = getpass.getpass(_("Passphrase: "))
        if confirm and getpass.getpass(_("The same passphrase again: ")) != passphrase:
            raise HoldMeTightError(_("The two passphrases differ; nothing was written."))
    else:
        passphrase = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
    return checked_passphrase(passphrase) if confirm else passphrase


def _encrypted_backup(
    source: Path, target: Path, passphrase: str, *, checked: bool = False
) -> None:
    """``source`` (a checked copy when ``checked``, else the live database, copied and checked
    first) inside the new encrypted ZIP ``target``."""
    from holdmetight.db.backup import copy_database
    from holdmetight.encrypted import write_encrypted

    if target.exists():
        raise DatabaseError(_("{name} already exists; choose a new file name.").format(name=target))
    if checked:
        write_encrypted(target, [(BACKUP_IN_ZIP, source)], passphrase)
        return
    with tempfile.TemporaryDirectory(
        dir=target.parent if target.parent.is_dir() else None
    ) as folder:
        copy = Path(folder) / BACKUP_IN_ZIP
        copy_database(source, copy)
        write_encrypted(target, [(BACKUP_IN_ZIP, copy)], passphrase)


def _backup_server(database: Database, out: str | None) -> Path:
    """A server database's backup: the SQLite file ``transfer`` writes, into ``out`` or a
    folder of that server database's own under ``server-backups`` in this user's data folder
    (its newest ten kept), apart from the backups of a file on this PC."""
    import re
    from datetime import datetime

    from sqlalchemy.engine import make_url

    from holdmetight.config import data_dir, ensure_private_dir
    from holdmetight.db.backup import KEEP_BACKUPS, backup_file_name, rotate_backups
    from holdmetight.db.transfer import transfer

    if out:
        target = Path(out).expanduser()
        transfer(database, database_url(target))
        return target
    parts = make_url(database.url)
    which = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{parts.host}-{parts.port or 5432}-{parts.database}")
    folder = data_dir() / "server-backups" / which
    for level in (data_dir(), folder.parent, folder):
        ensure_private_dir(level)
    target = folder / backup_file_name(datetime.now(), "server")
    transfer(database, database_url(target))
    rotate_backups(folder, keep=KEEP_BACKUPS)
    return target


def cmd_restore(args: argparse.Namespace) -> int:
    from holdmetight.db.restore import restore_database

    path, folder = _sqlite_file(
        args,
        server_advice=_(
            "A backup is loaded into a server database with transfer, into an empty database: "
            "holdmetight --db BACKUP-FILE transfer --to SERVER-URL"
        ),
    )
    backup = Path(args.file).expanduser()
    from holdmetight.encrypted import is_encrypted_copy

    if is_encrypted_copy(backup):
        kept = _restore_encrypted(backup, path, folder, ask_passphrase(confirm=False))
    else:
        kept = restore_database(backup, path, folder)
    print(_("Restored {backup} to {name}.").format(backup=args.file, name=path))
    if kept is not None:
        print(_("The database it replaced was kept as {name}.").format(name=kept))
    from holdmetight.services import erasure_register

    database = _open(args)
    try:
        again = erasure_register.make_again(database)
    finally:
        database.dispose()
    if again:
        print(erasures_made_again(len(again)))
    return 0


def _restore_encrypted(backup: Path, path: Path, folder: Path, passphrase: str) -> Path | None:
    """Restore the database inside an encrypted copy: unpacked into a private temporary file,
    checked and restored as any backup, and the temporary file removed."""
    from holdmetight.config import ensure_private_dir
    from holdmetight.db.restore import restore_database
    from holdmetight.encrypted import read_encrypted

    members = read_encrypted(backup, passphrase)
    if BACKUP_IN_ZIP not in members:
        raise HoldMeTightError(
            _("{name} is not an encrypted copy made by holdmetight, or it is damaged.").format(
                name=backup
            )
        )
    ensure_private_dir(folder)
    with tempfile.TemporaryDirectory(dir=folder) as unpacked:
        copy = Path(unpacked) / BACKUP_IN_ZIP
        copy.write_bytes(members[BACKUP_IN_ZIP])
        copy.chmod(0o600)
        return restore_database(copy, path, folder)


def erasures_made_again(count: int) -> str:
    return ngettext(
        "The backup was made before {n} erasure: it has been made again.",
        "The backup was made before {n} erasures: they have been made again.",
        count,
    ).format(n=count)


def cmd_privacy_anonymise(args: argparse.Namespace) -> int:
    from holdmetight.services import erasure_register, privacy

    database = _open(args)
    try:
        with database.session() as session:
            expected = privacy.confirmation_name(
                session, couple_id=args.couple, partner=args.partner
            )
            if not privacy.confirmed(args.confirm, expected):
                raise HoldMeTightError(
                    _(
                        "Nothing was anonymised: --confirm must be the family name of the "
                        "partner erased, {name}."
                    ).format(name=expected)
                )
            erasure = privacy.anonymise(session, couple_id=args.couple, partner=args.partner)
        database.forget_old_pages()
        erasure_register.note(database, erasure)
    finally:
        database.dispose()
    if args.partner is None:
        print(_("Couple {number} is anonymised.").format(number=args.couple))
    else:
        print(
            _("Partner {partner} of couple {number} is erased.").format(
                partner=args.partner, number=args.couple
            )
        )
    return 0


def cmd_privacy_export(args: argparse.Namespace) -> int:
    from holdmetight.exports import output_folder, write_export
    from holdmetight.reports.personal_data import render_personal_data
    from holdmetight.services import audit_trail, personal_data

    folder = output_folder(Path(args.out).expanduser())
    passphrase = ask_passphrase(confirm=True) if args.encrypt else ""
    database = _open(args)
    try:
        with database.session() as session:
            data = personal_data.personal_data(session, couple_id=args.couple, partner=args.partner)
            language = args.lang or data.language
            _record_export(
                session,
                "personal_data",
                audit_trail.details(
                    partner=args.partner,
                    format=ENCRYPTED_ZIP if args.encrypt else "pdf+json",
                    language=language,
                ),
                couple_id=args.couple,
            )
    finally:
        database.dispose()
    stem = personal_data.file_stem(args.couple, args.partner)
    files: list[tuple[str, bytes | Path]] = [
        (f"{stem}.pdf", render_personal_data(data, language=language)),
        (f"{stem}.json", personal_data.as_json(data)),
    ]
    if args.encrypt:
        from holdmetight.encrypted import write_encrypted

        write_encrypted(folder / f"{stem}.zip", files, passphrase)
        print(_("Written: {name}").format(name=folder / f"{stem}.zip"))
        return 0
    for name, content in files:
        assert isinstance(content, bytes)
        write_export(folder / name, content)
        print(_("Written: {name}").format(name=folder / name))
    return 0


def _yes_needs_apply(args: argparse.Namespace) -> str | None:
    if args.yes and not args.apply:
        return _("--yes confirms --apply; give both")
    return None


YES_WORDS = frozenset({"y", "yes", "j", "ja"})


def cmd_privacy_retention(args: argparse.Namespace) -> int:
    from holdmetight.services import erasure_register, privacy, retention

    database = _open(args)
    done = 0
    try:
        with database.session() as session:
            offset = 0
            due: list[retention.DueCouple] = []
            while page := retention.due_for_anonymisation(session, offset=offset, limit=500):
                offset += len(page)
                if not args.apply:
                    for couple in page:
                        print(
                            f"{couple.couple_id}\t{couple.names}\t"
                            f"{couple.last_activity.isoformat()}"
                        )
                due += page
            if not args.apply:
                return 0
            for couple in due:
                if not args.yes:
                    answer = _ask(
                        _(
                            "Anonymise couple {number} ({names}), last course or contact "
                            "{date}? [y/N] "
                        ).format(
                            number=couple.couple_id,
                            names=couple.names,
                            date=couple.last_activity.isoformat(),
                        )
                    )
                    if answer is None:
                        raise HoldMeTightError(
                            ngettext(
                                "No answer: {n} couple was anonymised, the others were not.",
                                "No answer: {n} couples were anonymised, the others were not.",
                                done,
                            ).format(n=done)
                        )
                    if answer.strip().lower() not in YES_WORDS:
                        continue
                erasure_register.note(
                    database, privacy.anonymise(session, couple_id=couple.couple_id)
                )
                done += 1
        if done:
            database.forget_old_pages()
    finally:
        database.dispose()
    print(ngettext("{n} couple anonymised.", "{n} couples anonymised.", done).format(n=done))
    return 0


def cmd_send_due(args: argparse.Namespace) -> int:
    from holdmetight.reports.message_attachments import attachments_from
    from holdmetight.services import mail_sending, mail_server, reminders

    given = os.environ.get(mail_server.ENVIRONMENT, "").strip()
    server = mail_server.server_from_url(given) if given else None
    database = _open(args)
    try:
        with database.session() as session:
            if args.dry_run:
                due = reminders.due_reminders(session)
                for draft in due.drafts:
                    print(
                        f"{draft.group_session_id}\t{draft.couple_id}\t{draft.partner_name}\t"
                        f"{draft.recipient}\t{draft.subject}"
                    )
                for left in due.left_out:
                    print(_("not sent: {reason}").format(reason=left.reason), file=sys.stderr)
                return 0
            settings = mail_server.mail_settings(session)
            reminders.claim_due_reminders(session)
        server = server or settings.server
        result = mail_sending.send_waiting(
            mail_sending.on(database),
            server=server,
            password=mail_server.stored_password(server),
            attach=attachments_from(mail_sending.on(database)),
        )
    finally:
        database.dispose()
    print(
        _("{sent} sent, {failed} refused by the mail server, {waiting} still waiting.").format(
            sent=result.sent, failed=result.failed, waiting=result.waiting
        )
    )
    return 0


def _ask(question: str) -> str | None:
    """An answer typed on the terminal; None when there is none (no terminal, end of input)."""
    print(question, end="", flush=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        print()
        return None
    return line


def cmd_roles_setup(args: argparse.Namespace) -> int:
    from holdmetight.db.roles import Role, owners_step, set_up_roles

    database = _open(args)
    try:
        with owners_step(database) as connection:
            names = set_up_roles(connection)
    finally:
        database.dispose()
    print(
        _("Roles ready: {administrator} (administrators), {facilitator} (facilitators).").format(
            administrator=names[Role.ADMINISTRATOR], facilitator=names[Role.FACILITATOR]
        )
    )
    return 0


def cmd_roles_grant(args: argparse.Namespace) -> int:
    from holdmetight.db.roles import Role, grant_role, owners_step

    database = _open(args)
    try:
        with owners_step(database) as connection:
            name = grant_role(connection, args.login, Role(args.role))
    finally:
        database.dispose()
    print(_("{login} now works as {role}.").format(login=args.login, role=name))
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    from holdmetight.db.transfer import TableCheck, opened_as_it_is, shown_name, transfer

    url, _is_default = resolve_database(args.db, settings=load_settings())
    target = database_url(args.to)

    def copied(table: TableCheck) -> None:
        print(
            ngettext(
                "{table}: {rows} row copied", "{table}: {rows} rows copied", table.rows
            ).format(table=table.name, rows=format_number(table.rows)),
            flush=True,
        )

    with opened_as_it_is(url) as source:
        checks = transfer(source, target, progress=copied)
    print(
        _(
            "{tables} tables with {rows} rows copied from {source} to {target}; every table "
            "was checked (rows and checksums). {source} was not changed."
        ).format(
            tables=len(checks),
            rows=format_number(sum(c.rows for c in checks)),
            source=shown_name(url),
            target=shown_name(target),
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from holdmetight.db.database import check_database

    url, _is_default = resolve_database(args.db, settings=load_settings())
    path = check_database(url)
    print(_("The database {name} is sound: every page was checked.").format(name=path))
    return 0


def cmd_export_ics(args: argparse.Namespace) -> int:
    from holdmetight.exports import write_export
    from holdmetight.services import calendar_export

    database = _open(args)
    try:
        with database.session() as session:
            data = calendar_export.course_calendar(session, code=args.course)
    finally:
        database.dispose()
    target = Path(args.out).expanduser()
    write_export(target, data)
    print(_("Calendar written: {name}").format(name=target))
    return 0


def cmd_import_couples(args: argparse.Namespace) -> int:
    from holdmetight.services import couple_import

    return _import_file(args, couple_import.import_couples)


def cmd_import_outcomes(args: argparse.Namespace) -> int:
    from holdmetight.services import outcome_import

    return _import_file(args, outcome_import.import_outcomes)


def _import_file(args: argparse.Namespace, importer: Callable[..., ImportReport]) -> int:
    """Import the file with ``importer``; say per line what failed, write those lines to an
    errors file beside it, and sum up."""
    from holdmetight.exports import read_file, write_export
    from holdmetight.services import couple_import

    source = Path(args.file).expanduser()
    data = read_file(source)
    database = _open(args)
    try:
        with database.session() as session:
            report = importer(session, data=data, dry_run=args.dry_run)
    finally:
        database.dispose()
    for problem in report.errors:
        print(_("line {line}: {reason}").format(line=problem.line, reason=problem.reason))
    for problem in report.duplicates:
        print(_("line {line}: skipped, {reason}").format(line=problem.line, reason=problem.reason))
    if importer is couple_import.import_couples:
        summary = (
            _(
                "Dry run: {imported} of {rows} couples would be imported, {duplicates} are "
                "already registered, {errors} have errors. Nothing was changed."
            )
            if args.dry_run
            else _(
                "{imported} of {rows} couples imported, {duplicates} already registered, "
                "{errors} with errors."
            )
        )
    else:
        summary = (
            _(
                "Dry run: {imported} of {rows} scores would be imported, {duplicates} were "
                "entered already, {errors} have errors. Nothing was changed."
            )
            if args.dry_run
            else _(
                "{imported} of {rows} scores imported, {duplicates} entered already, "
                "{errors} with errors."
            )
        )
    print(
        summary.format(
            imported=report.imported,
            rows=report.rows,
            duplicates=len(report.duplicates),
            errors=len(report.errors),
        )
    )
    if report.errors:
        target = source.with_name(f"{source.stem}.errors.csv")
        write_export(target, couple_import.errors_file(report, language=current_language()))
        print(_("Fix the lines in {name} and import that file.").format(name=target))
    # Nothing imported because every line had a problem: the command did not do its work.
    return 1 if report.errors and not report.imported else 0


def _period_of(args: argparse.Namespace) -> str | None:
    first, last = getattr(args, "first", None), getattr(args, "last", None)
    if first is None and last is None:
        return None
    return f"{first or ''}..{last or ''}"


def _audit_filter(args: argparse.Namespace) -> AuditFilter:
    from holdmetight.services.audit_trail import AuditFilter

    return AuditFilter(couple_id=args.couple, user=args.user, first=args.first, last=args.last)


def _record_export(
    session: Session,
    document: str,
    *held: str,
    record_id: int | None = None,
    couple_id: int | None = None,
) -> None:
    """Note in the audit trail what leaves through this command, before it is written."""
    from holdmetight.services import audit_trail

    audit_trail.record_output(
        session,
        how=audit_trail.Output.EXPORT,
        document=document,
        detail="; ".join(filter(None, held)),
        record_id=record_id,
        couple_id=couple_id,
    )


def cmd_audit(args: argparse.Namespace) -> int:
    from holdmetight.services import audit_trail

    which = _audit_filter(args)
    database = _open(args)
    try:
        with database.session() as session:
            offset = 0
            while page := audit_trail.list_entries(session, which=which, offset=offset, limit=1000):
                offset += len(page)
                for row in page:
                    print(
                        "\t".join(
                            [
                                str(row.id),
                                row.at.isoformat(sep=" ", timespec="seconds"),
                                row.user,
                                audit_trail.action_label(row.action, row.record),
                                audit_trail.record_label(row.record),
                                "" if row.record_id is None else str(row.record_id),
                                "" if row.couple_id is None else str(row.couple_id),
                                audit_trail.detail_label(row.detail),
                            ]
                        )
                    )
    finally:
        database.dispose()
    return 0


def cmd_export_table(args: argparse.Namespace) -> int:
    from holdmetight.exports import write_export
    from holdmetight.services import audit_trail, tables

    database = _open(args)
    language = current_language()
    try:
        with database.session() as session:
            if args.what == "audit":
                which = _audit_filter(args)
                table = audit_trail.entries_table(session, which=which, language=language)
                document, held = "audit_trail", audit_trail.describe(which)
            else:
                table = _data_table(session, args, language)
                document = args.what
                held = audit_trail.details(course=args.course, period=_period_of(args))
            rows = audit_trail.details(format=args.format, rows=len(table.rows))
            _record_export(session, document, held, rows, couple_id=getattr(args, "couple", None))
    finally:
        database.dispose()
    target = Path(args.out).expanduser()
    write_export(target, tables.to_xlsx(table) if args.format == "xlsx" else tables.to_csv(table))
    print(_("{n} rows written to {name}").format(n=len(table.rows), name=target))
    return 0


def _data_table(session: Session, args: argparse.Namespace, language: str) -> Table:
    """The couples, enrollments, attendance, payments, fees or municipality table asked for."""
    from holdmetight.services import couple_export

    if args.what == "couples":
        return couple_export.couples_table(session, language=language)
    if args.what in _OUTCOME_TABLES:
        from holdmetight.services import outcome_tables

        selection = _outcome_selection(args)
        if args.what == "outcomes":
            return outcome_tables.research_table(session, selection=selection, language=language)
        return outcome_tables.summary_table(session, selection=selection, language=language)
    if args.what == "municipality":
        return couple_export.municipality_table(
            session, language=language, first=args.first, last=args.last
        )
    if args.what == "payments":
        return couple_export.payments_table(
            session, language=language, course_code=args.course, first=args.first, last=args.last
        )
    if args.what == "fees":
        return couple_export.fees_table(session, language=language, course_code=args.course)
    if args.what == "attendance":
        return couple_export.attendance_table(
            session, language=language, course_code=args.course, first=args.first, last=args.last
        )
    return couple_export.enrollments_table(session, language=language, course_code=args.course)


def _outcome_selection(args: argparse.Namespace) -> OutcomeSelection:
    from holdmetight.services.outcome_figures import Selection

    return Selection(course_code=args.course, first=args.first, last=args.last)


def handout_file_name(item: Handout) -> str:
    """Course code, step number and code: never a name of a person."""
    return f"{item.course.row.code}-{item.meeting.position:02d}-{item.meeting.step_code}.pdf"


def cmd_print(args: argparse.Namespace) -> int:
    from holdmetight.exports import output_folder, write_export
    from holdmetight.reports.attendance_summary import render_attendance
    from holdmetight.reports.fee_summary import render_fee_summary
    from holdmetight.reports.handout import render_handouts
    from holdmetight.reports.municipality import render_municipality_report
    from holdmetight.reports.outcomes import render_outcomes, selection_line
    from holdmetight.reports.receipt import render_receipt
    from holdmetight.reports.signin import render_signin
    from holdmetight.services import (
        audit_trail,
        fee_summary,
        handouts,
        municipality_report,
        organisations,
        outcome_figures,
        receipts,
        sheets,
    )

    # Handouts go into a folder: a wrong one is said before any work is done.
    folder = output_folder(Path(args.out).expanduser()) if args.document == "handouts" else None
    database = _open(args)
    try:
        with database.session() as session:
            organisation = organisations.get_organisation(session)
            default = organisation.default_language.value if organisation else current_language()
            language = args.lang or default
            if folder is not None:
                items = handouts.handouts_for_course(
                    session, course_code=args.course, language=language
                )
                for item in items:
                    name = handout_file_name(item)
                    write_export(folder / name, render_handouts([item], language=language))
                    print(_("Written: {name}").format(name=folder / name))
                return 0
            if args.document == "municipality":
                figures = municipality_report.municipality_report(
                    session, first=args.first, last=args.last
                )
                data = render_municipality_report(
                    figures,
                    outcomes=outcome_figures.municipality_outcomes(
                        session, first=args.first, last=args.last
                    ),
                    first=args.first,
                    last=args.last,
                    organisation=organisation.name if organisation else "",
                    logo=organisation.logo_png if organisation else None,
                    language=language,
                )
            elif args.document == "outcomes":
                outcomes = outcome_figures.outcome_figures(
                    session, selection=_outcome_selection(args)
                )
                with using_language(language):
                    title_line = selection_line(outcomes)
                data = render_outcomes(
                    outcomes,
                    title_line=title_line,
                    organisation=organisation.name if organisation else "",
                    logo=organisation.logo_png if organisation else None,
                    language=language,
                )
            elif args.document == "fees":
                totals = fee_summary.fee_summary(
                    session, course_code=args.course, first=args.first, last=args.last
                )
                data = render_fee_summary(totals, language=language)
            elif args.document == "receipt":
                data = render_receipt(
                    receipts.receipt(session, payment_id=args.payment), language=language
                )
            elif args.document == "signin":
                sheet = sheets.signin_sheet(session, course_code=args.course, step=args.step)
                data = render_signin(sheet, language=language)
            else:
                summary = sheets.attendance_summary(session, course_code=args.course)
                data = render_attendance(summary, language=language)
            document = {"fees": "fee_summary", "outcomes": "outcome_figures"}.get(
                args.document, args.document
            )
            held = audit_trail.details(
                course=getattr(args, "course", None),
                step=getattr(args, "step", None),
                period=_period_of(args),
            )
            output = audit_trail.details(format="pdf", language=language)
            _record_export(
                session, document, held, output, record_id=getattr(args, "payment", None)
            )
    finally:
        database.dispose()
    target = Path(args.out).expanduser()
    write_export(target, data)
    print(_("Written: {name}").format(name=target))
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from holdmetight.ui.selftest import run_selftest

    url, is_default = resolve_database(args.db, settings=load_settings())
    return run_selftest(url, is_default=is_default)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date like 2026-11-24").format(value=text)
        ) from error


# The largest number a record can have: PostgreSQL's integer columns hold 32 bits (SQLite's 64).
LARGEST_NUMBER = 2**31 - 1


def payment_number(text: str) -> int:
    """A payment's number, as ``holdmetight payments`` lists it."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(
            _("{value} is not a payment number (holdmetight payments lists them)").format(
                value=text
            )
        )
    return number


def course_code(text: str) -> str:
    """A course's code, as ``holdmetight courses`` lists it; whether it exists is for the
    command to find out."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("give a course code (holdmetight courses lists them)"))
    return text


def couple_number(text: str) -> int:
    """A couple's number, as lists and the audit trail show it."""
    try:
        number = int(text.strip())
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(
            _("a couple's number is a whole number from 1: {value}").format(value=text)
        )
    return number


def course_step(text: str) -> str:
    """A step of a course's programme, by its number or its code."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("give a step: its number (1-based) or code"))
    return text


# The tables ``export csv|xlsx`` writes, and the ones that take each selecting option.
TABLES = (
    "couples",
    "enrollments",
    "attendance",
    "payments",
    "fees",
    "municipality",
    "audit",
    "outcomes",
    "outcomes-summary",
)
_OUTCOME_TABLES = ("outcomes", "outcomes-summary")
_COURSE_TABLES = ("enrollments", "attendance", "payments", "fees", *_OUTCOME_TABLES)
_PERIOD_TABLES = ("attendance", "payments", "municipality", "audit", *_OUTCOME_TABLES)
_AUDIT_TABLES = ("audit",)


def _options_of_table(args: argparse.Namespace) -> str | None:
    """An option that the table asked for does not take is refused, not silently ignored."""
    for option, given, tables in (
        ("--course", args.course, _COURSE_TABLES),
        ("--from", args.first, _PERIOD_TABLES),
        ("--to", args.last, _PERIOD_TABLES),
        ("--couple", args.couple, _AUDIT_TABLES),
        ("--user", args.user, _AUDIT_TABLES),
    ):
        if given is not None and args.what not in tables:
            return _("{option} is not for the {table} table, only for {tables}").format(
                option=option, table=args.what, tables=", ".join(tables)
            )
    return None


def _period_in_order(args: argparse.Namespace) -> str | None:
    if args.first is not None and args.last is not None and args.last < args.first:
        return _("the period ends (--to {last}) before it starts (--from {first})").format(
            first=args.first.isoformat(), last=args.last.isoformat()
        )
    return None


def _whole_period(args: argparse.Namespace) -> str | None:
    """Municipality figures are always for a period."""
    if args.what == "municipality" and (args.first is None or args.last is None):
        return _("give the period with --from and --to")
    return None


def _course_or_period(args: argparse.Namespace) -> str | None:
    """A fee summary is of a course or of a whole period; outcome figures of one of them."""
    what = getattr(args, "what", None) or args.document
    if hasattr(args, "what") and what not in _OUTCOME_TABLES:
        return None  # the other tables take either or neither
    both = args.course is not None and (args.first is not None or args.last is not None)
    if what in (*_OUTCOME_TABLES, "outcomes") and both:
        return _("give a course with --course, or a period with --from and --to, not both")
    if args.course is None and (args.first is None or args.last is None):
        return _("give a course with --course, or a period with --from and --to")
    return None


def _period_options(
    sub: CommandParser, *, required: bool, tables: Sequence[str] | None = None
) -> None:
    """--from and --to: the first and last day of a period, both included; ``tables`` are the
    only ones they select from, where the command has several."""
    first = _("first day of the period (YYYY-MM-DD)")
    last = _("last day of the period (YYYY-MM-DD)")
    if tables is not None:
        named = ", ".join(tables)
        first = _("first day of the period (YYYY-MM-DD), for {tables}").format(tables=named)
        last = _("last day of the period (YYYY-MM-DD), for {tables}").format(tables=named)
    sub.add_argument(
        "--from", dest="first", type=iso_date, metavar=_("DATE"), required=required, help=first
    )
    sub.add_argument(
        "--to", dest="last", type=iso_date, metavar=_("DATE"), required=required, help=last
    )
    sub.checks.append(_period_in_order)


def _couple_and_partner(sub: CommandParser, partner_help: str) -> None:
    """COUPLE and --partner 1|2, for the privacy steps about one couple or one partner."""
    sub.add_argument(
        "couple", metavar=_("COUPLE"), type=couple_number, help=_("the couple's number")
    )
    sub.add_argument("--partner", type=int, choices=[1, 2], help=partner_help)


def _audit_options(sub: CommandParser, *, tables: Sequence[str] | None = None) -> None:
    """--couple and --user: the entries of one couple's file, or by one user."""
    suffix = "" if tables is None else ", " + _("for {tables}").format(tables=", ".join(tables))
    sub.add_argument(
        "--couple",
        type=couple_number,
        metavar=_("NUMBER"),
        help=_("only entries about this couple (its number)") + suffix,
    )
    sub.add_argument(
        "--user",
        metavar=_("LOGIN"),
        help=_("only entries by this user (as the trail names them)") + suffix,
    )


def _document_options(sub: CommandParser, document: str, *, out: str, out_help: str) -> None:
    """--lang and --out, shared by every print command."""
    sub.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("the document's language (default: the organisation's default language)"),
    )
    sub.add_argument("--out", metavar=out, required=True, help=out_help)
    sub.set_defaults(handler=cmd_print, document=document)


def build_parser() -> CommandParser:
    install_argparse_messages()
    parser = CommandParser(
        prog="holdmetight",
        description=_("Plan and run 'Houd me vast' group courses for couples."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"holdmetight {__version__}",
        help=_("show the version number and exit"),
    )
    parser.add_argument(
        "--db",
        metavar=_("PATH_OR_URL"),
        help=_(
            "database file or URL (default: HOLDMETIGHT_DB, the settings, or the file in "
            "your data folder)"
        ),
    )
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    entries: list[tuple[str, Handler, str]] = [
        ("gui", cmd_gui, _("start the application (the default)")),
        ("init", cmd_init, _("create or upgrade the database (backup first)")),
        ("demo", cmd_demo, _("fill an empty database with realistic demo data")),
        (
            "courses",
            cmd_courses,
            _("list courses: code, title, first date, enrolled/capacity, status"),
        ),
        (
            "payments",
            cmd_payments,
            _(
                "list payments and refunds, the latest first: number, date, course, couple, "
                "amount, payment or refund, method, reference"
            ),
        ),
        (
            "send-due",
            cmd_send_due,
            _(
                "send the reminders that are due and the e-mails still waiting, through the "
                "mail server of the settings or of HOLDMETIGHT_SMTP (for a scheduled task)"
            ),
        ),
        (
            "check",
            cmd_check,
            _("check every page of the database for damage (changes nothing)"),
        ),
        (
            "selftest",
            cmd_selftest,
            _("check that this installation works (database, window, catalogs, resources)"),
        ),
    ]
    added: dict[str, CommandParser] = {}
    for name, handler, help_text in entries:
        added[name] = commands.add_parser(name, help=help_text, description=help_text)
        added[name].set_defaults(handler=handler)
    trail = commands.add_parser(
        "audit",
        help=_(
            "list the audit trail, the newest first: number, when, who, what, record, record "
            "number, couple number, details (administrators)"
        ),
    )
    trail.set_defaults(handler=cmd_audit)
    _audit_options(trail)
    _period_options(trail, required=False)
    added["send-due"].add_argument(
        "--dry-run",
        action="store_true",
        help=_(
            "only list the reminders that would be sent (meeting, couple, partner, address, "
            "subject)"
        ),
    )
    listing = added["payments"]
    listing.add_argument(
        "--course", metavar=_("COURSE"), type=course_code, help=_("only this course")
    )
    _period_options(listing, required=False)
    backup = commands.add_parser(
        "backup", help=_("back the database up (into the backups folder, or to --out FILE)")
    )
    backup.add_argument("--out", metavar=_("FILE"), help=_("write the backup to this new file"))
    backup.add_argument(
        "--encrypt",
        action="store_true",
        help=_(
            "with --out FILE.zip: an AES-256 encrypted ZIP for a USB stick (asks a passphrase; "
            "7-Zip opens it, and so does restore)"
        ),
    )
    backup.set_defaults(handler=cmd_backup)
    backup.checks.append(_encrypt_needs_out)
    restore = commands.add_parser(
        "restore",
        help=_("replace the database by a backup (checked first; the current one is kept)"),
    )
    restore.add_argument(
        "file",
        metavar=_("FILE"),
        help=_("the backup to restore (an encrypted one asks its passphrase)"),
    )
    restore.set_defaults(handler=cmd_restore)
    moving = commands.add_parser(
        "transfer",
        help=_(
            "copy the whole database into an empty one (a SQLite file onto a database server, "
            "or back), checked table by table; the database copied from is not changed"
        ),
    )
    moving.add_argument(
        "--to",
        required=True,
        metavar=_("DATABASE"),
        help=_("the empty database: a server URL, or the name of a new SQLite file"),
    )
    moving.set_defaults(handler=cmd_transfer)
    privacy_parser = commands.add_parser(
        "privacy",
        help=_("the couples' personal data under the AVG (GDPR): inzage, erasure and retention"),
    )
    privacy_steps = privacy_parser.add_subparsers(
        title=_("what to do"), metavar=_("STEP"), required=True
    )
    anonymise = privacy_steps.add_parser(
        "anonymise",
        help=_(
            "anonymise a couple, or erase one partner, keeping the anonymous figures; it cannot "
            "be undone"
        ),
    )
    _couple_and_partner(anonymise, _("erase only this partner (1 or 2), not the whole couple"))
    anonymise.add_argument(
        "--confirm",
        metavar=_("FAMILY_NAME"),
        required=True,
        help=_("the family name of the partner erased (of partner 1 for the whole couple)"),
    )
    anonymise.set_defaults(handler=cmd_privacy_anonymise)
    inzage = privacy_steps.add_parser(
        "export",
        help=_(
            "everything stored about a couple, or one partner, as a PDF to read and a JSON file "
            "for another program (inzage, AVG art. 15 and 20)"
        ),
    )
    _couple_and_partner(inzage, _("only this partner's data (1 or 2), never the other partner's"))
    inzage.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("the PDF's language (default: the partner's preferred language)"),
    )
    inzage.add_argument(
        "--out", metavar=_("DIR"), required=True, help=_("the folder to write the two files to")
    )
    inzage.add_argument(
        "--encrypt",
        action="store_true",
        help=_("both files in one AES-256 encrypted ZIP (asks a passphrase)"),
    )
    inzage.set_defaults(handler=cmd_privacy_export)
    keeping = privacy_steps.add_parser(
        "retention",
        help=_(
            "list the couples past the retention period (number, couple, last course or "
            "contact); with --apply, anonymise them, asking for each"
        ),
    )
    keeping.add_argument(
        "--apply", action="store_true", help=_("anonymise the couples listed, asking for each")
    )
    keeping.add_argument(
        "--yes",
        action="store_true",
        help=_("with --apply: anonymise all of them without asking"),
    )
    keeping.set_defaults(handler=cmd_privacy_retention)
    keeping.checks.append(_yes_needs_apply)
    roles = commands.add_parser(
        "roles",
        help=_("the server's administrator and facilitator roles (by the database's owner)"),
    )
    role_steps = roles.add_subparsers(title=_("what to do"), metavar=_("STEP"), required=True)
    setup = role_steps.add_parser(
        "setup",
        help=_(
            "create the two roles and give them their rights (again after an upgrade); "
            "facilitators cannot read fees, payments, intake notes or the audit trail"
        ),
    )
    setup.set_defaults(handler=cmd_roles_setup)
    grant = role_steps.add_parser("grant", help=_("give a login of the server one of the roles"))
    grant.add_argument("login", metavar=_("LOGIN"), help=_("the login on the server"))
    grant.add_argument(
        "role",
        metavar=_("ROLE"),
        choices=["administrator", "facilitator"],
        help=_("administrator or facilitator"),
    )
    grant.set_defaults(handler=cmd_roles_grant)
    export = commands.add_parser("export", help=_("export data to a file"))
    export_kinds = export.add_subparsers(
        title=_("what to export"), metavar=_("KIND"), required=True
    )
    ics = export_kinds.add_parser(
        "ics", help=_("a course's meetings as a calendar file (.ics) for Outlook or Google")
    )
    ics.add_argument("course", metavar=_("COURSE"), type=course_code, help=_("the course code"))
    ics.add_argument("--out", metavar=_("FILE"), required=True, help=_("the .ics file to write"))
    ics.set_defaults(handler=cmd_export_ics)
    for kind, description in (
        (
            "csv",
            _(
                "a table as CSV for Excel: semicolons, decimal commas, amounts without a"
                " currency sign"
            ),
        ),
        ("xlsx", _("a table as an Excel workbook, amounts as euro-formatted numbers")),
    ):
        table = export_kinds.add_parser(kind, help=description)
        table.add_argument("what", choices=TABLES)
        table.add_argument(
            "--course",
            metavar=_("COURSE"),
            type=course_code,
            help=_("only this course, for {tables}").format(tables=", ".join(_COURSE_TABLES)),
        )
        _period_options(table, required=False, tables=_PERIOD_TABLES)
        _audit_options(table, tables=_AUDIT_TABLES)
        table.checks += [_options_of_table, _whole_period, _course_or_period]
        table.add_argument("--out", metavar=_("FILE"), required=True, help=_("the file to write"))
        table.set_defaults(handler=cmd_export_table, format=kind)
    printer = commands.add_parser("print", help=_("print a document to a PDF file"))
    documents = printer.add_subparsers(title=_("documents"), metavar=_("DOCUMENT"), required=True)
    signin = documents.add_parser("signin", help=_("the sign-in sheet of one meeting"))
    signin.add_argument("course", metavar=_("COURSE"), type=course_code, help=_("the course code"))
    signin.add_argument(
        "step",
        metavar=_("STEP"),
        type=course_step,
        help=_("the step: its number (1-based) or code"),
    )
    attendance = documents.add_parser(
        "attendance", help=_("the attendance summary of a course (A4 landscape)")
    )
    attendance.add_argument(
        "course", metavar=_("COURSE"), type=course_code, help=_("the course code")
    )
    for document, sub in (("signin", signin), ("attendance", attendance)):
        _document_options(sub, document, out=_("FILE.pdf"), out_help=_("the PDF to write"))
    fee_parser = documents.add_parser(
        "fees", help=_("the fee summary of a course or a period (--course, or --from and --to)")
    )
    fee_parser.add_argument(
        "--course", metavar=_("COURSE"), type=course_code, help=_("the course code")
    )
    _period_options(fee_parser, required=False)
    fee_parser.checks.append(_course_or_period)
    _document_options(fee_parser, "fees", out=_("FILE.pdf"), out_help=_("the PDF to write"))
    outcomes = documents.add_parser(
        "outcomes",
        help=_("the outcome figures of a course or a period (--course, or --from and --to)"),
    )
    outcomes.add_argument(
        "--course", metavar=_("COURSE"), type=course_code, help=_("the course code")
    )
    _period_options(outcomes, required=False)
    outcomes.checks.append(_course_or_period)
    _document_options(outcomes, "outcomes", out=_("FILE.pdf"), out_help=_("the PDF to write"))
    town = documents.add_parser(
        "municipality", help=_("anonymous figures per municipality for a period (--from, --to)")
    )
    _period_options(town, required=True)
    _document_options(town, "municipality", out=_("FILE.pdf"), out_help=_("the PDF to write"))
    receipt_parser = documents.add_parser("receipt", help=_("a receipt for one payment or refund"))
    receipt_parser.add_argument(
        "payment",
        metavar=_("PAYMENT"),
        type=payment_number,
        help=_("the payment number, as holdmetight payments lists it"),
    )
    _document_options(receipt_parser, "receipt", out=_("FILE.pdf"), out_help=_("the PDF to write"))
    handout = documents.add_parser(
        "handouts", help=_("a handout PDF for every step of a course, into a folder")
    )
    handout.add_argument("course", metavar=_("COURSE"), type=course_code, help=_("the course code"))
    _document_options(handout, "handouts", out=_("DIR"), out_help=_("the folder to write to"))
    importer = commands.add_parser("import", help=_("import data from a file"))
    import_kinds = importer.add_subparsers(
        title=_("what to import"), metavar=_("KIND"), required=True
    )
    import_couples = import_kinds.add_parser(
        "couples", help=_("couples from a CSV file (see resources/import/ for the columns)")
    )
    import_couples.add_argument("file", metavar=_("FILE.csv"))
    import_couples.add_argument(
        "--dry-run", action="store_true", help=_("check the file and change nothing")
    )
    import_couples.set_defaults(handler=cmd_import_couples)
    import_outcomes = import_kinds.add_parser(
        "outcomes",
        help=_(
            "questionnaire scores from a CSV file: course, couple and partner (or email), "
            "instrument, wave, date, and score or item1, item2, …"
        ),
    )
    import_outcomes.add_argument("file", metavar=_("FILE.csv"))
    import_outcomes.add_argument(
        "--dry-run", action="store_true", help=_("check the file and change nothing")
    )
    import_outcomes.set_defaults(handler=cmd_import_outcomes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status (a usage error ends it with
    SystemExit(2), as argparse does)."""
    settings = load_settings()
    set_language(settings.language or system_language())
    args = build_parser().parse_args(argv)
    command: CommandParser = args.command_parser
    for check in command.checks:
        problem = check(args)
        if problem is not None:
            command.error(problem)  # the command's usage and the problem; exit status 2
    handler: Handler = args.handler
    try:
        status = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return status
    except HoldMeTightError as error:
        print(_("holdmetight: {message}").format(message=error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``holdmetight courses | head -1``): end quietly, and keep
        # Python from complaining again when it flushes standard output on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
