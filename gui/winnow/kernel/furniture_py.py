"""The pure-Python twin of `_furniture.pyx` (see `winnow.kernel`): the same functions, the same results.

The page-furniture rule (`rules/furniture.py`) asks a chain of some fifteen tests of each of its candidate lines, most of
which no test drops. `furniture_visits` rules out, in one pass over the candidates, the lines none of the chain's
dropping tests could pass, by what each test needs before its patterns are tried (a line's words, first word, word
count, key, shape, its tail's marks), so that the rule's loop visits only the few others. Every condition here is
necessary, never sufficient: the rule still asks its own tests of the lines visited.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from winnow.kernel.facts_py import DATE_HINT  # a date's digits (text.dates reads it from there too)

SHAPE_DIGIT, SHAPE_DATE, SHAPE_CREDIT_MARK = 1, 2, 4  # (rules_py's line shapes)
# what a line's first word may start (the bits of furniture_visits's `firsts`: the k-th of the rule's lists of first words
# sets bit 1 << k, in this order)
LABEL, FILLER, COUNTER, READING, SLIDE, CREDIT_START, CREDIT_FIRST, AGENCY, BYLINE = (1 << k for k in range(9))
# the tests of the rule's chain, in its order (furniture_visits gives each line visited the first that could drop it; a
# line a rule rewrote starts at STEP_ANY): the label split from its value, the date label split from its date, the enlarge
# link, the counter, the reading time, the gallery's position, the credit or caption, the standalone date, the byline
STEP_ANY, STEP_LABEL, STEP_FILLER, STEP_ENLARGE, STEP_COUNTER, STEP_READING, STEP_SLIDE, STEP_CREDIT, STEP_DATE, STEP_BYLINE = range(10)
CREDIT_TAIL = 120  # a credit closes its caption: the rule searches only the stripped line's last characters
DATE_CHARS = 80  # a longer line is no standalone date (text.dates)
# characters case folding makes other than the ASCII letter a pattern matches ignoring case: a line holding one is
# visited whatever its words (the rule's tests are left to say)
FOLDING_ODD = "İı"
DIGITS = frozenset("0123456789")
DURATION_LETTERS = "min"  # the letters every duration of the reading pattern holds (rules.furniture)
REST_WORD = re.compile(r"[^\W\d_]+")  # a word of letters, as text.dates finds those a standalone date may hold besides it


def _odd(text: str) -> bool:
    return not text.isascii() and ("İ" in text or "ı" in text)


def _label(line: str) -> str:
    """A label alone on its line as the rule compares it: 'Foto:' -> 'foto'."""
    return line.rstrip(":").strip().casefold()


def _plain(word: str) -> bool:
    """Whether every character of `word` is a letter, a decimal digit or "_" (a word character to both regex modules)."""
    return all(c.isalpha() or c.isdecimal() or c == "_" for c in word)


def _closed_after(tail: str, close: str) -> bool:
    """Whether the last `close` of `tail` has no letter, decimal digit or "_" after it (a pattern's `close\\W*$` can match
    only there)."""
    k = tail.rfind(close)
    return k >= 0 and not any(c.isalpha() or c.isdecimal() or c == "_" for c in tail[k + 1 :])


def _opens_with(tail: str, bracket: str, heads: dict[str, tuple[str, ...]]) -> bool:
    """Whether a `bracket` in `tail` has one of `heads` after it (after spaces, case-folded; `heads` by their first
    character, "" for an empty one, which every bracket has after it)."""
    if "" in heads:
        return bracket in tail
    for piece in tail.split(bracket)[1:]:
        folded = piece.lstrip().casefold()
        found = heads.get(folded[:1])
        if found is not None and folded.startswith(found):
            return True
    return False


def _credit_tail(tail: str, label_ends: tuple[str, ...], agency_heads: dict[str, tuple[str, ...]]) -> bool:
    """Whether the trailing credit could close `tail`: it shows "©" or "(c)", or ends in a bracket (then no word
    character) that an agency's first word opens, or a photo label's last word stands before one of its colons
    (case-folded, spaces between)."""
    if "©" in tail or "(c)" in tail or "(C)" in tail or _odd(tail):
        return True
    if _closed_after(tail, ")") and _opens_with(tail, "(", agency_heads):
        return True
    if _closed_after(tail, "]") and _opens_with(tail, "[", agency_heads):
        return True
    return ":" in tail and any(piece.rstrip().endswith(label_ends) for piece in tail.casefold().split(":")[:-1])


def _credit_start(line: str, seq: tuple[str, ...]) -> bool:
    """Whether the credit pattern could match a line starting with "©" or "(" whose first word is no credit label's: the
    line shows "©" or "(c)", or its first word holds a character other regex modules' word characters disagree on."""
    return "©" in line or "(c)" in line or "(C)" in line or _odd(line) or (bool(seq) and not _plain(seq[0]))


def _may_count(line: str, seq: tuple[str, ...], ends: dict[str, tuple[str, ...]] | None, edges: bool) -> bool:
    """Whether the counter pattern could match `line` (stripped; `seq` its words) by its ends (see the rule's
    _counter_edges: `ends` the counters' last words by their last character, `edges` whether a counter starts or ends with an ASCII digit). The
    pattern is a number, then a counter, or a counter, then a number or not, with only non-word characters around: a line
    starting and ending with an ASCII digit would need a counter to start or end with one; and a line of ASCII characters
    ends with a counter's last word, or with the number's digits (and a "k" or "m" after them, or alone after a space),
    which may follow the counter's word at once ("Kommentare5")."""
    if not edges and line[:1] in DIGITS and line[-1:] in DIGITS:
        return False
    if ends is None or not line.isascii():
        return True
    if not seq:
        return False
    last = seq[-1]
    if last.endswith(ends.get(last[-1], ())):
        return True
    rest = (last[:-1] if last[-1:] in ("k", "m") else last).rstrip("0123456789")  # (the number's, a counter's glued to it)
    return not rest or rest.endswith(ends.get(rest[-1], ()))


def _date_words(line: str, allowed: frozenset[str], months: frozenset[str]) -> bool:
    """Whether `line` could be a standalone date by its words: each of its words of letters (case-folded) is one a date, a
    time, a zone or the words around a date may hold, unless a digit comes right before it ('3rd', '12h'); and it shows
    the "-", "." or "/" of a date of numbers or names one of the `months` (on a line of other than ASCII characters, taken
    as may be)."""
    if _odd(line):
        return True
    named = False
    for found in REST_WORD.finditer(line):
        start = found.start()
        word = found.group().casefold()
        if (start == 0 or not line[start - 1].isdecimal()) and word not in allowed:
            return False
        named = named or word in months
    return named or "-" in line or "." in line or "/" in line or not line.isascii()


def furniture_candidates(
    nonblank: list[int],
    lines: list[str],
    seqs: list[tuple[str, ...]],
    counts: list[int],
    removals: list[object],
    rewritten: Container[int],
    starts: frozenset[str],
    held: Container[int],
    marked: bool,
    longest: int,
) -> list[int]:
    """The furniture rule's candidates, in order: the `nonblank` lines no rule removed, of at most `longest` words, whose
    first word ("" for none) is one of `starts` or starts with a digit, that are `held` (they hold a telling word), end in a
    bracket before spaces and dots or show "©" (looked for only when the page is `marked`: shows one), or that a rule
    rewrote."""
    found = []
    for i in nonblank:
        if removals[i] is not None or counts[i] > longest:
            continue
        seq = seqs[i]
        first = seq[0] if seq else ""
        if first in starts or first[:1].isdigit() or i in held or lines[i].rstrip(" .").endswith((")", "]")) or (marked and "©" in lines[i]) or i in rewritten:
            found.append(i)
    return found


SLIDE_SEPARATOR_STARTS = "/ovsdzOVSDZſ"  # what may open a gallery slide's "/" or "of" (see slide_lines), ignoring case


def slide_lines(indices: list[int], lines: list[str]) -> list[int]:
    """The `indices` whose line could be a gallery's slide ("3/12 …", "- 3 of 12 …": rules.furniture.SLIDE), in order: its
    first decimal digit among its first four characters, in a run of at most three, then perhaps spaces and a character
    that may open the separator ("/", "of", "von", "sur", "de", "di", "z", "van", ignoring case)."""
    found = []
    for i in indices:
        line = lines[i]
        p = next((k for k, c in enumerate(line[:4]) if c.isdecimal()), None)
        if p is None:
            continue
        q = p
        while q < len(line) and line[q].isdecimal():
            q += 1
        if q - p > 3:
            continue
        while q < len(line) and line[q].isspace():
            q += 1
        if q < len(line) and line[q] in SLIDE_SEPARATOR_STARTS:
            found.append(i)
    return found


def _next_hinted(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line within two after line i shows a date's digits (DATE_HINT)."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].strip():
            return DATE_HINT.search(lines[j]) is not None
    return False


def furniture_visits(
    candidates: list[int],
    shapes: list[int],
    lines: list[str],
    seqs: list[tuple[str, ...]],
    counts: list[int],
    keys: Mapping[int, str],
    rewritten: Container[int],
    timed: Container[int],
    captioned: Container[int],
    words: tuple,
    short: int,
    credits: bool,
    wordless_start: bool,
) -> list[tuple[int, int]]:
    """The positions in `candidates` (each line's shape in `shapes`) of the lines a test of the furniture rule's chain
    could drop (see rules/furniture.py: `words` is its FurnitureWords.screen, `short` its longest credit, `credits`
    whether it drops credits, `wordless_start` whether a list starts without a word), each with the first STEP_* of the
    chain that could drop it (the tests before it cannot: the rule starts there). A line a rule rewrote is visited
    from the chain's start (the analysis's words are of its text as read)."""
    firsts, label_words, enlarge, titled, counter_words, label_ends, agency_heads, date_words, months, counter_ends, counter_edges = words
    visits = []
    for n, i in enumerate(candidates):
        if i in rewritten:
            visits.append((n, STEP_ANY))
            continue
        shape = shapes[n]
        seq = seqs[i]
        first = seq[0] if seq else ""
        bits = firsts.get(first, 0)
        count = counts[i]
        line = lines[i].strip()
        if count > short:  # only a caption that ends in its credit
            if credits and (shape & SHAPE_CREDIT_MARK or i in captioned) and count <= 3 * short:
                if i in captioned or _credit_tail(line[-CREDIT_TAIL:], label_ends, agency_heads):
                    visits.append((n, STEP_CREDIT))
            continue
        if not seq and not wordless_start and not shape and line[:1] not in "©(" and not (count <= 6 and keys[i] in enlarge):
            if not (count <= 3 and _label(line) in label_words):
                continue
        if count <= 3 and bits & LABEL and _label(line) in label_words:
            visits.append((n, STEP_LABEL))
        elif count <= 3 and bits & FILLER and not shape & SHAPE_DIGIT and _next_hinted(lines, i):
            visits.append((n, STEP_FILLER))
        elif count <= 6 and keys[i] in enlarge:
            visits.append((n, STEP_ENLARGE))
        elif (bits & COUNTER or first.isdigit()) and (
            (count <= 6 and _may_count(line, seq, counter_ends, counter_edges) and (not line.isascii() or counter_words.search(keys[i]) is not None))
            or (count >= 3 and (not titled.isdisjoint(seq) or _odd(line)))
        ):
            visits.append((n, STEP_COUNTER))
        elif (count <= 8 and (bits & READING or first.isdigit()) and (DURATION_LETTERS in line.casefold() or _odd(line))) or (
            i in timed and len(seq) <= 10 and not line.endswith(".")
        ):
            visits.append((n, STEP_READING))
        elif credits and count <= 6 and bits & SLIDE:
            visits.append((n, STEP_SLIDE))
        elif (
            credits
            and (shape & SHAPE_CREDIT_MARK or i in captioned or bits & CREDIT_START or line[:1] in "©(")
            and (
                bits & CREDIT_FIRST
                or (line[:1] in "©(" and _credit_start(line, seq))
                or bits & AGENCY
                or i in captioned
                or (count <= 3 * short and _credit_tail(line[-CREDIT_TAIL:], label_ends, agency_heads))
            )
        ):
            visits.append((n, STEP_CREDIT))
        elif shape & SHAPE_DATE and len(line) <= DATE_CHARS and _date_words(line, date_words, months):
            visits.append((n, STEP_DATE))
        elif bits & BYLINE:
            visits.append((n, STEP_BYLINE))
    return visits
