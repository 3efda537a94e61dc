"""A service that writes takes the database's write lock when it begins and waits for another
writer; one that only reads never waits; a read-only service cannot write."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlmodel import Session

from holdmetight.domain.organisation import Venue
from holdmetight.services import couple_list, venues
from holdmetight.services.transaction import read_only

HOLD_SECONDS = 0.6


def hold_write_lock(path, started: threading.Event) -> None:
    other = sqlite3.connect(path, timeout=5, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO venue (version, name, address, postcode, city, active) "
        "VALUES (1, 'Buurthuis Noord', '', '', '', 1)"
    )
    started.set()
    time.sleep(HOLD_SECONDS)
    other.execute("COMMIT")
    other.close()


def test_a_writer_waits_for_another_writer_instead_of_failing(database, db_path, session):
    started = threading.Event()
    other = threading.Thread(target=hold_write_lock, args=(db_path, started))
    other.start()
    started.wait(5)
    began = time.monotonic()
    made = venues.create_venue(session, name="Wijkcentrum Zuid", city="Utrecht")
    waited = time.monotonic() - began
    other.join()
    assert made.id and waited > HOLD_SECONDS / 2
    names = {v.name for v in venues.list_venues(session)}
    assert {"Buurthuis Noord", "Wijkcentrum Zuid"} <= names


def test_a_reader_does_not_wait_for_a_writer(database, db_path, session):
    started = threading.Event()
    other = threading.Thread(target=hold_write_lock, args=(db_path, started))
    other.start()
    started.wait(5)
    began = time.monotonic()
    couple_list.count_couples(session, text="", status=None)
    waited = time.monotonic() - began
    other.join()
    assert waited < HOLD_SECONDS / 2


@read_only
def sneaky(session: Session, /) -> None:
    session.add(Venue(name="Stiekem"))
    session.flush()


def test_a_read_only_service_cannot_write(session):
    with pytest.raises(RuntimeError, match="read-only service tried to write"):
        sneaky(session)
    assert "Stiekem" not in {v.name for v in venues.list_venues(session)}
