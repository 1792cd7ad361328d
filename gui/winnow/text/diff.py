"""Matching two sequences in n·log n time: a patience diff anchored on items unique to both sides.

`difflib.SequenceMatcher` is quadratic when an item repeats many times on both sides (a page whose
paragraphs alternate with "Advertisement"), and such pages exist. Here, as in Bram Cohen's patience diff
(the one git offers): common ends are matched first; then the items that occur exactly once in both
sides are the anchors, and the longest run of them in the same order on both sides (a longest increasing
subsequence) splits the gap into smaller gaps, each matched the same way. A gap small enough is left to
difflib (exact, and cheap at that size); a large gap with no unique item on both sides, or one reached
after a few levels of splitting, is matched greedily in order within a bounded look-ahead. Each level
costs n·log n over the whole sequence and the levels are bounded, so the whole is n·log n.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from difflib import SequenceMatcher

# a gap whose sides multiply to at most this is matched by difflib (a few milliseconds at most); the
# total of those stays linear since each such gap is at most sqrt(SMALL_GAP) long on its shorter side
SMALL_GAP = 20_000
MAX_DEPTH = 6  # levels of anchoring before a gap is matched greedily
LOOK_AHEAD = 64  # how far the greedy fallback looks for the next occurrence of an item

Block = tuple[int, int, int]  # (i, j, size): a[i:i+size] == b[j:j+size]


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable], check: Callable[[], None] | None = None) -> list[Block]:
    """Blocks of equal items, increasing in both sequences (like SequenceMatcher's, without the sentinel).

    `check` is called now and then; it may raise to abandon a match that takes too long.
    """
    pairs: list[tuple[int, int]] = []
    _match(a, 0, len(a), b, 0, len(b), pairs, 0, check or _no_check)
    return _blocks(pairs)


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], check: Callable[[], None] | None = None) -> Iterator[tuple[str, int, int, int, int]]:
    """SequenceMatcher.get_opcodes' tags ('equal', 'replace', 'delete', 'insert') from `matching_blocks`."""
    i = j = 0
    for ai, bj, size in [*matching_blocks(a, b, check), (len(a), len(b), 0)]:
        if i < ai and j < bj:
            yield "replace", i, ai, j, bj
        elif i < ai:
            yield "delete", i, ai, j, bj
        elif j < bj:
            yield "insert", i, ai, j, bj
        if size:
            yield "equal", ai, ai + size, bj, bj + size
        i, j = ai + size, bj + size


def _no_check() -> None:
    pass


def _match(a, alo: int, ahi: int, b, blo: int, bhi: int, out: list[tuple[int, int]], depth: int, check) -> None:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:  # common head
        out.append((alo, blo))
        alo += 1
        blo += 1
    tail = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:  # common tail
        ahi -= 1
        bhi -= 1
        tail.append((ahi, bhi))
    if alo < ahi and blo < bhi:
        if (ahi - alo) * (bhi - blo) <= SMALL_GAP:
            _match_exactly(a, alo, ahi, b, blo, bhi, out)
        else:
            check()
            anchors = _anchors(a, alo, ahi, b, blo, bhi) if depth < MAX_DEPTH else []
            if anchors:
                i0, j0 = alo, blo
                for i, j in anchors:
                    _match(a, i0, i, b, j0, j, out, depth + 1, check)
                    out.append((i, j))
                    i0, j0 = i + 1, j + 1
                _match(a, i0, ahi, b, j0, bhi, out, depth + 1, check)
            else:
                _match_greedily(a, alo, ahi, b, blo, bhi, out)
    out.extend(reversed(tail))


def _match_exactly(a, alo: int, ahi: int, b, blo: int, bhi: int, out: list[tuple[int, int]]) -> None:
    matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        out.extend(zip(range(alo + i, alo + i + size), range(blo + j, blo + j + size)))


def _anchors(a, alo: int, ahi: int, b, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Items once in a[alo:ahi] and once in b[blo:bhi], the longest chain of them in the same order."""
    in_a: dict = {}
    for i in range(alo, ahi):
        item = a[i]
        in_a[item] = -1 if item in in_a else i
    in_b: dict = {}
    for j in range(blo, bhi):
        item = b[j]
        if in_a.get(item, -1) >= 0:
            in_b[item] = -1 if item in in_b else j
    pairs = sorted((in_a[item], j) for item, j in in_b.items() if j >= 0)
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by i) whose j increase too (patience sorting)."""
    tops: list[int] = []  # tops[k]: the smallest j ending an increasing run of length k + 1
    ends: list[int] = []  # ends[k]: index in pairs of that run's last pair
    back: list[int] = []  # for each pair, the index of the pair before it in its run
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tops, j)
        back.append(ends[k - 1] if k else -1)
        if k == len(tops):
            tops.append(j)
            ends.append(n)
        else:
            tops[k] = j
            ends[k] = n
    chain = []
    n = ends[-1] if ends else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _match_greedily(a, alo: int, ahi: int, b, blo: int, bhi: int, out: list[tuple[int, int]]) -> None:
    """Each item of b matched to its next occurrence in a, when that is near enough: n·log n."""
    where: defaultdict[Hashable, list[int]] = defaultdict(list)
    for i in range(alo, ahi):
        where[a[i]].append(i)
    i = alo
    for j in range(blo, bhi):
        positions = where.get(b[j])
        if not positions:
            continue
        k = bisect_right(positions, i - 1)
        if k < len(positions) and positions[k] - i <= LOOK_AHEAD:
            out.append((positions[k], j))
            i = positions[k] + 1


def _blocks(pairs: list[tuple[int, int]]) -> list[Block]:
    """Matched pairs (increasing in both) joined into runs."""
    blocks: list[Block] = []
    bi = bj = -2
    size = 0
    for i, j in pairs:
        if i == bi + size and j == bj + size:  # the run goes on
            size += 1
            continue
        if size:
            blocks.append((bi, bj, size))
        bi, bj, size = i, j, 1
    if size:
        blocks.append((bi, bj, size))
    return blocks
