"""What the windows share: the open database, reached through short service calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from holdmetight.db.database import Database

T = TypeVar("T")


@dataclass
class AppContext:
    """The UI never holds a database session: each call opens one, runs a service, closes it."""

    database: Database

    def call(self, service: Callable[..., T], /, **kwargs: Any) -> T:
        with self.database.session() as session:
            return service(session=session, **kwargs)
