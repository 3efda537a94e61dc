"""The inzage document: everything stored about a couple or one partner, readable by them, in
their language (see :mod:`holdmetight.services.personal_data`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.enums import (
    AttendanceStatus,
    ConsentPurpose,
    EnrollmentStatus,
    HouseholdType,
    IntakeOutcome,
    Language,
    LeavingFee,
    MessageChannel,
    MessageKind,
    MessageStatus,
    OfferOutcome,
    OutcomeWave,
    PaymentMethod,
    ReferralSource,
    TrafficLight,
    WaitingListChangeKind,
)
from holdmetight.i18n import N_, _, format_money, format_time, long_date, short_date, using_language
from holdmetight.reports.common import FONT, GRID, body_width, build_pdf, styles
from holdmetight.services.audit_trail import action_label, detail_label, record_label
from holdmetight.services.personal_data import PersonalData, Section, Value

LABEL_WIDTH = 55 * mm

SECTIONS = {
    "couple": N_("The couple"),
    "partner": N_("Partners"),
    "consent": N_("Consent"),
    "intake": N_("Intake conversations"),
    "enrollment": N_("Courses"),
    "place_offer": N_("Places offered from the waiting list"),
    "waiting_list_change": N_("Decisions about the waiting list"),
    "attendance": N_("Attendance per meeting"),
    "fee_assessment": N_("Fee"),
    "payment": N_("Payments"),
    "waiver": N_("Waivers"),
    "outcome_score": N_("Questionnaire scores"),
    "message": N_("Messages and letters sent"),
    "audit_entry": N_("Who viewed, changed, printed or exported your file"),
}
FIELDS = {
    "id": N_("Number"),
    "action": N_("What"),
    "amount": N_("Amount"),
    "anonymised_at": N_("Anonymised on"),
    "answer_by": N_("Answer by"),
    "answered_at": N_("Answered on"),
    "applied_at": N_("Applied on"),
    "assessed_by": N_("Assessed by"),
    "assessed_on": N_("Assessed on"),
    "at": N_("When"),
    "band_fee": N_("Fee of the income band"),
    "closing_advice": N_("Advice at the closing conversation"),
    "closing_date": N_("Closing conversation"),
    "consent_date": N_("Consent given on"),
    "course": N_("Course"),
    "created_at": N_("Registered on"),
    "date": N_("Date"),
    "detail": N_("Details"),
    "email": N_("E-mail"),
    "entity": N_("Record"),
    "entity_id": N_("Record number"),
    "facilitator": N_("Facilitator"),
    "family_name": N_("Family name"),
    "fee_assessment_id": N_("Fee number"),
    "fee_band": N_("Income band"),
    "fee_on_leaving": N_("Fee on leaving"),
    "flag_addiction": N_("Screening: active addiction"),
    "flag_affair": N_("Screening: active affair"),
    "flag_mental_disorder": N_("Screening: severe mental disorder"),
    "flag_violence": N_("Screening: violence or abuse"),
    "given_name": N_("Given name"),
    "granted_by": N_("Granted by"),
    "granted_on": N_("Granted on"),
    "group_session": N_("Meeting"),
    "household_type": N_("Household"),
    "income_band": N_("Income band"),
    "income_checked_by": N_("Income checked by"),
    "income_checked_on": N_("Income checked on"),
    "kind": N_("Kind"),
    "method": N_("Method"),
    "municipality": N_("Municipality"),
    "name_prefix": N_("Prefix"),
    "notes": N_("Notes"),
    "offered_at": N_("Offered on"),
    "os_user": N_("Who"),
    "other_course": N_("Other course"),
    "outcome": N_("Outcome"),
    "override_reason": N_("Reason for an exception"),
    "paid_on": N_("Paid on"),
    "partner1": N_("Partner 1"),
    "partner2": N_("Partner 2"),
    "passed_over_reason": N_("Reason for passing over"),
    "partner": N_("Partner"),
    "purpose": N_("Agreed to"),
    "given_on": N_("Given on"),
    "withdrawn_on": N_("Withdrawn on"),
    "phone": N_("Phone"),
    "placed_at": N_("Place given on"),
    "position": N_("Partner"),
    "postcode": N_("Postcode"),
    "preferred_language": N_("Preferred language"),
    "reason": N_("Reason"),
    "recorded_at": N_("Recorded on"),
    "recorded_by": N_("Recorded by"),
    "reduction_reason": N_("Reason for a reduction"),
    "reference": N_("Reference"),
    "referral_destination": N_("Referred to"),
    "referral_source": N_("Referred by"),
    "status": N_("Status"),
    "status_reason": N_("Reason for the status"),
    "traffic_light": N_("Traffic light"),
    "wave": N_("When filled in"),
    "instrument": N_("Questionnaire"),
    "score": N_("Score"),
    "answers": N_("Answers per item"),
    "filled_on": N_("Filled in on"),
    "entered_at": N_("Entered on"),
    "street": N_("Street"),
    "house_number": N_("House number"),
    "town": N_("Town"),
    "prefers_post": N_("Letters by post"),
    "channel": N_("Sent as"),
    "language": N_("Language"),
    "recipient": N_("Sent to"),
    "subject": N_("Subject"),
    "body": N_("Text"),
    "attachments": N_("Attachments"),
    "error": N_("Error"),
    "created_by": N_("Sent by"),
    "sent_at": N_("Sent on"),
}


MONEY = frozenset({"amount", "band_fee"})  # in euros
# Columns holding one of a few values: shown by the value's name in the document's language.
CHOICES: dict[tuple[str, str], type[StrEnum]] = {
    ("couple", "household_type"): HouseholdType,
    ("couple", "referral_source"): ReferralSource,
    ("partner", "preferred_language"): Language,
    ("consent", "purpose"): ConsentPurpose,
    ("intake", "traffic_light"): TrafficLight,
    ("intake", "outcome"): IntakeOutcome,
    ("enrollment", "status"): EnrollmentStatus,
    ("enrollment", "fee_on_leaving"): LeavingFee,
    ("place_offer", "outcome"): OfferOutcome,
    ("waiting_list_change", "kind"): WaitingListChangeKind,
    ("outcome_score", "wave"): OutcomeWave,
    ("message", "kind"): MessageKind,
    ("message", "channel"): MessageChannel,
    ("message", "language"): Language,
    ("message", "status"): MessageStatus,
    ("attendance", "partner1"): AttendanceStatus,
    ("attendance", "partner2"): AttendanceStatus,
    ("payment", "method"): PaymentMethod,
}


def shown(column: str, value: Value, table: str = "") -> str:
    """A stored value as a person reads it, in the language in force."""
    if value is None or value == "":
        return "–"
    choices = CHOICES.get((table, column))
    if choices is not None and isinstance(value, str) and value in {c.value for c in choices}:
        return str(getattr(choices(value), "label", value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if column in MONEY:
        return format_money(Decimal(str(value)))
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return long_date(date.fromisoformat(value))
            moment = datetime.fromisoformat(value)
            return f"{short_date(moment)} {format_time(moment)}"
        except ValueError:
            pass
    return str(value)


def _record_table(table_name: str, record: dict[str, Value], width: float) -> Table:
    s = styles()
    rows = [
        [
            Paragraph(escape(_(FIELDS[column]) if column in FIELDS else column), s["cell_bold"]),
            Paragraph(escape(shown(column, value, table_name)).replace("\n", "<br/>"), s["cell"]),
        ]
        for column, value in record.items()
    ]
    table = Table(rows, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _trail_table(section: Section, width: float) -> Table:
    """The audit trail as a list: when, who, what, of which record, what it held."""
    s = styles()
    header = [_("When"), _("Who"), _("What"), _("Details")]
    rows = [[Paragraph(escape(title), s["cell_bold"]) for title in header]]
    for entry in section.records:
        what = action_label(str(entry.get("action", "")), str(entry.get("entity", "")))
        record = record_label(str(entry.get("entity", "")))
        rows.append(
            [
                Paragraph(escape(shown("at", entry.get("at"))), s["cell"]),
                Paragraph(escape(str(entry.get("os_user", ""))), s["cell"]),
                Paragraph(escape(f"{what} ({record})"), s["cell"]),
                Paragraph(escape(detail_label(str(entry.get("detail") or ""))), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[32 * mm, 30 * mm, 55 * mm, width - 117 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def render_personal_data(
    data: PersonalData, *, language: str, printed_on: date | None = None
) -> bytes:
    with using_language(language):
        s = styles()
        width = body_width(A4)
        title = _("Your data in holdmetight")
        whom = " & ".join(data.names) or _("couple {number}").format(number=data.couple_id)
        intro = _(
            "{organisation} keeps these data about {whom} (couple number {number}), as they "
            "were on {date}. They are all the data the application holds about you; the audit "
            "trail at the end shows who viewed, changed, printed or exported your file."
        ).format(
            organisation=data.organisation or _("The organisation"),
            whom=whom,
            number=data.couple_id,
            date=long_date(data.made_on),
        )
        story: list[object] = [
            Paragraph(escape(title), s["title"]),
            Paragraph(escape(intro), s["base"]),
        ]
        if data.partner is not None:
            story.append(
                Paragraph(
                    escape(
                        _(
                            "This copy is for partner {n} alone: the other partner's details "
                            "and the notes about the couple (which may speak of both) are "
                            "given to the couple together."
                        ).format(n=data.partner)
                    ),
                    s["base"],
                )
            )
        story.append(Spacer(1, 4 * mm))
        for section in data.sections:
            heading = Paragraph(
                escape(_(SECTIONS.get(section.table, section.table))), s["subtitle"]
            )
            if not section.records:
                story.append(KeepTogether([heading, Paragraph(escape(_("None.")), s["small"])]))
                continue
            story.append(CondPageBreak(30 * mm))
            story.append(heading)
            if section.table == "audit_entry":
                story.append(_trail_table(section, width))
            else:
                for record in section.records:
                    story += [_record_table(section.table, record, width), Spacer(1, 3 * mm)]
            story.append(Spacer(1, 3 * mm))
        return build_pdf(
            story,
            pagesize=A4,
            title=title,
            organisation=data.organisation,
            logo=None,
            printed_on=printed_on,
            running_head=_("Your data in holdmetight: couple {number}").format(
                number=data.couple_id
            ),
        )
