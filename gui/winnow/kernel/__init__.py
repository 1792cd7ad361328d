"""Compiled kernels for the hottest loops, each with a pure-Python twin that gives the same results.

`_lines.pyx` (Cython) and its twin `lines_py.py` join a flattened page's lines into the main-text detector's blocks
and count the blocks' common words (`rules/boilerplate.py`). The compiled module is used only when it was built from the sources beside it (a hash of
both files is compiled in and compared here), so an edited source never runs behind a stale binary; without a
compiler (no binary), with a stale one, or with `WINNOW_PURE_KERNEL=1`, the twin runs. In the frozen app the sources
are not shipped and the binary built with the app is used. `IMPLEMENTATION` says which one runs;
`WINNOW_REQUIRE_COMPILED_KERNEL=1` makes anything else an error (`packaging/ci-frozen-check.sh`).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sys
from pathlib import Path
from types import ModuleType

from winnow.kernel import lines_py

SOURCES = ("_lines.pyx", "lines_py.py")  # what the compiled kernel is built from (setup.py hashes the same files)

log = logging.getLogger(__name__)


def source_hash(folder: Path) -> str | None:
    """The hash of the kernel's sources in `folder` (None when they are not there: the frozen app)."""
    digest = hashlib.sha256()
    for name in SOURCES:
        try:
            digest.update((folder / name).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()[:16]


def _load() -> tuple[ModuleType, str]:
    if os.environ.get("WINNOW_PURE_KERNEL") == "1":
        return lines_py, "pure (WINNOW_PURE_KERNEL=1)"
    try:
        _lines = importlib.import_module("winnow.kernel._lines")  # (optional: built only where a C compiler was)
    except ImportError:
        log.debug("winnow.kernel: no compiled kernel, the pure-Python twin runs")
        return lines_py, "pure (not compiled)"
    wanted = None if getattr(sys, "frozen", False) else source_hash(Path(__file__).parent)
    if wanted is not None and _lines.SOURCE_HASH != wanted:
        log.debug("winnow.kernel: the compiled kernel was built from other sources (rebuild: pip install -e .); the pure-Python twin runs")
        return lines_py, "pure (compiled kernel stale)"
    return _lines, "compiled"


_kernel, IMPLEMENTATION = _load()
if os.environ.get("WINNOW_REQUIRE_COMPILED_KERNEL") == "1" and IMPLEMENTATION != "compiled":  # the frozen app's check
    raise ImportError(f"winnow: the compiled kernel is required (WINNOW_REQUIRE_COMPILED_KERNEL=1) but the {IMPLEMENTATION} runs")
join_lines = _kernel.join_lines
left_open = _kernel.left_open
count_common = _kernel.count_common
formula_lines = _kernel.formula_lines
COMPILED = IMPLEMENTATION == "compiled"
