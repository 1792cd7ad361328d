"""Clean shards over a pool of worker processes, results in input order, with a bounded window in flight.

Memory stays flat with the corpus: at most `jobs * AHEAD` shards are read, cleaned or waiting to be
written at any moment. Workers ignore Ctrl-C; the caller's KeyboardInterrupt (or closing the iterator)
cancels every shard not yet started and waits for the few being cleaned, so the export's atomic write
leaves nothing behind and the program exits at once after.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from winnow.core.model import Cleaned, Problem
from winnow.corpus.run import CorpusCleaner
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions
from winnow.recipe import Recipe, default_recipe
from winnow.runners.parent_watch import watch_parent
from winnow.runners.shards import Shard, may_hold_html, read_shard, slim, warm_up

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 3  # shards queued per worker: keeps every core busy while the writer catches up

ShardDone = Callable[[Shard, int], None]  # (shard, documents it gave)


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
    recipe_label: str = "recipe",
) -> Generator[Cleaned | Problem, None, None]:
    """Every result of every shard, in order. Problems in `shards` (from walking folders) pass through.

    This is the streaming run of a recipe without corpus stages (the recipe's document rules run in the
    workers all the same); with them, `corpus_passes.run_passes` runs the passes a corpus needs.
    jobs=1, or a single shard, runs in this process."""
    for shard, results in ordered_map(shards, shard_cleaner, (recipe, options, recipe_label), jobs):
        if isinstance(shard, Problem):  # from walking the folders: it has no results
            yield shard
            continue
        assert results is not None
        documents = 0
        for result in results:  # in this process a shard streams document by document; from a worker, a list
            documents += not isinstance(result, Problem)
            yield result
        if on_shard:
            on_shard(shard, documents)


def shard_cleaner(recipe: Recipe, options: ReadOptions, recipe_label: str) -> Callable[[Shard], Iterator[Cleaned | Problem]]:
    cleaner = CorpusCleaner(recipe).cleaner  # the line rules plus the document rules
    reported: set[str] = set()

    def run(shard: Shard) -> Iterator[Cleaned | Problem]:
        for item in read_shard(shard, options):
            yield item if isinstance(item, Problem) else slim(cleaner.clean(item))
        for message in cleaner.run_problems():  # a user regex this process switched off for its time budget
            if message not in reported:
                reported.add(message)
                yield Problem(recipe_label, message)

    return run


def ordered_map(
    items: Iterable[T | Problem], make_task: Callable[..., Callable[[T], R]], task_args: tuple, jobs: int
) -> Iterator[tuple[T | Problem, R | None]]:
    """(item, make_task(*task_args)(item)) for every item, in order; Problems pass through as (problem, None).

    With jobs > 1 and at least two items, the tasks run in a pool of worker processes, each of which builds
    its task once with `make_task` (a module-level function, so it can travel to spawned workers); at most
    jobs * AHEAD items are in flight. Otherwise they run here."""
    planned = items if isinstance(items, (list, tuple)) else None  # all known: what they hold can be asked
    items = iter(items)
    head: list[T | Problem] = []
    for item in items:  # look ahead: a pool is only worth starting for two items or more
        head.append(item)
        if sum(not isinstance(i, Problem) for i in head) >= 2:
            break
    pending = itertools.chain(head, items)
    if jobs <= 1 or sum(not isinstance(i, Problem) for i in head) < 2:
        task = make_task(*task_args)
        for item in pending:
            yield item, None if isinstance(item, Problem) else task(item)
    else:
        html = any(_may_hold_html(item) for item in (head if planned is None else planned))  # (streamed: its first shards)
        yield from _in_pool(pending, make_task, task_args, jobs, html)


def _may_hold_html(item: object) -> bool:
    """For an item of `ordered_map`: a shard, or a numbered one (the corpus passes'); other items read nothing."""
    shard = item[1] if isinstance(item, tuple) and len(item) == 2 else item
    return isinstance(shard, Shard) and may_hold_html(shard)


def _in_pool(items: Iterator[T | Problem], make_task: Callable, task_args: tuple, jobs: int, html: bool = True) -> Iterator[tuple[T | Problem, R | None]]:
    fork = sys.platform == "linux"
    if fork:  # workers inherit what the parent has loaded: load it once, here (the HTML extraction if needed)
        warm_up(Cleaner(default_recipe()), html=html)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    # forked workers are all started by the first submit below, in this thread: may they die with it? (parent_watch)
    by_main_thread = fork and threading.current_thread() is threading.main_thread()
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(make_task, task_args, by_main_thread))
    in_flight: deque[tuple[T | Problem, Future | None]] = deque()
    finished = False
    try:
        for item in items:
            in_flight.append((item, None if isinstance(item, Problem) else executor.submit(_run, item)))
            while len(in_flight) > jobs * AHEAD:
                yield _collect(in_flight.popleft())
        while in_flight:
            yield _collect(in_flight.popleft())
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:  # interrupted, or the consumer stopped early: nothing new starts, running shards finish
            _stop(executor)


def _collect(entry: tuple[T | Problem, Future | None]) -> tuple[T | Problem, R | None]:
    item, future = entry
    if future is None:
        return item, None
    try:
        return item, future.result()
    except BrokenProcessPool:
        raise WorkerLost("a worker process died (killed, or out of memory?) while cleaning; nothing was written") from None


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and wait for the shards being cleaned (seconds at most). Killing a worker
    while it sends its result would leave the pool's reader thread waiting forever for the rest of the
    message, and Python waits for that thread at exit; a second Ctrl-C still kills them."""
    try:
        executor.shutdown(wait=True, cancel_futures=True)
    except BaseException:
        _terminate(executor)
        raise


def _terminate(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


_task: Callable | None = None


def _start_worker(make_task: Callable, task_args: tuple, started_by_main_thread: bool) -> None:
    global _task
    watch_parent(started_by_main_thread)  # a killed parent leaves no worker behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers (which raise to clean up) are not the worker's
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _task = make_task(*task_args)


def _run(item):
    assert _task is not None
    result = _task(item)
    return list(result) if isinstance(result, Iterator) else result  # what travels back is a list
