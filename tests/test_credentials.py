"""A server's password lives in the operating system's credential store, under the login's name,
and reaches only the engine: never the settings file, a log or a message (issue 15).

The credential store here is keyring's in-memory stand-in below, or keyring's "fail" backend for
a computer without one (a headless Linux machine)."""

from __future__ import annotations

import logging
import subprocess
import sys

from keyring.backends import chainer, fail
from keyring.errors import PasswordSetError
from keyrings import MemoryKeyring, using
from sqlalchemy.engine import make_url

from holdmetight.db import credentials
from holdmetight.db.engine import make_engine

SERVER_URL = "postgresql+psycopg://hmt@db.example.org:6543/office"
LOGIN = "hmt@db.example.org:6543/office"


class RefusingKeyring(MemoryKeyring):
    """A store that is there but refuses to keep anything (locked, or the user said no)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the keyring is locked")


def test_a_remembered_password_is_kept_under_the_logins_name(memory_keyring):
    assert credentials.has_credential_store()
    assert credentials.store_password(SERVER_URL, "geheim 123")
    assert memory_keyring.passwords == {("holdmetight", LOGIN): "geheim 123"}
    assert credentials.stored_password(SERVER_URL) == "geheim 123"


def test_the_engine_connects_with_the_remembered_password(memory_keyring):
    credentials.store_password(SERVER_URL, "p@ss:/wörd")
    engine = make_engine(SERVER_URL)
    try:
        assert engine.url.password == "p@ss:/wörd"
        assert "p@ss" not in str(engine.url)  # what a log or a message would show
    finally:
        engine.dispose()


def test_a_url_with_a_password_or_a_sqlite_file_is_left_as_it_is(memory_keyring):
    credentials.store_password(SERVER_URL, "stored")
    typed = "postgresql+psycopg://hmt:typed@db.example.org:6543/office"
    sqlite = "sqlite:////home/office/holdmetight.sqlite3"
    assert credentials.complete(typed) == typed
    assert credentials.complete(sqlite) == sqlite
    assert credentials.complete(SERVER_URL.replace("office", "other")) == SERVER_URL.replace(
        "office", "other"
    )


def test_the_settings_get_the_url_without_its_password():
    with_it = credentials.with_password(SERVER_URL, "p@ss:/wörd")
    assert make_url(with_it).password == "p@ss:/wörd"
    assert credentials.without_password(with_it) == SERVER_URL
    assert credentials.without_password(SERVER_URL) == SERVER_URL


def test_a_forgotten_password_is_no_longer_used(memory_keyring):
    credentials.store_password(SERVER_URL, "geheim")
    credentials.forget_password(SERVER_URL)
    credentials.forget_password(SERVER_URL)  # nothing stored: nothing to do
    assert memory_keyring.passwords == {}
    assert credentials.complete(SERVER_URL) == SERVER_URL


def test_without_a_credential_store_nothing_is_stored_and_nothing_fails(no_credential_store):
    assert not credentials.has_credential_store()
    assert not credentials.store_password(SERVER_URL, "geheim")
    assert credentials.stored_password(SERVER_URL) is None
    credentials.forget_password(SERVER_URL)
    assert credentials.complete(SERVER_URL) == SERVER_URL


def test_a_chain_of_no_usable_stores_is_no_credential_store(monkeypatch):
    with using(chainer.ChainerBackend()):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring()])
        assert not credentials.has_credential_store()
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [MemoryKeyring()])
        assert credentials.has_credential_store()


def test_a_store_that_refuses_says_so_without_logging_the_password(caplog):
    caplog.set_level(logging.DEBUG)
    with using(RefusingKeyring()):
        assert not credentials.store_password(SERVER_URL, "geheim-7391")
    assert caplog.records, "the refusal is logged"
    assert all("geheim-7391" not in record.getMessage() for record in caplog.records)


def test_opening_a_sqlite_file_does_not_load_keyring(tmp_path):
    code = (
        "import sys\n"
        "from holdmetight.db.database import open_database\n"
        "open_database('sqlite:///' + sys.argv[1]).dispose()\n"
        "print('keyring' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "office.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
