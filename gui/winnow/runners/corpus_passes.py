"""The corpus stages (winnow.corpus) over shards and worker processes, in passes, with bounded memory.

A corpus stage judges a document against the whole corpus, so a run takes passes, the way datatrove and
NeMo Curator structure it:

1. count (only when the site-template rule is on): a task reads its shard, spills the documents read (so
   no page is read or extracted twice) and returns each page's line hashes; the runner adds them into the
   site-template counts.
2. clean (map): with the complete counts, a task cleans and judges its shard's documents (line rules,
   document rules), spills the slimmed results in corpus order and returns only counts, problems and the
   near-duplicate signatures (hashes, no text).
3. resolve: LSH candidates, verified on the shingle sets, clusters and the copy each keeps.
4. write (filter): the spills in corpus order, each document with its verdict; kept documents go to the
   export, the others to `--rejected`. For JSONL the workers render each shard's lines into part files
   (`render_task`) and the writer only appends them in order, so writing runs on every core too.

Shards are planned in corpus order (`plan_shards(by_source=True)`), so the spills follow one another in
corpus order; the writer still merges them by (source, record), so the result equals `CorpusCleaner.run`
(what the window exports) byte for byte for any number of processes and any order of the inputs.
The tasks are module-level and only ever replace files, so `runners.distributed` runs the same ones on a
Dask cluster, where a task may run twice.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import pickle
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from winnow.core.model import Cleaned, CorpusCounts, Document, Problem
from winnow.core.pickles import load_each
from winnow.core.scratch import scratch_folder
from winnow.corpus.near_duplicates import DedupResult, Signature, deduplicate
from winnow.corpus.run import CorpusCleaner, apply_duplicates, corpus_order
from winnow.corpus.sketch_library import import_datasketch
from winnow.corpus.templates import PageLines, TemplateCounts, page_lines
from winnow.export import ExportError, ExportOptions
from winnow.export.records import removal_rule_ids
from winnow.export.writers import jsonl_line
from winnow.readers import ReadOptions
from winnow.recipe import Recipe
from winnow.rules.documents import CORPUS_RULES
from winnow.rules.templates import SiteTemplates
from winnow.runners.local import ordered_map
from winnow.runners.shards import Shard, read_shard, slim

Order = tuple[str, int, str]
ShardCleaned = Callable[[Shard, int], None]  # (shard, documents it gave): progress


def counts_templates(recipe: Recipe) -> bool:
    return recipe.enabled(SiteTemplates.id)


def uses_corpus_stages(recipe: Recipe) -> bool:
    """Site templates, near-duplicates or a document rule: the run then sees the whole corpus before exporting."""
    return counts_templates(recipe) or any(recipe.enabled(rule.id) for rule in CORPUS_RULES)


# ---------------------------------------------------------------- spill files


def dump(path: Path, items: Iterable) -> None:
    """One pickle per item (each self-contained, so a reader holds one item at a time). The file appears whole
    or not at all, so a task killed while writing leaves nothing that a retry or the writer could misread."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        for item in items:
            pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def load(path: Path) -> Iterator:
    return load_each(path)


def read_spill(work: Path, index: int) -> Path:
    return work / f"read-{index:06d}.pickle"


def clean_spill(work: Path, index: int) -> Path:
    return work / f"clean-{index:06d}.pickle"


# ---------------------------------------------------------------- the tasks


def count_shard(index: int, shard: Shard, options: ReadOptions, work: Path, keep_pages: bool) -> list[PageLines]:
    """Pass 1: read a shard, spill what was read, return its pages' line hashes. The raw page is spilled only
    when the recipe's CSS selectors need it (cleaning judges the lines already extracted)."""
    pages: list[PageLines] = []

    def read() -> Iterator[Document | Problem]:  # streamed into the spill: a shard may be one huge JSONL file
        for item in read_shard(shard, options):
            if isinstance(item, Document):
                pages.append(page_lines(item))
                if not keep_pages:
                    item = replace(item, content="")
            yield item

    dump(read_spill(work, index), read())
    return pages


@dataclass
class ShardSummary:
    """What the clean pass returns of a shard: no text, only what the run needs to decide and report."""

    index: int
    counts: CorpusCounts = field(default_factory=CorpusCounts)
    problems: list[Problem] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    documents: int = 0
    first: Order | None = None  # corpus order of its first and last document
    last: Order | None = None


def clean_shard_to_spill(
    index: int, shard: Shard, corpus: CorpusCleaner, options: ReadOptions, work: Path, counted: bool, recipe_label: str, reported: set[str]
) -> ShardSummary:
    """Pass 2: clean a shard (from the spill of pass 1 when there was one), spill the results in corpus order."""
    summary = ShardSummary(index)
    items = load(read_spill(work, index)) if counted else read_shard(shard, options)
    in_order = True

    def cleaned() -> Iterator[Cleaned]:
        nonlocal in_order
        for item in items:
            if isinstance(item, Problem):
                summary.problems.append(item)
                continue
            result = corpus.clean(item)
            doc = result.document
            summary.problems.extend(Problem(doc.source, w, doc.record, fatal=False) for w in doc.warnings)
            summary.problems.extend(result.problems)
            if not result.failed:  # a failed document is reported, not counted as cleaned (nor exported)
                summary.counts.add(result)
            if corpus.signs(result):
                summary.signatures.append(corpus.signature(result))
            key = corpus_order(result)
            if summary.last is not None and key < summary.last:
                in_order = False
            summary.first = key if summary.first is None else min(summary.first, key)
            summary.last = key if summary.last is None else max(summary.last, key)
            summary.documents += 1
            yield slim(result)

    path = clean_spill(work, index)
    dump(path, cleaned())
    if not in_order:  # files whose documents interleave (a file named like another's records): sort them here
        dump(path, sorted(load(path), key=corpus_order))
    for message in corpus.cleaner.run_problems():  # a user regex this process switched off for its time budget
        if message not in reported:
            reported.add(message)
            summary.problems.append(Problem(recipe_label, message))
    return summary


def clean_task(recipe: Recipe, options: ReadOptions, work: Path, counts: TemplateCounts | None, recipe_label: str) -> Callable:
    """The clean pass's task for a pool of processes, built once per process (one CorpusCleaner)."""
    corpus = CorpusCleaner(recipe, templates=counts)
    reported: set[str] = set()

    def run(entry: tuple[int, Shard]) -> ShardSummary:
        index, shard = entry
        summary = clean_shard_to_spill(index, shard, corpus, options, work, counts is not None, recipe_label, reported)
        read_spill(work, index).unlink(missing_ok=True)  # read again by no one (a Dask task keeps it for a retry)
        return summary

    return run


def count_task(options: ReadOptions, work: Path, keep_pages: bool) -> Callable:
    def run(entry: tuple[int, Shard]) -> list[PageLines]:
        return count_shard(entry[0], entry[1], options, work, keep_pages)

    return run


# ---------------------------------------------------------------- writing in corpus order


def merged(spills: list[tuple[Order, Path]]) -> Iterator[Cleaned]:
    """The spilled documents of every shard in corpus order. Each spill is in order and, planned by source,
    they follow one another, so a spill is opened only when its first document is next: one or two are
    open at a time, however many shards there are."""
    waiting = sorted(spills, key=lambda entry: entry[0], reverse=True)  # the next spill to open last
    heap: list[tuple[Order, int, Cleaned, Iterator[Cleaned]]] = []
    opened = 0
    while waiting or heap:
        while waiting and (not heap or waiting[-1][0] <= heap[0][0]):
            _, path = waiting.pop()
            reader = load(path)
            first = next(reader, None)
            if first is not None:
                heapq.heappush(heap, (corpus_order(first), opened, first, reader))
                opened += 1
        _, n, item, reader = heapq.heappop(heap)
        following = next(reader, None)
        if following is not None:
            heapq.heappush(heap, (corpus_order(following), n, following, reader))
        yield item


@dataclass
class Rendered:
    """A shard's export lines, rendered by a worker: its kept documents, the documents left out (when asked
    for), and how many each document rule left out."""

    kept: Path
    dropped: Path | None
    left_out: Counter[str]


def render_task(work: Path, duplicates: DedupResult, options: ExportOptions, rejected: ExportOptions | None) -> Callable:
    """The write pass's task: a shard's clean spill with its verdicts, as JSONL lines in part files. What it
    writes is what `export_corpus` writes of the same documents (the failed ones never, the empty ones as asked)."""
    rule_ids = removal_rule_ids()

    def run(index: int) -> Rendered:
        done = Rendered(work / f"kept-{index:06d}.jsonl", work / f"dropped-{index:06d}.jsonl" if rejected else None, Counter())
        with contextlib.ExitStack() as files:
            kept = files.enter_context(_part(done.kept))
            dropped = files.enter_context(_part(done.dropped)) if done.dropped else None
            for item in load(clean_spill(work, index)):
                apply_duplicates(item, duplicates)
                if item.in_corpus:
                    if not item.failed and not (options.skip_empty and item.lines_kept == 0):
                        kept.write(jsonl_line(item, options, rule_ids))
                    continue
                if item.dropped:
                    done.left_out[item.dropped.rule_id] += 1
                if dropped is not None and rejected is not None and not item.failed:
                    dropped.write(jsonl_line(item, rejected, rule_ids))
        return done

    return run


def _part(path: Path):
    return path.open("w", encoding="utf-8", errors="replace", newline="\n")  # as the export's own file


@dataclass
class CorpusRun:
    """A corpus cleaned into spill files, with its near-duplicate verdicts: iterate `kept()` and `dropped()`
    (each reads the spills again, one document at a time), then `close()`."""

    work: Path
    summaries: list[ShardSummary] = field(default_factory=list)
    duplicates: DedupResult = field(default_factory=DedupResult)

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.summaries)

    def counts(self) -> CorpusCounts:
        total = CorpusCounts()
        for s in self.summaries:
            total.documents += s.counts.documents
            total.lines_kept += s.counts.lines_kept
            total.lines_removed += s.counts.lines_removed
            total.empty_documents += s.counts.empty_documents
            total.by_rule.update(s.counts.by_rule)
        return total

    def in_order(self) -> Iterator[Cleaned]:
        spills = [(s.first, clean_spill(self.work, s.index)) for s in self.summaries if s.first is not None]
        for item in merged(spills):
            apply_duplicates(item, self.duplicates)
            yield item

    def kept(self) -> Iterator[Cleaned]:
        return (item for item in self.in_order() if item.in_corpus)

    def dropped(self) -> Iterator[Cleaned]:
        return (item for item in self.in_order() if not item.in_corpus)

    def spills_follow_each_other(self) -> bool:
        """Whether each shard's documents all come before the next one's in corpus order (so the shards can be
        written one after the other; files named like another's records interleave, and are merged instead)."""
        ranges = sorted((s.first, s.last) for s in self.summaries if s.first is not None and s.last is not None)
        return all(last < first for (_, last), (first, _) in zip(ranges, ranges[1:]))

    def rendered(self, options: ExportOptions, rejected: ExportOptions | None, jobs: int) -> Iterator[Rendered]:
        """Every shard's export lines rendered over `jobs` processes, in corpus order (the spills must follow
        each other); each part file is removed by `close()` with the rest of the work folder."""
        shards = [s.index for s in sorted(self.summaries, key=lambda s: s.first or ("", 0, "")) if s.first is not None]
        for _, done in ordered_map(shards, render_task, (self.work, self.duplicates, options, rejected), jobs):
            assert done is not None
            yield done

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def work_folder(near: str | None) -> Path:
    """A hidden folder for the spills beside the export (its file system has room for the corpus; /tmp may
    be memory), or in the temporary folder when the export goes to standard output."""
    parent = os.path.dirname(os.path.abspath(near)) if near and near != "-" else None
    while parent and not os.path.exists(parent) and os.path.dirname(parent) != parent:  # the export makes it later
        parent = os.path.dirname(parent)
    try:  # (the spills of a killed run into the same folder go now)
        return scratch_folder(".winnow-work-", parent)
    except OSError as exc:  # the export could not be written there either: say so before cleaning anything
        raise ExportError(f"cannot write {near}: {exc.strerror or exc}") from None


def run_passes(
    plan: Iterable[Shard | Problem],
    recipe: Recipe,
    options: ReadOptions,
    jobs: int,
    near: str | None = None,
    on_shard: ShardCleaned | None = None,
    recipe_label: str = "recipe",
) -> tuple[CorpusRun, list[Problem]]:
    """Count, clean and resolve `plan` (shards planned by source) over `jobs` processes: the run, to be
    written and closed by the caller, and the problems met (walking, reading, cleaning) in shard order."""
    entries = numbered(plan)
    run = CorpusRun(work_folder(near))
    problems: list[Problem] = []
    try:
        corpus = CorpusCleaner(recipe)
        counts = None
        importing: threading.Thread | None = None
        if counts_templates(recipe):
            keep_pages = bool(recipe.custom.selectors)
            for entry, pages in ordered_map(entries, count_task, (options, run.work, keep_pages), jobs):
                if importing is None and corpus.dedup is not None and jobs > 1:  # the count pass's workers exist now
                    importing = threading.Thread(target=import_datasketch, daemon=True)
                    importing.start()  # (meanwhile the parent only adds up counts)
                for page in pages or ():
                    corpus.templates.add_page(page)
                if on_shard and not isinstance(entry, Problem):
                    on_shard(entry[1], 0)
            counts = corpus.templates
        if importing is not None:
            importing.join()
        if corpus.dedup is not None:  # datasketch loaded once here, before the workers fork
            import_datasketch()
        for entry, summary in ordered_map(entries, clean_task, (recipe, options, run.work, counts, recipe_label), jobs):
            if isinstance(entry, Problem):  # from walking the folders
                problems.append(entry)
                continue
            assert summary is not None
            problems.extend(summary.problems)
            summary.problems = []
            run.summaries.append(summary)
            if on_shard:
                on_shard(entry[1], summary.documents)
        if corpus.dedup is not None:
            signatures = [sig for s in run.summaries for sig in s.signatures]
            run.duplicates = deduplicate(signatures, corpus.dedup)
        for s in run.summaries:
            s.signatures = []
    except BaseException:
        run.close()
        raise
    return run, problems


def numbered(plan: Iterable[Shard | Problem]) -> list[tuple[int, Shard] | Problem]:
    """Shards numbered for their spill files (and parts); problems pass through."""
    entries: list[tuple[int, Shard] | Problem] = []
    n = 0
    for item in plan:
        if isinstance(item, Problem):
            entries.append(item)
        else:
            entries.append((n, item))
            n += 1
    return entries
