"""Writing exported files: complete or not at all, readable by the user only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _


def write_export(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and one rename (mode 0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".holdmetight-", suffix=".part")
    except OSError as error:
        raise HoldMeTightError(
            _("{name} cannot be written: {reason}").format(name=path, reason=error.strerror)
        ) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise HoldMeTightError(
            _("{name} cannot be written: {reason}").format(name=path, reason=error.strerror)
        ) from error
