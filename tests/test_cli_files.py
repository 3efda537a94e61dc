"""A file the command line cannot write or read is said why in the interface language: a folder
that does not exist, a folder where a file was meant, no permission, a full disk, a file that
another program holds open. Only rarer causes show the operating system's own words."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from holdmetight import exports
from holdmetight.cli import main
from holdmetight.errors import HoldMeTightError


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "office.sqlite3")
    assert main(["--db", path, "init"]) == 0
    return path


def error_line(capsys, *args: str) -> str:
    """What a command that fails while it runs writes: one line on standard error."""
    assert main(list(args)) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    return captured.err


def test_an_export_into_a_folder_that_does_not_exist_says_which_folder(db, tmp_path, capsys):
    target = tmp_path / "nodir" / "p.csv"
    err = error_line(capsys, "--db", db, "export", "csv", "payments", "--out", str(target))
    assert err == (
        f"holdmetight: {target} cannot be written: the folder {target.parent} does not exist.\n"
    )


def test_an_export_onto_a_folder_says_it_is_a_folder_and_leaves_it_alone(db, tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    err = error_line(capsys, "--db", db, "export", "csv", "payments", "--out", str(folder))
    assert err == f"holdmetight: {folder} is a folder, not a file.\n"
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".holdmetight-*"))


def test_a_backup_into_a_folder_that_does_not_exist_says_which_folder(db, tmp_path, capsys):
    target = tmp_path / "usb" / "backup.sqlite3"
    err = error_line(capsys, "--db", db, "backup", "--out", str(target))
    assert err == (
        f"holdmetight: {target} cannot be written: the folder {target.parent} does not exist.\n"
    )


def test_importing_a_folder_says_it_is_a_folder(db, tmp_path, capsys):
    err = error_line(capsys, "--db", db, "import", "couples", str(tmp_path))
    assert err == f"holdmetight: {tmp_path} is a folder, not a file.\n"


def test_handouts_into_a_file_say_it_is_a_file_not_a_folder(db, tmp_path, capsys):
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    err = error_line(capsys, "--db", db, "print", "handouts", "HMV-1", "--out", str(file))
    assert err == f"holdmetight: {file} is a file, not a folder.\n"
    assert file.read_text() == "mine"
    missing = tmp_path / "nope"
    err = error_line(capsys, "--db", db, "print", "handouts", "HMV-1", "--out", str(missing))
    assert err == f"holdmetight: The folder {missing} does not exist.\n"


def refuse(error: OSError):
    def refused(*args: object, **kwargs: object):
        raise error

    return refused


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "you have no permission to write in the folder {folder}.",
        ),
        (
            OSError(errno.EROFS, "Read-only file system"),
            "you have no permission to write in the folder {folder}.",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full."),
    ],
    ids=["permission", "read-only", "disk full"],
)
def test_no_permission_and_a_full_disk_have_their_own_sentences(
    tmp_path, monkeypatch, error, reason
):
    target = tmp_path / "p.csv"
    monkeypatch.setattr(exports.tempfile, "mkstemp", refuse(error))
    with pytest.raises(HoldMeTightError) as caught:
        exports.write_export(target, b"data")
    expected = f"{target} cannot be written: " + reason.format(folder=tmp_path)
    assert str(caught.value) == expected


def test_a_disk_that_fills_while_writing_leaves_no_part_file(tmp_path, monkeypatch):
    target = tmp_path / "p.csv"
    monkeypatch.setattr(exports.os, "fsync", refuse(OSError(errno.ENOSPC, "No space")))
    with pytest.raises(HoldMeTightError, match=r"cannot be written: the disk is full\.$"):
        exports.write_export(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_file_open_in_another_program_says_so_for_writing_and_reading(tmp_path, monkeypatch):
    """Windows refuses a list that Excel has open with a sharing violation (error 32)."""
    in_use = PermissionError(errno.EACCES, "The process cannot access the file")
    in_use.winerror = 32  # type: ignore[attr-defined]
    target = tmp_path / "p.csv"
    target.write_bytes(b"old")
    monkeypatch.setattr(exports.os, "replace", refuse(in_use))
    with pytest.raises(HoldMeTightError) as caught:
        exports.write_export(target, b"new")
    assert (
        str(caught.value) == f"{target} is open in another program; close it there and try again."
    )
    monkeypatch.setattr(Path, "read_bytes", refuse(in_use))
    with pytest.raises(HoldMeTightError) as caught:
        exports.read_file(target)
    assert (
        str(caught.value) == f"{target} is open in another program; close it there and try again."
    )
    assert sorted(os.listdir(tmp_path)) == ["p.csv"]


def test_a_file_that_may_not_be_read_says_so_and_a_rare_cause_keeps_the_system_s_words(
    tmp_path, monkeypatch
):
    source = tmp_path / "list.csv"
    source.write_bytes(b"x")
    monkeypatch.setattr(Path, "read_bytes", refuse(PermissionError(errno.EACCES, "Denied")))
    with pytest.raises(HoldMeTightError) as caught:
        exports.read_file(source)
    assert str(caught.value) == f"{source} cannot be read: you have no permission to read it."
    monkeypatch.setattr(Path, "read_bytes", refuse(OSError(errno.EIO, "I/O error")))
    with pytest.raises(HoldMeTightError) as caught:
        exports.read_file(source)
    assert str(caught.value) == f"{source} cannot be read: I/O error"


def test_replacing_a_file_another_program_holds_open_on_windows_says_so(tmp_path, monkeypatch):
    """Windows refuses to replace a file Excel holds open with "access denied": the user is
    told to close it, not that the folder takes no files (it just took the temporary one)."""
    import errno
    import os

    from holdmetight import exports
    from holdmetight.errors import HoldMeTightError

    target = tmp_path / "betalingen.xlsx"
    target.write_bytes(b"old")

    def refuse(_source, _target):
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(exports, "ON_WINDOWS", True)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(HoldMeTightError, match="open in another program"):
        exports.write_export(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["betalingen.xlsx"]
