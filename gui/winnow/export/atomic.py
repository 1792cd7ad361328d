"""Atomic writes: a temporary file (or folder) next to the destination, renamed into place only when complete.

A cancelled or failed export therefore leaves no half-written file behind, and a reader of the
destination never sees a partial corpus. The temporary names carry the writer's process id
(`.NAME.<pid>.<random>.part`), so the leftovers of a writer that was killed outright (SIGKILL, power cut)
are recognised and removed by the next write to the same place, while a live writer's are left alone.
Files and folders get the permissions the user's umask allows, like any file the user creates.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from winnow.core.scratch import process_alive  # (not os.kill(pid, 0): on Windows that sends a Ctrl-C)
from winnow.export.manifest import FOLDER_MANIFEST, folder_refusal, write_folder_manifest

FOLDER_MARKER = FOLDER_MANIFEST  # the name older code and tests know


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux), else set and restored."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_prefix(dest: Path) -> str:
    return f".{dest.name}.{os.getpid()}."


def remove_leftovers(dest: Path) -> list[Path]:
    """Remove `.NAME.<pid>.*.part` and `.old` leftovers of earlier writes to `dest` whose writer is gone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(dest.parent))
    except OSError:
        return removed
    head = f".{dest.name}."
    for entry in entries:
        name = entry.name
        if not name.startswith(head) or not name.endswith((".part", ".old")):
            continue
        pid = name[len(head) :].split(".", 1)[0]
        if pid.isdigit() and process_alive(int(pid)):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """Yield the path of a temporary file beside `dest`, for a writer that opens it itself (pyarrow, `atomic_file`);
    it replaces `dest`, flushed to disk, only if the block ends without error."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(dest)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(dest), suffix=".part", dir=dest.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_file(dest: Path, newline: str | None = "", after: Callable[[Path], None] | None = None) -> Iterator[IO[str]]:
    """Open a temporary text file beside `dest`; it replaces `dest` only if the block ends without error.

    `after(dest)` runs once `dest` is in place (the export writes its marker there)."""
    with atomic_path(dest) as tmp:
        # errors="replace": a lone surrogate in one document must not sink the whole export
        with open(tmp, "w", encoding="utf-8", errors="replace", newline=newline) as handle:
            yield handle
    if after is not None:
        after(dest)


def atomic_write_text(dest: Path, text: str) -> None:
    with atomic_file(dest, newline="\n") as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_folder(dest: Path, fmt: str = "txt") -> Iterator[Path]:
    """Yield a temporary folder beside `dest`; it replaces `dest` only if the block ends without error.

    An existing `dest` is replaced only if it is empty or holds nothing but what Winnow's manifest in it lists,
    so an export can never wipe a folder of the user's, nor files the user added to an earlier export.
    The new folder's manifest lists every file written into it.
    """
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir() or dest.is_symlink():
            raise FileExistsError(f"{dest} exists and is not a folder")
        refusal = folder_refusal(dest)
        if refusal:
            raise FileExistsError(refusal)
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(dest)
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(dest), suffix=".part", dir=dest.parent))
    try:
        yield tmp
        write_folder_manifest(tmp, fmt)
        tmp.chmod(0o777 & ~current_umask())
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=_temp_prefix(dest), suffix=".old", dir=dest.parent))
            try:
                os.replace(dest, old / "previous")
                try:
                    os.replace(tmp, dest)
                except BaseException:
                    os.replace(old / "previous", dest)  # the earlier export stays as it was
                    raise
            finally:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
