"""Readers turn files into Documents. A file that cannot be read becomes a Problem naming it; the batch goes on.

Public API (used by the command line and the window):
    read_paths(paths, options, exclude, cancelled, progress) -> iterator of Document | Problem
    discover(paths, exclude) -> iterator of (file path, source) | Problem
    read_file(path, source, options) -> iterator of Document | Problem

Formats: .txt/.text/.md text; .html/.htm/.xhtml pages through html.extract_page; .json/.jsonl/.ndjson/
.csv/.tsv scraper outputs, one document per record; any of them gzipped (.gz). Which files are read,
skipped or sniffed: formats.py; folder walking and `source` names: discovery.py; encodings: decode.py;
record fields and metadata: records.py. Problems with fatal=False are warnings (the file still imported).
"""

from __future__ import annotations

import itertools
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

from winnow.core.model import Document, Problem
from winnow.readers.discovery import discover, discover_listed, every_nth
from winnow.readers.dispatch import read_file
from winnow.readers.options import ReadOptions

Progress = Callable[[int, int, str], None]  # (files done, files total, current source)


def read_paths(
    paths: Iterable[str | Path],
    options: ReadOptions = ReadOptions(),
    exclude: Iterable[str | Path] = (),
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
    listed: Iterable[str] = (),
    shard: tuple[int, int] = (1, 1),
) -> Iterator[Document | Problem]:
    """Every document under `paths` (files or folders, recursively), then of the files `listed`, in a stable order.

    Folders are walked as the files are read, at most `LOOK_AHEAD` files ahead, so a run over millions of
    files starts at once and holds only that many paths; `progress` is told before each file (its total
    is exact while the whole listing fits in the look-ahead, else the files found so far). Problems met
    while walking come before the next file's documents. `cancelled` is asked before each file and each
    record. `shard=(i, n)` reads only every n-th file found, starting with the i-th (1 ≤ i ≤ n), so n runs
    with i = 1…n share the files between them.
    """
    found = every_nth(itertools.chain(discover(paths, exclude, options.follow_links), discover_listed(listed)), *shard)
    ahead: deque[tuple[Path, str]] = deque()
    done = 0
    while True:
        for item in found:  # fill the look-ahead
            if isinstance(item, Problem):
                yield item
                continue
            ahead.append(item)
            if len(ahead) >= LOOK_AHEAD:
                break
        if not ahead:
            break
        path, source = ahead.popleft()
        if cancelled():
            return
        if progress:
            progress(done, done + len(ahead) + 1, source)
        done += 1
        try:
            for document in read_file(path, source, options):
                yield document
                if cancelled():
                    return
        except Exception as exc:  # a reader bug must cost one file, not the batch
            yield Problem(source, f"could not be read ({type(exc).__name__}: {exc})")
    if progress:
        progress(done, done, "")


LOOK_AHEAD = 100_000  # files found ahead of the one being read: an exact progress total for most corpora


__all__ = ["Document", "Problem", "ReadOptions", "discover", "read_file", "read_paths"]
