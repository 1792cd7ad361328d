"""The Winnow window. Qt is imported only inside `run`, so the command line never loads it."""

from __future__ import annotations

import sys
from pathlib import Path

import winnow


def sample_corpus_path() -> Path | None:
    """The bundled sample corpus: `seeds/` in a frozen app's bundle, else beside the source checkout."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "seeds")
    candidates.append(Path(winnow.__file__).resolve().parents[2] / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


def run(argv: list[str]) -> int:
    """Open the window: `argv` is paths to import plus the window's own flags (see `winnow.app.main`)."""
    from winnow.app.main import main

    return main(argv)


__all__ = ["run", "sample_corpus_path"]
