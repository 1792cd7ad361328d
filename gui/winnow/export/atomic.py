"""Atomic writes: a temporary file (or folder) next to the destination, renamed into place only when complete.

A cancelled or failed export therefore leaves no half-written file behind, and a reader of the
destination never sees a partial corpus.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterator

FOLDER_MARKER = ".winnow-export"


@contextlib.contextmanager
def atomic_file(dest: Path, newline: str | None = "") -> Iterator[IO[str]]:
    """Open a temporary text file beside `dest`; it replaces `dest` only if the block ends without error."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    try:
        # errors="replace": a lone surrogate in one document must not sink the whole export
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(dest: Path, text: str) -> None:
    with atomic_file(dest, newline="\n") as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_folder(dest: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `dest`; it replaces `dest` only if the block ends without error.

    An existing `dest` is replaced only if it is empty or was written by Winnow (it holds FOLDER_MARKER),
    so an export can never wipe a folder of the user's.
    """
    if dest.exists():
        if not dest.is_dir():
            raise FileExistsError(f"{dest} exists and is not a folder")
        if any(dest.iterdir()) and not (dest / FOLDER_MARKER).exists():
            raise FileExistsError(f"{dest} is a non-empty folder that Winnow did not write; choose an empty or new folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent))
    try:
        yield tmp
        (tmp / FOLDER_MARKER).write_text("This folder was written by Winnow; a new export may replace it.\n", encoding="utf-8")
        tmp.chmod(0o755)
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
            os.replace(dest, old / "previous")
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
