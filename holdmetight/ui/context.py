"""What the windows share: the open database, reached through short service calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from sqlmodel import Session

from holdmetight.db.database import Database

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class AppContext:
    """The UI never holds a database session: each call opens one, runs a service, closes it."""

    database: Database

    def call(
        self, service: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        with self.database.session() as session:
            return service(session, *args, **kwargs)
