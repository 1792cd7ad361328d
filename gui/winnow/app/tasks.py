"""Background work: importing, recounting and exporting run in a QThreadPool and report through signals.

A task never touches a widget. It gets immutable inputs (a recipe, a snapshot list of documents),
checks its cancel flag between documents, and sends results back in batches (at most every
BATCH_SECONDS) so that ten thousand documents do not flood the event loop with signals.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from winnow.app.corpus import DocStats
from winnow.core.model import Document, Problem
from winnow.export import ExportCancelled, ExportOptions, export_corpus
from winnow.corpus.run import CorpusCleaner
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, read_paths
from winnow.recipe import Recipe

log = logging.getLogger(__name__)
BATCH_SECONDS = 0.1


class GuiPriority:
    """Workers step aside while the GUI thread is busy, so the window never waits for the GIL.

    Python hands the GIL from a busy thread to a waiting one only every switch interval, and a repaint
    calls into Python hundreds of times (model data, delegates): with a worker cleaning flat out, one
    table repaint took a second. While tasks run, a GUI timer beats every few milliseconds; a worker that
    finds the beat late (the GUI is busy, or waiting for the GIL) sleeps until it beats again — briefly,
    never more than MAX_WAIT, so a GUI blocked elsewhere cannot stall the work for good.
    """

    BEAT_MS = 5
    LATE_SECONDS = 0.015
    MAX_WAIT_SECONDS = 0.05

    def __init__(self) -> None:
        self.beat = time.monotonic()
        self.users = 0
        self._timer = None

    def begin(self) -> None:
        """A task starts (GUI thread): keep the beat going while any runs."""
        if self._timer is None:
            from PySide6.QtCore import QTimer

            self._timer = QTimer()
            self._timer.setInterval(self.BEAT_MS)
            self._timer.timeout.connect(self._tick)
        self.users += 1
        self.beat = time.monotonic()
        self._timer.start()

    def end(self) -> None:
        self.users = max(0, self.users - 1)
        if self.users == 0 and self._timer is not None:
            self._timer.stop()

    def _tick(self) -> None:
        self.beat = time.monotonic()

    def yield_to_gui(self) -> None:
        """Called by workers between documents."""
        if not self.users:
            return
        waited_since = None
        while self.users and time.monotonic() - self.beat > self.LATE_SECONDS:
            now = time.monotonic()
            if waited_since is None:
                waited_since = now
            elif now - waited_since > self.MAX_WAIT_SECONDS:
                return
            time.sleep(0.002)


GUI_PRIORITY = GuiPriority()


class TaskSignals(QObject):
    """Created in the GUI thread, so every connection to it is queued back to the GUI thread."""

    batch = Signal(object)  # a task-specific list of results
    progress = Signal(int, int, str)  # done, total, current item
    finished = Signal(object, object)  # the task, and its result or the exception that ended it


class Task(QRunnable):
    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the reference; Qt must not delete it under us
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self._last_progress = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result: Any = self.work()
        except Exception as exc:  # reported to the window, never lost in a thread
            log.debug("task %s failed", type(self).__name__, exc_info=True)
            result = exc
        self.signals.finished.emit(self, result)

    def work(self) -> Any:
        raise NotImplementedError

    def report_progress(self, done: int, total: int, current: str, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_progress >= BATCH_SECONDS:
            self._last_progress = now
            self.signals.progress.emit(done, total, current)


class Batcher:
    """Collects results and emits them as one list at most every BATCH_SECONDS."""

    def __init__(self, emit: Callable[[list], None]) -> None:
        self.emit = emit
        self.items: list = []
        self.last = time.monotonic()

    def add(self, item: Any) -> None:
        self.items.append(item)
        if time.monotonic() - self.last >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            items, self.items = self.items, []
            self.emit(items)
        self.last = time.monotonic()


class Latest:
    """A value the GUI thread replaces and workers read (a plain attribute swap: atomic in Python)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def get(self) -> Any:
        return self.value

    def set(self, value: Any) -> None:
        self.value = value


RecipeNow = Callable[[], tuple[int, Recipe]]


@dataclass
class ImportBatch:
    documents: list[tuple[Document, DocStats]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    paths: tuple[str, ...]
    documents: int
    problems: int
    cancelled: bool


class ImportTask(Task):
    """Reads paths and gives each document its first clean, with whatever recipe is current at that moment."""

    def __init__(self, paths: list[str], recipe_now: RecipeNow, options: ReadOptions = ReadOptions()) -> None:
        super().__init__()
        self.paths = tuple(paths)
        self.recipe_now = recipe_now
        self.options = options

    def work(self) -> ImportResult:
        batch = ImportBatch()
        last = time.monotonic()
        documents = problems = 0
        generation, cleaner = -1, None
        try:
            for item in read_paths(self.paths, self.options, cancelled=self.cancelled, progress=self.report_progress):
                GUI_PRIORITY.yield_to_gui()
                if self.cancelled():
                    break
                if isinstance(item, Problem):
                    batch.problems.append(item)
                    problems += 1
                else:
                    now_generation, recipe = self.recipe_now()
                    if now_generation != generation:
                        generation, cleaner = now_generation, Cleaner(recipe)
                    cleaned = cleaner.clean(item)
                    batch.documents.append((item, DocStats.of(cleaned, generation)))
                    batch.problems.extend(cleaned.problems)
                    documents += 1
                if time.monotonic() - last >= BATCH_SECONDS:
                    self.signals.batch.emit(batch)
                    batch, last = ImportBatch(), time.monotonic()
        except Exception as exc:  # a reader bug must not lose the documents read so far
            log.exception("import of %s failed", self.paths)
            batch.problems.append(Problem(", ".join(self.paths), f"the import stopped: {exc}"))
            problems += 1
        if batch.documents or batch.problems:
            self.signals.batch.emit(batch)
        return ImportResult(self.paths, documents, problems, self.cancelled())


class RecountTask(Task):
    """Re-cleans documents with a new recipe for the table and the rule counts; a newer change cancels it."""

    def __init__(self, documents: list[tuple[int, Document]], recipe: Recipe, generation: int) -> None:
        super().__init__()
        self.documents = documents
        self.recipe = recipe
        self.generation = generation

    def work(self) -> int:
        cleaner = Cleaner(self.recipe)
        batcher = Batcher(self.signals.batch.emit)
        total = len(self.documents)
        for done, (index, doc) in enumerate(self.documents):
            GUI_PRIORITY.yield_to_gui()
            if self.cancelled():
                return self.generation
            batcher.add((index, DocStats.of(cleaner.clean(doc), self.generation)))
            self.report_progress(done + 1, total, doc.source)
        batcher.flush()
        return self.generation


class PreviewTask(Task):
    """Cleans one document off the GUI thread (an HTML page re-extracted with the recipe's selectors)."""

    def __init__(self, document: Document, recipe: Recipe, generation: int) -> None:
        super().__init__()
        self.document = document
        self.recipe = recipe
        self.generation = generation

    def work(self):
        return Cleaner(self.recipe).clean(self.document)


class ExportTask(Task):
    """Cleans the documents as a corpus with one recipe and writes the ones kept: the same as `winnow clean`."""

    def __init__(
        self, documents: list[Document], recipe: Recipe, destination: str | Path, options: ExportOptions, protected: list[str]
    ) -> None:
        super().__init__()
        self.documents = documents
        self.recipe = recipe
        self.destination = destination
        self.options = options
        self.protected = protected

    def work(self):
        total = len(self.documents)
        def each(_cleaned) -> None:
            if self.cancelled():
                raise ExportCancelled()
            GUI_PRIORITY.yield_to_gui()

        corpus = CorpusCleaner(self.recipe, Cleaner(self.recipe)).run(self.documents, each=each)
        return export_corpus(
            corpus.kept,
            self.destination,
            self.options,
            protected=self.protected,
            progress=lambda done, source: self.report_progress(done, total, source),
            cancelled=self.cancelled,
        )
