"""The pure-Python twin of `_facts.pyx` (see `winnow.kernel`): the same functions, the same results.

The analyse stage's per-line facts of a page (`stages/analyse.py`): each line's words, lexicon key and word count, the
lines that may hold a date, the lines by their first word (and those starting with a number), a line's content stems,
and which lines hold the words rules ask about; and the features py3langid's automaton meets in a text, with the
model's rows of weights for them (`text/language.py`). The definitions they follow live here (the lexicon key's quotes and
edges, the date hint, the word split), so that the kernel's source hash covers them: `text/lexicon.py`,
`text/dates.py` and `text/words.py` read them from here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import accumulate, chain, compress, count, repeat
from operator import add, not_
from sys import intern

import numpy as np

# a lexicon key (`winnow.text.lexicon.key`): these characters made plain ("" drops one), spacing collapsed, EDGE stripped
QUOTES: dict[str, str] = {
    "’": "'",
    "‘": "'",
    "´": "'",
    "`": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u00ad": "",
    "\u200b": "",
    "\ufeff": "",
}
EDGE = " \t\"'()[]{}<>*•·▪►▸›‹»«|/\\-–—_=+~^#.,;:!?¡¿…\u2022\u25cf\u25aa"
# what every date pattern needs: a four-digit year, or a day and month joined by '.' or '/' (`winnow.text.dates`)
DATE_HINT = re.compile(r"\d(?:\d\d\d|[./]\s?\d)")
_PAGE_DATE_HINT = re.compile(DATE_HINT.pattern.replace(r"\s", r"[^\S\n]"))  # the same within a line, never over its end

# The one tokenizer (`winnow.text.words.WORD`): a word is a run of letters and digits (`\w+`). For a whole page at once:
# its ASCII characters that are no word characters (by a byte table) and its other ones (found by one search) made
# spaces, so that `str.split` finds the words (no word character is a space)
_ASCII_WORDS = bytes(c if c == 10 or c >= 128 or chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256))
_OTHER_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
# what `str.split()` splits on (`str.isspace`), but the newline that ends a line and the space itself
OTHER_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = re.compile("  +")
_PLAIN = tuple(QUOTES.items())


def casefold(text: str) -> str:
    """`text.casefold()` (the compiled kernel reads each character's fold off a table)."""
    return text.casefold()


def casefold_lines(lines: list[str]) -> str:
    """`"\\n".join(lines).casefold()` (the compiled kernel folds each line straight into the page)."""
    return "\n".join(lines).casefold()


def words_of_lines(page: str) -> list[tuple[str, ...]]:
    """`WORD.findall` of each line of `page` ("\n" ends a line), worked out for the page at once: one C pass maps its
    ASCII non-word characters to spaces, one substitution the few other non-word characters it uses (dashes, quotes),
    and each line is then split on spaces in C, the regex engine never stepping through the words themselves."""
    spaced = page.encode("utf-8", "surrogatepass").translate(_ASCII_WORDS).decode("utf-8", "surrogatepass")
    spaced = _OTHER_NON_WORD.sub(" ", spaced)
    return [tuple(line.split()) for line in spaced.split("\n")]


def single_spaced(page: str) -> tuple[str, bool]:
    """`page` with QUOTES made plain and one space between words (a space perhaps left at either end of a line), with
    whether a character was dropped (QUOTES' invisible characters)."""
    dropped = False
    for special, plain in _PLAIN:  # str.replace scans in C; translate looks up every character
        if special in page:
            page = page.replace(special, plain)
            dropped = dropped or not plain
    # one space between words, as `" ".join(line.split())` leaves: every other space character made a space, then runs of
    # spaces made one (the space a line may keep at either end goes with its edge punctuation)
    for space in OTHER_SPACES:
        if space in page:
            page = page.replace(space, " ")
    if "  " in page:
        page = _SPACES.sub(" ", page)
    return page, dropped


def line_facts(
    folded: str,
    n_lines: int,
    keys: dict[int, str],
    intern_words: bool = False,
    hint_words: int = 0,
    body_words: int = 0,
    asked: frozenset[str] | None = None,
    lines_of: dict[str, list[int]] | None = None,
) -> tuple[list[tuple[str, ...]], list[int], list[int], list[int], list[int], dict[str, list[int]], list[int]] | None:
    """The facts of each line of `folded` (a page's `n_lines` lines joined by "\n" and case-folded; None when it has
    another number of lines): its words (`WORD.findall`; `intern_words`: each `sys.intern`ed), its number of words
    (`len(line.split())`), its lexicon key (`key` of the line, put in `keys` by line number); the non-blank lines, those
    of at least `body_words` words, those of at most `hint_words` words where DATE_HINT matches; the non-blank lines
    by their first word ("" for a line without a word), each list in order; and the lines whose first word starts with a
    digit (`str.isdigit`), in order. With `asked`, the lines of each of its words the page holds are put in `lines_of`
    (each word's in order, each line once), as `winnow.kernel.index_words` of the words puts them."""
    if asked is not None and lines_of is None:
        raise TypeError("line_facts: the lines of the words asked about need a dict")
    if n_lines < 1 or folded.count("\n") != n_lines - 1:
        return None
    seqs = words_of_lines(folded)
    if intern_words:
        seqs = [tuple(map(intern, found)) for found in seqs]
    if asked and lines_of is not None:
        for i in compress(count(), map(not_, map(asked.isdisjoint, seqs))):
            for word in asked.intersection(seqs[i]):
                held = lines_of.get(word)
                if held is None:
                    lines_of[word] = [i]
                elif held[-1] != i:
                    held.append(i)
    spaced, dropped = single_spaced(folded)
    pieces = spaced.split("\n")
    keys.update(enumerate([text.strip(EDGE) for text in pieces]))
    if dropped:  # (a soft hyphen alone between spaces drops a word from the key, not from the line)
        counts = [len(line.split()) for line in folded.split("\n")]
    else:  # a line's words are its spaces, plus one, once the spaces at its ends are gone
        space = repeat(" ")
        stripped = list(map(str.strip, pieces, space))
        counts = list(map(add, map(str.count, stripped, space), map(bool, stripped)))
    nonblank = list(compress(count(), counts))
    body = list(compress(count(), map(body_words.__le__, counts))) if body_words > 0 else nonblank.copy()
    hinted = _hinted_lines(folded.split("\n"), [i for i in nonblank if counts[i] <= hint_words])
    by_first: dict[str, list[int]] = {}
    for i in nonblank:
        seq = seqs[i]
        by_first.setdefault(seq[0] if seq else "", []).append(i)
    numbered = sorted(chain.from_iterable(by_first[w] for w in by_first if w[:1].isdigit()))
    return seqs, counts, nonblank, body, hinted, by_first, numbered


def _hinted_lines(lines: list[str], candidates: list[int]) -> list[int]:
    """The `candidates` among `lines` where DATE_HINT matches: one search of them joined (its matches never reach over a
    newline, so each line holding one has its first found), a step a match in Python."""
    texts = [lines[i] for i in candidates]
    joined = "\n".join(texts)
    found = set()
    starts: list[int] = []
    for match in _PAGE_DATE_HINT.finditer(joined):
        if not starts:  # where each line starts in `joined` (and, last, where one after the last would)
            starts = [0, *accumulate(map((1).__add__, map(len, texts)))]
        found.add(candidates[bisect_right(starts, match.start()) - 1])
    return sorted(found)


def content_stems(words: tuple[str, ...], stop: frozenset[str], shortest: int, letters: int) -> set[str]:
    """The first `letters` letters of each of `words` that has at least `shortest` letters, is not in `stop` and is not a
    number (`str.isdigit`)."""
    return {w[:letters] for w in set(words).difference(stop) if len(w) >= shortest and not w.isdigit()}


def fill_stems(seqs: list[tuple[str, ...]], lines: Iterable[int], known: dict[int, set[str]], stop: frozenset[str], shortest: int, letters: int) -> None:
    """`known[i] = content_stems(seqs[i], stop, shortest, letters)` for each of `lines` not in `known` yet."""
    for i in lines:
        if i not in known:
            known[i] = content_stems(seqs[i], stop, shortest, letters)


def title_shares(
    lines: list[str],
    counts: list[int],
    seqs: list[tuple[str, ...]],
    candidates: list[int],
    max_words: int,
    period_last: str,
    ends_with_period: Callable[[str], bool],
    stop: frozenset[str],
    shortest: int,
    letters: int,
    others: list[set[str]],
    first_stems: set[str],
    first_body: int,
) -> list[tuple[int, int]]:
    """The `candidates` (line numbers, in order) that share a content stem with the paragraphs, each with how many it
    shares: of those of at most `max_words` words (`counts`) whose text without space at its end does not end with a
    period (`ends_with_period`, asked only when its last character is one of `period_last`), the number of stems of
    `content_stems(seqs[i], stop, shortest, letters)` in one of the sets `others` (the paragraphs' stems), or (but for
    line `first_body`) in those or `first_stems`, when not 0 (the kernel counts them without making the line's set of
    stems, nor the union of the paragraphs')."""
    paragraphs: set[str] = set().union(*others)
    every = paragraphs.union(first_stems)
    found = []
    for i in candidates:
        if counts[i] > max_words:
            continue
        text = lines[i].rstrip()
        if text and text[-1] in period_last and ends_with_period(text):
            continue
        shared = len(content_stems(seqs[i], stop, shortest, letters) & (paragraphs if i == first_body else every))
        if shared:
            found.append((i, shared))
    return found


def first_sets(by_first: dict[str, list[int]], numbers: dict[str, tuple[int, ...]]) -> dict[int, list[str]]:
    """The words of `by_first` (a page's first words) that `numbers` numbers, listed under each of their numbers (the sets
    of first words holding them: `winnow.stages.analyse.Analysis.lines_starting`), each list in no particular order."""
    starting: dict[int, list[str]] = {}
    for word in numbers.keys() & by_first.keys():
        for n in numbers[word]:
            starting.setdefault(n, []).append(word)
    return starting


def long_lines(lines: list[str], shortest: int) -> list[str]:
    """The `lines` of at least `shortest` characters, in order."""
    return [line for line in lines if len(line) >= shortest]


def language_visits(
    text: bytes, first: np.ndarray, after_two: np.ndarray, nextmove: np.ndarray, rowbase: np.ndarray, output: np.ndarray, deepest: int
) -> tuple[list[int], list[int]]:
    """The features py3langid's automaton meets walking `text`, with how often, in the order first met (as
    `py3langid.langid.visit_counts` counts them). The state after a byte is the longest sequence ending there that the
    automaton knows (an Aho-Corasick automaton), never longer than its `deepest` state: so every position's state is
    found by walking from the start state over the `deepest` bytes up to it, all positions at once (numpy), the first
    two bytes by one look-up (`after_two[256 * first byte + second]`; `first[byte]`). `nextmove`, `rowbase` (pre-shifted
    rows) and `output` are the model's tables."""
    data = np.frombuffer(text, dtype=np.uint8)
    n = len(data)
    state = np.zeros(n, dtype=np.int32)
    depth = min(deepest, n)  # bytes walked to each position (fewer to the first ones: all before them)
    if depth >= 2:  # the two earliest bytes from the start state by one look-up a position; the position that walks one
        # fewer (depth - 1 bytes, from the first) its first byte alone
        state[depth - 1 :] = after_two[(data[: n - depth + 1].astype(np.intp) << 8) + data[1 : n - depth + 2]]
        state[depth - 2] = first[data[0]]
        depth -= 2
    elif n:
        state[:] = first[data]
        depth = 0
    for back in range(depth - 1, -1, -1):  # the byte `back` places before each position, earliest first
        state[back:] = nextmove[rowbase[state[back:]] + data[: n - back]]
    features = output[state]
    counts = Counter(features[features >= 0].tolist())
    return list(counts), list(counts.values())


def language_rows(found: list[int], table: np.ndarray, out: np.ndarray, rebias: int) -> None:
    """Put in `out` the rows `found` of `table` (uint16: float16 bits), each value shifted left by 13 bits and `rebias`
    added, as uint32 (modulo 2**32): a negative normal float16's bits made its float32's (see
    `winnow.text.language.ByteWalk`), the rows in the order of `found`."""
    if out.shape != (len(found), table.shape[1]):
        raise ValueError("language_rows: out must have a row for each feature, as wide as the table")
    if found and min(found) < 0:  # (numpy would count from the end, the kernel refuses)
        raise IndexError(f"language_rows: feature {min(found)} outside the table")
    rows = table.take(np.array(found, dtype=np.intp), axis=0)
    np.left_shift(rows, 13, dtype=np.uint32, out=out)
    out += np.uint32(rebias)


def language_features(
    text: bytes,
    first: np.ndarray,
    after_two: np.ndarray,
    nextmove: np.ndarray,
    rowbase: np.ndarray,
    output: np.ndarray,
    deepest: int,
    table: np.ndarray,
    rebias: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The rows of `table` of the features `language_visits` meets walking `text`, widened as `language_rows` puts them
    (uint32, a row a feature, in the order first met), with how often each is met (float32)."""
    found, counted = language_visits(text, first, after_two, nextmove, rowbase, output, deepest)
    rows = np.empty((len(found), table.shape[1]), dtype=np.uint32)
    language_rows(found, table, rows, rebias)
    return rows, np.array(counted, dtype=np.float32)
