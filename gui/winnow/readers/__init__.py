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

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from winnow.core.model import Document, Problem


@dataclass(frozen=True)
class ReadOptions:
    text_field: str | None = None  # records: the field holding the text or HTML (None: found automatically)
    max_file_bytes: int = 512 * 1024 * 1024  # larger files are reported, not read
    max_line_chars: int = 20_000  # longer lines are split at sentence or word boundaries (0: never)
    follow_links: bool = False  # follow symbolic links that lead out of the folder given
    # a longer text is cut into parts of at most this many lines / characters (a record or page is reported),
    # so no document makes a rule slow or memory large
    max_document_lines: int = 20_000
    max_document_chars: int = 10_000_000


Progress = Callable[[int, int, str], None]  # (files done, files total, current source)


def discover(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = (), follow_links: bool = False
) -> Iterator[tuple[Path, str] | Problem]:
    from winnow.readers.discovery import discover as _discover

    return _discover(paths, exclude, follow_links)


def read_file(path: Path, source: str, options: ReadOptions = ReadOptions()) -> Iterator[Document | Problem]:
    from winnow.readers.dispatch import read_file as _read_file

    return _read_file(path, source, options)


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
    for item in found:
        if isinstance(item, Problem):
            yield item
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
