"""One way to time an operation in the benchmarks: its median, fastest and slowest run next to
its target (``*`` marks a median over it)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def report(name: str, target: float, operation: Callable[[], Any], runs: int) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        operation()
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    mark = "*" if median > target else " "
    print(
        f"{name:<42} {median:7.0f} ms{mark} (fastest {min(times):.0f}, slowest "
        f"{max(times):.0f}; target {target:.0f} ms)"
    )


def fresh_process_env(folder: Path) -> dict[str, str]:
    """The environment of a measured process: offscreen, a home of its own in ``folder`` (the
    user's settings and database stay out of it), and its bytecode compiled once into
    ``folder``, as an installed application has it (compiling anew on every start would add a
    tenth of a second no user waits for)."""
    home = folder / "home"
    env = {
        **os.environ,
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.pop("HOLDMETIGHT_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
