"""Markers that say "Winnow wrote this", so Winnow never reads its own output back in, and never deletes
a file it did not write.

* A single-file export `corpus.jsonl` gets a hidden sidecar `.corpus.jsonl.winnow-export` (JSON: the format and
  the size written). While the file keeps that size, folder discovery skips it, wherever it lies.
* A TXT folder export holds `.winnow-export`, a JSON manifest listing every file written. Discovery skips those
  files; a new export into the folder replaces it only when the folder holds nothing but them (a file the user
  added there makes the export refuse instead of deleting it).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from winnow import __version__

FOLDER_MANIFEST = ".winnow-export"
SIDECAR_SUFFIX = ".winnow-export"


def sidecar_of(path: Path) -> Path:
    return path.with_name(f".{path.name}{SIDECAR_SUFFIX}")


def write_file_marker(path: Path, fmt: str) -> None:
    """Mark `path` (just written) as a Winnow export; a marker that cannot be written only costs the skip."""
    marker = {"written_by": f"winnow {__version__}", "format": fmt, "size": path.stat().st_size}
    with contextlib.suppress(OSError):
        sidecar_of(path).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def is_marked_export(path: Path, size: int | None = None) -> bool:
    """Whether `path` is a file Winnow exported and nobody has changed since (same size)."""
    try:
        marker = json.loads(sidecar_of(path).read_text(encoding="utf-8"))
        if size is None:
            size = path.stat().st_size
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("size") == size


def write_folder_manifest(folder: Path, fmt: str) -> None:
    files = sorted(relative_files(folder))
    manifest = {"written_by": f"winnow {__version__}", "format": fmt, "files": files}
    (folder / FOLDER_MANIFEST).write_text(
        "# This folder was written by Winnow; a new export may replace the files listed here, and only them.\n"
        + json.dumps(manifest, ensure_ascii=False, indent=0)
        + "\n",
        encoding="utf-8",
    )


def folder_outputs(folder: Path) -> set[str] | None:
    """The files (relative posix paths) a folder's manifest lists; None when the folder has no manifest.

    A manifest from before the list existed (plain text) claims the folder's .txt files."""
    try:
        text = (folder / FOLDER_MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    try:
        files = json.loads(body)["files"]
        return {f for f in files if isinstance(f, str)}
    except (ValueError, KeyError, TypeError):
        return {f for f in relative_files(folder) if f.endswith(".txt")}


def relative_files(folder: Path) -> list[str]:
    """Every file and link under `folder` (the manifest excepted) as a relative posix path; folders are walked."""
    found = []
    for root, dirs, files in os.walk(folder):
        rel = Path(root).relative_to(folder)
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = (rel / name).as_posix()
            if path != FOLDER_MANIFEST:
                found.append(path)
    return found


def folder_refusal(folder: Path) -> str | None:
    """Why an export may not replace the existing `folder`, or None when it may (empty, or only our files)."""
    try:
        present = relative_files(folder)
        empty = not any(folder.iterdir())
    except OSError as exc:
        return f"{folder} cannot be read: {exc.strerror or exc}"
    if empty:
        return None
    listed = folder_outputs(folder)
    if listed is None:
        return f"{folder} is a non-empty folder that Winnow did not write; choose an empty or new folder"
    foreign = sorted(set(present) - listed)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        return f"{folder} holds files that Winnow did not write ({shown}); move them away or choose another folder: an export never deletes them"
    return None
