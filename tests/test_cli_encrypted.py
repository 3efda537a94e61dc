"""Encrypted copies for a USB stick (issue 16, item 7): ``backup --encrypt`` and ``privacy export
--encrypt`` write an AES-256 encrypted ZIP that 7-Zip opens; ``restore`` opens it after asking
the passphrase, and a wrong passphrase gets its own message."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import zipfile
from datetime import date

import pytest

from holdmetight.cli import main
from holdmetight.services import couple_list, demo

PASSPHRASE = "paard batterij nietje"
AES = 99  # the compression method a WinZip AES-encrypted member carries


@pytest.fixture
def office(session, db_url):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    return session


def typed(monkeypatch, text: str) -> None:
    """What the user types (standard input that is not a terminal: a script)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_an_encrypted_backup_is_an_aes_zip_that_7zip_opens(office, db_url, tmp_path, monkeypatch):
    target = tmp_path / "stick.zip"
    typed(monkeypatch, PASSPHRASE + "\n")
    assert main(["--db", db_url, "backup", "--encrypt", "--out", str(target)]) == 0
    assert target.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(target) as archive:
        (member,) = archive.infolist()
        assert member.filename == "holdmetight.sqlite3" and member.compress_type == AES
        with pytest.raises(RuntimeError):
            archive.read(member)  # not without the passphrase
    if shutil.which("7z") is None:
        pytest.skip("7-Zip is not installed (.ci/run installs it)")
    out = tmp_path / "uitgepakt"
    done = subprocess.run(
        ["7z", "x", f"-p{PASSPHRASE}", f"-o{out}", str(target)], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stdout
    with sqlite3.connect(out / "holdmetight.sqlite3") as copy:
        assert copy.execute("SELECT count(*) FROM couple").fetchone()[0] >= 30


def test_a_short_passphrase_or_no_file_is_refused_and_nothing_written(
    office, db_url, tmp_path, monkeypatch, capsys
):
    stick = tmp_path / "usb"
    stick.mkdir()
    typed(monkeypatch, "kort\n")
    assert main(["--db", db_url, "backup", "--encrypt", "--out", str(stick / "stick.zip")]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert list(stick.iterdir()) == []
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "backup", "--encrypt"])
    assert stopped.value.code == 2


def test_restore_asks_the_passphrase_and_says_when_it_is_wrong(
    office, db_path, tmp_path, monkeypatch, capsys
):
    target = tmp_path / "stick.zip"
    typed(monkeypatch, PASSPHRASE + "\n")
    assert main(["--db", str(db_path), "backup", "--encrypt", "--out", str(target)]) == 0
    couple = couple_list.list_couples(office, limit=1)[0]
    family = couple.names.split(",")[0]
    typed(monkeypatch, "")
    assert (
        main(["--db", str(db_path), "privacy", "anonymise", str(couple.id), "--confirm", family])
        == 0
    )
    capsys.readouterr()
    typed(monkeypatch, "een verkeerde zin\n")
    assert main(["--db", str(db_path), "restore", str(target)]) == 1
    err = capsys.readouterr().err
    assert "The passphrase does not open" in err and err.count("\n") == 1
    typed(monkeypatch, PASSPHRASE + "\n")
    assert main(["--db", str(db_path), "restore", str(target)]) == 0
    out = capsys.readouterr().out
    # The copy was made before the erasure: it is made again.
    assert "made before 1 erasure" in out


def test_a_file_that_is_not_our_encrypted_copy_is_one_sentence(
    office, db_path, tmp_path, monkeypatch, capsys
):
    other = tmp_path / "ander.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("iets.txt", "niet van ons")
    typed(monkeypatch, PASSPHRASE + "\n")
    assert main(["--db", str(db_path), "restore", str(other)]) == 1
    err = capsys.readouterr().err
    assert "is not an encrypted copy made by holdmetight" in err


def test_a_couples_personal_data_go_into_one_encrypted_zip(
    office, db_url, tmp_path, monkeypatch, capsys
):
    couple = couple_list.list_couples(office, limit=1)[0]
    stick = tmp_path / "usb"
    stick.mkdir()
    typed(monkeypatch, PASSPHRASE + "\n")
    args = ["privacy", "export", str(couple.id), "--encrypt", "--out", str(stick)]
    assert main(["--db", db_url, *args]) == 0
    capsys.readouterr()
    (written,) = stick.iterdir()
    assert written.name == f"personal-data-couple-{couple.id}.zip"
    with zipfile.ZipFile(written) as archive:
        assert sorted(i.filename for i in archive.infolist()) == [
            f"personal-data-couple-{couple.id}.json",
            f"personal-data-couple-{couple.id}.pdf",
        ]
        assert {i.compress_type for i in archive.infolist()} == {AES}
    assert main(["--db", db_url, "audit", "--couple", str(couple.id)]) == 0
    newest = capsys.readouterr().out.splitlines()[0].split("\t")
    assert "zip-aes256" in newest[7]


def test_an_encrypted_backup_is_named_as_the_zip_it_is(office, db_url, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "backup", "--encrypt", "--out", str(tmp_path / "kopie.sqlite3")])
    assert stopped.value.code == 2
    assert "FILE.zip" in capsys.readouterr().err
