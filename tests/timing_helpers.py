"""CPU-time measurements for the tests that compare 1x and 4x inputs in one run (never wall time: the
machine may be shared)."""

from __future__ import annotations

import time


def cpu_seconds(function, *args) -> float:
    """The best of three runs' CPU time: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        function(*args)
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)
