"""The user's own files: exports written complete or not at all (readable by the user only),
files read whole for an import, and folders written into. When a file cannot be used, the
message says why in the interface language; the operating system's own words (English, or
the language Windows was installed in) are shown only for the rare causes not named here."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _

# Windows refuses a file that another program holds open (Excel does, for its open lists).
_IN_USE_WINDOWS_ERRORS = frozenset({32, 33})  # sharing violation, lock violation
_NO_FOLDER = frozenset({errno.ENOENT, errno.ENOTDIR})
_NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})

ON_WINDOWS = os.name == "nt"


def _in_use(error: OSError) -> bool:
    return getattr(error, "winerror", None) in _IN_USE_WINDOWS_ERRORS


def _is_folder(path: Path) -> HoldMeTightError:
    return HoldMeTightError(_("{name} is a folder, not a file.").format(name=path))


def cannot_write(path: Path, error: OSError) -> HoldMeTightError:
    """Why ``path`` could not be written, as a message for the user."""
    folder = path.parent
    if _in_use(error):
        message = _("{name} is open in another program; close it there and try again.")
    elif error.errno in _NO_FOLDER and not folder.is_dir():
        message = _("{name} cannot be written: the folder {folder} does not exist.")
    elif error.errno == errno.EISDIR:
        return _is_folder(path)
    elif error.errno in _NO_PERMISSION:
        message = _(
            "{name} cannot be written: you have no permission to write in the folder {folder}."
        )
    elif error.errno in _DISK_FULL:
        message = _("{name} cannot be written: the disk is full.")
    else:
        message = _("{name} cannot be written: {reason}")
    return HoldMeTightError(message.format(name=path, folder=folder, reason=error.strerror))


def cannot_read(path: Path, error: OSError) -> HoldMeTightError:
    """Why ``path`` could not be read, as a message for the user."""
    if _in_use(error):
        message = _("{name} is open in another program; close it there and try again.")
    elif error.errno in _NO_FOLDER:
        message = _("The file {name} does not exist.")
    elif error.errno == errno.EISDIR:
        return _is_folder(path)
    elif error.errno in _NO_PERMISSION:
        message = _("{name} cannot be read: you have no permission to read it.")
    else:
        message = _("{name} cannot be read: {reason}")
    return HoldMeTightError(message.format(name=path, reason=error.strerror))


def read_file(path: Path) -> bytes:
    """The whole content of a file the user chose (a list to import, say)."""
    if path.is_dir():  # Windows says only "permission denied" when asked to read a folder
        raise _is_folder(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise cannot_read(path, error) from error


def output_folder(folder: Path) -> Path:
    """A folder that files are to be written into: it must exist, and be a folder."""
    if folder.is_dir():
        return folder
    if folder.exists():
        raise HoldMeTightError(_("{name} is a file, not a folder.").format(name=folder))
    raise HoldMeTightError(_("The folder {folder} does not exist.").format(folder=folder))


def write_export(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and one rename (mode 0600)."""
    if path.is_dir():  # else the temporary file would be made beside the folder, or refused
        raise _is_folder(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".holdmetight-", suffix=".part")
    except OSError as error:
        raise cannot_write(path, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if ON_WINDOWS and error.errno in _NO_PERMISSION and path.exists():
            # Windows refuses to replace a file another program holds open ("access denied",
            # not a sharing violation) while the folder itself, as just shown, takes files.
            raise HoldMeTightError(
                _("{name} is open in another program; close it there and try again.").format(
                    name=path
                )
            ) from error
        raise cannot_write(path, error) from error
