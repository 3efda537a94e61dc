"""Putting a long list in the order a user chose, in the database: what the paged lists (courses,
payments) share, so that a click on any column header sorts the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import ColumnElement, case

from holdmetight.domain.names import fold


class Labelled(Protocol):
    """A stored value with a name shown to the user (the statuses and methods in ``enums``)."""

    @property
    def label(self) -> str: ...


def by_label(column: Any, values: Iterable[Labelled]) -> ColumnElement[int]:
    """Each stored value's place when the names shown for them in the language in use are put
    in order (case and accents ignored): a status sorts by the word the user reads."""
    named = sorted(values, key=lambda value: fold(value.label))
    return case(*((column == value, place) for place, value in enumerate(named)), else_=len(named))


def directed(keys: Iterable[Any], *, descending: bool) -> list[ColumnElement[Any]]:
    """ORDER BY terms: every key in the one direction the user chose."""
    return [key.desc() if descending else key.asc() for key in keys]
