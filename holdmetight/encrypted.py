"""Encrypted copies for carrying data on a USB stick: an AES-256 encrypted ZIP file (WinZip's
AES format, which 7-Zip and other archive programs open), written complete or not at all and
readable by the user only. A wrong passphrase gets its own message."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pyzipper

from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.exports import cannot_read, cannot_write
from holdmetight.i18n import _

MIN_PASSPHRASE = 10
ZIP_MAGIC = b"PK\x03\x04"

Member = tuple[str, bytes | Path]  # the name inside, and its content or the file holding it


class WrongPassphraseError(HoldMeTightError):
    """The passphrase does not open the encrypted file."""


def checked_passphrase(passphrase: str) -> str:
    """A passphrase long enough to protect client data on a stick that gets lost."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            _("A passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE),
            field="passphrase",
        )
    return passphrase


def is_encrypted_copy(path: Path) -> bool:
    """Whether ``path`` is a ZIP file (ours are always encrypted)."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def write_encrypted(target: Path, members: Sequence[Member], passphrase: str) -> None:
    """Write ``members`` into the new encrypted ZIP ``target`` (through a temporary file and
    one rename, mode 0600)."""
    checked_passphrase(passphrase)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".holdmetight-", suffix=".part")
    except OSError as error:
        raise cannot_write(target, error) from error
    os.close(fd)
    try:
        with pyzipper.AESZipFile(
            temporary, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as archive:
            archive.setpassword(passphrase.encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            for name, content in members:
                if isinstance(content, Path):
                    archive.write(content, arcname=name)
                else:
                    archive.writestr(name, content)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise cannot_write(target, error) from error


def read_encrypted(path: Path, passphrase: str) -> dict[str, bytes]:
    """The files inside the encrypted ZIP ``path``."""
    try:
        with pyzipper.AESZipFile(path) as archive:
            archive.setpassword(passphrase.encode("utf-8"))
            return {name: archive.read(name) for name in archive.namelist()}
    except RuntimeError as error:  # how zipfile says "bad password"
        raise WrongPassphraseError(
            _("The passphrase does not open {name}. Check it and try again.").format(name=path)
        ) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise HoldMeTightError(
            _("{name} is not an encrypted copy made by holdmetight, or it is damaged.").format(
                name=path
            )
        ) from error
    except OSError as error:
        raise cannot_read(path, error) from error
