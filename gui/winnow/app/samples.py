"""Where the bundled sample corpus is (no Qt here: the command line and the smoke test ask too)."""

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
