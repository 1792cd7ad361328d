"""What the window's worker processes run: reading and cleaning, with no Qt (a worker never imports it).

The window's tasks (tasks.py) hand these functions to a shared process pool (`executor()`), a chunk of
files or documents at a time, and post the results back to the GUI thread. Heavy work in processes
leaves the GUI thread the whole interpreter: no event-loop stall waits for a worker to let go of the GIL.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from winnow.core.model import Cleaned, Document, Problem
from winnow.core.pickles import load_each
from winnow.corpus import near_duplicates
from winnow.corpus.near_duplicates import DedupResult, Signature
from winnow.corpus.run import CorpusCleaner
from winnow.corpus.templates import TemplateCounts
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, discover, read_file
from winnow.recipe import Recipe
from winnow.rules.documents import NearDuplicates
from winnow.rules.templates import SiteTemplates
from winnow.runners.parent_watch import watch_parent
from winnow.workspace import DocStats, PageKeys, corpus_stats

T = TypeVar("T")
_executor: Executor | None = None
_cleaner: tuple[Recipe, CorpusCleaner] | None = None  # per worker process: one cleaner while the recipe stays


def worker_count() -> int:
    """One core stays with the window; at most four workers (an import is also limited by the disk)."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def executor() -> Executor:
    """The window's process pool, started on first use and shared by every window of this process.

    "spawn": a fork would copy the GUI's threads and Qt state into the child."""
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(worker_count(), mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
        atexit.register(shutdown)
    return _executor


def _start_worker() -> None:
    """A worker ends with the window, even a killed one (task threads start workers: no death signal, see
    parent_watch), and yields the processor to it: the GUI thread must never queue behind a clean."""
    watch_parent()
    if hasattr(os, "nice"):
        try:
            os.nice(10)
        except OSError:
            pass


def shutdown() -> None:
    global _executor
    if _executor is not None:
        _executor.shutdown(wait=True, cancel_futures=True)
        _executor = None


def cleaner_for(recipe: Recipe) -> Cleaner:
    return corpus_cleaner_for(recipe).cleaner


def corpus_cleaner_for(recipe: Recipe, templates: TemplateCounts | None = None) -> CorpusCleaner:
    """One cleaner per worker while the recipe stays: the line rules, the document rules, and the site
    templates judged from `templates` (the counts the window sent for this chunk; none at import)."""
    global _cleaner
    if _cleaner is None or _cleaner[0] != recipe:
        _cleaner = (recipe, CorpusCleaner(recipe))
    corpus = _cleaner[1]
    counts = templates if templates is not None else TemplateCounts()
    corpus.templates = counts
    for rule in corpus.cleaner.rules:
        if isinstance(rule, SiteTemplates):
            rule.counts = counts
    return corpus


def document_warnings(document: Document) -> list[Problem]:
    """What the reader noticed about a document it still imported (a very long line split, bytes replaced):
    the table flags the document, so the Problems panel must list why."""
    return [Problem(document.source, message, document.record, fatal=False) for message in document.warnings]


@dataclass
class ReadChunk:
    """Documents (with their first figures) and problems of some files, in file order."""

    documents: list[tuple[Document, DocStats]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_files(paths: tuple[str, ...]) -> tuple[list[tuple[str, str, int]], list[Problem]]:
    """(path, source, size) of every file to read under `paths`, and what could not be walked.

    In a worker too: walking ten thousand files is a second of Python that would compete with the GUI."""
    files: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    for item in discover(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        path, source = item
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        files.append((str(path), source, size))
    return files, problems


def read_and_clean(files: list[tuple[str, str]], options: ReadOptions, recipe: Recipe, generation: int) -> ReadChunk:
    """Read (path, source) files and give each document its first clean."""
    corpus = corpus_cleaner_for(recipe)
    chunk = ReadChunk()
    for path, source in files:
        try:
            for item in read_file(Path(path), source, options):
                if isinstance(item, Problem):
                    chunk.problems.append(item)
                    continue
                cleaned = corpus.clean(item)
                chunk.documents.append((as_kept(item), corpus_stats(corpus, cleaned, generation, PageKeys.of(item))))
                chunk.problems.extend(document_warnings(item))
                chunk.problems.extend(cleaned.problems)
        except Exception as exc:  # a reader bug must cost one file, not the batch
            chunk.problems.append(Problem(source, f"could not be read ({type(exc).__name__}: {exc})"))
    return chunk


def as_kept(document: Document) -> Document:
    """The document as the window keeps it: a text document without its `content`, which holds the same text
    as its lines and is read by nothing the window does (a third of a document's memory: 300 MB at 100,000
    documents). An HTML page keeps its markup: selector rules and another extractor read it again."""
    return document if document.is_html or not document.content else replace(document, content="")


def count(documents: list[Document], recipe: Recipe, generation: int, templates: TemplateCounts | None = None) -> list[DocStats]:
    """Figures of each document under `recipe` (a recount after an edit), site templates judged by `templates`."""
    corpus = corpus_cleaner_for(recipe, templates)
    return [corpus_stats(corpus, corpus.clean(doc), generation) for doc in documents]


def deduplicate(signatures: list[Signature], recipe: Recipe) -> DedupResult:
    """The near-duplicate clusters among the signatures, with the recipe's settings (empty when it is off)."""
    if not recipe.enabled(NearDuplicates.id):
        return DedupResult()
    settings = NearDuplicates(**recipe.setting(NearDuplicates.id).values).settings()
    return near_duplicates.deduplicate([near_duplicates.with_minhash(sig, settings) for sig in signatures], settings)


# The signatures of a whole corpus (100,000 documents: 150 MB pickled) and its duplicates do not travel as one
# message: the process pool would pickle them in one call, holding the GIL for seconds (pickling runs no
# bytecode, so the GUI thread never gets a turn), and hold the whole pickle in memory. They go through files
# instead, one small pickle per slice, and the thread writing or reading them lets go of the GIL between slices.
SLICE = 100  # signatures or verdicts per pickle: a few milliseconds to pickle or unpickle, even on a busy machine


def dump_slices(path: Path, slices: Iterable[Any], cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Each of `slices` pickled on its own into `path`; False (the file incomplete) if `cancelled()` meanwhile."""
    with path.open("wb") as handle:
        for part in slices:
            if cancelled():
                return False
            pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return True


def load_slices(path: Path) -> Iterator[Any]:
    return load_each(path)


def in_slices(items: Sequence[T]) -> Iterator[Sequence[T]]:
    return (items[start : start + SLICE] for start in range(0, len(items), SLICE))


def deduplicate_files(signatures: Path, result: Path, recipe: Recipe) -> None:
    """`deduplicate` from and to files: the signatures are read from `signatures` (slices of them), the result is
    written to `result` as slices of each of its tables, (field name, [(key, value), …]), for `load_dedup_result`."""
    found = deduplicate([sig for part in load_slices(signatures) for sig in part], recipe)
    tables = [(name, list(getattr(found, name).items())) for name in DEDUP_TABLES]
    dump_slices(result, ((name, part) for name, items in tables for part in in_slices(items)))


DEDUP_TABLES = ("clusters", "cluster_of", "dropped")


def load_dedup_result(path: Path, cancelled: Callable[[], bool] = lambda: False) -> DedupResult | None:
    result = DedupResult()
    for name, part in load_slices(path):
        if cancelled():
            return None
        getattr(result, name).update(part)
    return result


def clean(documents: list[Document], recipe: Recipe) -> list[Cleaned]:
    """Cleaned documents, for an export or a preview too large for the GUI thread."""
    cleaner = cleaner_for(recipe)
    return [cleaner.clean(doc) for doc in documents]


_corpus_cleaner: tuple[str, Cleaner] | None = None  # per worker process and export run


def clean_corpus(documents: list[Document], recipe: Recipe, templates: TemplateCounts, run: str) -> list[Cleaned]:
    """Cleaned for an export: line rules with the site-template counts, and the document rules (the same
    cleaning as `winnow clean`; the near-duplicates are judged by the caller over every result)."""
    global _corpus_cleaner
    if _corpus_cleaner is None or _corpus_cleaner[0] != run:
        _corpus_cleaner = (run, CorpusCleaner(recipe, templates=templates).cleaner)
    return [_corpus_cleaner[1].clean(doc) for doc in documents]


def clean_for_preview(document: Document, recipe: Recipe, generation: int, templates: TemplateCounts | None = None) -> tuple[Cleaned, DocStats]:
    """The preview of a big document: the result travels without the document and its unchanged lines
    (the window has both), so a page of megabytes crosses the process boundary once, not three times."""
    corpus = corpus_cleaner_for(recipe, templates)
    cleaned = corpus.clean(document)
    stats = corpus_stats(corpus, cleaned, generation)
    same_lines = cleaned.lines is document.lines or cleaned.lines == document.lines
    return replace(cleaned, document=None, lines=None if same_lines else cleaned.lines), stats  # type: ignore[arg-type]


def restore_preview(slim: Cleaned, document: Document) -> Cleaned:
    return replace(slim, document=document, lines=document.lines if slim.lines is None else slim.lines)


def removed_by(documents: list[Document], recipe: Recipe, rule_id: str, templates: TemplateCounts | None = None) -> list[tuple[int, int, str]]:
    """(position in `documents`, line index, line) of every line `rule_id` removed: the corpus-wide list, site
    templates judged by `templates` as in a recount."""
    cleaner = corpus_cleaner_for(recipe, templates) if templates is not None else cleaner_for(recipe)
    out: list[tuple[int, int, str]] = []
    for n, doc in enumerate(documents):
        cleaned = cleaner.clean(doc)
        out.extend((n, row, cleaned.lines[row]) for row, r in enumerate(cleaned.removals) if r is not None and r.rule_id == rule_id)
    return out
