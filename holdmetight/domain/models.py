"""Every table of the application, imported in one place so the metadata is complete."""

from sqlmodel import SQLModel

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import (
    Attendance,
    Consent,
    Couple,
    Enrollment,
    Intake,
    Partner,
    PlaceOffer,
    WaitingListChange,
)
from holdmetight.domain.course import (
    Course,
    CourseFacilitator,
    CourseStep,
    GroupSession,
    GroupSessionFacilitator,
)
from holdmetight.domain.fees import (
    FeeAssessment,
    FeeBand,
    FeeScale,
    Payment,
    SocialMinimumNorm,
    Waiver,
)
from holdmetight.domain.messages import Message, MessageTemplate
from holdmetight.domain.organisation import (
    Facilitator,
    Organisation,
    Room,
    SchoolHoliday,
    Venue,
)
from holdmetight.domain.outcomes import (
    OutcomeInstrument,
    OutcomeScore,
    OutcomeWaveInstrument,
    OutcomeWavePlan,
)
from holdmetight.domain.program import HandoutText, Program, ProgramStep

metadata = SQLModel.metadata

__all__ = [
    "Attendance",
    "AuditEntry",
    "Consent",
    "Couple",
    "Course",
    "CourseFacilitator",
    "CourseStep",
    "Enrollment",
    "Facilitator",
    "FeeAssessment",
    "FeeBand",
    "FeeScale",
    "GroupSession",
    "GroupSessionFacilitator",
    "HandoutText",
    "Intake",
    "Message",
    "MessageTemplate",
    "Organisation",
    "OutcomeInstrument",
    "OutcomeScore",
    "OutcomeWaveInstrument",
    "OutcomeWavePlan",
    "Partner",
    "Payment",
    "PlaceOffer",
    "Program",
    "ProgramStep",
    "Room",
    "SchoolHoliday",
    "SocialMinimumNorm",
    "Venue",
    "WaitingListChange",
    "Waiver",
    "metadata",
]
