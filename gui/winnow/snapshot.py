"""The session's documents, kept between runs so that reopening the window shows them at once.

A snapshot is the imported documents with their figures and problems, and a signature of the files they
came from (path -> size and modification time). Restoring shows the snapshot's documents straight away;
the files are then checked in the background and read again only when one was added, removed or changed.

This is bulk work data, not a setting: it lives beside the extraction cache (the user's cache folder), is
safe to delete at any time (the session is then read from its files, as before), and is written to a
temporary file first, so a crash never leaves half a snapshot. The file is a header followed by one
compressed frame per document, so writing and reading proceed a document at a time: a thread doing it
never holds the interpreter for long.
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from winnow import __version__
from winnow.core import scratch
from winnow.core.model import Document, Problem
from winnow.readers import discover
from winnow.workspace import DocStats

FORMAT = f"winnow-session-snapshot 1; winnow {__version__}"  # another version reads the files again
FRAME = struct.Struct("<Q")  # the length of the next frame

Signature = dict[str, tuple[int, int]]  # file path -> (size, modification time in ns)


@dataclass
class Header:
    roots: list[str]
    recipe: str  # the recipe (TOML) the figures were counted with
    signature: Signature
    count: int  # documents that follow
    problems: list[Problem] = field(default_factory=list)
    format: str = FORMAT


def files_signature(roots: Iterable[str]) -> Signature:
    """Size and modification time of every file the roots hold, as an import would find them."""
    signature: Signature = {}
    for item in discover(list(roots)):
        if isinstance(item, Problem):
            continue
        path = item[0]
        try:
            stat = path.stat()
        except OSError:
            continue
        signature[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return signature


def write(
    path: Path,
    header: Header,
    documents: Iterable[tuple[Document, DocStats]],
    cancelled: Callable[[], bool] = lambda: False,
) -> bool:
    """Write a snapshot atomically; False (and nothing written) when cancelled or the disk refused."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch.remove_leftovers(f"{path.name}.", path.parent)  # a killed window's half-written snapshot
    handle, temporary = tempfile.mkstemp(prefix=scratch.owned_prefix(f"{path.name}."), suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            _frame(out, header)
            for item in documents:
                if cancelled():
                    raise InterruptedError
                _frame(out, item)
        os.replace(temporary, path)
        return True
    except (OSError, InterruptedError, pickle.PicklingError):
        Path(temporary).unlink(missing_ok=True)
        return False


def _frame(out, value: object) -> None:
    data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    out.write(FRAME.pack(len(data)))
    out.write(data)


def read_header(path: Path) -> Header | None:
    """The snapshot's header, or None when there is none, or one of another version, or a damaged one."""
    try:
        with path.open("rb") as source:
            header = _read_frame(source)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, zlib.error, AttributeError, ImportError):
        return None
    return header if isinstance(header, Header) and header.format == FORMAT else None


def read_documents(path: Path) -> Iterator[tuple[Document, DocStats]]:
    """The snapshot's documents, in import order (raises ValueError when the file is damaged)."""
    try:
        with path.open("rb") as source:
            header = _read_frame(source)
            if not isinstance(header, Header):
                raise ValueError("not a session snapshot")
            for _ in range(header.count):
                pair = _read_frame(source)
                if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], Document) and isinstance(pair[1], DocStats)):
                    raise TypeError("a frame is not a document")
                yield pair[0], pair[1]
    except (OSError, EOFError, pickle.UnpicklingError, zlib.error, AttributeError, ImportError, TypeError) as exc:
        raise ValueError(f"the session snapshot {path} is damaged: {exc}") from exc


def _read_frame(source) -> object:
    prefix = source.read(FRAME.size)
    if len(prefix) != FRAME.size:
        raise EOFError("the snapshot ends early")
    (length,) = FRAME.unpack(prefix)
    data = source.read(length)
    if len(data) != length:
        raise EOFError("the snapshot ends early")
    return pickle.loads(zlib.decompress(data))
