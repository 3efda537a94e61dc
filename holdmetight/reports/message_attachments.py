"""The files e-mails to couples carry: the course's calendar with an invitation, the missed
meeting's handout (in the partner's language) with a catch-up message."""

from __future__ import annotations

from collections.abc import Sequence

from holdmetight.domain.enums import MessageKind
from holdmetight.i18n import _, format_date, using_language
from holdmetight.reports.handout import render_handouts
from holdmetight.services import calendar_export, courses, handouts
from holdmetight.services.mail_sending import Attach, Attachment, Call, Outgoing
from holdmetight.services.messages import calendar_file, handout_file


def attachments_from(call: Call) -> Attach:
    """What :func:`holdmetight.services.mail_sending.send_waiting` attaches, each file made
    once per run (read through ``call``, as the sender reads)."""
    made: dict[tuple[str, int, str], Attachment] = {}

    def attach(message: Outgoing) -> Sequence[Attachment]:
        if message.course_id is None or not message.attachments:
            return ()
        language = message.language.value
        if message.kind == MessageKind.INVITATION:
            key = ("ics", message.course_id, "")
            if key not in made:
                code = call(courses.get_course, course_id=message.course_id).row.code
                data = call(calendar_export.course_calendar, code=code)
                made[key] = Attachment(calendar_file(code), "text", "calendar", data)
            return (made[key],)
        if message.kind == MessageKind.CATCH_UP and message.group_session_id is not None:
            key = ("handout", message.group_session_id, language)
            if key not in made:
                code = call(courses.get_course, course_id=message.course_id).row.code
                items = call(
                    handouts.handouts_for_course,
                    course_code=code,
                    language=language,
                    meeting_ids=[message.group_session_id],
                )
                data, name = b"", ""
                if items:
                    with using_language(language):
                        note = _(
                            "Catch-up: you missed this meeting on {date}. Read this handout "
                            "together and try the exercise before the next meeting. Your "
                            "facilitators are glad to answer your questions."
                        ).format(date=format_date(items[0].meeting.date, style="long"))
                    data = render_handouts(items, language=language, catch_up=note)
                    name = handout_file(code, items[0].meeting.step_code)
                made[key] = Attachment(name, "application", "pdf", data)
            return (made[key],) if made[key].data else ()
        return ()

    return attach
