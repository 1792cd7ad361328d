"""The pure-Python twin of `_lines.pyx` (see `winnow.kernel`): the same functions, the same results.

Joining a flattened page's lines back into the main-text detector's blocks (`rules/boilerplate.py`), as integer
facts: which lines form each block. Each line's flags (`FLAG_*`) are worked out by the caller; what the loop reads of
the lines themselves (their first and last characters, their last word) it reads here.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count

FLAG_REMOVED = 1  # an earlier rule removed the line: a block of its own
FLAG_LINK = 2  # a menu or "read more" link alone on its line: a block of its own
FLAG_FORMULA = 4  # a formula's piece (symbols, TeX): stays in the sentence around it
FLAG_FORMULA_WORD = 8  # a word alone between a formula's pieces
FLAG_CLOSES = 16  # opens with a full stop and goes on: ends a sentence cut off by a link

CONTINUES = ",;:)]}»”%…-–—/·"  # a line starting with one of these continues the previous one (rules.shared)
OPENS = ",(„“«‚‘[/-–—"  # a line ending with one of these continues on the next (rules.shared)
QUOTES = "“«‚‘"
OPEN_ACROSS_BLANK = ".!?:;…。！？"  # a line ending in one of these is finished, even across a blank line
CARRIES_ACROSS_BLANK = ".,;:)]»”’"  # a line starting with one of these carries on across a blank line
FINISHED = ".!?:;…"  # a line ending in one of these is no name linked inside a sentence
LINK_WORDS = 4  # a line this short may be a name linked inside a sentence


def left_open(p: str, stop: frozenset[str]) -> bool:
    """`rules.shared.left_open`: whether the line `p` (not blank, stripped) leaves its sentence open for the next line."""
    if p[-1] in OPENS:
        return p[-1] not in QUOTES or len(p) == 1 or p[-2].isspace()
    words = p.rsplit(None, 1)
    last = words[-1]
    if len(words) == 1 and len(last) <= 3 and last.isalpha() and last.casefold() in stop:
        return True
    return last.isalpha() and last[0].islower() and last.casefold() in stop


def _carries(line: str) -> bool:
    """A (non-blank) line that starts in lower case or with punctuation carries a sentence on."""
    return line[0].islower() or line[0] in CONTINUES


def join_lines(stripped: list[str], flags: bytes, stop: frozenset[str], sentence_end: Callable[[str], object]) -> tuple[list[list[int]], list[int]]:
    """The blocks of the page's non-blank lines (`stripped`: each line stripped), as lists of line numbers, and the
    number of formula lines glued into each. `sentence_end(text)`: `SENTENCE_END.search`."""
    blocks: list[list[int]] = []
    formulas: list[int] = []
    current: list[int] | None = None
    n_lines = len(stripped)
    previous = -1  # the last non-blank line: the last line of `current`, if any
    for i in compress(count(), stripped):
        if i - previous > 2:  # two blank lines end a block
            current = None
        blank, before, previous = i - previous > 1, previous, i
        flag = flags[i]
        if current is not None and not flag & FLAG_REMOVED and (flag & FLAG_FORMULA or formulas[-1] and flag & FLAG_FORMULA_WORD):
            current.append(i)
            formulas[-1] += 1
            continue
        line = stripped[i]
        if blank and current is not None:  # across one blank line only an unfinished line and a lower-case start
            last = stripped[before][-1]
            if last in OPEN_ACROSS_BLANK or not (line[0].islower() or line[0] in CARRIES_ACROSS_BLANK):
                current = None
        if flag & (FLAG_REMOVED | FLAG_LINK):
            blocks.append([i])
            formulas.append(0)
            current = None
        elif current is not None and (
            _carries(line)
            or left_open(stripped[before], stop)
            or i + 1 < n_lines
            and (following := stripped[i + 1])
            and _carries(following)
            and not flags[i + 1] & FLAG_REMOVED
            and stripped[before][-1] not in FINISHED
            and len(line.split()) <= LINK_WORDS
            and sentence_end(line) is None
            or flag & FLAG_CLOSES
        ):
            current.append(i)
        else:
            current = [i]
            blocks.append(current)
            formulas.append(0)
    return blocks, formulas
