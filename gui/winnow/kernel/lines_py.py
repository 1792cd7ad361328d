"""The pure-Python twin of `_lines.pyx` (see `winnow.kernel`): the same functions, the same results.

Joining a flattened page's lines back into the main-text detector's blocks (`rules/boilerplate.py`), as integer
facts: which lines form each block. Each line's flags (`FLAG_*`) are worked out by the caller; what the loop reads of
the lines themselves (their first and last characters, their last word) it reads here.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Mapping
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, or_, truediv

FLAG_REMOVED = 1  # an earlier rule removed the line: a block of its own
FLAG_LINK = 2  # a menu or "read more" link alone on its line: a block of its own
FLAG_FORMULA = 4  # a formula's piece (symbols, TeX): stays in the sentence around it
FLAG_FORMULA_WORD = 8  # a word alone between a formula's pieces
FLAG_CLOSES = 16  # opens with a full stop and goes on: ends a sentence cut off by a link

# (rules.shared reads these and left_open from here: one definition, covered by the kernel's source hash)
CONTINUES = ",;:)]}»”%…-–—/·"  # a line starting with one of these continues the previous one
OPENS = ",(„“«‚‘[/-–—"  # a line ending with one of these continues on the next
QUOTES = "“«‚‘"
LAST_WORD_CHARS = 40  # the end of a line its last word is looked for in (see left_open)
OPEN_ACROSS_BLANK = ".!?:;…。！？"  # a line ending in one of these is finished, even across a blank line
CARRIES_ACROSS_BLANK = ".,;:)]»”’"  # a line starting with one of these carries on across a blank line
FINISHED = ".!?:;…"  # a line ending in one of these is no name linked inside a sentence
LINK_WORDS = 4  # a line this short may be a name linked inside a sentence
FIRST_ONE = itemgetter(slice(None, 1))  # text[:1]
SYMBOLS_CHARS = 20  # a formula's piece is short
FORMULA_LINE = re.compile(r"[^\W\d_]{2,}")  # a run of two letters: a word, not a formula's symbols
MATH_SYMBOL = re.compile(r"[=+<>^_\u00af\u2020\u2032\u2190-\u22ff\u27c0-\u27ff\u2900-\u2aff]")  # operators, arrows, brackets
TEX = re.compile(r"\\[a-zA-Z]+")  # a TeX command: \displaystyle, \frac


def left_open(p: str, stop: frozenset[str]) -> bool:
    """Whether the line `p` (stripped: not blank, no space at either end) leaves its sentence open for the next line, whatever that
    starts with: `rules.shared.continues` of it and a line starting in upper case."""
    if p[-1] in OPENS:
        # “ « ‘ open a quote in one language and close it in another: glued to a word they close it
        return p[-1] not in QUOTES or len(p) == 1 or p[-2].isspace()
    words = p[-LAST_WORD_CHARS:].rsplit(None, 1)  # only the last word matters: its line's end holds it, no copy of a paragraph
    if len(words) == 1 and len(p) > LAST_WORD_CHARS:  # (a last word longer than that, or a space just before the tail)
        words = p.rsplit(None, 1)
    last = words[-1]
    if len(words) == 1 and len(last) <= 3 and last.isalpha() and last.casefold() in stop:
        return True  # "Die" / "Zutrittsbestimmungen …": an article alone on its line starts the next one
    # "… researchers at" / "OpenAI": a sentence does not end on a lower-case function word
    return last.isalpha() and last[0].islower() and last.casefold() in stop


def strip_lines(lines: list[str]) -> list[str]:
    """Each line stripped (`str.strip`): the compiled kernel returns `lines` itself when no line has a space at either
    end (a flattened page's lines mostly have none), not a list of the same strings again."""
    return list(map(str.strip, lines))


def link_lines(
    stripped: list[str], counts: list[int], keys: Mapping[int, str], read_more: Mapping[str, str], links: frozenset[str], edge: str, flags: bytearray
) -> dict[int, str]:
    """Flag the lines that are a link alone (FLAG_LINK): a "read more" link (its key, stripped of `edge`, is in
    `read_more`: returned by line with what `read_more` says of it) or a menu or legal link (its key in `links`). Only
    short lines (`counts`: each line's words) are asked."""
    more: dict[int, str] = {}
    for i in compress(count(), map(LINK_WORDS.__ge__, counts)):  # a link is short
        if not stripped[i]:
            continue
        line_key = keys[i]
        if found := read_more.get(line_key.strip(edge), ""):
            more[i] = found
            flags[i] |= FLAG_LINK
        elif line_key in links:
            flags[i] |= FLAG_LINK
    return more


def join_lines(stripped: list[str], flags: bytes, stop: frozenset[str], sentence_end: Callable[[str], object]) -> tuple[list[list[int]], list[int], list[str]]:
    """The blocks of the page's non-blank lines (`stripped`: each line stripped), as lists of line numbers, the number
    of formula lines glued into each, and their texts (their lines joined by a space). `sentence_end(text)`:
    `SENTENCE_END.search`."""
    blocks: list[list[int]] = []
    formulas: list[int] = []
    current: list[int] | None = None
    firsts = list(map(FIRST_ONE, stripped))
    # lines starting in lower case or with punctuation carry a sentence on (worked out in C: a map of a string method)
    carries = [*map(or_, map(str.islower, firsts), map(CONTINUES.__contains__, firsts)), False]  # (a blank line's "": True)
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
        if blank and current is not None:  # across one blank line only an unfinished line and a lower-case start
            first = firsts[i]
            if stripped[before][-1] in OPEN_ACROSS_BLANK or not (first.islower() or first in CARRIES_ACROSS_BLANK):
                current = None
        if flag & (FLAG_REMOVED | FLAG_LINK):
            blocks.append([i])
            formulas.append(0)
            current = None
        elif current is not None and (
            carries[i]
            or left_open(stripped[before], stop)
            or carries[i + 1]
            and stripped[i + 1]  # (a blank line "carries": only a line does)
            and not flags[i + 1] & FLAG_REMOVED
            and stripped[before][-1] not in FINISHED
            and len(stripped[i].split()) <= LINK_WORDS
            and sentence_end(stripped[i]) is None
            or flag & FLAG_CLOSES
        ):
            current.append(i)
        else:
            current = [i]
            blocks.append(current)
            formulas.append(0)
    texts = [stripped[b[0]] if len(b) == 1 else " ".join(map(stripped.__getitem__, b)) for b in blocks]
    return blocks, formulas, texts


def count_common(texts: list[str], stop: frozenset[str]) -> tuple[list[int], list[int]]:
    """Each text's number of words (case-folded, split at spaces) and how many of them `stop` holds: what jusText's
    stopword density divides."""
    folded = list(map(str.split, map(str.casefold, texts)))
    return list(map(len, folded)), list(map(sum, map(map, repeat(stop.__contains__), folded)))  # (sum of a map: in C)


def formula_lines(stripped: list[str]) -> list[int]:
    """The lines (stripped) that are a formula's pieces, in order: a short line holding a math symbol and no word (no
    two letters in a row), a letter alone, or a line starting with a TeX command (`rules.boilerplate.is_formula`). Found
    by searching the page for those, each kind by its own test, not by testing every line (or every short one) whole."""
    lengths = list(map(len, stripped))
    short = list(compress(count(), map(SYMBOLS_CHARS.__ge__, lengths)))  # (in C: most lines are no candidate)
    ones = list(compress(count(), map((1).__eq__, lengths)))  # a character alone: a formula's when a letter or a symbol
    found = set(compress(ones, map(str.isalpha, map(stripped.__getitem__, ones))))
    holding = _lines_holding(MATH_SYMBOL, list(map(stripped.__getitem__, short)), short)
    found.update(i for i in holding if FORMULA_LINE.search(stripped[i]) is None)
    if any(map(str.startswith, stripped, repeat("{\\"))):  # a line starting with TeX (most pages have none)
        found.update(i for i, line in enumerate(stripped) if line.startswith("{\\") and TEX.match(line, 1))
    return sorted(found)


def _lines_holding(pattern: re.Pattern[str], texts: list[str], numbers: list[int]) -> list[int]:
    """The numbers of the texts in which `pattern` finds something: one search over the texts joined, a step per text found."""
    page = "\n".join(texts)
    if page.count("\n") != len(texts) - 1:  # a text holding a newline: one by one
        return [n for n, text in zip(numbers, texts) if pattern.search(text)]
    hit = pattern.search(page)
    if hit is None:  # (most pages)
        return []
    starts = [0, *accumulate(map((1).__add__, map(len, texts)))]
    found: list[int] = []
    while hit:
        k = bisect_right(starts, hit.start()) - 1
        found.append(numbers[k])
        hit = pattern.search(page, starts[k + 1])  # in the next text
    return found


def best_shares(texts: list[str], index: Mapping[str, tuple[int, ...]], languages: int) -> list[float]:
    """Each text's highest share of words (case-folded, split at spaces) that one language's stoplist holds, over the
    `languages` languages (`index`: each stopword's languages, by position): `text.words.best_stopword_density`."""
    found: list[float] = []
    for text in texts:
        words = text.casefold().split()
        counts = [0] * languages
        for w in words:
            for n in index.get(w, ()):
                counts[n] += 1
        found.append(max(counts) / len(words) if words else 0.0)
    return found


NOT_MEASURED = float("nan")  # a share not asked for


def stop_shares(
    texts: list[str], asked: list[int] | None, stop: frozenset[str], low: float, long_enough: int, index: Mapping[str, tuple[int, ...]], languages: int
) -> array:
    """Each asked text's share of words (case-folded, split at spaces) that `stop` holds (`count_common`), NOT_MEASURED
    for the others (`asked`: their numbers, in any order; None: every text); where that share is below `low` in a text
    at least `long_enough` characters long (a passage in another language than the page's), the best share of any
    language's stoplist if higher (`best_shares`). The main-text detector's stopword density
    (`rules.boilerplate.CommonWords`)."""
    chosen = range(len(texts)) if asked is None else asked
    picked = [texts[n] for n in chosen]
    counted, common = count_common(picked, stop)
    found = list(map(truediv, common, map(max, counted, repeat(1))))
    other = [k for k, share in enumerate(found) if share < low and len(picked[k]) >= long_enough]  # (a text read only where low)
    if other:
        for k, best in zip(other, best_shares([picked[k] for k in other], index, languages)):
            found[k] = max(found[k], best)
    shares = array("d", [NOT_MEASURED]) * len(texts)
    for n, share in zip(chosen, found):
        shares[n] = share
    return shares
