"""Whether a SQLite file lies on a network share, where it is not safe.

SQLite's write-ahead log needs shared memory between the programs using the file, and its locks
rely on the file system: on a network share (SMB, NFS and the like) neither holds, and several
PCs writing to one file can lose work or damage it. Several PCs should share a database server
instead, so opening a file on a share warns the user (:func:`share_warning`).

The answer is read from the system in well under a millisecond: on Linux the mount table in
``/proc``, on Windows the path's form and the type of its drive. Where neither is available
(macOS and other systems without ``/proc``), the answer is None: no warning rather than a wrong
one.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
import sys
from collections.abc import Callable
from pathlib import Path

from holdmetight.i18n import _

# File system types of the Linux mount table whose files live on another computer. Cluster file
# systems (Lustre, GPFS, Ceph, GlusterFS) count too: their locks are no better for SQLite. FUSE
# mounts carry their program's name (gvfsd-fuse is GNOME's view of SMB and SFTP shares); 9p is
# also how WSL 2 shows the Windows drives, where SQLite's locks fail in the same way.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncp",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "sshfs",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "fuse.smbnetfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph-fuse",
        "lustre",
        "gpfs",
        "beegfs",
        "orangefs",
    }
)

MOUNT_TABLES = (Path("/proc/self/mountinfo"), Path("/proc/mounts"))

DRIVE_REMOTE = 4  # what GetDriveTypeW answers for a network drive
DRIVE_UNKNOWN = 0

_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def network_share_of(
    path: Path,
    *,
    windows: bool = os.name == "nt",
    mount_table: str | None = None,
    drive_type: Callable[[str], int] | None = None,
    mapped_to: Callable[[str], str | None] | None = None,
) -> str | None:
    """Where on the network the file ``path`` lies, shortly and without anything personal:
    ``/mnt/team (cifs)``, ``\\\\server\\share`` or ``H: (\\\\server\\share)``; None when it is on
    this PC, or when the system does not tell.

    The file need not exist yet: symbolic links in the folders above it are followed. The
    keywords stand in for the system, so both kinds of system can be tested on either:
    ``windows`` chooses Windows paths, ``mount_table`` is the text of ``/proc/self/mountinfo``
    or ``/proc/mounts``, ``drive_type`` answers like ``GetDriveTypeW`` for a drive's root
    (``"H:\\\\"``), ``mapped_to`` names the share a drive letter (``"H:"``) is mapped to.
    """
    try:
        if windows:
            return _windows_share(
                ntpath.realpath(os.fspath(path)),
                drive_type=drive_type or _drive_type,
                mapped_to=mapped_to or _mapped_to,
            )
        table = _read_mount_table() if mount_table is None else mount_table
        return _mounted_share(posixpath.realpath(os.fspath(path)), table)
    except (OSError, ValueError, RuntimeError):
        return None


def share_warning(path: Path) -> str | None:
    """The warning to show when the database file ``path`` lies on a network share, pointing to
    the server mode; None when it is on this PC or that cannot be told. Never raises."""
    try:
        where = network_share_of(path)
    except Exception:  # a failing look-up (in ctypes, say) must not stop the database opening
        return None
    if where is None:
        return None
    return _(
        "The database {name} is on the network drive {where}. SQLite is not safe there: when "
        "several PCs use the file, work can be lost or the file damaged. Keep the file on this "
        "PC, or let several PCs share a database server (see the administrator's guide)."
    ).format(name=path, where=where)


def _mounted_share(path: str, mount_table: str) -> str | None:
    """The network mount holding ``path`` (absolute, links resolved) in a Linux mount table."""
    best_point, best_type = "", ""
    for line in mount_table.splitlines():
        fields = line.split()
        if len(fields) > 6 and "-" in fields[6:]:  # mountinfo: ID PARENT DEV ROOT POINT ... - TYPE
            point, fs_type = fields[4], fields[fields.index("-", 6) + 1]
        elif len(fields) >= 3:  # /proc/mounts: SOURCE POINT TYPE ...
            point, fs_type = fields[1], fields[2]
        else:
            continue
        if "\\" in point:
            point = _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), point)
        # ">=": a later mount on the same point lies over the earlier one.
        if len(point) >= len(best_point) and _is_under(path, point):
            best_point, best_type = point, fs_type
    if best_type in NETWORK_FILESYSTEMS:
        return f"{best_point} ({best_type})"
    return None


def _is_under(path: str, mount_point: str) -> bool:
    return (
        mount_point == "/" or path == mount_point or path.startswith(mount_point.rstrip("/") + "/")
    )


def _read_mount_table() -> str:
    for table in MOUNT_TABLES:
        try:
            return os.fsdecode(table.read_bytes())
        except OSError:
            continue
    raise OSError("no mount table")


def _windows_share(
    path: str,
    *,
    drive_type: Callable[[str], int],
    mapped_to: Callable[[str], str | None],
) -> str | None:
    """The share of a Windows path: a UNC path, or a drive letter of a network drive."""
    text = path.replace("/", "\\")
    if text.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\…, \\?\UNC\server\share\…
        text = text[4:]
        if text[:4].upper() == "UNC\\":
            text = "\\\\" + text[4:]
    if text.startswith("\\\\"):
        server, _sep, rest = text[2:].partition("\\")
        share = rest.split("\\", 1)[0]
        return f"\\\\{server}\\{share}" if server and share else None
    if len(text) < 2 or text[1] != ":" or not text[0].isalpha():
        return None
    drive = text[0].upper() + ":"
    if drive_type(drive + "\\") != DRIVE_REMOTE:
        return None
    target = mapped_to(drive)
    return f"{drive} ({target})" if target else drive


def _drive_type(root: str) -> int:
    if sys.platform != "win32":
        return DRIVE_UNKNOWN
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def _mapped_to(drive: str) -> str | None:
    """The share a mapped drive letter stands for (``\\\\server\\share``), when Windows says."""
    if sys.platform != "win32":
        return None
    import ctypes

    name = ctypes.create_unicode_buffer(1024)
    length = ctypes.c_ulong(len(name))
    if ctypes.windll.mpr.WNetGetConnectionW(drive, name, ctypes.byref(length)) != 0:
        return None
    return name.value or None
