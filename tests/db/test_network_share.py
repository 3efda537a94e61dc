"""A SQLite file on a network share is recognised, on Linux and on Windows, and warned about."""

from __future__ import annotations

from pathlib import Path

from holdmetight.db import network_share
from holdmetight.db.network_share import (
    DRIVE_REMOTE,
    network_share_of,
    share_warning,
)

DRIVE_FIXED = 3

# The mount table of an office PC: its own disk, and shares of the office server.
MOUNTINFO = """\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
23 22 8:3 / /home rw,relatime shared:2 - ext4 /dev/sda3 rw
24 22 0:45 / /mnt/team rw,relatime shared:30 - cifs //nas/team rw,vers=3.1.1,username=anna
25 22 0:46 / /mnt/archive rw,relatime shared:31 - nfs4 nas:/export/archive rw,vers=4.2
26 23 0:47 / /home/anna/remote rw,nosuid,nodev,relatime shared:32 - fuse.sshfs anna@nas:/ rw
27 22 0:48 / /mnt/office\\040files rw,relatime shared:33 - cifs //nas/office\\040files rw
28 24 8:17 / /mnt/team/usb-stick rw,relatime shared:34 - vfat /dev/sdb1 rw
29 22 0:49 / /mnt/team-local rw,relatime shared:35 - ext4 /dev/sda4 rw
"""

# The same, as the older /proc/mounts shows it.
PROC_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
//nas/team /mnt/team cifs rw,vers=3.1.1 0 0
"""


def share_on_linux(path: str | Path, table: str = MOUNTINFO) -> str | None:
    return network_share_of(Path(path), windows=False, mount_table=table)


def fixed_drives(root: str) -> int:
    return DRIVE_FIXED


def h_is_a_network_drive(root: str) -> int:
    return DRIVE_REMOTE if root == "H:\\" else DRIVE_FIXED


def no_mapping(drive: str) -> str | None:
    return None


def share_on_windows(path: str, drive_type=fixed_drives, mapped_to=no_mapping) -> str | None:
    return network_share_of(Path(path), windows=True, drive_type=drive_type, mapped_to=mapped_to)


def test_database_on_the_local_disk_is_no_share():
    assert share_on_linux("/home/anna/holdmetight.sqlite3") is None


def test_database_on_a_windows_share_mounted_with_cifs_is_a_share():
    assert share_on_linux("/mnt/team/office.sqlite3") == "/mnt/team (cifs)"


def test_database_on_an_nfs4_mount_is_a_share():
    assert share_on_linux("/mnt/archive/2026/office.sqlite3") == "/mnt/archive (nfs4)"


def test_database_in_an_sshfs_folder_is_a_share():
    assert share_on_linux("/home/anna/remote/office.sqlite3") == "/home/anna/remote (fuse.sshfs)"


def test_mount_point_with_a_space_is_read_and_named_with_the_space():
    assert share_on_linux("/mnt/office files/db.sqlite3") == "/mnt/office files (cifs)"


def test_local_disk_mounted_inside_a_share_is_no_share():
    assert share_on_linux("/mnt/team/usb-stick/office.sqlite3") is None


def test_folder_whose_name_only_starts_like_a_share_is_no_share():
    assert share_on_linux("/mnt/team-local/office.sqlite3") is None


def test_later_mount_over_the_same_folder_is_the_one_in_use():
    local_over_share = MOUNTINFO + "30 22 8:5 / /mnt/team rw - ext4 /dev/sda5 rw\n"
    assert share_on_linux("/mnt/team/office.sqlite3", local_over_share) is None


def test_older_mount_table_format_is_read_too():
    assert share_on_linux("/mnt/team/office.sqlite3", PROC_MOUNTS) == "/mnt/team (cifs)"
    assert share_on_linux("/home/anna/office.sqlite3", PROC_MOUNTS) is None


def test_database_reached_through_a_link_into_a_share_is_a_share(tmp_path):
    share = tmp_path.resolve() / "share"
    (share / "office").mkdir(parents=True)
    (tmp_path / "documents").symlink_to(share / "office")
    table = f"1 0 8:2 / / rw - ext4 /dev/sda2 rw\n2 1 0:50 / {share} rw - nfs nas:/x rw\n"

    # The file does not exist yet: the link in the folder above it is followed all the same.
    where = share_on_linux(tmp_path / "documents" / "new.sqlite3", table)

    assert where == f"{share} (nfs)"


def test_relative_database_path_is_looked_up_from_the_current_folder(tmp_path, monkeypatch):
    folder = tmp_path.resolve()
    monkeypatch.chdir(folder)
    table = f"1 0 8:2 / / rw - ext4 /dev/sda2 rw\n2 1 0:50 / {folder} rw - cifs //nas/x rw\n"
    assert share_on_linux("office.sqlite3", table) == f"{folder} (cifs)"


def test_unc_path_is_a_share():
    assert share_on_windows(r"\\nas\team\holdmetight\office.sqlite3") == r"\\nas\team"


def test_unc_path_with_forward_slashes_is_a_share():
    assert share_on_windows("//nas/team/office.sqlite3") == r"\\nas\team"


def test_long_unc_path_is_a_share():
    assert share_on_windows(r"\\?\UNC\nas\team\office.sqlite3") == r"\\nas\team"


def test_long_path_on_a_local_drive_is_no_share():
    assert share_on_windows(r"\\?\C:\Users\anna\office.sqlite3") is None
    assert share_on_windows(r"\\.\C:\Users\anna\office.sqlite3") is None


def test_long_path_on_a_network_drive_is_a_share():
    assert share_on_windows(r"\\?\H:\office.sqlite3", h_is_a_network_drive) == "H:"


def test_mapped_network_drive_is_named_with_its_share():
    def mapped_to(drive: str) -> str | None:
        return r"\\nas\team" if drive == "H:" else None

    where = share_on_windows(r"h:\holdmetight\office.sqlite3", h_is_a_network_drive, mapped_to)

    assert where == r"H: (\\nas\team)"


def test_network_drive_whose_share_windows_does_not_tell_is_named_by_its_letter():
    assert share_on_windows(r"H:\office.sqlite3", h_is_a_network_drive) == "H:"


def test_local_drive_is_no_share():
    assert share_on_windows(r"C:\Users\anna\office.sqlite3", h_is_a_network_drive) is None


def test_file_in_the_temporary_folder_of_this_machine_is_no_share(tmp_path):
    assert network_share_of(tmp_path / "office.sqlite3") is None
    assert share_warning(tmp_path / "office.sqlite3") is None


def test_warning_names_the_file_and_the_share_and_points_to_a_database_server(monkeypatch):
    monkeypatch.setattr(network_share, "network_share_of", lambda path: "/mnt/team (cifs)")

    warning = share_warning(Path("/mnt/team/office.sqlite3"))

    assert warning is not None
    assert "/mnt/team/office.sqlite3" in warning
    assert "network drive /mnt/team (cifs)" in warning
    assert "database server" in warning


def test_unreadable_mount_table_gives_no_warning_rather_than_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(network_share, "MOUNT_TABLES", (tmp_path / "missing",))

    assert network_share_of(tmp_path / "office.sqlite3", windows=False) is None
    assert share_warning(tmp_path / "office.sqlite3") is None


def test_failing_look_up_gives_no_warning_rather_than_an_error(monkeypatch):
    def fails(path: Path) -> str | None:
        raise AttributeError("function 'GetDriveTypeW' not found")

    monkeypatch.setattr(network_share, "network_share_of", fails)

    assert share_warning(Path("/mnt/team/office.sqlite3")) is None


def test_the_command_line_warns_once_about_a_database_on_a_network_drive(
    tmp_path, monkeypatch, capsys
):
    """Opened from a share, every command says so on its error stream and still works."""
    from holdmetight.cli import main
    from holdmetight.db import network_share

    office = tmp_path / "team"
    office.mkdir()
    table = f"36 25 0:44 / {office} rw,relatime - cifs //nas/team rw\n"
    monkeypatch.setattr(network_share, "_read_mount_table", lambda: table)
    db = str(office / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "courses"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(f"{office} (cifs)" in line for line in err)
    assert all("database server" in line for line in err)
