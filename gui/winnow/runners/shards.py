"""Shards: the unit of work of every runner. A shard is a few whole files, or one slice of a web archive or
of a big JSON Lines, CSV or TSV file (so one huge file still uses every core).

Shards come in discovery order, and a shard's results come in file and record order, so concatenating the
results of the shards in order gives exactly what `readers.read_paths` + `Cleaner.clean` give in one process.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from winnow.core.model import Cleaned, Document, Problem
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, discover, read_file
from winnow.readers.decode import Decoded
from winnow.readers.discovery import Found, discover_listed, every_nth
from winnow.readers.dispatch import html_document, read_record_slice, read_warc, text_document
from winnow.readers.formats import Kind, kind_of
from winnow.readers.splits import LineSlice, record_slices
from winnow.readers.warc import WarcSlice, warc_slices

FILES_PER_SHARD = 16  # small files: enough per task that process hand-over costs little
# …but no more than about this much input per task: ~8 web pages, a fraction of a second, so the cores finish
# together (with 8 MB, a run's last shard of HTML kept one core busy for seconds while the other waited)
BYTES_PER_SHARD = 1 << 20
SPLIT_FROM_BYTES = 1 << 20  # a JSON Lines, CSV or TSV file this large is read for where to split it
WARC_RECORDS_PER_SHARD = 500  # records of one archive or record file per task (or SLICE_BYTES)
SLICE_BYTES = 4 << 20  # (each slice reads the file's first MiB again to decode it the same way)


@dataclass(frozen=True)
class Shard:
    files: tuple[tuple[str, str], ...]  # (path, source), read whole and in this order
    warc: WarcSlice | None = None  # set: only this slice of the one archive in `files`
    lines: LineSlice | None = None  # set: only this slice of the one JSON Lines, CSV or TSV file in `files`
    size: int = 0  # bytes of input, for progress

    @property
    def label(self) -> str:
        return self.files[-1][1] if self.files else ""


def plan_shards(
    paths: Iterable[str | Path],
    exclude: Iterable[str | Path] = (),
    files_per_shard: int = FILES_PER_SHARD,
    warc_records: int = WARC_RECORDS_PER_SHARD,
    follow_links: bool = False,
    listed: Iterable[str] = (),
    share: tuple[int, int] = (1, 1),
    by_source: bool = False,
    max_file_bytes: int = ReadOptions.max_file_bytes,
) -> Iterator[Shard | Problem]:
    """The shards of every file under `paths` and of the files `listed`, and the problems met walking them.

    In discovery order, streaming (problems come before the next shard; a list of millions of files is never
    held). With `by_source`, the files are first sorted in corpus order (the order of their documents'
    (source, record)), so that shards, their results and parts written from them follow the corpus order the
    corpus stages export in, whatever order the inputs were given in; problems then come first.
    `share=(i, n)` keeps every n-th file from the i-th (`--shard`), counted after sorting with `by_source`."""
    found: Iterable[Found | Problem] = itertools.chain(discover(paths, exclude, follow_links), discover_listed(listed))
    if by_source:
        everything = list(found)
        problems = [item for item in everything if isinstance(item, Problem)]
        files = sorted((item for item in everything if not isinstance(item, Problem)), key=file_order)
        yield from problems
        found = files
    found = every_nth(found, *share)
    pending: list[tuple[str, str]] = []
    pending_size = 0
    for item in found:
        if isinstance(item, Problem):
            yield item
            continue
        path, source = item
        size = _size(path)
        if kind_of(path.name) is Kind.WARC:
            if pending:
                yield Shard(tuple(pending), size=pending_size)
                pending, pending_size = [], 0
            slices = warc_slices(path, warc_records)
            for part in slices:
                yield Shard(((str(path), source),), part if len(slices) > 1 else None, size=size // len(slices))
            continue
        pieces = record_slices(path, warc_records, SLICE_BYTES, max_file_bytes) if size >= SPLIT_FROM_BYTES else []
        if pieces:  # a big JSON Lines, CSV or TSV file: slices of it, each a shard
            if pending:
                yield Shard(tuple(pending), size=pending_size)
                pending, pending_size = [], 0
            for piece in pieces:
                yield Shard(((str(path), source),), lines=piece, size=piece.end - piece.offset)
            continue
        pending.append((str(path), source))
        pending_size += size
        if len(pending) >= files_per_shard or pending_size >= BYTES_PER_SHARD:
            yield Shard(tuple(pending), size=pending_size)
            pending, pending_size = [], 0
    if pending:
        yield Shard(tuple(pending), size=pending_size)


def file_order(found: Found) -> tuple[str, str]:
    """Where a file's documents fall in corpus order: at its source, or for a web archive (whose documents are
    `crawl.warc.gz#000000012-…`) just before its records."""
    path, source = found
    return (source + "#" if kind_of(path.name) is Kind.WARC else source, str(path))


def read_shard(shard: Shard, options: ReadOptions = ReadOptions()) -> Iterator[Document | Problem]:
    """The documents and problems of a shard; a reader bug costs one file, never the shard."""
    for path, source in shard.files:
        try:
            if shard.warc is not None:
                yield from read_warc(Path(path), source, options, shard.warc)
            elif shard.lines is not None:
                yield from read_record_slice(Path(path), source, options, shard.lines)
            else:
                yield from read_file(Path(path), source, options)
        except Exception as exc:
            yield Problem(source, f"could not be read ({type(exc).__name__}: {exc})")


def clean_shard(shard: Shard, cleaner: Cleaner, options: ReadOptions = ReadOptions()) -> list[Cleaned | Problem]:
    """Read and clean a shard, the results slimmed for the trip back to the writer (see `slim`)."""
    return [item if isinstance(item, Problem) else slim(cleaner.clean(item)) for item in read_shard(shard, options)]


WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Warm-up</h1>"
    "<p>A first paragraph of ordinary prose, long enough to be taken for the main content of the page.</p>"
    "<p>A second paragraph, so that extraction, alignment and every rule run once.</p></article></body></html>"
)


def warm_up(cleaner: Cleaner, html: bool = True) -> None:
    """Read and clean one small text, and one small page when `html`, so imports, lexicons and compiled
    patterns are loaded once in the parent: forked workers inherit them instead of each paying for them again.
    Without `html` the HTML extraction (trafilatura and its stop lists: a third of a second) is left to a worker
    that meets a page, since a corpus of text files never needs it."""
    try:
        for make in (html_document, text_document) if html else (text_document,):
            cleaner.clean(make(Path("warm-up.html"), "warm-up.html", Decoded(WARM_UP_PAGE, "utf-8"), ReadOptions()))
    except Exception:  # only an optimisation
        pass


def may_hold_html(shard: Shard) -> bool:
    """Whether reading `shard` may extract an HTML page: anything but plain text files may (a page, a record
    with an HTML field, a web archive, a file sniffed)."""
    return any(kind_of(Path(path).name) is not Kind.TEXT for path, _ in shard.files)


def slim(result: Cleaned) -> Cleaned:
    """A result with only what exporting needs. The raw page, the lines before rewriting and the analyse
    stage's working data (which holds the lexicons: ~100 kB pickled per document) are what pickling a
    result back to the writer, or into a spill file, would otherwise spend its time on."""
    doc = dataclasses.replace(result.document, content="", lines=[])
    return dataclasses.replace(result, document=doc, original=None, analysis=None)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
