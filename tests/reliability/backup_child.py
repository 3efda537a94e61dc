"""One backup as the application makes it, in a process of its own for the kill test.

    python backup_child.py SOURCE FOLDER KEEP

Prints ``ready`` just before the backup starts and ``done`` when it has finished.
"""

from __future__ import annotations

import sys
from pathlib import Path

from holdmetight.db.backup import backup_database


def main() -> None:
    source, folder, keep = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    backup_database(source, folder, reason="auto", keep=keep)
    print("done", flush=True)


if __name__ == "__main__":
    main()
