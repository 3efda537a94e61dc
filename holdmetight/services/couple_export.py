"""Couples and enrollments as tables for Excel; the couples table can be imported again."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, Language, ReferralSource
from holdmetight.domain.names import list_name
from holdmetight.i18n import _, using_language
from holdmetight.services import attendance as attendance_service
from holdmetight.services import (
    fee_assessments,
    municipality_report,
    outcome_figures,
    outcome_tables,
    payments,
)
from holdmetight.services.courses import course_by_code
from holdmetight.services.tables import Cell, Column, Kind, Table
from holdmetight.services.transaction import read_only

# Column names that the importer reads back (see resources/import/).
_PARTNER_COLUMNS = {
    "nl": ("voornaam", "tussenvoegsel", "achternaam", "email", "telefoon", "taal"),
    "en": ("given_name", "name_prefix", "family_name", "email", "phone", "language"),
}
_COUPLE_COLUMNS = {
    "nl": (
        "straat",
        "huisnummer",
        "postcode",
        "woonplaats",
        "gemeente",
        "verwijzer",
        "toestemming",
        "notities",
        "cursus",
        "status",
    ),
    "en": (
        "street",
        "house_number",
        "postcode",
        "town",
        "municipality",
        "referral_source",
        "consent_date",
        "notes",
        "course",
        "status",
    ),
}


def couple_header(language: str) -> tuple[str, ...]:
    partner = _PARTNER_COLUMNS[language]
    return (
        *(f"partner1_{c}" for c in partner),
        *(f"partner2_{c}" for c in partner),
        *_COUPLE_COLUMNS[language],
    )


def _couple_columns(language: str) -> tuple[Column, ...]:
    consent = {"nl": "toestemming", "en": "consent_date"}[language]
    return tuple(
        Column(title, Kind.DATE if title == consent else Kind.TEXT)
        for title in couple_header(language)
    )


@read_only
def couples_table(session: Session, /, *, language: str) -> Table:
    """Every couple (not anonymised), one row each, in list order."""
    latest: dict[int, tuple[str, str]] = {}
    for couple_id, code, state in session.exec(
        select(Enrollment.couple_id, Course.code, Enrollment.status)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .order_by(col(Enrollment.id))
    ):
        latest[couple_id] = (code, state)
    partners: dict[int, dict[int, Partner]] = {}
    for partner in session.exec(select(Partner)):
        partners.setdefault(partner.couple_id, {})[partner.position] = partner
    rows: list[tuple[Cell, ...]] = []
    with using_language(language):
        for couple in session.exec(
            select(Couple)
            .where(col(Couple.anonymised_at).is_(None))
            .order_by(col(Couple.sort_key), col(Couple.id))
        ):
            pair = partners.get(couple.id or 0, {})
            cells: list[Cell] = []
            for position in (1, 2):
                p = pair[position]
                cells += [
                    p.given_name,
                    p.name_prefix,
                    p.family_name,
                    p.email,
                    p.phone,
                    Language(p.preferred_language).label,
                ]
            code, state = latest.get(couple.id or 0, ("", ""))
            cells += [
                couple.street,
                couple.house_number,
                couple.postcode,
                couple.town,
                couple.municipality,
                ReferralSource(couple.referral_source).label,
                couple.consent_date,
                couple.notes,
                code,
                EnrollmentStatus(state).label if state else "",
            ]
            rows.append(tuple(cells))
        return Table(
            title=_("Couples"), columns=_couple_columns(language), rows=rows, language=language
        )


@read_only
def enrollments_table(
    session: Session, /, *, language: str, course_code: str | None = None
) -> Table:
    """Every enrollment (or a course's): course, couple, status, dates, reasons and advice; by
    course, and within a course in the couples' list order."""
    query = select(Enrollment, Course).join(Course, col(Course.id) == Enrollment.course_id)
    couple_ids = select(Enrollment.couple_id)
    if course_code:
        course_id = course_by_code(session, course_code).id
        query = query.where(Enrollment.course_id == course_id)
        couple_ids = couple_ids.where(Enrollment.course_id == course_id)
    found = session.exec(query).all()
    # Both partners as every other list names them ("Berg, Jan van der & Vries, Anna").
    names = fee_assessments.couple_names(session, couple_ids=couple_ids)
    place = fee_assessments.name_order(names)
    found = sorted(
        found, key=lambda ec: (ec[1].code, place.get(ec[0].couple_id, -1), ec[0].applied_at)
    )
    rows: list[tuple[Cell, ...]] = []
    with using_language(language):
        columns = (
            Column(_("course")),
            Column(_("couple")),
            Column(_("status")),
            Column(_("applied on"), Kind.DATE),
            Column(_("reason")),
            Column(_("closing conversation"), Kind.DATE),
            Column(_("advice")),
        )
        for enrollment, course in found:
            rows.append(
                (
                    course.code,
                    names.get(enrollment.couple_id, ""),
                    EnrollmentStatus(enrollment.status).label,
                    enrollment.applied_at.date(),
                    enrollment.status_reason or enrollment.override_reason,
                    enrollment.closing_date,
                    enrollment.closing_advice,
                )
            )
        return Table(title=_("Enrollments"), columns=columns, rows=rows, language=language)


@read_only
def attendance_table(
    session: Session,
    /,
    *,
    language: str,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Table:
    """One row per partner per meeting: course, step, date, partner, status (for pivot tables);
    of every course or one, and of the meetings in a period (both days included) or all."""
    couple_ids = select(Enrollment.couple_id)
    if course_code:
        course_rows = [course_by_code(session, course_code)]
        couple_ids = couple_ids.where(Enrollment.course_id == course_rows[0].id)
    else:
        course_rows = list(session.exec(select(Course).order_by(col(Course.code))))
    # Couples and partners as every other list names them ("Aalbers, Anna & Visser, Bram").
    names = fee_assessments.couple_names(session, couple_ids=couple_ids)
    partner_names = {
        (p.couple_id, p.position): list_name(p.given_name, p.name_prefix, p.family_name)
        for p in session.exec(select(Partner).where(col(Partner.couple_id).in_(couple_ids)))
    }
    rows: list[tuple[Cell, ...]] = []
    with using_language(language):
        columns = (
            Column(_("course")),
            Column(_("step")),
            Column(_("date"), Kind.DATE),
            Column(_("make-up")),
            Column(_("meeting status")),
            Column(_("couple")),
            Column(_("partner")),
            Column(_("status")),
            Column(_("completion")),
        )
        for course in course_rows:
            grid = attendance_service.attendance_grid(session, course_id=course.id or 0)
            for meeting in grid.meetings:
                if (first is not None and meeting.date < first) or (
                    last is not None and meeting.date > last
                ):
                    continue
                for couple in grid.couples:
                    mark = grid.mark(couple.enrollment_id, meeting.id)
                    for position, status in enumerate(mark, start=1):
                        rows.append(
                            (
                                course.code,
                                f"{meeting.position}. {meeting.step_title}",
                                meeting.date,
                                _("yes") if meeting.is_makeup else "",
                                meeting.status.label,
                                names.get(couple.couple_id, ""),
                                partner_names.get((couple.couple_id, position), ""),
                                status.label if status else "",
                                couple.completion.state.label,
                            )
                        )
        return Table(title=_("Attendance"), columns=columns, rows=rows, language=language)


@read_only
def payments_table(
    session: Session,
    /,
    *,
    language: str,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Table:
    """Payments and refunds (negative) with course, couple, method and reference; first the
    payment's number, which a receipt shows and ``print receipt`` takes."""
    lines = payments.payment_lines(session, course_code=course_code, first=first, last=last)
    with using_language(language):
        columns = (
            Column(_("number"), Kind.COUNT),
            Column(_("date"), Kind.DATE),
            Column(_("course")),
            Column(_("couple")),
            Column(_("amount"), Kind.AMOUNT),
            Column(_("method")),
            Column(_("reference")),
        )
        rows: list[tuple[Cell, ...]] = [
            (
                line.id,
                line.paid_on,
                line.course_code,
                line.names,
                line.amount,
                line.method.label,
                line.reference,
            )
            for line in lines
        ]
        return Table(title=_("Payments"), columns=columns, rows=rows, language=language)


@read_only
def fees_table(session: Session, /, *, language: str, course_code: str | None = None) -> Table:
    """Every couple's fee per course, withdrawn and referred couples included with their status
    and what became of the rest of their fee; amounts in euros."""
    code = course_by_code(session, course_code).code if course_code else None
    rows = [(c, r) for c, r in fee_assessments.all_fee_rows(session) if code is None or c == code]
    with using_language(language):
        columns = (
            Column(_("course")),
            Column(_("couple")),
            Column(_("status")),
            Column(_("rest of the fee")),
            Column(_("fee"), Kind.AMOUNT),
            Column(_("paid"), Kind.AMOUNT),
            Column(_("waived"), Kind.AMOUNT),
            Column(_("outstanding"), Kind.AMOUNT),
            Column(_("to pay back"), Kind.AMOUNT),
        )
        body: list[tuple[Cell, ...]] = [
            (
                c,
                r.names,
                r.status.label,
                r.fee_on_leaving.label if r.fee_on_leaving else "",
                r.assessed,
                r.paid,
                r.waived,
                r.outstanding,
                r.refund_due,
            )
            for c, r in rows
        ]
        return Table(title=_("Fees"), columns=columns, rows=body, language=language)


@read_only
def municipality_table(session: Session, /, *, language: str, first: date, last: date) -> Table:
    """The municipality report as a table for Excel: the PDF's figures as numbers, small counts
    hidden as in the PDF."""
    figures = municipality_report.municipality_report(session, first=first, last=last)
    outcomes = outcome_figures.municipality_outcomes(session, first=first, last=last)
    with using_language(language):
        columns, rows = municipality_report.published(figures)
        # The outcome figures beside them: a municipality with scores but no course started
        # in the period cannot be, as both count the courses starting in it.
        extra, by_municipality = outcome_tables.municipality_wide(
            outcomes, [f.municipality for f in figures]
        )
        rows = [
            (*row, *by_municipality.get(f.municipality, (None,) * len(extra)))
            for row, f in zip(rows, figures, strict=True)
        ]
        return Table(
            title=_("Municipalities"), columns=(*columns, *extra), rows=rows, language=language
        )
