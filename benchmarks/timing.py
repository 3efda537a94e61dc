"""One way to time an operation in the benchmarks: its median, fastest and slowest run next to
its target (``*`` marks a median over it)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
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
