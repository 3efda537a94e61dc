"""Finding couples: the filtered, sorted, paged list behind the Couples page.

Built to stay instant with tens of thousands of couples: the page query reads only the couple
table through the index on (sort key, search text), and the partners and latest enrollments
are then fetched for just the rows of that page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.domain.names import fold
from holdmetight.services.couples import couple_names
from holdmetight.services.transaction import read_only


@dataclass(frozen=True)
class CoupleRow:
    """A couple as listed: both names, where they live, and their latest course."""

    id: int
    names: str
    email: str
    postcode: str
    municipality: str
    course_code: str
    status: EnrollmentStatus | None


def _latest_ids() -> Any:
    """The id of each couple's most recent enrollment (a correlated scalar subquery)."""
    newer = aliased(Enrollment)
    return (
        sa_select(func.max(newer.id))
        .where(col(newer.couple_id) == col(Enrollment.couple_id))
        .correlate(Enrollment)
        .scalar_subquery()
    )


def _conditions(text: str, status: EnrollmentStatus | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Couple.anonymised_at).is_(None)]
    for word in fold(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(col(Couple.search_text).like(f"%{escaped}%", escape="\\"))
    if status is not None:
        latest_with_status = sa_select(col(Enrollment.couple_id)).where(
            col(Enrollment.status) == status, col(Enrollment.id) == _latest_ids()
        )
        conditions.append(col(Couple.id).in_(latest_with_status))
    return conditions


def _latest_enrollments(session: Session, couple_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    if not couple_ids:
        return {}
    rows = session.execute(
        sa_select(col(Enrollment.couple_id), col(Course.code), col(Enrollment.status))
        .join(Course, col(Course.id) == Enrollment.course_id)
        .where(col(Enrollment.couple_id).in_(couple_ids), col(Enrollment.id) == _latest_ids())
    ).all()
    return {couple_id: (code, state) for couple_id, code, state in rows}


@read_only
def list_couples(
    session: Session,
    /,
    *,
    text: str = "",
    status: EnrollmentStatus | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[CoupleRow]:
    """One page of couples matching ``text`` (every word somewhere in names, e-mail, postcode or
    municipality; case and accents ignored), sorted by the first partner's family name."""
    page = (
        sa_select(col(Couple.id), col(Couple.postcode), col(Couple.municipality))
        .where(and_(*_conditions(text, status)))
        .order_by(col(Couple.sort_key), col(Couple.id))
        .offset(offset)
        .limit(limit)
    )
    found = session.execute(page).all()
    ids = [couple_id for couple_id, _postcode, _place in found]
    partners: dict[int, dict[int, Any]] = {}
    for partner in session.execute(
        sa_select(
            col(Partner.couple_id),
            col(Partner.position),
            col(Partner.given_name),
            col(Partner.name_prefix),
            col(Partner.family_name),
            col(Partner.email),
        ).where(col(Partner.couple_id).in_(ids))
    ):
        partners.setdefault(partner.couple_id, {})[partner.position] = partner
    latest = _latest_enrollments(session, ids)
    rows = []
    for couple_id, postcode, municipality in found:
        pair = partners.get(couple_id, {})
        first, second = pair.get(1), pair.get(2)
        if first is None or second is None:  # pragma: no cover - every couple has two partners
            continue
        code, state = latest.get(couple_id, ("", ""))
        rows.append(
            CoupleRow(
                id=couple_id,
                names=couple_names(first, second),
                email=first.email or second.email,
                postcode=postcode,
                municipality=municipality,
                course_code=code,
                status=EnrollmentStatus(state) if state else None,
            )
        )
    return rows


@read_only
def count_couples(
    session: Session,
    /,
    *,
    text: str = "",
    status: EnrollmentStatus | None = None,
    at_most: int | None = None,
) -> int:
    """How many couples :func:`list_couples` would page through; with ``at_most``, counting
    stops after ``at_most + 1`` (a number above ``at_most`` means "more than that"), so that
    a common word is counted as quickly as a rare one."""
    if not fold(text).split() and status is None:
        # Every couple listed: all of them minus the anonymised ones, each counted from an
        # index (the first from the smallest, the second from the index of anonymised ones).
        everyone = sa_select(func.count()).select_from(Couple).scalar_subquery()
        anonymised = (
            sa_select(func.count())
            .select_from(Couple)
            .where(col(Couple.anonymised_at).is_not(None))
            .scalar_subquery()
        )
        return int(session.execute(sa_select(everyone - anonymised)).scalar_one())
    conditions = and_(*_conditions(text, status))
    if at_most is None:
        query = sa_select(func.count()).select_from(Couple).where(conditions)
    else:
        matching = sa_select(col(Couple.id)).where(conditions).limit(at_most + 1)
        query = sa_select(func.count()).select_from(matching.subquery())
    return int(session.execute(query).scalar_one())


@dataclass(frozen=True)
class FirstPage:
    """The first rows of a search and how many couples it finds (at least, unless exact)."""

    rows: list[CoupleRow]
    total: int
    exact: bool


@read_only
def first_page(
    session: Session,
    /,
    *,
    text: str = "",
    status: EnrollmentStatus | None = None,
    limit: int = 200,
    count_at_most: int | None = None,
) -> FirstPage:
    """What the list shows first after each keystroke, read in one go: a page that is not full
    is the whole list (nothing to count); otherwise the count stops above ``count_at_most``."""
    rows = list_couples(session, text=text, status=status, limit=limit)
    if len(rows) < limit:
        return FirstPage(rows=rows, total=len(rows), exact=True)
    total = count_couples(session, text=text, status=status, at_most=count_at_most)
    return FirstPage(rows=rows, total=total, exact=count_at_most is None or total <= count_at_most)
