"""The closed vocabularies of the domain, stored as their lowercase values.

Each member has a translated ``label`` for screens and paper; the English source strings are
marked for the catalog here so that the vocabulary stays in one place.
"""

from __future__ import annotations

from enum import StrEnum

from holdmetight.i18n import N_, gettext


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return gettext(_LABELS[(type(self), self.value)])


class Language(_Labelled):
    NL = "nl"
    EN = "en"


class ProgramVariant(_Labelled):
    WEEKLY = "weekly"
    INTENSIVE = "intensive"
    OTHER = "other"


class CourseStatus(_Labelled):
    PLANNED = "planned"
    OPEN = "open"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class GroupSessionStatus(_Labelled):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class FacilitatorRole(_Labelled):
    LEAD = "lead"
    CO = "co"


class EnrollmentStatus(_Labelled):
    APPLIED = "applied"
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    REFERRED = "referred"


class AttendanceStatus(_Labelled):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class OfferOutcome(_Labelled):
    """What became of a place offered to a couple on the waiting list."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # taken back: the couple left the list or was passed over


class WaitingListChangeKind(_Labelled):
    """A decision about a couple's turn on a waiting list, besides offers."""

    PASSED_OVER = "passed_over"
    PUT_BACK = "put_back"
    MOVED = "moved"


class LeavingFee(_Labelled):
    """What happens to the rest of the fee when a couple withdraws or is referred."""

    WAIVED = "waived"
    DUE = "due"
    REFUND = "refund"


class SchoolRegion(_Labelled):
    """The three regions of the Dutch school holidays."""

    NORTH = "noord"
    MIDDLE = "midden"
    SOUTH = "zuid"


class TrafficLight(_Labelled):
    GREEN = "green"
    ORANGE = "orange"
    RED = "red"


class IntakeOutcome(_Labelled):
    SUITABLE = "suitable"
    REFER = "refer"
    NOT_SUITABLE = "not_suitable"


class ReferralSource(_Labelled):
    SELF = "self"
    SOCIAL_WORKER = "social_worker"
    GP = "gp"
    DISTRICT_TEAM = "district_team"
    OTHER = "other"


class ConsentPurpose(_Labelled):
    """What a partner agreed to, each given (and withdrawn) on its own date."""

    COURSE = "course"  # taking part, with the intake and the figures it leads to
    EMAIL = "email"  # being contacted by e-mail
    REFERRER = "referrer"  # information shared with whoever referred them
    RESEARCH = "research"  # anonymous use in research into the course's effects


class OutcomeWave(_Labelled):
    """When partners fill in the questionnaires: before the course, right after it, and at the
    follow-up some months later."""

    PRE = "pre"
    POST = "post"
    FOLLOW_UP = "follow_up"


class Scoring(_Labelled):
    """How a questionnaire's answers make its score."""

    SUM = "sum"
    MEAN = "mean"


class MessageKind(_Labelled):
    """What a message to a couple is for; each has a template per language."""

    INVITATION = "invitation"
    MEETING_REMINDER = "meeting_reminder"
    WAITING_LIST_OFFER = "waiting_list_offer"
    CATCH_UP = "catch_up"
    FEE_REMINDER = "fee_reminder"
    FOLLOW_UP_QUESTIONNAIRE = "follow_up_questionnaire"
    CLOSING_LETTER = "closing_letter"


class MessageChannel(_Labelled):
    EMAIL = "email"
    LETTER = "letter"


class MessageStatus(_Labelled):
    """What became of a message: waiting to be sent (the server could not be reached yet),
    being sent, delivered to the organisation's mail server, refused, or printed as a letter.
    A message left "sending" was being sent when the program stopped: whether it went is not
    known, so it is never sent again without asking."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    PRINTED = "printed"
    WITHDRAWN = "withdrawn"  # not sent: it no longer applied when its turn came, or taken back


class MailSecurity(_Labelled):
    """How the connection to the mail server is protected."""

    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


class HouseholdType(_Labelled):
    LIVING_TOGETHER = "living_together"
    LIVING_TOGETHER_PENSION_AGE = "living_together_pension_age"
    LIVING_APART = "living_apart"


class FeeBasis(_Labelled):
    ABSOLUTE = "absolute"
    PERCENT_OF_NORM = "percent_of_norm"


class PaymentMethod(_Labelled):
    CASH = "cash"
    PIN = "pin"
    BANK_TRANSFER = "bank_transfer"
    VOUCHER = "voucher"
    OTHER = "other"


_LABEL_LIST: list[tuple[StrEnum, str]] = [
    (Language.NL, N_("Dutch")),
    (Language.EN, N_("English")),
    (ProgramVariant.WEEKLY, N_("weekly")),
    (ProgramVariant.INTENSIVE, N_("intensive")),
    (ProgramVariant.OTHER, N_("other")),
    (CourseStatus.PLANNED, N_("planned")),
    (CourseStatus.OPEN, N_("open")),
    (CourseStatus.RUNNING, N_("running")),
    (CourseStatus.COMPLETED, N_("completed")),
    (CourseStatus.CANCELLED, N_("cancelled")),
    (GroupSessionStatus.SCHEDULED, N_("scheduled")),
    (GroupSessionStatus.HELD, N_("held")),
    (GroupSessionStatus.CANCELLED, N_("cancelled")),
    (FacilitatorRole.LEAD, N_("lead facilitator")),
    (FacilitatorRole.CO, N_("co-facilitator")),
    (EnrollmentStatus.APPLIED, N_("applied")),
    (EnrollmentStatus.ENROLLED, N_("enrolled")),
    (EnrollmentStatus.WAITLISTED, N_("waiting list")),
    (EnrollmentStatus.COMPLETED, N_("completed")),
    (EnrollmentStatus.WITHDRAWN, N_("withdrawn")),
    (EnrollmentStatus.REFERRED, N_("referred")),
    (AttendanceStatus.PRESENT, N_("present")),
    (AttendanceStatus.LATE, N_("late")),
    (AttendanceStatus.EXCUSED, N_("excused")),
    (AttendanceStatus.ABSENT, N_("absent")),
    (OfferOutcome.OPEN, N_("awaiting an answer")),
    (OfferOutcome.ACCEPTED, N_("accepted")),
    (OfferOutcome.DECLINED, N_("declined")),
    (OfferOutcome.EXPIRED, N_("not answered in time")),
    (OfferOutcome.WITHDRAWN, N_("offer withdrawn")),
    (WaitingListChangeKind.PASSED_OVER, N_("passed over")),
    (WaitingListChangeKind.PUT_BACK, N_("back in line")),
    (WaitingListChangeKind.MOVED, N_("moved to another course")),
    (LeavingFee.WAIVED, N_("rest waived")),
    (LeavingFee.DUE, N_("rest still due")),
    (LeavingFee.REFUND, N_("refund")),
    (SchoolRegion.NORTH, N_("north")),
    (SchoolRegion.MIDDLE, N_("middle")),
    (SchoolRegion.SOUTH, N_("south")),
    (TrafficLight.GREEN, N_("green")),
    (TrafficLight.ORANGE, N_("orange")),
    (TrafficLight.RED, N_("red")),
    (IntakeOutcome.SUITABLE, N_("suitable")),
    (IntakeOutcome.REFER, N_("refer")),
    (IntakeOutcome.NOT_SUITABLE, N_("not suitable")),
    (ReferralSource.SELF, N_("self-referral")),
    (ReferralSource.SOCIAL_WORKER, N_("social worker")),
    (ReferralSource.GP, N_("GP")),
    (ReferralSource.DISTRICT_TEAM, N_("district team")),
    (ReferralSource.OTHER, N_("other")),
    (ConsentPurpose.COURSE, N_("taking part in the course")),
    (ConsentPurpose.EMAIL, N_("contact by e-mail")),
    (ConsentPurpose.REFERRER, N_("sharing with the referrer")),
    (ConsentPurpose.RESEARCH, N_("anonymous use in research")),
    (OutcomeWave.PRE, N_("before")),
    (OutcomeWave.POST, N_("after")),
    (OutcomeWave.FOLLOW_UP, N_("follow-up")),
    (Scoring.SUM, N_("sum of the items")),
    (Scoring.MEAN, N_("mean of the items")),
    (MessageKind.INVITATION, N_("invitation")),
    (MessageKind.MEETING_REMINDER, N_("reminder of a meeting")),
    (MessageKind.WAITING_LIST_OFFER, N_("offer of a place")),
    (MessageKind.CATCH_UP, N_("catch-up after a missed meeting")),
    (MessageKind.FEE_REMINDER, N_("fee reminder")),
    (MessageKind.FOLLOW_UP_QUESTIONNAIRE, N_("invitation to the follow-up questionnaires")),
    (MessageKind.CLOSING_LETTER, N_("closing letter")),
    (MessageChannel.EMAIL, N_("e-mail")),
    (MessageChannel.LETTER, N_("letter")),
    (MessageStatus.QUEUED, N_("waiting to be sent")),
    (MessageStatus.SENDING, N_("being sent (not known whether it went)")),
    (MessageStatus.SENT, N_("sent")),
    (MessageStatus.FAILED, N_("not sent")),
    (MessageStatus.PRINTED, N_("printed")),
    (MessageStatus.WITHDRAWN, N_("not sent: no longer applies")),
    (MailSecurity.STARTTLS, N_("STARTTLS (usually port 587)")),
    (MailSecurity.SSL, N_("SSL/TLS (usually port 465)")),
    (MailSecurity.NONE, N_("none (only on the organisation's own network)")),
    (HouseholdType.LIVING_TOGETHER, N_("married or living together")),
    (HouseholdType.LIVING_TOGETHER_PENSION_AGE, N_("married or living together, pension age")),
    (HouseholdType.LIVING_APART, N_("living apart")),
    (FeeBasis.ABSOLUTE, N_("net monthly household income")),
    (FeeBasis.PERCENT_OF_NORM, N_("percentage of the social minimum")),
    (PaymentMethod.CASH, N_("cash")),
    (PaymentMethod.PIN, N_("PIN/card")),
    (PaymentMethod.BANK_TRANSFER, N_("bank transfer")),
    (PaymentMethod.VOUCHER, N_("municipal voucher")),
    (PaymentMethod.OTHER, N_("other")),
]

# Keyed by type and value: members of different enums may share a value ("open").
_LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _LABEL_LIST}
