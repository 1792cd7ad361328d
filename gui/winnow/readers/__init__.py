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

from pathlib import Path
from typing import Callable, Iterable, Iterator

from winnow.core.model import Document, Problem
from winnow.readers.discovery import discover
from winnow.readers.dispatch import read_file
from winnow.readers.options import ReadOptions

Progress = Callable[[int, int, str], None]  # (files done, files total, current source)


def read_paths(
    paths: Iterable[str | Path],
    options: ReadOptions = ReadOptions(),
    exclude: Iterable[str | Path] = (),
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> Iterator[Document | Problem]:
    """Every document under `paths` (files or folders, recursively), in a stable order.

    Problems found while walking the folders come first; then each file's documents and problems.
    `cancelled` is asked before each file and each record; `progress` is told before each file.
    """
    found = list(discover(paths, exclude, options.follow_links))
    files = [f for f in found if not isinstance(f, Problem)]
    for walked in found:
        if isinstance(walked, Problem):
            yield walked
    for n, (path, source) in enumerate(files):
        if cancelled():
            return
        if progress:
            progress(n, len(files), source)
        try:
            for item in read_file(path, source, options):
                yield item
                if cancelled():
                    return
        except Exception as exc:  # a reader bug must cost one file, not the batch
            yield Problem(source, f"could not be read ({type(exc).__name__}: {exc})")
    if progress:
        progress(len(files), len(files), "")


__all__ = ["Document", "Problem", "ReadOptions", "discover", "read_file", "read_paths"]
