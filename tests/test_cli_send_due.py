"""``holdmetight send-due [--dry-run]`` (issue 18, item 3): what a scheduled task runs. The
reminders due go once, through the settings' server or ``HOLDMETIGHT_SMTP``, with the password
from the credential store."""

from __future__ import annotations

from datetime import date, timedelta

from holdmetight.cli import main
from holdmetight.domain.enums import ConsentPurpose, Language
from holdmetight.services import (
    consents,
    couples,
    enrollments,
    mail_server,
    organisations,
)
from tests.mail_server import PASSWORD, USER, smtp_server, through, use_mail_server

TODAY = date.today()


def office_with_a_meeting_tomorrow(session, make) -> None:
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@wijkteam.example")
    course = make.course("HMV-DUE", first_date=TODAY + timedelta(days=1))
    couple = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(
                "Zoë", "Çelik", email="zoe@example.com", preferred_language=Language.NL
            ),
            couples.PartnerInput("Sam", "Çelik", email="sam@example.com"),
        ),
    )
    make.suitable_intake(couple.id)
    enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    use_mail_server(through(session), host="mail.invalid", user=USER, reminders_on=True)


def test_send_due_lists_then_sends_each_reminder_once(
    session, make, db_url, tmp_path, monkeypatch, capsys, memory_keyring
):
    office_with_a_meeting_tomorrow(session, make)
    assert main(["--db", db_url, "send-due", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    assert "Zoë Çelik\tzoe@example.com\tHerinnering" in line
    assert "Sam Çelik has not agreed to contact by e-mail" in err
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        monkeypatch.setenv("HOLDMETIGHT_SMTP", f"smtp://{USER}@127.0.0.1:{port}?starttls=1")
        # No password in the credential store yet: nothing goes, the reminder waits.
        assert main(["--db", db_url, "send-due"]) == 1
        assert "no password for wijkteam" in capsys.readouterr().err
        server = mail_server.server_from_url(f"smtp://{USER}@127.0.0.1:{port}")
        assert mail_server.keep_password(server, PASSWORD)
        assert main(["--db", db_url, "send-due"]) == 0
        assert "1 sent, 0 refused by the mail server, 0 still waiting" in capsys.readouterr().out
        assert main(["--db", db_url, "send-due"]) == 0  # an hour later: nothing twice
        assert "0 sent" in capsys.readouterr().out
    [(to, email)] = received.messages
    assert to == ["zoe@example.com"] and str(email["Subject"]).startswith("Herinnering")
    assert main(["--db", db_url, "send-due", "--dry-run"]) == 0
    assert capsys.readouterr().out == ""


def test_a_malformed_smtp_url_is_one_clear_line(session, make, db_url, monkeypatch, capsys):
    monkeypatch.setenv("HOLDMETIGHT_SMTP", "smtp://user:secret@host")
    assert main(["--db", db_url, "send-due"]) == 1
    err = capsys.readouterr().err
    assert "must not hold a password" in err and "Traceback" not in err
