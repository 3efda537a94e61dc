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
        return gettext(_LABELS[self])


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


_LABELS: dict[StrEnum, str] = {
    Language.NL: N_("Dutch"),
    Language.EN: N_("English"),
    ProgramVariant.WEEKLY: N_("weekly"),
    ProgramVariant.INTENSIVE: N_("intensive"),
    ProgramVariant.OTHER: N_("other"),
    CourseStatus.PLANNED: N_("planned"),
    CourseStatus.OPEN: N_("open"),
    CourseStatus.RUNNING: N_("running"),
    CourseStatus.COMPLETED: N_("completed"),
    CourseStatus.CANCELLED: N_("cancelled"),
    GroupSessionStatus.SCHEDULED: N_("scheduled"),
    GroupSessionStatus.HELD: N_("held"),
    GroupSessionStatus.CANCELLED: N_("cancelled"),
    FacilitatorRole.LEAD: N_("lead facilitator"),
    FacilitatorRole.CO: N_("co-facilitator"),
    EnrollmentStatus.APPLIED: N_("applied"),
    EnrollmentStatus.ENROLLED: N_("enrolled"),
    EnrollmentStatus.WAITLISTED: N_("waiting list"),
    EnrollmentStatus.COMPLETED: N_("completed"),
    EnrollmentStatus.WITHDRAWN: N_("withdrawn"),
    EnrollmentStatus.REFERRED: N_("referred"),
    AttendanceStatus.PRESENT: N_("present"),
    AttendanceStatus.LATE: N_("late"),
    AttendanceStatus.EXCUSED: N_("excused"),
    AttendanceStatus.ABSENT: N_("absent"),
    TrafficLight.GREEN: N_("green"),
    TrafficLight.ORANGE: N_("orange"),
    TrafficLight.RED: N_("red"),
    IntakeOutcome.SUITABLE: N_("suitable"),
    IntakeOutcome.REFER: N_("refer"),
    IntakeOutcome.NOT_SUITABLE: N_("not suitable"),
    ReferralSource.SELF: N_("self-referral"),
    ReferralSource.SOCIAL_WORKER: N_("social worker"),
    ReferralSource.GP: N_("GP"),
    ReferralSource.DISTRICT_TEAM: N_("district team"),
    ReferralSource.OTHER: N_("other"),
    HouseholdType.LIVING_TOGETHER: N_("married or living together"),
    HouseholdType.LIVING_TOGETHER_PENSION_AGE: N_("married or living together, pension age"),
    HouseholdType.LIVING_APART: N_("living apart"),
    FeeBasis.ABSOLUTE: N_("net monthly household income"),
    FeeBasis.PERCENT_OF_NORM: N_("percentage of the social minimum"),
    PaymentMethod.CASH: N_("cash"),
    PaymentMethod.PIN: N_("PIN/card"),
    PaymentMethod.BANK_TRANSFER: N_("bank transfer"),
    PaymentMethod.VOUCHER: N_("municipal voucher"),
    PaymentMethod.OTHER: N_("other"),
}
