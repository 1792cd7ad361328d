"""`winnow clean --dask ADDRESS|local`: the same recipe over a dask.distributed cluster.

Each shard (a few files, or a slice of a web archive) is one task per pass. Without the corpus stages a
task reads, cleans and writes its own part file (`part-00000.jsonl` … or `.parquet`) atomically and returns
only counts and problems. With them (the default recipe), the run takes the passes of `corpus_passes.py`,
as datatrove and NeMo Curator structure a distributed dedup:

1. count (when the site-template rule is on): tasks read their shards, spill what they read and return
   each page's line hashes; the client adds them into the site-template counts and scatters them.
2. clean (map): tasks clean and judge their shards, spill the results in corpus order, write each
   document's MinHash to `minhash-00000.npz`, and return counts, problems and the signatures.
3. bands (group-by): the LSH bands are split among tasks; each reads its bands of every shard's MinHashes,
   groups equal band values and returns the candidate pairs.
4. resolve (on the client): candidates verified on the shingle sets, clusters, the copy each keeps.
5. write (filter): each task writes its shard's kept documents to its part and the ones left out to
   `_rejected/part-…`, with their verdicts.

Spills live in `.winnow-work/` inside the output folder (a folder every worker sees) until the run ends.
Then the client writes `_manifest.json` (the parts in order with their documents and inputs) and removes
parts left over from an earlier, larger run. A part's name is its shard's position, and every task only
replaces files atomically, so a task that Dask retries after losing a worker writes the same bytes again:
no document is lost or written twice, and re-running gives identical parts. The parts concatenated in
order are byte-identical to the single-file JSONL export of `winnow clean --jobs N` with the same recipe
(shards are planned in corpus order when the corpus stages are on).

Workers need Winnow installed in the same version (`pip install` it in the cluster's environment); the
inputs and the output folder must be on a file system every worker sees.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from winnow import __version__
from winnow.core.model import Cleaned, Problem
from winnow.corpus.near_duplicates import DedupResult, DedupSettings, matches, pairs_in_bands, representatives, resolve
from winnow.corpus.run import CorpusCleaner, apply_duplicates
from winnow.corpus.templates import PageLines, TemplateCounts
from winnow.export import ExportError, ExportOptions, export_corpus
from winnow.export.atomic import FOLDER_MARKER, atomic_write_text
from winnow.export.manifest import SIDECAR_SUFFIX
from winnow.pipeline import Cleaner, CorpusCounts
from winnow.readers import ReadOptions
from winnow.recipe import Recipe
from winnow.runners.corpus_passes import ShardSummary, clean_shard_to_spill, clean_spill, count_shard, counts_templates, load, uses_corpus_stages
from winnow.runners.shards import Shard, clean_shard, plan_shards

REJECTED = "_rejected"  # the documents left out, in parts of the same names (skipped by dataset readers)
WORK = ".winnow-work"  # spill files while a run with the corpus stages lasts
MANIFEST = "_manifest.json"  # "_" first: Arrow, pandas and Spark skip it when reading the folder as a dataset
PART_FORMATS = ("jsonl", "parquet")  # formats whose parts concatenate (JSONL) or load as one dataset (Parquet)


@dataclass
class PartResult:
    index: int
    file: str
    inputs: list[str]
    counts: CorpusCounts
    written: int  # documents in the part (fewer than counts.documents with --skip-empty, or left out)
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0  # documents left out by the corpus stages, in `_rejected/` under the same name


def part_name(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{fmt}"


# ---------------------------------------------------------------- on the worker

_cleaners: dict[str, tuple[Recipe, Cleaner]] = {}


def clean_part(shard: Shard, index: int, recipe: Recipe, recipe_key: str, read_options: ReadOptions, export_options: ExportOptions, out_dir: str) -> PartResult:
    """Read, clean and write one shard's part atomically (a task: safe to run again)."""
    if recipe_key not in _cleaners:  # one Cleaner per worker process and recipe, not one per task
        _cleaners.clear()
        _cleaners[recipe_key] = (recipe, Cleaner(recipe))
    cleaner = _cleaners[recipe_key][1]
    counts = CorpusCounts()
    problems: list[Problem] = []
    documents: list[Cleaned] = []
    for item in clean_shard(shard, cleaner, read_options):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        problems.extend(Problem(item.document.source, w, item.document.record, fatal=False) for w in item.document.warnings)
        problems.extend(item.problems)
        counts.add(item)
        documents.append(item)
    name = part_name(index, export_options.format)
    summary = export_corpus(documents, Path(out_dir) / name, export_options)
    return PartResult(index, name, [source for _, source in shard.files], counts, summary.documents, problems)


# ---------------------------------------------------------------- corpus passes, on the workers

_corpora: dict[str, tuple[CorpusCleaner, set[str]]] = {}


def _corpus(run: str, recipe: Recipe, counts: TemplateCounts | None) -> tuple[CorpusCleaner, set[str]]:
    """One CorpusCleaner per worker process and run (rules built and counts attached once, not per shard)."""
    if run not in _corpora:
        _corpora.clear()
        _corpora[run] = (CorpusCleaner(recipe, templates=counts), set())
    return _corpora[run]


def count_part(index: int, shard: Shard, read_options: ReadOptions, work: str, keep_pages: bool) -> list[PageLines]:
    return count_shard(index, shard, read_options, Path(work), keep_pages)


def clean_corpus_part(
    index: int, shard: Shard, run: str, recipe: Recipe, read_options: ReadOptions, work: str, counts: TemplateCounts | None, recipe_label: str
) -> ShardSummary:
    """The map step: clean a shard into its spill, its MinHashes to a file for the band step; the signatures
    travel back without their MinHash (verifying uses the shingles)."""
    corpus, reported = _corpus(run, recipe, counts)
    summary = clean_shard_to_spill(index, shard, corpus, read_options, Path(work), counts is not None, recipe_label, reported)
    comparable = representatives(summary.signatures, corpus.dedup) if corpus.dedup else []  # (copies across shards: band_part)
    matrix = np.stack([sig.hashvalues for sig in comparable]) if comparable else np.empty((0, 0), dtype=np.uint32)
    path = minhash_file(Path(work), index)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        np.savez(
            handle,
            keys=np.array([sig.key for sig in comparable], dtype=str),
            digests=np.array([sig.digest.hex() for sig in comparable], dtype=str),
            matrix=matrix,
        )
    os.replace(tmp, path)
    summary.signatures = [dataclasses.replace(sig, hashvalues=np.empty(0, dtype=np.uint32)) for sig in summary.signatures]
    return summary


def minhash_file(work: Path, index: int) -> Path:
    return work / f"minhash-{index:06d}.npz"


def band_part(bands: list[int], shards: int, work: str, settings: DedupSettings) -> set[tuple[str, str]]:
    """The group-by step: these LSH bands of every document of every shard, the pairs that share one."""
    keys: list[str] = []
    blocks = []
    seen: set[str] = set()  # one document per exact content, as `representatives` picks them
    distinct = set(settings.distinct_ids)
    for index in range(shards):  # shards in corpus order: the first copy of a content is kept
        with np.load(minhash_file(Path(work), index)) as data:
            rows = []
            for row, (key, digest) in enumerate(zip(data["keys"].tolist(), data["digests"].tolist())):
                if key not in distinct:
                    if digest in seen:
                        continue
                    seen.add(digest)
                keys.append(key)
                rows.append(row)
            if rows:
                blocks.append(data["matrix"][rows])
    if len(keys) < 2:
        return set()
    return pairs_in_bands(keys, np.concatenate(blocks), bands, settings)


def write_corpus_part(
    index: int, inputs: list[str], counts: CorpusCounts, duplicates: DedupResult, export_options: ExportOptions, out: str, work: str
) -> PartResult:
    """The filter step: a shard's spill with its verdicts, kept documents to its part, the others to `_rejected/`."""
    spill = clean_spill(Path(work), index)

    def documents():
        for item in load(spill):
            apply_duplicates(item, duplicates)
            yield item

    name = part_name(index, export_options.format)
    left_out: Counter[str] = Counter()

    def kept():
        for item in documents():
            if item.in_corpus:
                yield item
            elif item.dropped:
                left_out[item.dropped.rule_id] += 1

    written = export_corpus(kept(), Path(out) / name, export_options)
    rejected_options = export_options.for_rejected(export_options.format)
    rejected = export_corpus((d for d in documents() if not d.in_corpus), Path(out) / REJECTED / name, rejected_options)
    counts = dataclasses.replace(counts, left_out=left_out)
    return PartResult(index, name, inputs, counts, written.documents, rejected=rejected.documents)


# ---------------------------------------------------------------- on the client

Progress = Callable[[str, int], None]  # (step, documents it cleaned): one call per finished task


def run_parts(
    client,
    shards: Sequence[Shard],
    recipe: Recipe,
    read_options: ReadOptions,
    export_options: ExportOptions,
    out_dir: Path,
    on_task: Progress | None = None,
    recipe_label: str = "recipe",
) -> tuple[list[PartResult], list[Problem]]:
    """Every shard cleaned and written (the corpus passes when the recipe has corpus stages): the parts in
    shard order, and the problems met."""
    run = uuid.uuid4().hex[:8]
    shared_recipe = client.scatter(recipe, broadcast=True)
    if not uses_corpus_stages(recipe):
        parts = _gather(
            client,
            [
                client.submit(
                    clean_part,
                    shard,
                    i,
                    shared_recipe,
                    f"{run}-recipe",
                    read_options,
                    export_options,
                    str(out_dir),
                    key=f"winnow-part-{i:05d}-{run}",
                    retries=2,
                )
                for i, shard in enumerate(shards)
            ],
            "clean",
            on_task,
        )
        return parts, [x for p in parts for x in p.problems]
    work = out_dir / WORK
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run_corpus(client, run, shards, recipe, shared_recipe, read_options, export_options, out_dir, work, on_task, recipe_label)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_corpus(client, run, shards, recipe, shared_recipe, read_options, export_options, out_dir, work, on_task, recipe_label):
    corpus = CorpusCleaner(recipe)
    counts = None
    if counts_templates(recipe):
        keep_pages = bool(recipe.custom.selectors)
        futures = [
            client.submit(count_part, i, shard, read_options, str(work), keep_pages, key=f"winnow-count-{i:05d}-{run}", retries=2)
            for i, shard in enumerate(shards)
        ]
        for pages in _gather(client, futures, "count", on_task):
            for page in pages:
                corpus.templates.add_page(page)
        counts = client.scatter(corpus.templates, broadcast=True)
    futures = [
        client.submit(
            clean_corpus_part, i, shard, run, shared_recipe, read_options, str(work), counts, recipe_label, key=f"winnow-clean-{i:05d}-{run}", retries=2
        )
        for i, shard in enumerate(shards)
    ]
    summaries: list[ShardSummary] = _gather(client, futures, "clean", on_task)
    problems: list[Problem] = []
    run_problems: set[str] = set()  # a regex switched off is reported by every worker that switched it off
    for summary in summaries:
        for problem in summary.problems:
            if problem.source == recipe_label and problem.record is None:
                if problem.message in run_problems:
                    continue
                run_problems.add(problem.message)
            problems.append(problem)
    duplicates = DedupResult()
    if corpus.dedup is not None:
        settings = corpus.dedup
        bands = list(range(settings.lsh_shape[0]))
        groups = [bands[i : i + BANDS_PER_TASK] for i in range(0, len(bands), BANDS_PER_TASK)]
        futures = [
            client.submit(band_part, group, len(shards), str(work), settings, key=f"winnow-bands-{n:03d}-{run}", retries=2) for n, group in enumerate(groups)
        ]
        pairs: set[tuple[str, str]] = set().union(*_gather(client, futures, "bands", on_task))
        signatures = sorted((sig for s in summaries for sig in s.signatures), key=lambda sig: sig.order)
        duplicates = resolve(signatures, matches(signatures, pairs, settings), settings)
    shard_of = {sig.key: s.index for s in summaries for sig in s.signatures}
    futures = [
        client.submit(
            write_corpus_part,
            s.index,
            [source for _, source in shards[s.index].files],
            s.counts,
            _only(duplicates, shard_of, s.index),
            export_options,
            str(out_dir),
            str(work),
            key=f"winnow-write-{s.index:05d}-{run}",
            retries=2,
        )
        for s in summaries
    ]
    return _gather(client, futures, "write", on_task), problems


BANDS_PER_TASK = 4


def _only(duplicates: DedupResult, shard_of: dict[str, int], index: int) -> DedupResult:
    """The verdicts of one shard's documents: what its write task needs, not the whole corpus's."""
    return DedupResult(
        cluster_of={k: v for k, v in duplicates.cluster_of.items() if shard_of.get(k) == index},
        dropped={k: v for k, v in duplicates.dropped.items() if shard_of.get(k) == index},
    )


def _gather(client, futures: list, step: str, on_task: Progress | None) -> list:
    """The results of `futures` in their order, `on_task` told as each finishes."""
    from dask.distributed import as_completed

    results: dict[str, Any] = {}
    try:
        for future in as_completed(futures):
            result = future.result()
            results[future.key] = result
            if on_task:
                on_task(step, _documents(result) if step == "clean" else 0)
    finally:
        client.cancel(futures)
    return [results[f.key] for f in futures]


def _documents(result: Any) -> int:
    """Documents a clean task cleaned (a streaming part or a corpus shard)."""
    if isinstance(result, PartResult):
        return result.counts.documents
    return result.documents if isinstance(result, ShardSummary) else 0


@contextlib.contextmanager
def connect(address: str, workers: int) -> Iterator:
    """A Client for `address`, or for a LocalCluster of `workers` processes when address is `local`."""
    from dask.distributed import Client, LocalCluster

    if address == "local":
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(address, timeout="20s") as client:
            yield client


def prepare_output(out: Path, inputs: Sequence[str]) -> None:
    """An empty, new or earlier Winnow output folder that holds no input; its old manifest goes first,
    so a run that fails half-way never leaves a manifest that describes parts it did not write."""
    target = out.resolve()
    for item in inputs:
        path = Path(item).resolve()
        if path == target or path.is_relative_to(target):
            raise ExportError(f"{out} holds the input {item}; choose another output folder")
    if out.exists():
        if not out.is_dir():
            raise ExportError(f"{out} is a file; --dask writes a folder of parts: give a folder name")
        if any(out.iterdir()) and not (out / FOLDER_MARKER).exists():
            raise ExportError(f"{out} is a non-empty folder that Winnow did not write; choose an empty or new folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / FOLDER_MARKER).write_text("This folder was written by Winnow; a new export may replace it.\n", encoding="utf-8")
        (out / MANIFEST).unlink(missing_ok=True)
        shutil.rmtree(out / WORK, ignore_errors=True)  # spills of a run that was killed
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None


def finish_output(out: Path, parts: list[PartResult], problems: list[Problem], export_options: ExportOptions) -> None:
    """The manifest, then away with parts an earlier run left and temporary files of killed tasks."""
    manifest = {
        "winnow": __version__,
        "format": export_options.format,
        "documents": sum(p.written for p in parts),
        "left_out": sum(p.rejected for p in parts),
        "parts": [{"file": p.file, "documents": p.written, "left_out": p.rejected, "inputs": p.inputs} for p in parts],
        "problems": [str(p) for p in problems if p.fatal],
    }
    atomic_write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    listed = {p.file for p in parts}
    for folder in (out, out / REJECTED):
        for leftover in folder.iterdir() if folder.is_dir() else ():
            name = leftover.name.removeprefix(".").removesuffix(SIDECAR_SUFFIX)  # a part, or its export sidecar
            stale_part = name.startswith("part-") and name not in listed
            if stale_part or (leftover.name.startswith(".part-") and leftover.name.endswith(".part")):
                leftover.unlink(missing_ok=True)
    if not any(p.rejected for p in parts):
        shutil.rmtree(out / REJECTED, ignore_errors=True)


def merged_counts(parts: list[PartResult]) -> CorpusCounts:
    total = CorpusCounts()
    for part in parts:
        total.merge(part.counts)
    return total


class SchedulerUnreachable(OSError):
    """No Dask scheduler answers at the address given."""


def part_format(export_options: ExportOptions, format_given: bool) -> ExportOptions:
    """The options for parts: JSONL when the format was only guessed from a folder name."""
    if not format_given and export_options.format not in PART_FORMATS:
        export_options = dataclasses.replace(export_options, format="jsonl")
    if export_options.format not in PART_FORMATS:
        raise ExportError(f"--dask writes parts as {' or '.join(PART_FORMATS)}; give --format jsonl or parquet")
    return export_options


def output_folder(output: str) -> Path:
    """`-o corpus.jsonl` names the folder `corpus`: parts are many files."""
    out = Path(output)
    return out.with_suffix("") if out.suffix.lower() in (".jsonl", ".parquet", ".json") else out


def clean_on_dask(
    address: str,
    workers: int,
    inputs: list[str],
    recipe: Recipe,
    read_options: ReadOptions,
    export_options: ExportOptions,
    out: Path,
    progress: bool,
    listed: Iterable[str] = (),
    share: tuple[int, int] = (1, 1),
    recipe_label: str = "recipe",
) -> tuple[list[PartResult], list[Problem]]:
    """Run the recipe over `inputs` (and the `listed` files) on the cluster at `address` (or `local`) into the
    folder `out`: the parts written, and the problems met. Raises ExportError or SchedulerUnreachable."""
    prepare_output(out, inputs)
    corpus = uses_corpus_stages(recipe)
    plan = list(
        plan_shards(
            inputs,
            exclude=[out],
            follow_links=read_options.follow_links,
            listed=listed,
            share=share,
            by_source=corpus,
            max_file_bytes=read_options.max_file_bytes,
        )
    )
    shards = [s for s in plan if isinstance(s, Shard)]
    walk_problems = [p for p in plan if isinstance(p, Problem)]
    steps = 1 + (corpus and counts_templates(recipe)) + (corpus and 1)  # clean, count, write (bands are few)
    bar = PartProgress(enabled=progress, total=steps * len(shards))
    try:
        with connect(address, workers) as client:
            parts, problems = run_parts(client, shards, recipe, read_options, export_options, out, bar.done, recipe_label)
    except OSError as exc:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    finally:
        bar.close()
    finish_output(out, parts, walk_problems + problems, export_options)
    return parts, walk_problems + problems


class PartProgress:
    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total
        self.documents, self.started = 0, time.monotonic()
        self.bar: Any = None  # a tqdm bar, made at the first task

    def done(self, step: str, documents: int) -> None:
        self.documents += documents
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="task", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)
        rate = self.documents / max(time.monotonic() - self.started, 1e-6)
        if step != "bands":
            self.bar.update(1)
        self.bar.set_postfix_str(f"{step}: {self.documents} docs cleaned, {rate:.1f} docs/s", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


__all__ = ["MANIFEST", "PartResult", "clean_on_dask", "clean_part", "connect", "run_parts"]
