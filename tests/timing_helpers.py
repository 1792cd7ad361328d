"""CPU-time measurements for the tests that compare 1x and 4x inputs in one run (never wall time: the
machine may be shared), of the calling thread alone: threads earlier tests left running in the process (Qt's pools,
numpy's BLAS threads spinning after a product) must not count against the function timed, which runs in this thread.

GROWTH_BOUND separates linear from quadratic: 4x the input takes about 4x the time when linear, a little more
for n·log n and cache effects (up to 5.3x seen on a loaded CI machine), 16x when quadratic. The bound sits at
4^1.5 = 8, so anything growing like n^1.5 or worse fails and noise does not.
"""

from __future__ import annotations

import gc
import time


def cpu_seconds(function, *args) -> float:
    """The best of three runs' CPU time in this thread: the least disturbed by other work on the machine."""
    return best_of_alternating([(function, args)])[0]


GROWTH_BOUND = 8.0


def growth(make, function, size: int) -> float:
    """How much longer `function` takes on the input `make(4 * size)` builds than on `make(size)`'s: the two runs
    alternate, so a burst of other work on the machine falls on both sizes alike, not on one."""
    small, large = best_of_alternating([(function, make(size)), (function, make(4 * size))])
    return large / small


def best_of_alternating(calls, rounds: int = 3) -> list[float]:
    """Each call's best CPU time in this thread over `rounds` rounds that run the calls in turn.

    The cyclic garbage collector is off while timing, as `timeit` does: its full collections walk every object
    alive in the test process (pytest's, hypothesis's, the inputs'), so where one falls in the larger run made a
    linear path measure 6-9x on 4x the input (align on table cells: 4.7-4.8x with it off, 5.1-6.9x with it on)."""
    best = [float("inf")] * len(calls)
    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for k, (function, args) in enumerate(calls):
                start = time.thread_time()
                function(*args)
                best[k] = min(best[k], time.thread_time() - start)
    finally:
        if was_on:
            gc.enable()
    return [max(seconds, 1e-6) for seconds in best]
