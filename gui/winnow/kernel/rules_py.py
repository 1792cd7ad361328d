"""The pure-Python twin of `_rules.pyx` (see `winnow.kernel`): the same functions, the same results.

Questions the line rules ask of many lines at once that Python answers only a line (or a word) a step: how a line
ends, whether it shows a date's digits or a credit's marks, where a phrase stands among a line's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import compress, count, repeat
from operator import not_
from typing import Any

from winnow.kernel.facts_py import DATE_HINT  # a date's digits (text.dates reads it from there too)
from winnow.kernel.lines_py import CONTINUES, left_open
from winnow.text.sentences import PERIOD_END, ends_with_period

SHAPE_DIGIT = 1  # a character of the line is a digit (str.isdigit)
SHAPE_DATE = 2  # the line could hold a date (DATE_HINT finds something)
SHAPE_CREDIT_MARK = 4  # the line's end shows a credit's mark (see credit_marked)
CREDIT_TAIL = 120  # a credit closes its caption: only the stripped line's last characters are searched
ASCII_DIGIT = re.compile(r"[0-9]")  # in ASCII the only digits (str.isdigit)


def has_digit(line: str) -> bool:
    """any(map(str.isdigit, line)), by a regex on ASCII lines."""
    return ASCII_DIGIT.search(line) is not None if line.isascii() else any(map(str.isdigit, line))


def credit_marked(line: str) -> bool:
    """Whether the end of `line` (the last CREDIT_TAIL characters of it stripped) shows "©", ":", "(c)" or "(C)", or
    ends in a closing bracket before spaces and dots."""
    tail = line.strip()[-CREDIT_TAIL:]
    return "©" in tail or ":" in tail or "(c)" in tail or "(C)" in tail or tail.rstrip(" .")[-1:] in (")", "]")


def line_shapes(lines: list[str], indices: list[int]) -> list[int]:
    """For each of `indices`, its line's SHAPE_* flags."""
    shapes = []
    for i in indices:
        line = lines[i]
        shape = SHAPE_DIGIT if has_digit(line) else 0
        if shape and DATE_HINT.search(line) is not None:  # (a date's hint starts with a digit)
            shape |= SHAPE_DATE
        if credit_marked(line):
            shape |= SHAPE_CREDIT_MARK
        shapes.append(shape)
    return shapes


def ends_with(lines: list[str], indices: list[int] | None, strip: str | None, ends: tuple[str, ...]) -> list[int]:
    """The indices (default: every line's) whose line, its trailing characters of `strip` taken off (None: spaces),
    ends with one of `ends`: `lines[i].rstrip(strip).endswith(ends)`."""
    if indices is None:
        return list(compress(count(), map(str.endswith, map(str.rstrip, lines, repeat(strip)), repeat(ends))))
    return list(compress(indices, map(str.endswith, map(str.rstrip, map(lines.__getitem__, indices), repeat(strip)), repeat(ends))))


def phrase_in(by_anchor: dict[str, list[tuple[tuple[str, ...], int]]], seq: tuple[str, ...]) -> tuple[str, ...] | None:
    """The phrase `PhraseIndex.finds(seq)` returns (`by_anchor`: the index's), for words `seq` that hold one of its anchors:
    the first anchor's phrases in their order, then the next anchor's."""
    for i in compress(count(), map(by_anchor.__contains__, seq)):
        for phrase, offset in by_anchor[seq[i]]:
            start = i - offset
            if start >= 0 and seq[start : start + len(phrase)] == phrase:
                return phrase
    return None


def index_words(seqs: list[tuple[str, ...]], wanted: frozenset[str], lines_of: dict[str, list[int]]) -> None:
    """Add to `lines_of` the lines (their indices, in order, each once) of every word of `wanted` that `seqs` (each
    line's words) holds: one pass over the lines finds the few that hold a wanted word, and only they take a step."""
    for i in compress(count(), map(not_, map(wanted.isdisjoint, seqs))):
        for word in wanted.intersection(seqs[i]):
            held = lines_of.get(word)
            if held is None:
                lines_of[word] = [i]
            elif held[-1] != i:
                held.append(i)


def kept_lines(indices: list[int], removals: list[object]) -> list[int]:
    """The `indices` whose line no rule removed (`removals[i] is None`), in their order."""
    return [i for i in indices if removals[i] is None]


def drop_lines(lines: Iterable[int], removals: list[object], removal: object, dropped: list[int]) -> None:
    """`Context.drop_all`: each of `lines` no rule removed yet (`removals[i] is None`) removed by `removal`, and added to
    `dropped`, in their order (a line listed twice once)."""
    for i in lines:
        if removals[i] is None:
            removals[i] = removal
            dropped.append(i)


def short_kept_lines(indices: list[int], counts: list[int], limit: int, removals: list[object]) -> list[int]:
    """The `indices` whose line has at most `limit` words (`counts[i]`) and that no rule removed, in their order."""
    return [i for i in indices if counts[i] <= limit and removals[i] is None]


def positions_showing(lines: list[str], indices: list[int], texts: tuple[str, ...]) -> list[int]:
    """The positions in `indices` (0, 1, ...) of the lines that contain one of `texts`, in order."""
    return [n for n, i in enumerate(indices) if any(text in lines[i] for text in texts)]


def later_copies(lines: list[str], seqs: list[tuple[str, ...]], indices: list[int], shortest: int) -> list[tuple[int, int]]:
    """(i, first) for each of `indices`, in order, whose words (`seqs[i]`, not none) are those of an earlier one, `first`
    the earliest such; lines shorter than `shortest` characters are left out (they are no copy, and have none)."""
    seen: dict[tuple[str, ...], int] = {}
    found = []
    for i in indices:
        if len(lines[i]) < shortest or not seqs[i]:
            continue
        first = seen.setdefault(seqs[i], i)
        if first != i:
            found.append((i, first))
    return found


def keyed_lines(indices: list[int], counts: list[int], limit: int, keys: Mapping[int, str], wanted: frozenset[str]) -> list[int]:
    """The `indices` whose line has at most `limit` words (`counts[i]`) and a key (`keys[i]`) in `wanted`, in order."""
    return [i for i in indices if counts[i] <= limit and keys[i] in wanted]


def sized_lines(indices: list[int], counts: list[int], low: int, high: int) -> bytes:
    """A byte for each of `indices`: 1 when its line has `low` to `high` words (`counts[i]`), else 0."""
    return bytes(low <= counts[i] <= high for i in indices)


def first_removed(removals: list[Any], start: int, stop: int, rule_id: str, reasons: tuple[str, ...]) -> int | None:
    """The first line of `start` up to `stop` (left out) that the rule `rule_id` removed for a reason starting with one of
    `reasons`, or None."""
    return next(
        (i for i in range(max(start, 0), min(stop, len(removals))) if (r := removals[i]) is not None and r.rule_id == rule_id and r.reason.startswith(reasons)),
        None,
    )


def joins(previous: str, line: str, stop: frozenset[str]) -> bool:
    """Whether `line` carries on the sentence `previous` was cut from (`rules.shared.continues`): both not blank, and `line`
    starts (after its spaces) with a character of CONTINUES or in lower case, or `previous` (stripped) is `left_open`."""
    p, n = previous.strip(), line.lstrip()
    if not p or not n:
        return False
    if n[0] in CONTINUES or n[0].islower():
        return True
    return left_open(p, stop)


def fragment(lines: list[str], removals: list[Any], counts: list[int], stop: frozenset[str], none: frozenset[str], i: int, words: int) -> bool:
    """`rules.shared.is_fragment`: whether line i (0 <= i < len(lines)) is not blank and `joins` the kept, non-blank line
    before it or the one after it, the first of the two lines' stopwords `stop` when it has at least `words` words
    (`counts`), else `none`."""
    line = lines[i]
    if not line.strip():
        return False
    if i > 0 and removals[i - 1] is None and (before := lines[i - 1]).strip():
        if joins(before, line, stop if counts[i - 1] >= words else none):
            return True
    if i + 1 < len(lines) and removals[i + 1] is None and (after := lines[i + 1]).strip():
        return joins(line, after, stop if counts[i] >= words else none)
    return False


def period_end(text: str) -> bool:
    """Whether `text` ends with a full stop that closes a sentence (`PERIOD_END.search(text)`, `text.sentences`)."""
    return PERIOD_END.search(text) is not None


def unfinished_headline(line: str, words: int, max_words: int) -> bool:
    """`0 < words <= max_words and not ends_with_period(line.rstrip())` (`text.sentences`: a headline's length, `words` the
    line's, and no full stop at its end)."""
    return 0 < words <= max_words and not ends_with_period(line.rstrip())


def phrase_lines_in(
    candidates: list[int],
    counts: list[int],
    limit: int,
    removals: list[Any],
    lines: list[str],
    seqs: list[tuple[str, ...]],
    by_anchor: dict[str, list[tuple[tuple[str, ...], int]]],
) -> list[tuple[int, tuple[str, ...]]]:
    """(i, the phrase `phrase_in(by_anchor, seqs[i])` finds) for each of `candidates`, in order, whose line has at most
    `limit` words (`counts`), no removal and is not blank, and holds a phrase."""
    found = []
    for i in candidates:
        if counts[i] <= limit and removals[i] is None and lines[i].strip():
            phrase = phrase_in(by_anchor, seqs[i])
            if phrase is not None:
                found.append((i, phrase))
    return found


def phrase_start(by_first: dict[str, list[tuple[str, ...]]], seq: tuple[str, ...]) -> tuple[str, ...] | None:
    """The phrase `PhraseIndex.starts(seq)` returns (`by_first`: the index's): the first of the phrases listed under the
    first word of `seq` that `seq` starts with, or None."""
    if not seq:
        return None
    for phrase in by_first.get(seq[0], ()):
        if seq[: len(phrase)] == phrase:
            return phrase
    return None
