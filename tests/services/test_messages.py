"""Messages to couples (issue 18): templates with fields, in each partner's own language, by
e-mail only with consent and otherwise on paper to the right address, and a log that knows
what was sent before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from holdmetight.domain.couple import Partner
from holdmetight.domain.enums import (
    ConsentPurpose,
    Language,
    MailSecurity,
    MessageChannel,
    MessageKind,
    MessageStatus,
)
from holdmetight.domain.messages import KIND_FIELDS, template_problems
from holdmetight.errors import ValidationError
from holdmetight.services import (
    consents,
    couples,
    enrollments,
    mail_server,
    message_log,
    message_templates,
    messages,
    organisations,
    personal_data,
    privacy,
    reminders,
)
from tests.mail_server import through, use_mail_server

TODAY = date.today()


def set_up(session, make, *, start: date | None = None):
    """A course with meetings from ``start`` and one enrolled couple: Anna (Dutch, e-mail
    consent) and Bram (English, no e-mail), living at the couple's address."""
    course = make.course("HMV-MSG", first_date=start or TODAY + timedelta(days=7))
    couple = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(
                given_name="Zoë",
                family_name="Çelik",
                email="zoe@example.com",
                preferred_language=Language.NL,
            ),
            couples.PartnerInput(
                given_name="Bram", family_name="Visser", preferred_language=Language.EN
            ),
        ),
        address=couples.PostalAddress("Dorpsstraat", "12a", "3512ab", "Utrecht"),
        municipality="Utrecht",
    )
    make.suitable_intake(couple.id)
    enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    return course, couple


def test_every_shipped_template_uses_only_its_own_fields():
    for kind in MessageKind:
        for language in Language:
            text = message_templates.shipped_template(kind, language)
            assert text.subject and text.body
            assert template_problems(kind, text.subject, text.body) == []


def test_a_template_with_an_unknown_or_foreign_field_is_refused_naming_it(session):
    kind = MessageKind.INVITATION
    with pytest.raises(ValidationError, match=r"\{voornaam\}"):
        message_templates.save_template(
            session, kind=kind, language=Language.NL, subject="Hallo", body="Beste {voornaam}"
        )
    with pytest.raises(ValidationError, match=r"\{answer_by\}.*invitation"):
        message_templates.save_template(
            session, kind=kind, language=Language.NL, subject="Hallo", body="Voor {answer_by}"
        )
    with pytest.raises(ValidationError, match="braces"):
        message_templates.save_template(
            session, kind=kind, language=Language.NL, subject="Hallo", body="Beste {given_name"
        )
    with pytest.raises(ValidationError, match="braces"):
        message_templates.save_template(
            session, kind=kind, language=Language.NL, subject="Hi", body="{given_name.__class__}"
        )
    with pytest.raises(ValidationError, match=r"Leave names out of the subject \(\{given_name\}\)"):
        message_templates.save_template(
            session, kind=kind, language=Language.NL, subject="Hoi {given_name}", body="Hallo"
        )
    assert "answer_by" not in KIND_FIELDS[kind]


def test_own_text_is_used_and_the_shipped_one_restored(session, make):
    course, _couple = set_up(session, make)
    message_templates.save_template(
        session,
        kind=MessageKind.INVITATION,
        language=Language.NL,
        subject="Welkom bij {course}",
        body="Beste {given_name}, tot {first_meeting} in {venue}. {{geen veld}}",
    )
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    dutch = next(d for d in prepared.drafts if d.language == Language.NL)
    assert dutch.subject == "Welkom bij Houd me vast HMV-MSG" and "Beste Zoë," in dutch.body
    assert "{geen veld}" in dutch.body and "Venue HMV-MSG" in dutch.body
    restored = message_templates.restore_shipped_template(
        session, kind=MessageKind.INVITATION, language=Language.NL
    )
    assert not restored.own
    again = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    assert next(d for d in again.drafts if d.language == Language.NL).subject.startswith(
        "Uitnodiging"
    )


def test_each_partner_gets_the_invitation_in_their_language_by_their_own_channel(session, make):
    course, _couple = set_up(session, make)
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    by_name = {d.partner_name: d for d in prepared.drafts}
    zoe, bram = by_name["Zoë Çelik"], by_name["Bram Visser"]
    assert zoe.channel == MessageChannel.EMAIL and zoe.recipient == "zoe@example.com"
    assert zoe.language == Language.NL and "Beste Zoë" in zoe.body
    # All eight meetings, with Dutch dates, in the Dutch text.
    assert zoe.body.count("\n- ") >= 8 and "19:30" in zoe.body
    assert bram.channel == MessageChannel.LETTER and bram.language == Language.EN
    assert bram.recipient.splitlines() == ["Bram Visser", "Dorpsstraat 12a", "3512 AB  UTRECHT"]
    assert "Dear Bram" in bram.body
    assert zoe.attachments == ("HMV-MSG.ics",)
    assert bram.attachments == () and bram.note == "no e-mail address"


def test_without_consent_or_address_a_partner_is_left_out_with_the_reason(session, make):
    course, couple = set_up(session, make)
    consents.withdraw_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    only_email = messages.prepare(
        session, kind=MessageKind.INVITATION, course_id=course.row.id, email_only=True
    )
    assert only_email.drafts == ()
    reasons = " ".join(left.reason for left in only_email.left_out)
    assert "not agreed to contact by e-mail" in reasons and "no e-mail address" in reasons
    info = couples.get_couple(session, couple_id=couple.id)
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=info.version,
        partners=info.partners,
        address=couples.PostalAddress(postcode="3512 AB"),
        municipality="Utrecht",
    )
    on_paper = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    assert on_paper.drafts == ()
    assert all("no complete postal address" in left.reason for left in on_paper.left_out)


def test_a_partner_living_elsewhere_gets_letters_at_their_own_address(session, make):
    course, couple = set_up(session, make)
    info = couples.get_couple(session, couple_id=couple.id)
    elsewhere = couples.PostalAddress("Laan van Ëlke", "3", "1234 ab", "Den Haag")
    bram = info.partners[1]
    moved = couples.PartnerInput(
        bram.given_name,
        bram.family_name,
        preferred_language=bram.preferred_language,
        address=elsewhere,
    )
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=info.version,
        partners=(info.partners[0], moved),
        postcode=info.postcode,
        municipality="Utrecht",
    )
    stored = couples.get_couple(session, couple_id=couple.id)
    assert stored.address.street == "Dorpsstraat"  # the couple's address stays
    assert stored.address_of(stored.partners[1]).lines() == ("Laan van Ëlke 3", "1234 AB  DEN HAAG")
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    letter = next(d for d in prepared.drafts if d.channel == MessageChannel.LETTER)
    assert "Laan van Ëlke 3" in letter.recipient


def test_half_an_own_address_is_refused(session, make):
    _course, couple = set_up(session, make)
    info = couples.get_couple(session, couple_id=couple.id)
    half = couples.PartnerInput("Bram", "Visser", address=couples.PostalAddress(town="Delft"))
    with pytest.raises(ValidationError, match="Partner 2: give the whole address"):
        couples.update_couple(
            session,
            couple_id=couple.id,
            version=info.version,
            partners=(info.partners[0], half),
        )


def test_the_log_knows_what_was_sent_before(session, make):
    course, couple = set_up(session, make)
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    assert message_log.sent_before(session, drafts=prepared.drafts) == frozenset()
    to_send = message_log.record(session, drafts=prepared.drafts)
    assert len(to_send) == 1  # the e-mail; the letter is printed
    again = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    assert message_log.sent_before(session, drafts=again.drafts) == {
        d.repeat_key for d in again.drafts
    }
    log = message_log.messages_of(session, couple_id=couple.id)
    assert {m.status for m in log} == {MessageStatus.QUEUED, MessageStatus.PRINTED}
    assert all(m.course_code == "HMV-MSG" for m in log)


def test_reminders_are_claimed_once_and_only_when_switched_on(session, make):
    _course, _couple = set_up(session, make, start=TODAY + timedelta(days=1))
    assert reminders.claim_due_reminders(session) == []  # no organisation yet
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@example.org")
    assert reminders.claim_due_reminders(session) == []  # off by default
    with pytest.raises(ValidationError, match="mail server first"):
        use_mail_server(through(session), host="", reminders_on=True)
    use_mail_server(through(session), host="smtp.example.org", user="wijkteam", reminders_on=True)
    due = reminders.due_reminders(session)
    assert [d.partner_name for d in due.drafts] == ["Zoë Çelik"]  # Bram has no e-mail
    assert "Herinnering" in due.drafts[0].subject
    first = reminders.claim_due_reminders(session)
    assert len(first) == 1
    assert reminders.claim_due_reminders(session) == []  # another PC, an hour later
    assert reminders.due_reminders(session).drafts == ()


def test_anonymising_removes_the_messages_and_the_inzage_lists_them(session, make):
    course, couple = set_up(session, make)
    prepared = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    message_log.record(session, drafts=prepared.drafts)
    data = personal_data.personal_data(session, couple_id=couple.id)
    section = next(s for s in data.sections if s.table == "message")
    assert len(section.records) == 2
    assert "once_key" not in section.records[0] and "recipient" in section.records[0]
    one = personal_data.personal_data(session, couple_id=couple.id, partner=1)
    assert len(next(s for s in one.sections if s.table == "message").records) == 1
    privacy.anonymise(session, couple_id=couple.id, partner=2)
    assert len(message_log.messages_of(session, couple_id=couple.id)) == 1  # Zoë's stays
    erased = session.exec(select(Partner).where(Partner.couple_id == couple.id)).all()
    assert all(not p.street for p in erased if p.position == 2)
    privacy.anonymise(session, couple_id=couple.id)
    assert message_log.messages_of(session, couple_id=couple.id) == []
    assert couples.get_couple(session, couple_id=couple.id).address.is_empty


def test_the_smtp_url_of_a_scheduled_task():
    server = mail_server.server_from_url("smtp://wijk%40team@mail.example.nl:2525?starttls=1")
    assert (server.host, server.port, server.user) == ("mail.example.nl", 2525, "wijk@team")
    assert server.security.value == "starttls"
    assert mail_server.server_from_url("smtps://x@h").port == 465
    assert mail_server.server_from_url("smtp://h?starttls=0").security.value == "none"
    with pytest.raises(ValidationError, match="must not hold a password"):
        mail_server.server_from_url("smtp://u:secret@h")
    with pytest.raises(ValidationError, match="must look like"):
        mail_server.server_from_url("http://h")


def test_paragraphs_marked_for_one_channel_stay_out_of_the_other():
    from holdmetight.domain.messages import for_channel

    body = "Hallo\n\n[e-mail] Zie de bijlage.\n\n  [Brief] Bewaar deze brief.\n\nGroet"
    assert for_channel(body, MessageChannel.EMAIL) == "Hallo\n\nZie de bijlage.\n\nGroet"
    assert for_channel(body, MessageChannel.LETTER) == "Hallo\n\nBewaar deze brief.\n\nGroet"


def test_one_letter_to_both_partners_and_nothing_sent_twice_by_accident(session, make):
    course, couple = set_up(session, make)
    consents.withdraw_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    info = couples.get_couple(session, couple_id=couple.id)
    dutch = couples.PartnerInput("Bram", "Visser", preferred_language=Language.NL)
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=info.version,
        partners=(info.partners[0], dutch),
        postcode=info.postcode,
    )
    apart = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    assert len(apart.drafts) == 2
    together = messages.prepare(
        session, kind=MessageKind.INVITATION, course_id=course.row.id, per_couple=True
    )
    [letter] = together.drafts
    assert letter.partner_id is None and letter.partner_name == "Zoë Çelik & Bram Visser"
    assert letter.recipient.splitlines()[0] == "Zoë Çelik en Bram Visser"
    assert "Beste Zoë en Bram" in letter.body
    assert ".ics" not in letter.body and "Bewaar deze brief" in letter.body
    message_log.record(session, drafts=[letter])
    # A letter to both was a letter to each: sending each one their own asks first.
    assert message_log.sent_before(session, drafts=apart.drafts) == {
        d.repeat_key for d in apart.drafts
    }
    log = message_log.messages_of(session, couple_id=couple.id)
    assert [m.partner_name for m in log] == [""] and log[0].status == MessageStatus.PRINTED


def test_several_pcs_claiming_the_reminders_at_once_send_each_once(session, make, db_url):
    from tests.services.test_races import at_once

    set_up(session, make, start=TODAY + timedelta(days=1))
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@example.org")
    use_mail_server(through(session), host="smtp.example.org", reminders_on=True)
    claimed = at_once(db_url, 6, lambda s, _n: reminders.claim_due_reminders(s))
    assert not any(isinstance(c, Exception) for c in claimed)
    assert sorted(len(c) for c in claimed) == [0, 0, 0, 0, 0, 1]  # type: ignore[arg-type]


def test_the_follow_up_invitation_goes_to_the_partners_still_due(session):
    from holdmetight.services import demo, outcome_scores
    from holdmetight.services.course_list import list_courses

    demo.create_demo_data(session, today=date(2026, 11, 24))
    done = next(c for c in list_courses(session) if c.code == "HMV-26-08A")
    due = sorted(
        d.couple_id
        for d in outcome_scores.due_questionnaires(session, course_id=done.id)
        if d.wave.value == "follow_up"
    )
    assert due
    prepared = messages.prepare(
        session, kind=MessageKind.FOLLOW_UP_QUESTIONNAIRE, course_id=done.id
    )
    reached = [d.couple_id for d in prepared.drafts]
    assert sorted(reached + [item.couple_id for item in prepared.left_out]) == due
    assert all("CSI-4" in d.body and "K10" in d.body for d in prepared.drafts)


def test_a_couple_with_an_erased_partner_can_still_change_its_address(session, make):
    _course, couple = set_up(session, make)
    privacy.anonymise(session, couple_id=couple.id, partner=2)
    info = couples.get_couple(session, couple_id=couple.id)
    assert info.partners[1].family_name == ""
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=info.version,
        partners=info.partners,
        address=couples.PostalAddress("Nieuwe Gracht", "5", "3512 LT", "Utrecht"),
        municipality="Utrecht",
    )
    again = couples.get_couple(session, couple_id=couple.id)
    assert again.address.street == "Nieuwe Gracht" and again.partners[1].family_name == ""
    assert again.partners[0].given_name == "Zoë"


def test_a_partners_inzage_holds_the_letters_to_both_and_an_erasure_unnames_the_rest(session, make):
    course, couple = set_up(session, make)
    message_templates.save_template(
        session,
        kind=MessageKind.INVITATION,
        language=Language.NL,
        subject="Welkom",
        body="Beste {given_name}, welkom aan {partner_names}.",
    )
    info = couples.get_couple(session, couple_id=couple.id)
    couples.update_couple(
        session,
        couple_id=couple.id,
        version=info.version,
        partners=(info.partners[0], replace(info.partners[1], preferred_language=Language.NL)),
        postcode=info.postcode,
    )
    email = {"couple_id": couple.id, "partner": 1, "purpose": ConsentPurpose.EMAIL, "on": TODAY}
    consents.withdraw_consent(session, **email)
    both = messages.prepare(
        session, kind=MessageKind.INVITATION, course_id=course.row.id, per_couple=True
    )
    assert [d.partner_id for d in both.drafts] == [None]
    message_log.record(session, drafts=both.drafts)
    consents.give_consent(session, **email)
    alone = messages.prepare(session, kind=MessageKind.INVITATION, course_id=course.row.id)
    message_log.record(session, drafts=[d for d in alone.drafts if d.partner_name == "Zoë Çelik"])
    mine = personal_data.personal_data(session, couple_id=couple.id, partner=2)
    bram = next(s for s in mine.sections if s.table == "message").records
    # The letter to both is Bram's data too; Zoë's own e-mail is not.
    assert [r["recipient"].splitlines()[0] for r in bram] == ["Zoë Çelik en Bram Visser"]
    privacy.anonymise(session, couple_id=couple.id, partner=2)
    left = message_log.messages_of(session, couple_id=couple.id)
    assert [m.partner_name for m in left] == ["Zoë Çelik"]
    assert "Zoë en \u2013" in left[0].body and "Bram" not in left[0].body


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("smtp://mail.example.nl", "without “smtp://”"),
        ("mail.example.nl:587", "port in its own field"),
        ("wijk@mail.example.nl", "user in its own field"),
        ("smtp example.nl", "is not a server name"),
        ("-oProxy", "is not a server name"),
        ("smtp..example.nl", "is not a server name"),
        ("x" * 250, "is not a server name"),
    ],
)
def test_a_mail_server_name_is_checked_saying_what_is_wrong(host, message):
    with pytest.raises(ValidationError, match=message):
        mail_server.checked_host(host)


def test_a_server_name_or_address_is_accepted_and_no_password_goes_unprotected(session):
    assert mail_server.checked_host(" smtp.example.nl ") == "smtp.example.nl"
    assert mail_server.checked_host("[::1]") == "::1"
    assert mail_server.checked_host("192.168.1.10") == "192.168.1.10"
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@example.org")
    with pytest.raises(ValidationError, match="protected connection"):
        use_mail_server(
            through(session),
            host="smtp.example.nl",
            port=25,
            user="wijkteam",
            security=MailSecurity.NONE,
        )
