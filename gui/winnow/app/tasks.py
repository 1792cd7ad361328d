"""Background work: importing, recounting and exporting run in a QThreadPool and report through signals.

A task never touches a widget. It gets immutable inputs (a recipe, a snapshot list of documents),
checks its cancel flag between chunks, and sends results back in batches (at most every BATCH_SECONDS)
so that ten thousand documents do not flood the event loop with signals. The reading and cleaning itself
runs in worker processes (workers.py): a task's thread only hands out chunks and collects the results,
mostly waiting, so the GUI thread never waits long for the interpreter.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence, TypeVar

from PySide6.QtCore import QObject, QRunnable, Signal

from winnow import snapshot
from winnow.app import workers
from winnow.core.model import Document, Problem
from winnow.core.scratch import scratch
from winnow.corpus.near_duplicates import DedupResult, Signature
from winnow.corpus.run import CorpusCleaner, CorpusResult, corpus_order
from winnow.corpus.templates import TemplateCounts
from winnow.export import ExportCancelled, ExportOptions, ExportSummary, export_corpus
from winnow.readers import ReadOptions
from winnow.recipe import Recipe
from winnow.workspace import DocStats, Narrowing, PageKeys, narrowings, stale_indices, templates_for

log = logging.getLogger(__name__)
BATCH_SECONDS = 0.1
CHUNK_DOCUMENTS = 40  # documents per worker call: small enough to pickle in a few milliseconds
CHUNK_FILES = 16
CHUNK_BYTES = 2 * 1024 * 1024
STALE_SLICE = 10_000  # documents whose figures a recount looks at between looks at its cancel flag
POLL_SECONDS = 0.05  # how often a task waiting for a worker looks at its cancel flag
T = TypeVar("T")
R = TypeVar("R")


def chunked(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def in_order(submit: Callable[[T], Future], chunks: Iterable[T], cancelled: Callable[[], bool]) -> Iterator[Any]:
    """Each chunk's result, in the chunks' order, with a few chunks in flight in the worker processes.

    Stops (cancelling what has not started) as soon as `cancelled()`."""
    pending: deque[Future] = deque()
    source = iter(chunks)
    in_flight = 2 * workers.worker_count()

    def fill() -> None:
        while len(pending) < in_flight and not cancelled():
            try:
                pending.append(submit(next(source)))
            except StopIteration:
                return

    fill()
    try:
        while pending:
            future = pending.popleft()
            while True:
                if cancelled():
                    return
                try:
                    result = future.result(timeout=POLL_SECONDS)
                    break
                except FutureTimeout:
                    continue
            fill()
            yield result
    finally:
        for future in pending:
            future.cancel()


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
    restored: bool = False  # from the session snapshot, not read from the files


def file_chunks(files: list[tuple[str, str, int]]) -> list[list[tuple[str, str]]]:
    """Files grouped for the workers: a few at a time, a big one alone (its results come back sooner)."""
    chunks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    size = 0
    for path, source, length in files:
        if current and (len(current) >= CHUNK_FILES or size + length > CHUNK_BYTES):
            chunks.append(current)
            current, size = [], 0
        current.append((path, source))
        size += length
    if current:
        chunks.append(current)
    return chunks


class ImportTask(Task):
    """Reads paths and gives each document its first clean (in worker processes), with whatever recipe is
    current when its chunk is handed out."""

    def __init__(self, paths: list[str], recipe_now: RecipeNow, options: ReadOptions = ReadOptions()) -> None:
        super().__init__()
        self.paths = tuple(paths)
        self.recipe_now = recipe_now
        self.options = options

    def work(self) -> ImportResult:
        batch = ImportBatch()
        last = time.monotonic()
        documents = problems = 0
        try:
            pool = workers.executor()
            found = next(in_order(lambda paths: pool.submit(workers.find_files, paths), [self.paths], self.cancelled), None)
            files, walk_problems = found if found is not None else ([], [])
            batch.problems.extend(walk_problems)
            problems += len(walk_problems)
            chunks = file_chunks(files)

            def submit(chunk: list[tuple[str, str]]) -> Future:
                generation, recipe = self.recipe_now()
                return pool.submit(workers.read_and_clean, chunk, self.options, recipe, generation)

            done = 0
            self.report_progress(0, len(files), files[0][1] if files else "", force=True)
            for chunk, result in zip(chunks, in_order(submit, chunks, self.cancelled)):
                batch.documents.extend(result.documents)
                batch.problems.extend(result.problems)
                documents += len(result.documents)
                problems += len(result.problems)
                done += len(chunk)
                self.report_progress(done, len(files), chunk[-1][1])
                if time.monotonic() - last >= BATCH_SECONDS:
                    self.signals.batch.emit(batch)
                    batch, last = ImportBatch(), time.monotonic()
        except Exception as exc:  # a reader bug must not lose the documents read so far
            log.exception("import of %s failed", self.paths)
            batch.problems.append(Problem(", ".join(self.paths), f"the import stopped: {exc}"))
            problems += 1
        if (batch.documents or batch.problems) and not self.cancelled():
            self.signals.batch.emit(batch)
        return ImportResult(self.paths, documents, problems, self.cancelled())


class SnapshotLoadTask(Task):
    """Shows the last session's documents at once: read from its snapshot, reported like an import.

    Their figures count as current (`generation`) when the snapshot was counted with the same recipe, else
    as stale (-1), for the recount that follows."""

    def __init__(self, path: Path, header: snapshot.Header, generation: int) -> None:
        super().__init__()
        self.path = path
        self.paths = tuple(header.roots)
        self.total = header.count
        self.generation = generation

    def work(self) -> ImportResult:
        batch = ImportBatch()
        last = time.monotonic()
        done = 0
        self.report_progress(0, self.total, "", force=True)
        for document, stats in snapshot.read_documents(self.path):
            if self.cancelled():
                break
            batch.documents.append((document, replace(stats, generation=self.generation)))
            done += 1
            if time.monotonic() - last >= BATCH_SECONDS:
                self.signals.batch.emit(batch)
                self.report_progress(done, self.total, document.source)
                batch, last = ImportBatch(), time.monotonic()
        if batch.documents and not self.cancelled():
            self.signals.batch.emit(batch)
        return ImportResult(self.paths, done, 0, self.cancelled(), restored=True)


def in_worker(call: Callable[..., R], *args: Any, cancelled: Callable[[], bool]) -> R | None:
    """`call(*args)` in a worker process (Python work that would compete with the GUI thread); None if cancelled."""
    return next(in_order(lambda _: workers.executor().submit(call, *args), [None], cancelled), None)


class NarrowTask(Task):
    """The recipe edits that make a rule spare chosen lines (Workspace `narrowings`), worked out in a worker."""

    def __init__(self, recipe: Recipe, rule_id: str, chosen: list[tuple[Document, list[int]]]) -> None:
        super().__init__()
        self.recipe = recipe
        self.rule_id = rule_id
        self.chosen = chosen

    def work(self) -> list[Narrowing]:
        return in_worker(narrowings, self.recipe, self.rule_id, self.chosen, cancelled=self.cancelled) or []


class SnapshotCheckTask(Task):
    """Whether the files of a restored session are still those of its snapshot (True) or changed (False)."""

    def __init__(self, roots: list[str], signature: snapshot.Signature) -> None:
        super().__init__()
        self.roots = tuple(roots)
        self.signature = signature

    def work(self) -> bool | None:
        now = in_worker(snapshot.files_signature, self.roots, cancelled=self.cancelled)
        return None if now is None else now == self.signature


class SnapshotWriteTask(Task):
    """Keeps the session's documents for the next start (see winnow/snapshot.py); True once written."""

    def __init__(self, path: Path, roots: list[str], recipe: str, documents: list[tuple[Document, DocStats]], problems: list[Problem]) -> None:
        super().__init__()
        self.path = path
        self.roots = list(roots)
        self.recipe = recipe
        self.documents = documents
        self.problems = problems

    def work(self) -> bool:
        signature = in_worker(snapshot.files_signature, tuple(self.roots), cancelled=self.cancelled)
        if signature is None:
            return False
        header = snapshot.Header(self.roots, self.recipe, signature, len(self.documents), self.problems)
        return snapshot.write(self.path, header, self.documents, self.cancelled)


def chunk_templates(templates: TemplateCounts | None, stats: Sequence[DocStats], chunk: list[tuple[int, Document]]) -> TemplateCounts | None:
    """The part of the corpus's site-template counts a chunk of (index, document) reads, for its worker
    (`stats`: the documents' figures by index, with their lines as the counts count them)."""
    if templates is None:
        return None
    return templates_for(templates, [page_of(stats, index, doc) for index, doc in chunk])


def page_of(stats: Sequence[DocStats], index: int, doc: Document) -> PageKeys:
    page = stats[index].page if index < len(stats) else None
    return page if page is not None else PageKeys.of(doc)


class RecountTask(Task):
    """Re-cleans documents with a new recipe for the table and the rule counts; a newer change cancels it.

    It is given copies of the corpus's lists and finds the documents to clean itself: at 100,000 documents
    even listing them would stall the window's thread on every recipe edit."""

    def __init__(
        self,
        documents: list[Document],
        stats: list[DocStats],
        recipe: Recipe,
        generation: int,
        templates: TemplateCounts | None = None,
        to_recount: Collection[int] = (),
    ) -> None:
        """Cleans the documents whose `stats` belong to another generation, lack the document rules' verdict or
        are in `to_recount`. `templates`: the corpus's site-template counts (each chunk is sent the part of them
        it reads), None when the rule is off."""
        super().__init__()
        self.corpus_documents = documents
        self.stats = stats
        self.recipe = recipe
        self.generation = generation
        self.templates = templates
        self.to_recount = to_recount

    def work(self) -> int:
        batcher = Batcher(self.signals.batch.emit)
        stale: list[int] = []
        for start in range(0, len(self.stats), STALE_SLICE):  # a newer edit cancels this one before it has walked them all
            if self.cancelled():
                return self.generation
            part = stale_indices(self.stats[start : start + STALE_SLICE], self.generation, ())
            stale.extend(start + i for i in part)
        stale = sorted(set(stale).union(self.to_recount)) if self.to_recount else stale
        total = len(stale)
        self.report_progress(0, total, "", force=True)
        # Of the old figures only the pages' line hashes are needed from here on, and the corpus replaces the
        # figures as they come back: without this copy of the list they are freed at once, instead of the old
        # and the new figures of every document (their signatures: 200 MB at 100,000) living until the end.
        pages = {i: self.stats[i].page for i in stale} if self.templates is not None else {}
        self.stats = []
        parts = chunked(stale, CHUNK_DOCUMENTS)  # (the documents are looked up as each part is sent)
        pool = workers.executor()

        def submit(part: list[int]) -> Future:
            docs = [self.corpus_documents[i] for i in part]
            templates = None
            if self.templates is not None:
                templates = templates_for(self.templates, [pages[i] or PageKeys.of(doc) for i, doc in zip(part, docs)])
            return pool.submit(workers.count, docs, self.recipe, self.generation, templates)

        done = 0
        for part, counted in zip(parts, in_order(submit, parts, self.cancelled)):
            for index, figures in zip(part, counted):
                batcher.add((index, figures))
            done += len(part)
            self.report_progress(done, total, self.corpus_documents[part[-1]].source)
        if not self.cancelled():
            batcher.flush()
        return self.generation


class PreviewTask(Task):
    """Cleans one document off the GUI thread (an HTML page re-extracted with the recipe's selectors)."""

    def __init__(self, document: Document, recipe: Recipe, generation: int, templates: TemplateCounts | None = None) -> None:
        super().__init__()
        self.document = document
        self.recipe = recipe
        self.generation = generation
        self.templates = templates

    def work(self):
        """(Cleaned, DocStats), computed in a worker process: the page is big or extracted again."""
        document = self.document
        templates = templates_for(self.templates, [PageKeys.of(document)]) if self.templates is not None else None
        if not (document.is_html and self.recipe.custom.selectors):  # only a re-extraction reads the raw page
            document = replace(document, content="")
        future = workers.executor().submit(workers.clean_for_preview, document, self.recipe, self.generation, templates)
        result = next(in_order(lambda _: future, [None], self.cancelled), None)
        if result is None:
            return None
        slim, stats = result
        return workers.restore_preview(slim, self.document), stats


class DuplicatesTask(Task):
    """Judges the near-duplicates among the documents' signatures in a worker process (seconds for ten
    thousand documents); `version` is the corpus version the signatures belong to."""

    def __init__(self, signatures: list[Signature], recipe: Recipe, version: int) -> None:
        super().__init__()
        self.signatures = signatures
        self.recipe = recipe
        self.version = version

    def work(self) -> DedupResult | None:
        """Through files (see workers.SLICE): at 100,000 documents, sending the signatures as one message
        stalled the window for seconds and held a 150 MB pickle in its memory."""
        with scratch("winnow-duplicates-") as folder:  # (a killed window's goes with the next one's)
            signatures, result = folder / "signatures.pickle", folder / "result.pickle"
            if not workers.dump_slices(signatures, workers.in_slices(self.signatures), self.cancelled):
                return None
            self.signatures = []  # the corpus keeps them; this copy of the list is no longer needed
            future = workers.executor().submit(workers.deduplicate_files, signatures, result, self.recipe)
            if next(in_order(lambda _: future, [None], self.cancelled), False) is False:
                return None  # cancelled
            return workers.load_dedup_result(result, self.cancelled)


class CorpusRunTask(Task):
    """The corpus stages over every document, cleaned in the worker processes as an export cleans them: the
    Duplicates and Corpus views' data (None when cancelled)."""

    def __init__(self, documents: list[Document], recipe: Recipe) -> None:
        super().__init__()
        self.documents = documents
        self.recipe = recipe

    def work(self) -> CorpusResult | None:
        pool = workers.executor()
        corpus = CorpusCleaner(self.recipe)
        corpus.count(self.documents)
        run = uuid.uuid4().hex
        chunks = chunked(self.documents, CHUNK_DOCUMENTS)
        submit = lambda chunk: pool.submit(workers.clean_corpus, chunk, self.recipe, corpus.templates, run)  # noqa: E731
        cleaned = [c for result in in_order(submit, chunks, self.cancelled) for c in result]
        if self.cancelled():
            return None
        cleaned.sort(key=corpus_order)
        return CorpusResult(cleaned, corpus.deduplicate(cleaned))


class ExportTask(Task):
    """Cleans the documents as a corpus with one recipe and writes the ones kept: the same as `winnow clean`."""

    def __init__(
        self,
        documents: list[Document],
        recipe: Recipe,
        destination: str | Path,
        options: ExportOptions,
        protected: list[str],
        rejected: tuple[str, ExportOptions] | None = None,
    ) -> None:
        """`rejected`: where and how to write the documents left out, with their reasons (`--rejected`)."""
        super().__init__()
        self.documents = documents
        self.recipe = recipe
        self.destination = destination
        self.options = options
        self.protected = protected
        self.rejected = rejected
        self.rejected_summary: ExportSummary | None = None

    def work(self):
        total = len(self.documents)
        pool = workers.executor()
        corpus = CorpusCleaner(self.recipe)
        corpus.count(self.documents)  # the site-template counts, shipped to the workers with the recipe
        run = uuid.uuid4().hex

        def cleaned():
            chunks = chunked(self.documents, CHUNK_DOCUMENTS)
            submit = lambda chunk: pool.submit(workers.clean_corpus, chunk, self.recipe, corpus.templates, run)  # noqa: E731
            for result in in_order(submit, chunks, self.cancelled):
                yield from result
            if self.cancelled():  # the chunks stopped early: the export must not be finished with fewer documents
                raise ExportCancelled()

        everything = sorted(cleaned(), key=corpus_order)  # near-duplicates need every document, in corpus order
        corpus.deduplicate(everything)
        if self.rejected is not None:  # first, as `winnow clean --rejected` does
            path, options = self.rejected
            self.rejected_summary = export_corpus([c for c in everything if not c.in_corpus], path, options, protected=self.protected)
        return export_corpus(
            [c for c in everything if c.in_corpus],
            self.destination,
            self.options,
            protected=self.protected,
            progress=lambda done, source: self.report_progress(done, total, source),
            cancelled=self.cancelled,
        )


class RemovedLinesTask(Task):
    """Every line one rule removes in the corpus, as (document index, line index, text), in batches."""

    def __init__(
        self,
        documents: list[Document],
        stats: list[DocStats],
        recipe: Recipe,
        rule_id: str,
        templates: TemplateCounts | None = None,
    ) -> None:
        """`documents` and `stats`: copies of the corpus's lists; `templates` as for RecountTask (without them
        the site-template lines are not judged)."""
        super().__init__()
        self.corpus_documents = documents
        self.stats = stats
        self.recipe = recipe
        self.rule_id = rule_id
        self.templates = templates

    def work(self) -> int:
        batcher = Batcher(self.signals.batch.emit)
        chunks = chunked(list(enumerate(self.corpus_documents)), CHUNK_DOCUMENTS)
        pool = workers.executor()

        def submit(chunk: list[tuple[int, Document]]) -> Future:
            templates = chunk_templates(self.templates, self.stats, chunk)
            return pool.submit(workers.removed_by, [doc for _, doc in chunk], self.recipe, self.rule_id, templates)

        found = done = 0
        for chunk, lines in zip(chunks, in_order(submit, chunks, self.cancelled)):
            for position, row, text in lines:
                batcher.add((chunk[position][0], row, text))
            found += len(lines)
            done += len(chunk)
            self.report_progress(done, len(self.corpus_documents), chunk[-1][1].source)
        batcher.flush()
        return found
