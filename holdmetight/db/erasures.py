"""The register of erasures: which couples (and partners) were anonymised, and when, kept apart
from the database, so that a database restored from an older copy has them erased again.

One small JSON file per database, named by the database's own key (which its backups share),
in a folder of the user's data, readable by the user only. It holds record numbers and moments,
never a name or anything else about a person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from holdmetight.errors import DatabaseError
from holdmetight.exports import write_export
from holdmetight.i18n import _

FORMAT = 1


@dataclass(frozen=True)
class Erasure:
    """One erasure: of a whole couple (``partner`` None) or of one partner (1 or 2)."""

    couple_id: int
    partner: int | None
    at: datetime


def register_path(folder: Path, database_key: str) -> Path:
    return folder / f"erasures-{database_key}.json"


def remembered(folder: Path, database_key: str) -> list[Erasure]:
    """The erasures of the database with ``database_key`` (none when it has no register)."""
    path = register_path(folder, database_key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            Erasure(
                couple_id=int(item["couple"]),
                partner=None if item["partner"] is None else int(item["partner"]),
                at=datetime.fromisoformat(item["at"]),
            )
            for item in data["erasures"]
        ]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatabaseError(
            _(
                "The register of erasures {name} cannot be read ({reason}); erasures made "
                "after a backup may have to be made again by hand."
            ).format(name=path, reason=type(error).__name__)
        ) from error


def remember(folder: Path, database_key: str, erasure: Erasure) -> None:
    """Add ``erasure`` to the register (written whole or not at all, readable by the user
    only)."""
    known = remembered(folder, database_key)
    if erasure in known:
        return
    entries = [
        {"couple": e.couple_id, "partner": e.partner, "at": e.at.isoformat()}
        for e in [*known, erasure]
    ]
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    document = {"format": FORMAT, "erasures": entries}
    write_export(register_path(folder, database_key), json.dumps(document, indent=1).encode())
