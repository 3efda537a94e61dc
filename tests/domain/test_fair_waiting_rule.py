"""The fair waiting list as a pure rule: exhaustively over small lists, and as an office's
random day of applications, withdrawals, answers and intakes (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import permutations, product

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from holdmetight.domain.waiting_list import (
    InLine,
    Places,
    answer_by,
    in_order,
    is_expired,
    may_lower_capacity,
    offers_due,
    takes_place_at_once,
)

MONDAY = datetime(2027, 1, 4, 9)


def couple(number: int, *, hours: int, ready: bool = True, offered: bool = False) -> InLine:
    return InLine(number, MONDAY + timedelta(hours=hours), ready=ready, offered=offered)


def test_new_applicant_joins_the_end_of_the_list_while_anyone_waits():
    free = Places(capacity=8, taken=6, offered=0)
    assert takes_place_at_once(free, [], ready=True)
    assert not takes_place_at_once(free, [couple(1, hours=0, ready=False)], ready=True)


def test_without_a_suitable_intake_a_new_applicant_only_joins_the_list():
    assert not takes_place_at_once(Places(8, 0, 0), [], ready=False)


def test_places_held_by_open_offers_are_not_free():
    assert Places(capacity=6, taken=5, offered=1).free == 0
    assert not takes_place_at_once(Places(6, 5, 1), [], ready=True)


def test_a_freed_place_is_offered_to_the_first_ready_couple_in_order_of_application():
    line = [
        couple(3, hours=2),
        couple(1, hours=0, ready=False),  # applied first, no suitable intake yet
        couple(2, hours=1),
        couple(4, hours=1),  # same moment as 2: the lower number goes first
    ]
    assert offers_due(Places(6, 5, 0), line) == [2]
    assert offers_due(Places(6, 4, 0), line) == [2, 4]
    assert offers_due(Places(6, 0, 0), line) == [2, 4, 3]
    # Couple 2 holds an open offer: of the two places left, one goes to the next in line.
    holding = [*line[:2], couple(2, hours=1, offered=True), line[3]]
    assert offers_due(Places(6, 4, 1), holding) == [4]


def test_answer_by_counts_days_after_the_offer_and_the_last_day_still_counts():
    offered = date(2027, 1, 4)
    last = answer_by(offered, 7)
    assert last == date(2027, 1, 11)
    assert not is_expired(last, last)
    assert is_expired(last, last + timedelta(days=1))
    with pytest.raises(ValueError):
        answer_by(offered, 0)


def test_capacity_cannot_drop_below_places_taken_and_offered():
    places = Places(capacity=8, taken=5, offered=2)
    assert may_lower_capacity(places, 7)
    assert not may_lower_capacity(places, 6)


@pytest.mark.parametrize("capacity", [1, 2, 3])
def test_offers_are_fair_for_every_small_list(capacity):
    """Every list of up to four couples, each ready or not and holding an offer or not, in
    every order of application, with every number of places taken."""
    for size in range(5):
        for flags in product([(True, False), (False, False), (True, True)], repeat=size):
            for order in permutations(range(size)):
                line = [
                    couple(n + 1, hours=order[n], ready=r, offered=o)
                    for n, (r, o) in enumerate(flags)
                ]
                offered = sum(o for _r, o in flags)
                for taken in range(capacity + 1):
                    if taken + offered > capacity:
                        continue
                    places = Places(capacity, taken, offered)
                    due = offers_due(places, line)
                    _check_fair(places, line, due)


def _check_fair(places: Places, line: list[InLine], due: list[int]) -> None:
    waiting = [c for c in in_order(line) if c.ready and not c.offered]
    assert due == [c.enrollment_id for c in waiting][: len(due)]  # a prefix, in order
    assert len(due) == min(places.free, len(waiting))  # every free place goes if it can
    assert places.taken + places.offered + len(due) <= places.capacity


class OfficeDay(RuleBasedStateMachine):
    """Couples apply, get offers, answer, withdraw, have intakes; capacity is raised."""

    def __init__(self) -> None:
        super().__init__()
        self.capacity = 4
        self.enrolled: list[int] = []
        self.line: dict[int, InLine] = {}
        self.next_number = 1
        self.clock = 0
        self.history: list[tuple[int, int]] = []  # (offered couple, earlier ready couples left)

    def _settle(self) -> None:
        places = Places(self.capacity, len(self.enrolled), self._offered())
        for number in offers_due(places, self.line.values()):
            earlier = [
                c
                for c in self.line.values()
                if c.ready and not c.offered and c.applied_at < self.line[number].applied_at
            ]
            self.history.append((number, len(earlier)))
            c = self.line[number]
            self.line[number] = InLine(c.enrollment_id, c.applied_at, c.ready, offered=True)

    def _offered(self) -> int:
        return sum(c.offered for c in self.line.values())

    @rule(ready=st.booleans())
    def apply(self, ready: bool) -> None:
        number, self.next_number = self.next_number, self.next_number + 1
        self.clock += 1
        places = Places(self.capacity, len(self.enrolled), self._offered())
        if takes_place_at_once(places, list(self.line.values()), ready=ready):
            self.enrolled.append(number)
        else:
            self.line[number] = InLine(number, MONDAY + timedelta(hours=self.clock), ready, False)
        self._settle()

    @precondition(lambda self: self.enrolled)
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        self.enrolled.remove(data.draw(st.sampled_from(self.enrolled)))
        self._settle()

    @precondition(lambda self: any(c.offered for c in self.line.values()))
    @rule(data=st.data(), accepts=st.booleans())
    def answer(self, data: st.DataObject, accepts: bool) -> None:
        offered = sorted(n for n, c in self.line.items() if c.offered)
        number = data.draw(st.sampled_from(offered))
        del self.line[number]
        if accepts:
            self.enrolled.append(number)
        self._settle()

    @precondition(lambda self: any(not c.ready for c in self.line.values()))
    @rule(data=st.data())
    def intake_found_suitable(self, data: st.DataObject) -> None:
        number = data.draw(st.sampled_from(sorted(n for n, c in self.line.items() if not c.ready)))
        c = self.line[number]
        self.line[number] = InLine(number, c.applied_at, ready=True, offered=False)
        self._settle()

    @precondition(lambda self: self.capacity < 30)
    @rule()
    def raise_capacity(self) -> None:
        self.capacity += 1
        self._settle()

    @invariant()
    def never_overbooked(self) -> None:
        assert len(self.enrolled) + self._offered() <= self.capacity

    @invariant()
    def no_free_place_while_a_ready_couple_waits_without_offer(self) -> None:
        free = Places(self.capacity, len(self.enrolled), self._offered()).free
        assert free == 0 or not any(c.ready and not c.offered for c in self.line.values())

    @invariant()
    def nobody_jumped_the_queue(self) -> None:
        assert all(earlier == 0 for _number, earlier in self.history)


TestOfficeDay = OfficeDay.TestCase
