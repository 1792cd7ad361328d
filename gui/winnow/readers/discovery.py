"""Find the files to import under the paths given, in a stable order, each with its `source` name.

`source` is `<folder name>/<path inside it>` (posix separators) for a file found in a folder given, and
the file name for a file given directly. Inside folders: names starting with a dot (and, on Windows,
hidden files) are skipped, and so are known non-text assets (see formats.py); a file given directly is
always passed on (the reader says if it cannot import it). Entries are sorted naturally (`page2` before
`page10`), case-insensitively, folders walked depth-first; symbolic links are followed while they stay inside
the folder given (one leading out, to `/etc/passwd` say, is reported and skipped unless `follow_links`), loops
are not. Winnow's own exports are skipped wherever they lie (see export/manifest.py).
Roots given together that share a name (`2023/articles`, `2024/articles`) are told apart by as many parent
folders as it takes (`2023/articles/…`, `2024/articles/…`). The same file reached twice is imported once;
two different files with the same source are a Problem.
A file name whose bytes are not UTF-8 gets U+FFFD for them in its source (the file itself is still read).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

from winnow.core.model import Problem
from winnow.export.manifest import FOLDER_MANIFEST, SIDECAR_SUFFIX, folder_outputs, is_marked_export
from winnow.readers.decode import LONE_SURROGATE, scrub_surrogates
from winnow.readers.formats import Kind, kind_of

Found = tuple[Path, str]


def natural_key(name: str) -> tuple[list[int | str], str]:
    parts = re.split(r"(\d+)", name.casefold())
    return [int(p) if i % 2 else p for i, p in enumerate(parts)], name


class _Discovery:
    def __init__(self, exclude: Iterable[str | Path], follow_links: bool = False):
        self.follow_links = follow_links
        self.root_real = ""
        self.own_outputs: set[str] = set()  # real paths of files a TXT export's manifest lists
        self.excluded = {os.path.realpath(p) for p in exclude} | {os.path.abspath(p) for p in exclude}
        self.seen_files: set[str] = set()
        self.seen_dirs: set[str] = set()
        self.sources: dict[str, str] = {}

    def is_excluded(self, real: str) -> bool:
        return any(real == e or real.startswith(e.rstrip(os.sep) + os.sep) for e in self.excluded)

    def accept(self, path: Path, source: str, real: str) -> Iterator[Found | Problem]:
        if real in self.seen_files:
            return  # the same file given twice, or reached through a link
        self.seen_files.add(real)
        other = self.sources.setdefault(source, str(path))
        if other != str(path):
            yield Problem(source, f"has the same source name as {other}, imported already; rename one of them")
            return
        yield path, source

    def root(self, given: str | Path, label: str) -> Iterator[Found | Problem]:
        shown = os.fspath(given)
        real = os.path.realpath(shown)
        if self.is_excluded(real):
            return
        if not os.path.lexists(shown):
            yield Problem(shown, "no such file or folder")
            return
        if os.path.isdir(shown):
            self.seen_dirs.add(real)
            self.root_real = real
            yield from self.walk(shown, real, label)
        else:
            yield from self.accept(Path(shown), label, real)

    def outside_root(self, real: str) -> bool:
        root = self.root_real
        return not self.follow_links and real != root and not real.startswith(root.rstrip(os.sep) + os.sep)

    def walk(self, folder: str, real_folder: str, prefix: str) -> Iterator[Found | Problem]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: natural_key(e.name))
        except OSError as exc:
            yield Problem(prefix or folder, f"folder cannot be read: {exc.strerror or exc}")
            return
        markers = {e.name for e in entries if e.name.endswith(SIDECAR_SUFFIX)}  # exports' hidden sidecars, listed here
        if any(e.name == FOLDER_MANIFEST for e in entries):
            listed = folder_outputs(Path(folder)) or set()
            self.own_outputs |= {os.path.join(real_folder, *name.split("/")) for name in listed}
        for entry in entries:
            if entry.name.startswith(".") or _hidden_on_windows(entry):
                continue
            name = readable_name(entry.name)
            source = f"{prefix}/{name}" if prefix else name
            link = entry.is_symlink()
            real = os.path.realpath(entry.path) if link else os.path.join(real_folder, entry.name)
            if real in self.excluded or real in self.own_outputs:
                continue
            if link and os.path.lexists(real) and self.outside_root(real):
                yield Problem(source, "is a symbolic link that leads out of the folder given; not followed (--follow-links follows it)", fatal=False)
                continue
            if _is_dir(entry):
                if real not in self.seen_dirs:  # not a link loop, nor a folder walked already
                    self.seen_dirs.add(real)
                    yield from self.walk(entry.path, real, source)
                continue
            if kind_of(entry.name) is Kind.SKIP:
                continue
            if not link and not _is_file(entry):
                yield Problem(source, "is not a regular file (a pipe, socket or device); not read")
                continue
            if f".{entry.name}{SIDECAR_SUFFIX}" in markers and is_marked_export(Path(entry.path)):  # (no open() per file)
                continue  # a corpus Winnow exported here earlier, not an input
            yield from self.accept(Path(entry.path), source, real)  # a broken link is reported by the reader


def discover(paths: Iterable[str | Path], exclude: Iterable[str | Path] = (), follow_links: bool = False) -> Iterator[Found | Problem]:
    """(file path, source) for every file to read under `paths`, or a Problem for what cannot be walked."""
    state = _Discovery(exclude, follow_links)
    paths = list(paths)
    for given, label in zip(paths, root_labels(paths)):
        yield from state.root(given, label)


def root_labels(paths: list[str | Path]) -> list[str]:
    """Each root's name, with just enough parent folders to tell apart different roots that share a name."""
    absolute = [os.path.abspath(os.fspath(given)) for given in paths]
    parts = [[readable_name(p) for p in Path(a).parts[1:]] or ["root"] for a in absolute]
    depth = [1] * len(parts)
    while True:
        labels = ["/".join(p[-d:]) for p, d in zip(parts, depth)]
        clashing = [
            i
            for i, label in enumerate(labels)
            if depth[i] < len(parts[i]) and any(labels[j] == label and absolute[j] != absolute[i] for j in range(len(labels)))
        ]
        if not clashing:
            return labels
        for i in clashing:
            depth[i] += 1


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a latin-1 name from an old archive, which Python
    carries as lone surrogates) become U+FFFD, so the source can be shown, hashed into an id and exported."""
    if not LONE_SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # not an escaped byte (e.g. an unpaired UTF-16 half in a Windows name)
        return scrub_surrogates(name)[0]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _hidden_on_windows(entry: os.DirEntry) -> bool:
    if os.name != "nt":
        return False
    try:
        return bool(getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0) & stat.FILE_ATTRIBUTE_HIDDEN)
    except (OSError, AttributeError):
        return False


def discover_listed(lines: Iterable[str]) -> Iterator[Found | Problem]:
    """The files of a prepared list (`winnow clean --files-from`), one path per line, read as it streams.

    Each is passed on as given (like a file named on the command line), its source the path as written;
    blank lines and lines starting with '#' are skipped. Nothing is kept per file, so a list of millions
    of paths costs no memory.
    """
    for line in lines:
        name = line.rstrip("\r\n")
        if name.strip() and not name.startswith("#"):
            yield Path(name), readable_name(name)


T = TypeVar("T")  # a found file (in whatever form the caller lists it) or a Problem


def every_nth(found: Iterable[T], index: int, count: int) -> Iterator[T]:
    """Every `count`-th file from the `index`-th (1-based); problems all go to the first share."""
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count}: the shard number must be from 1 to {count}")
    n = 0
    for item in found:
        if isinstance(item, Problem):
            if index == 1:
                yield item
            continue
        if n % count == index - 1:
            yield item
        n += 1
