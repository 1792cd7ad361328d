"""`winnow clean --dask ADDRESS|local`: the same recipe over a dask.distributed cluster.

Each shard (a few files, or a slice of a web archive) is one task: the worker reads, cleans and writes its
own part file (`part-00000.jsonl` … or `.parquet`) atomically, and returns only counts and problems. When
every part is written, the client writes `manifest.json` (the parts in order with their documents and
inputs) and removes parts left over from an earlier, larger run. A part's name is its shard's position,
so a task that Dask retries after losing a worker rewrites the same part with the same bytes: no document
is lost or written twice, and re-running gives identical parts. The parts concatenated in order are
byte-identical to the single-file JSONL export of `winnow clean --jobs 1`.

Workers need Winnow installed in the same version (`pip install` it in the cluster's environment); the
inputs and the output folder must be on a file system every worker sees.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from winnow import __version__
from winnow.core.model import Cleaned, Problem
from winnow.export import ExportError, ExportOptions, export_corpus
from winnow.export.atomic import FOLDER_MARKER, atomic_write_text
from winnow.export.manifest import SIDECAR_SUFFIX
from winnow.pipeline import Cleaner, CorpusCounts
from winnow.readers import ReadOptions
from winnow.recipe import Recipe
from winnow.runners.shards import Shard, clean_shard, plan_shards

MANIFEST = "_manifest.json"  # "_" first: Arrow, pandas and Spark skip it when reading the folder as a dataset
PART_FORMATS = ("jsonl", "parquet")  # formats whose parts concatenate (JSONL) or load as one dataset (Parquet)


@dataclass
class PartResult:
    index: int
    file: str
    inputs: list[str]
    counts: CorpusCounts
    written: int  # documents in the part (fewer than counts.documents with --skip-empty)
    problems: list[Problem] = field(default_factory=list)


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


# ---------------------------------------------------------------- on the client


def run_parts(
    client,
    shards: Sequence[Shard],
    recipe: Recipe,
    read_options: ReadOptions,
    export_options: ExportOptions,
    out_dir: Path,
    on_done: Callable[[PartResult], None] | None = None,
) -> list[PartResult]:
    """Submit one task per shard, wait for all, return their results in shard order."""
    from dask.distributed import as_completed

    run = uuid.uuid4().hex[:8]
    recipe_key = f"{run}-recipe"
    shared_recipe = client.scatter(recipe, broadcast=True)
    futures = [
        client.submit(clean_part, shard, i, shared_recipe, recipe_key, read_options, export_options, str(out_dir), key=f"winnow-part-{i:05d}-{run}", retries=2)
        for i, shard in enumerate(shards)
    ]
    results: list[PartResult | None] = [None] * len(futures)
    try:
        for future in as_completed(futures):
            result = future.result()
            results[result.index] = result
            if on_done:
                on_done(result)
    finally:
        client.cancel(futures)
    return [r for r in results if r is not None]


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
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None


def finish_output(out: Path, parts: list[PartResult], walk_problems: list[Problem], export_options: ExportOptions) -> None:
    """The manifest, then away with parts an earlier run left and temporary files of killed tasks."""
    manifest = {
        "winnow": __version__,
        "format": export_options.format,
        "documents": sum(p.written for p in parts),
        "parts": [{"file": p.file, "documents": p.written, "inputs": p.inputs} for p in parts],
        "problems": [str(p) for p in walk_problems] + [str(x) for p in parts for x in p.problems if x.fatal],
    }
    atomic_write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    listed = {p.file for p in parts} | {MANIFEST, FOLDER_MARKER}
    for leftover in out.iterdir():
        name = leftover.name.removeprefix(".").removesuffix(SIDECAR_SUFFIX)  # a part, or its export sidecar
        stale_part = name.startswith("part-") and name not in listed
        if stale_part or (leftover.name.startswith(".part-") and leftover.name.endswith(".part")):
            leftover.unlink(missing_ok=True)


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
    address: str, workers: int, inputs: list[str], recipe: Recipe, read_options: ReadOptions, export_options: ExportOptions, out: Path, progress: bool
) -> tuple[list[PartResult], list[Problem]]:
    """Run the recipe over `inputs` on the cluster at `address` (or `local`) into the folder `out`: the parts
    written, and the problems of walking the inputs. Raises ExportError or SchedulerUnreachable."""
    prepare_output(out, inputs)
    plan = list(plan_shards(inputs, exclude=[out], follow_links=read_options.follow_links))
    shards = [s for s in plan if isinstance(s, Shard)]
    walk_problems = [p for p in plan if isinstance(p, Problem)]
    bar = PartProgress(enabled=progress, total=len(shards))
    try:
        with connect(address, workers) as client:
            parts = run_parts(client, shards, recipe, read_options, export_options, out, bar.done)
    except OSError as exc:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    finally:
        bar.close()
    finish_output(out, parts, walk_problems, export_options)
    return parts, walk_problems


class PartProgress:
    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total
        self.documents, self.started = 0, time.monotonic()
        self.bar: Any = None  # a tqdm bar, made at the first part

    def done(self, part: PartResult) -> None:
        self.documents += part.counts.documents
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="part", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)
        rate = self.documents / max(time.monotonic() - self.started, 1e-6)
        self.bar.update(1)
        self.bar.set_postfix_str(f"{self.documents} docs, {rate:.1f} docs/s", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


__all__ = ["MANIFEST", "PartResult", "clean_on_dask", "clean_part", "connect", "run_parts"]
