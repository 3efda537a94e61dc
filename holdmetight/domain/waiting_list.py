"""The fair waiting list, as a pure rule over plain values.

A course's places are taken by enrolled couples and held for couples who were *offered* one and
have not answered yet. While anyone waits, a new applicant joins the end of the list; a place
that frees up goes, as an offer, to the first couple in line who may take a place now (an intake
that found them suitable, when the organisation asks for one, and not passed over). Line order is
the date of application, and the enrollment's number breaks ties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class InLine:
    """A couple on a course's waiting list."""

    enrollment_id: int
    applied_at: datetime
    ready: bool  # may take a place now (intake done when required, not passed over)
    offered: bool  # holds an offer that waits for an answer


@dataclass(frozen=True)
class Places:
    """A course's capacity and who holds its places."""

    capacity: int
    taken: int  # couples enrolled (or completed)
    offered: int  # places held by open offers

    @property
    def free(self) -> int:
        """Places nobody holds and nobody has been offered."""
        return max(self.capacity - self.taken - self.offered, 0)


def in_order(line: Iterable[InLine]) -> list[InLine]:
    """The waiting list in fair order: first applied first, the lower number on a tie."""
    return sorted(line, key=lambda c: (c.applied_at, c.enrollment_id))


def takes_place_at_once(places: Places, line: Sequence[InLine], *, ready: bool) -> bool:
    """Whether a new applicant is enrolled straight away rather than joining the list: only
    when a place is free, nobody is waiting for the course, and the applicant may take it."""
    return ready and places.free > 0 and not line


def offers_due(places: Places, line: Iterable[InLine]) -> list[int]:
    """The couples (enrollment ids, in order) to offer the free places to now."""
    candidates = [c for c in in_order(line) if c.ready and not c.offered]
    return [c.enrollment_id for c in candidates[: places.free]]


def answer_by(offered_on: date, days: int) -> date:
    """The last day to answer an offer made on ``offered_on`` (the day itself not counted)."""
    if days < 1:
        raise ValueError("an offer needs at least one day to answer")
    return offered_on + timedelta(days=days)


def is_expired(answer_by_day: date, today: date) -> bool:
    """An offer may be accepted up to and including its answer-by day."""
    return today > answer_by_day


def may_lower_capacity(places: Places, new_capacity: int) -> bool:
    """A course cannot hold fewer places than its enrolled couples and open offers need."""
    return new_capacity >= places.taken + places.offered
