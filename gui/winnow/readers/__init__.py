"""Readers turn files into Documents. A file that cannot be read becomes a Problem naming it; the batch goes on.

Public API (used by the command line and the window):
    read_paths(paths, options, exclude, cancelled, progress) -> iterator of Document | Problem
    discover(paths, exclude) -> iterator of (file path, source) | Problem
    read_file(path, source, options) -> iterator of Document | Problem
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


Progress = Callable[[int, int, str], None]  # (files done, files total, current source)


def discover(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[tuple[Path, str] | Problem]:
    from winnow.readers.discover import discover as _discover

    return _discover(paths, exclude)


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
    """Every document under `paths` (files or folders, recursively), in a stable order."""
    found = list(discover(paths, exclude))
    files = [f for f in found if not isinstance(f, Problem)]
    for item in found:
        if isinstance(item, Problem):
            yield item
    for n, (path, source) in enumerate(files):
        if cancelled():
            return
        if progress:
            progress(n, len(files), source)
        yield from read_file(path, source, options)
    if progress:
        progress(len(files), len(files), "")


__all__ = ["Document", "Problem", "ReadOptions", "discover", "read_file", "read_paths"]
