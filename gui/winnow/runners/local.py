"""Clean shards over a pool of worker processes, results in input order, with a bounded window in flight.

Memory stays flat with the corpus: at most `jobs * AHEAD` shards are read, cleaned or waiting to be
written at any moment. Workers ignore Ctrl-C; the caller's KeyboardInterrupt (or closing the iterator)
terminates them, so the export's atomic write leaves nothing behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from winnow.core.model import Cleaned, Problem
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions
from winnow.recipe import Recipe
from winnow.runners.shards import Shard, clean_shard, warm_up

AHEAD = 3  # shards queued per worker: keeps every core busy while the writer catches up

ShardDone = Callable[[Shard, list[Cleaned | Problem]], None]


class WorkerLost(RuntimeError):
    """A worker process died (killed, or out of memory); the message says so, nothing was written."""


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def clean_in_parallel(
    shards: Iterable[Shard | Problem],
    recipe: Recipe,
    options: ReadOptions = ReadOptions(),
    jobs: int = 1,
    on_shard: ShardDone | None = None,
) -> Iterator[Cleaned | Problem]:
    """Every result of every shard, in order. Problems in `shards` (from walking folders) pass through.

    jobs=1, or a single shard, runs in this process."""
    shards = iter(shards)
    head: list[Shard | Problem] = []
    for item in shards:  # look ahead: a pool is only worth starting for two shards or more
        head.append(item)
        if sum(isinstance(s, Shard) for s in head) >= 2:
            break
    pending = _chain(head, shards)
    if jobs <= 1 or sum(isinstance(s, Shard) for s in head) < 2:
        yield from _in_process(pending, Cleaner(recipe), options, on_shard)
    else:
        yield from _in_pool(pending, recipe, options, jobs, on_shard)


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _in_process(shards: Iterator[Shard | Problem], cleaner: Cleaner, options: ReadOptions, on_shard: ShardDone | None) -> Iterator[Cleaned | Problem]:
    for shard in shards:
        if isinstance(shard, Problem):
            yield shard
            continue
        results = clean_shard(shard, cleaner, options)
        if on_shard:
            on_shard(shard, results)
        yield from results


def _in_pool(shards: Iterator[Shard | Problem], recipe: Recipe, options: ReadOptions, jobs: int, on_shard: ShardDone | None) -> Iterator[Cleaned | Problem]:
    fork = sys.platform == "linux"
    if fork:
        warm_up(Cleaner(recipe))
    context = multiprocessing.get_context("fork" if fork else "spawn")
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(recipe, options))
    in_flight: deque[tuple[Shard | Problem, Future | None]] = deque()
    finished = False
    try:
        for shard in shards:
            in_flight.append((shard, None if isinstance(shard, Problem) else executor.submit(_clean, shard)))
            while len(in_flight) > jobs * AHEAD:
                yield from _collect(in_flight.popleft(), on_shard)
        while in_flight:
            yield from _collect(in_flight.popleft(), on_shard)
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:  # interrupted, or the consumer stopped early: stop the workers now, do not let them finish
            _terminate(executor)


def _collect(entry: tuple[Shard | Problem, Future | None], on_shard: ShardDone | None) -> Iterator[Cleaned | Problem]:
    shard, future = entry
    if future is None:
        yield shard
        return
    try:
        results = future.result()
    except BrokenProcessPool:
        raise WorkerLost("a worker process died (killed, or out of memory?) while cleaning; nothing was written") from None
    if on_shard:
        on_shard(shard, results)
    yield from results


def _terminate(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


_worker: tuple[Cleaner, ReadOptions] | None = None


def _start_worker(recipe: Recipe, options: ReadOptions) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (Cleaner(recipe), options)


def _clean(shard: Shard) -> list[Cleaned | Problem]:
    assert _worker is not None
    cleaner, options = _worker
    return clean_shard(shard, cleaner, options)
