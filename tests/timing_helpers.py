"""CPU-time measurements for the tests that compare 1x and 4x inputs in one run (never wall time: the
machine may be shared).

GROWTH_BOUND separates linear from quadratic: 4x the input takes about 4x the time when linear, a little more
for n·log n and cache effects (up to 5.3x seen on a loaded CI machine), 16x when quadratic. The bound sits at
4^1.5 = 8, so anything growing like n^1.5 or worse fails and noise does not.
"""

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


GROWTH_BOUND = 8.0


def growth(make, function, size: int) -> float:
    """How much longer `function` takes on the input `make(4 * size)` builds than on `make(size)`'s."""
    return cpu_seconds(function, *make(4 * size)) / cpu_seconds(function, *make(size))
