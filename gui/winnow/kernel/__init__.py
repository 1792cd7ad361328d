"""Compiled kernels for the hottest loops, each with a pure-Python twin that gives the same results.

Each kernel is a Cython module `_NAME.pyx` with its twin `NAME_py.py` beside it (listed in `TWINS`):
`_lines.pyx` / `lines_py.py` join a flattened page's lines into the main-text detector's blocks and count the
blocks' common words; `_blocks.pyx` / `blocks_py.py` judge those blocks and find the main text's runs over them, a fact
an array (`rules/boilerplate.py`). The compiled modules are used only when they were built from the
sources beside them (a hash of every kernel source is compiled into each and compared here), so an edited source
never runs behind a stale binary; without a compiler (no binary), with a stale one, or with `WINNOW_PURE_KERNEL=1`,
every twin runs (all compiled or all pure: one answer for `IMPLEMENTATION`). In the frozen app the sources
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

from winnow.kernel import blocks_py, facts_py, furniture_py, lines_py, rules_py

TWINS: dict[str, ModuleType] = {  # each compiled module's name and its pure-Python twin
    "_lines": lines_py,
    "_blocks": blocks_py,
    "_facts": facts_py,
    "_rules": rules_py,
    "_furniture": furniture_py,
}

log = logging.getLogger(__name__)


def sources(folder: Path) -> list[Path]:
    """The files the compiled kernels are built from: every `_NAME.pyx`, its twin `NAME_py.py`, and the shared inline
    headers `_NAME.pxd` (setup.py hashes the same)."""
    compiled = sorted(folder.glob("_*.pyx"))
    return compiled + [folder / f"{path.stem[1:]}_py.py" for path in compiled] + sorted(folder.glob("_*.pxd"))


def source_hash(folder: Path) -> str | None:
    """The hash of the kernels' sources in `folder` (None when they are not there: the frozen app)."""
    digest = hashlib.sha256()
    found = sources(folder)
    for path in found:
        try:
            digest.update(path.read_bytes())
        except OSError:
            return None
    return digest.hexdigest()[:16] if found else None


def _load() -> tuple[dict[str, ModuleType], str]:
    if os.environ.get("WINNOW_PURE_KERNEL") == "1":
        return TWINS, "pure (WINNOW_PURE_KERNEL=1)"
    try:  # (optional: built only where a C compiler was)
        built = {name: importlib.import_module(f"winnow.kernel.{name}") for name in TWINS}
    except ImportError:
        log.debug("winnow.kernel: no compiled kernel, the pure-Python twins run")
        return TWINS, "pure (not compiled)"
    wanted = None if getattr(sys, "frozen", False) else source_hash(Path(__file__).parent)
    if wanted is not None and any(module.SOURCE_HASH != wanted for module in built.values()):
        log.debug("winnow.kernel: the compiled kernel was built from other sources (rebuild: pip install -e .); the pure-Python twins run")
        return TWINS, "pure (compiled kernel stale)"
    return built, "compiled"


_kernels, IMPLEMENTATION = _load()
if os.environ.get("WINNOW_REQUIRE_COMPILED_KERNEL") == "1" and IMPLEMENTATION != "compiled":  # the frozen app's check
    raise ImportError(f"winnow: the compiled kernel is required (WINNOW_REQUIRE_COMPILED_KERNEL=1) but the {IMPLEMENTATION} runs")
COMPILED = IMPLEMENTATION == "compiled"
# the main-text detector's lines and blocks (rules/boilerplate.py)
join_lines = _kernels["_lines"].join_lines
left_open = _kernels["_lines"].left_open
count_common = _kernels["_lines"].count_common
formula_lines = _kernels["_lines"].formula_lines
best_shares = _kernels["_lines"].best_shares
stop_shares = _kernels["_lines"].stop_shares
link_lines = _kernels["_lines"].link_lines
strip_lines = _kernels["_lines"].strip_lines
judge_facts = _kernels["_blocks"].judge_facts
judge = _kernels["_blocks"].judge
mark_teasers = _kernels["_blocks"].mark_teasers
discount_comments = _kernels["_blocks"].discount_comments
maximal_segments = _kernels["_blocks"].maximal_segments
fill_gaps = _kernels["_blocks"].fill_gaps
main_text = _kernels["_blocks"].main_text
role_candidates = _kernels["_blocks"].role_candidates
late_prose = _kernels["_blocks"].late_prose
menu_candidates = _kernels["_blocks"].menu_candidates
short_lines = _kernels["_blocks"].short_lines
prose_asked = _kernels["_blocks"].prose_asked
outside_lines = _kernels["_blocks"].outside_lines
ends_sentence = _kernels["_blocks"].ends_sentence
key_facts = _kernels["_blocks"].key_facts
block_flags = _kernels["_blocks"].block_flags
line_flags = _kernels["_blocks"].line_flags
amid_words = _kernels["_blocks"].amid_words
after_names = _kernels["_blocks"].after_names
last_kept = _kernels["_blocks"].last_kept
# the analyse stage's per-line facts (stages/analyse.py, text/)
line_facts = _kernels["_facts"].line_facts
casefold = _kernels["_facts"].casefold
casefold_lines = _kernels["_facts"].casefold_lines
content_stems = _kernels["_facts"].content_stems
fill_stems = _kernels["_facts"].fill_stems
title_shares = _kernels["_facts"].title_shares
words_of_lines = _kernels["_facts"].words_of_lines
language_visits = _kernels["_facts"].language_visits
long_lines = _kernels["_facts"].long_lines
first_sets = _kernels["_facts"].first_sets
language_rows = _kernels["_facts"].language_rows
language_features = _kernels["_facts"].language_features
# the line rules' questions of many lines (rules/furniture.py, headlines.py, ...)
line_shapes = _kernels["_rules"].line_shapes
ends_with = _kernels["_rules"].ends_with
phrase_in = _kernels["_rules"].phrase_in
index_words = _kernels["_rules"].index_words
kept_lines = _kernels["_rules"].kept_lines
drop_lines = _kernels["_rules"].drop_lines
short_kept_lines = _kernels["_rules"].short_kept_lines
positions_showing = _kernels["_rules"].positions_showing
later_copies = _kernels["_rules"].later_copies
keyed_lines = _kernels["_rules"].keyed_lines
sized_lines = _kernels["_rules"].sized_lines
first_removed = _kernels["_rules"].first_removed
joins = _kernels["_rules"].joins
fragment = _kernels["_rules"].fragment
period_end = _kernels["_rules"].period_end
unfinished_headline = _kernels["_rules"].unfinished_headline
phrase_lines_in = _kernels["_rules"].phrase_lines_in
phrase_start = _kernels["_rules"].phrase_start
# the page-furniture rule's screen of its candidates (rules/furniture.py)
furniture_candidates = _kernels["_furniture"].furniture_candidates
furniture_visits = _kernels["_furniture"].furniture_visits
slide_lines = _kernels["_furniture"].slide_lines
SHAPE_DIGIT, SHAPE_DATE, SHAPE_CREDIT_MARK = rules_py.SHAPE_DIGIT, rules_py.SHAPE_DATE, rules_py.SHAPE_CREDIT_MARK
