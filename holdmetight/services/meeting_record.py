"""What happened at one meeting: held or not, who led it, what was covered, who came."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.course import CourseFacilitator, GroupSession, GroupSessionFacilitator
from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.domain.names import full_name
from holdmetight.domain.organisation import Facilitator
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import aggregates, attendance
from holdmetight.services import validation as check
from holdmetight.services.attendance import Mark
from holdmetight.services.clock import local_now, refuse_before_start
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class MeetingRecord:
    group_session_id: int
    course_id: int
    position: int
    held: bool
    covered_position: int | None
    fidelity_note: str
    present_facilitators: frozenset[int]
    course_facilitators: tuple[tuple[int, str], ...]  # (id, name), lead first
    version: int


@read_only
def meeting_record(session: Session, /, *, group_session_id: int) -> MeetingRecord:
    gs = check.get_or_fail(
        session, GroupSession, group_session_id, what=lambda: _("The group session")
    )
    present = session.exec(
        select(GroupSessionFacilitator.facilitator_id).where(
            GroupSessionFacilitator.group_session_id == group_session_id
        )
    ).all()
    people = session.exec(
        select(Facilitator)
        .join(CourseFacilitator, col(CourseFacilitator.facilitator_id) == Facilitator.id)
        .where(CourseFacilitator.course_id == gs.course_id)
        .order_by(col(CourseFacilitator.role).desc())
    ).all()
    grid = attendance.attendance_grid(session, course_id=gs.course_id)
    position = next(m.position for m in grid.meetings if m.id == group_session_id)
    return MeetingRecord(
        group_session_id=group_session_id,
        course_id=gs.course_id,
        position=position,
        held=gs.status == GroupSessionStatus.HELD,
        covered_position=gs.covered_position,
        fidelity_note=gs.fidelity_note,
        present_facilitators=frozenset(present),
        course_facilitators=tuple(
            (p.id or 0, full_name(p.given_name, p.name_prefix, p.family_name)) for p in people
        ),
        version=gs.version,
    )


@unit_of_work
def record_meeting(
    session: Session,
    /,
    *,
    group_session_id: int,
    version: int,
    held: bool,
    facilitator_ids: Sequence[int],
    covered_position: int | None,
    fidelity_note: str,
    marks: Sequence[tuple[int, Mark]] = (),
) -> MeetingRecord:
    """Record a meeting as the facilitators do at the end of the evening, in one go:
    whether it was held, who led it, the step covered, deviations, and who came.

    ``version`` is the meeting's as the user read it (:attr:`MeetingRecord.version`); it stands
    for the marks too, so a record or marks saved by someone else since refuse this save."""
    gs = check.get_or_fail(
        session, GroupSession, group_session_id, what=lambda: _("The group session")
    )
    aggregates.check_meeting(session, gs, version)
    if gs.status == GroupSessionStatus.CANCELLED:
        raise RuleError(_("The meeting was cancelled; there is no attendance to record."))
    if held or marks:
        refuse_before_start(gs.date, gs.start_time, local_now(session))
    if covered_position is not None and covered_position < 1:
        raise ValidationError(_("Choose the step that was covered."), field="covered_position")
    for facilitator_id in facilitator_ids:
        check.get_or_fail(session, Facilitator, facilitator_id, what=lambda: _("The facilitator"))
    touch(gs)
    if marks:
        attendance.write_marks(session, gs, marks)
    gs.status = GroupSessionStatus.HELD if held else GroupSessionStatus.SCHEDULED
    gs.covered_position = covered_position
    gs.fidelity_note = (fidelity_note or "").strip()
    for link in session.exec(
        select(GroupSessionFacilitator).where(
            GroupSessionFacilitator.group_session_id == group_session_id
        )
    ):
        session.delete(link)
    session.flush()
    for facilitator_id in sorted(set(facilitator_ids)):
        session.add(
            GroupSessionFacilitator(
                group_session_id=group_session_id, facilitator_id=facilitator_id
            )
        )
    session.add(gs)
    session.flush()
    audit(session, action="record", entity="group_session", entity_id=group_session_id)
    return meeting_record(session, group_session_id=group_session_id)
