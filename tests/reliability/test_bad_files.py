"""Whatever file the office points the application at, it is refused or used, never spoilt
(issue 12).

Each bad file of the table is refused by ``open_database`` and by the command line (exit 1, one
line on standard error, no traceback) with the sentence for its case, and afterwards the file is
byte for byte what it was and nothing new lies beside it: no ``-wal``, ``-shm`` or ``-journal``,
no backups folder. The files the user may not read or write are tried as an unprivileged user
(``nobody``, through ``setpriv``) when the tests run as root, since root may read and write
anything.

The damaged and missing files are SQLite's alone; the databases of another program or of a
newer version are made on each backend of ``backends.BACKENDS`` (the sentences expected are
those for SQLite files; issue 13 sets those for a server).
"""

from __future__ import annotations

import os
import pwd
import random
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from backends import Backend, folder_snapshot

from holdmetight.cli import main
from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.db.migrate import head_revision
from holdmetight.errors import DatabaseError
from holdmetight.services.demo import create_demo_data

NOT_OURS = "is not a holdmetight database. It was not changed."
DAMAGED = "is damaged and cannot be opened. It was not changed."
NEWER = "by a newer version of holdmetight"
NO_DATABASE = "There is no database at"
NO_FOLDER = "does not exist"
NO_ACCESS = "may not open the database"
READ_ONLY = "is read-only, so nothing could be saved in it"
READ_ONLY_FOLDER = "is read-only, and the database needs to write its journal"

Maker = Callable[[Path, bytes], Path]


@dataclass(frozen=True)
class Case:
    """A bad database, how to make it, and the sentence that refuses it."""

    name: str
    message: str
    make: Callable[..., Any]
    init_refuses: bool = True  # ``init`` may create a database only where there is none


def write(data: bytes) -> Maker:
    def make(folder: Path, _office: bytes) -> Path:
        path = folder / "office.sqlite3"
        path.write_bytes(data)
        return path

    return make


def cut(keep: Callable[[int], int]) -> Maker:
    def make(folder: Path, office: bytes) -> Path:
        return write(office[: keep(len(office))])(folder, office)

    return make


def zero_header(folder: Path, office: bytes) -> Path:
    return write(bytes(100) + office[100:])(folder, office)


def directory(folder: Path, _office: bytes) -> Path:
    path = folder / "office.sqlite3"
    path.mkdir()
    return path


def missing_folder(folder: Path, _office: bytes) -> Path:
    return folder / "nowhere" / "office.sqlite3"


NOISE = random.Random(12).randbytes(64 * 1024)
PAGE = 4096

FILE_CASES = [
    Case("random bytes", NOT_OURS, write(NOISE)),
    Case("SQLite header, then random bytes", DAMAGED, write(b"SQLite format 3\0" + NOISE)),
    Case("zeroed header", NOT_OURS, zero_header),
    # An empty file is a new database to ``init`` and to the window's first start.
    Case("cut to nothing", NO_DATABASE, cut(lambda n: 0), init_refuses=False),
    Case("cut inside the header's first words", NOT_OURS, cut(lambda n: 10)),
    Case("cut after the header", DAMAGED, cut(lambda n: 100)),
    Case("cut after the first page", DAMAGED, cut(lambda n: PAGE)),
    Case("cut in half, inside a page", DAMAGED, cut(lambda n: n // 2 + 1000)),
    Case("cut before the last page", DAMAGED, cut(lambda n: n - PAGE)),
    Case("cut inside the last page", DAMAGED, cut(lambda n: n - 200)),
    Case("cut by its last byte", DAMAGED, cut(lambda n: n - 1)),
    Case("a folder in place of the file", NOT_OURS, directory),
    Case("missing folder", NO_FOLDER, missing_folder),
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of an office's database with data in it, as the application leaves it (in WAL
    mode, with 4 KiB pages)."""
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    database = open_database(database_url(path))
    with database.session() as session:
        create_demo_data(session, today=date(2026, 11, 24))
    database.dispose()
    data = path.read_bytes()
    assert (data[18:20], int.from_bytes(data[16:18], "big")) == (b"\x02\x02", PAGE)
    return data


def refusal(url: str, *, create: bool) -> str | None:
    """The sentence ``open_database`` refuses with, or None when it opens the database."""
    try:
        open_database(url, create=create).dispose()
    except DatabaseError as error:
        return str(error)
    return None


def assert_refused_by_the_command_line(
    run: Callable[[str], tuple[int, str, str]], case: Case
) -> None:
    for command in ("courses", "init") if case.init_refuses else ("courses",):
        code, out, err = run(command)
        assert (code, out) == (1, ""), f"{command}: {out}{err}"
        assert err.startswith("holdmetight: ") and err.count("\n") == 1, f"{command}: {err}"
        assert case.message in err and "Traceback" not in err, f"{command}: {err}"


def assert_left_as_it_was(before: dict[str, str], after: dict[str, str]) -> None:
    assert {name: after.get(name) for name in before} == before, "every byte as it was"
    assert sorted(after.keys() - before.keys()) == [], "nothing new beside the database"


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda case: case.name)
def test_a_damaged_or_missing_file_is_refused_and_left_as_it_was(case, office, tmp_path, capsys):
    folder = tmp_path / "share"
    folder.mkdir()
    path = case.make(folder, office)
    before = folder_snapshot(tmp_path)
    url = database_url(path)

    for create in (False, True) if case.init_refuses else (False,):
        message = refusal(url, create=create)
        assert message is not None and case.message in message

    def run(command: str) -> tuple[int, str, str]:
        code = main(["--db", str(path), command])
        out, err = capsys.readouterr()
        return code, out, err

    assert_refused_by_the_command_line(run, case)
    assert_left_as_it_was(before, folder_snapshot(tmp_path))


def foreign(*extra: str) -> Callable[[Backend, Path], str]:
    def make(backend: Backend, folder: Path) -> str:
        url = backend.empty_database(folder)
        backend.execute(
            url,
            [
                *extra,
                "CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer VARCHAR(80))",
                "INSERT INTO invoice (id, customer) VALUES (1, 'Bakkerij de Graaf')",
            ],
        )
        return url

    return make


def revision_table(revision: str) -> list[str]:
    return [
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        f"INSERT INTO alembic_version (version_num) VALUES ('{revision}')",
    ]


def future_revision(backend: Backend, folder: Path) -> str:
    url = backend.new_database(folder)
    backend.execute(url, ["UPDATE alembic_version SET version_num = 'ffff_from_the_future'"])
    return url


OTHER_DATABASES = [
    Case("another program's database", NOT_OURS, foreign()),
    Case(
        "another program's database with an alembic_version table",
        NOT_OURS,
        foreign(*revision_table("3c5e1f2a9b7d")),
    ),
    Case(
        "another program's database with our revision but not our tables",
        NOT_OURS,
        foreign(*revision_table(head_revision())),
    ),
    Case("our database from a newer version", NEWER, future_revision),
]


@pytest.mark.parametrize("case", OTHER_DATABASES, ids=lambda case: case.name)
def test_a_database_of_another_program_or_version_is_refused_and_left_as_it_was(
    case, backend, tmp_path, capsys
):
    url = case.make(backend, tmp_path)
    before = backend.snapshot(url)
    for create in (False, True):
        message = refusal(url, create=create)
        assert message is not None and case.message in message

    def run(command: str) -> tuple[int, str, str]:
        code = main(["--db", url, command])
        out, err = capsys.readouterr()
        return code, out, err

    assert_refused_by_the_command_line(run, case)
    assert_left_as_it_was(before, backend.snapshot(url))


@dataclass(frozen=True)
class Unprivileged:
    """Runs the command line as a user without privileges, in a folder that user can reach."""

    prefix: tuple[str, ...]  # setpriv ... when running as root
    uid: int
    gid: int
    root: Path

    def run(self, path: Path, command: str) -> tuple[int, str, str]:
        home = self.root / "home"
        done = subprocess.run(
            [*self.prefix, sys.executable, "-m", "holdmetight", "--db", str(path), command],
            cwd=self.root,
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_DATA_HOME": str(home / "data"),
                "LANG": "en_GB.UTF-8",
                "PYTHONDONTWRITEBYTECODE": "1",
                **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def unprivileged() -> Iterator[Unprivileged]:
    root = Path(tempfile.mkdtemp(prefix="holdmetight-reliability-"))
    try:
        root.chmod(0o755)
        if os.geteuid() != 0:
            yield Unprivileged((), os.getuid(), os.getgid(), root)
            return
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root, and there is no user nobody to run as")
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and setpriv (util-linux) is not installed")
        closed = [str(p) for p in root.parents if not p.stat().st_mode & stat.S_IXOTH]
        if closed:
            pytest.skip(f"running as root, and nobody may not reach the temporary folder {closed}")
        prefix = (
            setpriv,
            f"--reuid={nobody.pw_uid}",
            f"--regid={nobody.pw_gid}",
            "--clear-groups",
            "--",
        )
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import holdmetight.cli"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if probe.returncode != 0:
            pytest.skip(f"running as root, and nobody cannot run {sys.executable}: {probe.stderr}")
        yield Unprivileged(prefix, nobody.pw_uid, nobody.pw_gid, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def read_only_file(user: Unprivileged, folder: Path, path: Path) -> None:
    os.chown(folder, user.uid, user.gid)
    os.chown(path, user.uid, user.gid)
    path.chmod(0o444)


def read_only_folder(user: Unprivileged, folder: Path, path: Path) -> None:
    os.chown(path, user.uid, user.gid)
    path.chmod(0o644)
    folder.chmod(0o555)


def other_owner(user: Unprivileged, folder: Path, path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("a file of another owner can only be made by root")
    os.chown(folder, user.uid, user.gid)
    path.chmod(0o600)  # root's, readable by root only


PERMISSION_CASES = [
    Case("read-only file", READ_ONLY, read_only_file),
    Case(
        "read-only folder",
        READ_ONLY_FOLDER,
        read_only_folder,
    ),
    Case("file of another owner", NO_ACCESS, other_owner),
]


@pytest.mark.parametrize("case", PERMISSION_CASES, ids=lambda case: case.name)
def test_a_file_the_user_may_not_write_or_read_is_refused_and_left_as_it_was(
    case, office, unprivileged
):
    folder = unprivileged.root / case.name.replace(" ", "-")
    folder.mkdir(mode=0o755)
    path = folder / "office.sqlite3"
    path.write_bytes(office)
    case.make(unprivileged, folder, path)
    before = folder_snapshot(folder)
    try:
        assert_refused_by_the_command_line(lambda c: unprivileged.run(path, c), case)
        assert_left_as_it_was(before, folder_snapshot(folder))
    finally:
        folder.chmod(0o755)
