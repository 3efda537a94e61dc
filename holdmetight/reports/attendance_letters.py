"""One letter per attendance status in each language, and the legend that explains them.

The keyboard of the attendance grid, the legend under it, the sign-in sheet and the attendance
summary all read this one table, so a facilitator who marks "T" on paper types "T" on screen and
the two never disagree. Dutch: A aanwezig, T te laat, M afgemeld (met bericht), Z afwezig
(zonder bericht); English: P present, L late, E excused, A absent.
"""

from __future__ import annotations

from holdmetight.domain.enums import AttendanceStatus
from holdmetight.i18n import N_, _, using_language

LETTERS: dict[str, dict[AttendanceStatus, str]] = {
    "nl": {
        AttendanceStatus.PRESENT: "A",
        AttendanceStatus.LATE: "T",
        AttendanceStatus.EXCUSED: "M",
        AttendanceStatus.ABSENT: "Z",
    },
    "en": {
        AttendanceStatus.PRESENT: "P",
        AttendanceStatus.LATE: "L",
        AttendanceStatus.EXCUSED: "E",
        AttendanceStatus.ABSENT: "A",
    },
}

# What each letter stands for in a legend: the status, with whether notice was given.
MEANINGS: dict[AttendanceStatus, str] = {
    AttendanceStatus.PRESENT: N_("present"),
    AttendanceStatus.LATE: N_("late"),
    AttendanceStatus.EXCUSED: N_("excused (with notice)"),
    AttendanceStatus.ABSENT: N_("absent (without notice)"),
}


def letter(status: AttendanceStatus, language: str) -> str:
    return LETTERS[language][status]


def status_of_letter(typed: str, language: str) -> AttendanceStatus | None:
    """The status a typed letter stands for in ``language`` (None for any other key)."""
    for status, mark in LETTERS[language].items():
        if mark == typed.upper():
            return status
    return None


def legend(language: str) -> str:
    """ "A aanwezig, T te laat, M afgemeld (met bericht), Z afwezig (zonder bericht)"."""
    with using_language(language):
        return ", ".join(
            f"{LETTERS[language][status]} {_(MEANINGS[status])}" for status in AttendanceStatus
        )
