"""Scratch folders and files (spills, files for the workers, a file being written) a killed run cannot leave behind for good.

A run removes its scratch folder when it ends, however it ends, except when it is killed outright (SIGKILL,
a crash, a power cut). The folder's name therefore carries its owner, `PREFIX<pid>@<host>-<random>`, and
every new scratch folder first removes the ones in the same place whose owner is gone (a writer of a
temporary file calls `remove_leftovers` and names its file with `owned_prefix`): the spills of a killed
run beside an export go with the next run into that folder. A folder of a live process, of another machine
(a shared network folder) or one with a name Winnow did not give is never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path


def scratch_folder(prefix: str, parent: str | os.PathLike[str] | None = None) -> Path:
    """A new folder `prefix<pid>@<host>-<random>` in `parent` (the temporary folder if None), after removing
    the leftovers of processes of this machine that are gone. OSError if it cannot be made."""
    folder = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    remove_leftovers(prefix, folder)
    return Path(tempfile.mkdtemp(prefix=owned_prefix(prefix), dir=folder))


@contextlib.contextmanager
def scratch(prefix: str, parent: str | os.PathLike[str] | None = None) -> Iterator[Path]:
    """A `scratch_folder` for the block, removed after it (what cannot be removed yet, say a file a Windows
    worker still reads, goes with the next scratch folder after this process has ended)."""
    folder = scratch_folder(prefix, parent)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def owned_prefix(prefix: str) -> str:
    """`prefix<pid>@<host>-`: what a scratch file or folder of this process is called (then a random part)."""
    return f"{prefix}{os.getpid()}@{_host()}-"


def remove_leftovers(prefix: str, folder: Path) -> list[Path]:
    """Remove the scratch folders and files `prefix…` in `folder` whose process (on this machine) is gone."""
    owner = re.compile(re.escape(prefix) + r"(\d+)@(.+)-[^-]+")
    removed: list[Path] = []
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        found = owner.fullmatch(entry.name)
        if not found or found[2] != _host() or process_alive(int(found[1])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists on this machine (a zombie counts as gone: it holds no files, runs nothing)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    with contextlib.suppress(OSError):  # Linux: a killed process no one has reaped yet is a zombie
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _windows_process_alive(pid: int) -> bool:
    """Ask Windows for a handle (os.kill(pid, 0) would send the process group a Ctrl-C there)."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # type: ignore[attr-defined]  # ERROR_ACCESS_DENIED: another user's
    try:
        code = ctypes.c_ulong()
        still_active = 259
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname()) or "localhost"
