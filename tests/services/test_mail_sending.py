"""Sending through a real mail server (issue 18, item 5): aiosmtpd on loopback with STARTTLS
and a login. Messages arrive with the right recipient, language, attachments and encoding; a
refused recipient is logged and the rest still go; a server that is down, a failed login or an
untrusted certificate send nothing and lose nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from holdmetight.domain.enums import (
    ConsentPurpose,
    Language,
    MailSecurity,
    MessageKind,
    MessageStatus,
)
from holdmetight.domain.messages import MessageTemplate
from holdmetight.errors import ValidationError
from holdmetight.reports.message_attachments import attachments_from
from holdmetight.services import (
    consents,
    couples,
    enrollments,
    mail_sending,
    message_log,
    messages,
    organisations,
)
from holdmetight.services.mail_sending import on
from holdmetight.services.mail_server import MailServer
from tests.mail_server import PASSWORD, USER, free_port, smtp_server

TODAY = date.today()


def couple_with_email(session, make, course_id: int, given: str, family: str, email: str, lang):
    couple = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(
                given_name=given, family_name=family, email=email, preferred_language=lang
            ),
            couples.PartnerInput(given_name="Sam", family_name=family),
        ),
    )
    make.suitable_intake(couple.id)
    enrollments.enroll(session, couple_id=couple.id, course_id=course_id)
    consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    return couple


@pytest.fixture
def invited(session: Session, make):
    """Two couples invited to a course: Zoë (Dutch) and Ëlke (English); the messages recorded
    and waiting to be sent."""
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@wijkteam.example")
    course = make.course("HMV-MAIL", first_date=TODAY + timedelta(days=7))
    couple_with_email(session, make, course.row.id, "Zoë", "Çelik", "zoe@example.com", Language.NL)
    couple_with_email(
        session, make, course.row.id, "Ëlke", "Dubois", "elke@example.com", Language.EN
    )
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    ids = message_log.record(session, drafts=prepared.drafts)
    assert len(ids) == 2
    return ids


def statuses(session: Session, ids) -> list[MessageStatus]:
    from holdmetight.domain.messages import Message

    session.expire_all()
    return [session.get_one(Message, i).status for i in ids]


def server_at(port: int) -> MailServer:
    return MailServer("127.0.0.1", port, MailSecurity.STARTTLS, USER)


def test_messages_arrive_in_each_language_with_the_calendar(
    database, session, invited, tmp_path, monkeypatch
):
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        received.refuse.add("elke@example.com")
        result = mail_sending.send_waiting(
            on(database),
            server=server_at(port),
            password=PASSWORD,
            attach=attachments_from(on(database)),
        )
    assert (result.sent, result.failed, result.waiting) == (1, 1, 0)
    [(to, email)] = received.messages
    assert to == ["zoe@example.com"]
    assert str(email["Subject"]).startswith("Uitnodiging")
    assert "Wijkteam Oost" in str(email["From"]) and email["Content-Language"] == "nl"
    body = email.get_body(preferencelist=("plain",)).get_content()
    assert "Beste Zoë" in body and "Venue HMV-MAIL" in body
    [calendar] = list(email.iter_attachments())
    assert calendar.get_filename() == "HMV-MAIL.ics"
    assert calendar.get_content_type() == "text/calendar"
    assert b"BEGIN:VCALENDAR" in calendar.get_payload(decode=True)
    assert statuses(session, invited) == [MessageStatus.SENT, MessageStatus.FAILED]
    from holdmetight.domain.messages import Message

    refused = session.get_one(Message, invited[1])
    assert refused.error.startswith("550") and refused.sent_at is None
    assert session.get_one(Message, invited[0]).sent_at is not None


def test_a_name_with_diacritics_in_the_subject_is_encoded(
    database, session, tmp_path, make, monkeypatch
):
    organisations.save_organisation(session, name="Stichting Ëlan & Zoë", email="info@elan.example")
    course = make.course("HMV-ENC", first_date=TODAY + timedelta(days=7))
    couple_with_email(session, make, course.row.id, "Zoë", "Çelik", "zoe@example.com", Language.NL)
    session.add(
        MessageTemplate(
            kind=MessageKind.INVITATION,
            language=Language.NL,
            subject="Welkom bij {organisation}",
            body="Beste {given_name},\n\nTot ziens in {venue}.",
        )
    )
    session.commit()
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    message_log.record(session, drafts=prepared.drafts)
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    [(_to, email)] = received.messages
    assert str(email["Subject"]) == "Welkom bij Stichting Ëlan & Zoë"
    assert email["From"].addresses[0].display_name == "Stichting Ëlan & Zoë"
    assert email.get_content_charset() == "utf-8"


def test_a_server_that_is_down_leaves_the_messages_waiting(database, session, invited):
    with pytest.raises(mail_sending.MailError, match="cannot be reached"):
        mail_sending.send_waiting(on(database), server=server_at(free_port()), password=PASSWORD)
    assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.QUEUED]


def test_a_failed_login_sends_nothing(database, session, invited, tmp_path, monkeypatch):
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        with pytest.raises(mail_sending.MailError, match="refused the login of wijkteam"):
            mail_sending.send_waiting(on(database), server=server_at(port), password="fout")
        with pytest.raises(mail_sending.MailError, match="no password for wijkteam"):
            mail_sending.send_waiting(on(database), server=server_at(port), password=None)
    assert received.messages == []
    assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.QUEUED]


def test_an_untrusted_certificate_sends_nothing(database, session, invited, tmp_path):
    with (
        smtp_server(tmp_path) as (port, received, _certificate),
        pytest.raises(mail_sending.MailError, match="does not trust"),
    ):
        mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    assert received.messages == []
    assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.QUEUED]


def test_a_template_with_an_unknown_field_makes_no_message(session, make):
    course = make.course("HMV-BAD", first_date=TODAY + timedelta(days=7))
    couple_with_email(session, make, course.row.id, "Zoë", "Çelik", "zoe@example.com", Language.NL)
    session.add(
        MessageTemplate(
            kind=MessageKind.INVITATION,
            language=Language.NL,
            subject="Hallo",
            body="Beste {voornaam}",
        )
    )
    session.commit()
    with pytest.raises(ValidationError, match=r"There is no field \{voornaam\}"):
        messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)


def test_a_temporary_refusal_leaves_the_message_waiting_and_the_rest_still_go(
    database, session, invited, tmp_path, monkeypatch
):
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        received.later.add("zoe@example.com")
        result = mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
        assert (result.sent, result.failed, result.waiting) == (1, 0, 1)
        assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.SENT]
        received.later.clear()  # the next run: the greylisting has passed
        again = mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    assert (again.sent, again.waiting) == (1, 0)
    assert [to for to, _email in received.messages] == [["elke@example.com"], ["zoe@example.com"]]


def test_a_refused_sender_is_a_setting_to_fix_and_every_message_waits(
    database, session, invited, tmp_path, monkeypatch
):
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        received.sender_reply = "553 5.7.1 sender not allowed"
        with pytest.raises(mail_sending.MailError, match="refused the sender address"):
            mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.QUEUED]


def test_a_busy_server_leaves_everything_waiting(database, session, invited, tmp_path, monkeypatch):
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        received.data_reply = "421 4.3.2 too busy, closing"
        with pytest.raises(mail_sending.MailError, match="try again later"):
            mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    assert statuses(session, invited) == [MessageStatus.QUEUED, MessageStatus.QUEUED]
    assert received.messages == []


def test_a_message_that_cannot_be_made_stops_no_other(
    database, session, invited, tmp_path, monkeypatch
):
    def broken(message):
        if message.recipient == "zoe@example.com":
            raise ValueError("no handout")
        return ()

    with smtp_server(tmp_path) as (port, _received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        result = mail_sending.send_waiting(
            on(database), server=server_at(port), password=PASSWORD, attach=broken
        )
    assert (result.sent, result.failed) == (1, 1)
    assert statuses(session, invited) == [MessageStatus.FAILED, MessageStatus.SENT]


def test_a_waiting_message_that_no_longer_applies_is_withdrawn(
    database, session, invited, tmp_path, monkeypatch
):
    from holdmetight.domain.messages import Message

    zoe = session.get_one(Message, invited[0])
    consents.withdraw_consent(
        session, couple_id=zoe.couple_id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        result = mail_sending.send_waiting(on(database), server=server_at(port), password=PASSWORD)
    assert (result.sent, result.failed, result.waiting) == (1, 0, 0)
    assert statuses(session, invited) == [MessageStatus.WITHDRAWN, MessageStatus.SENT]
    assert "no longer agrees" in session.get_one(Message, invited[0]).error
    assert [to for to, _email in received.messages] == [["elke@example.com"]]
