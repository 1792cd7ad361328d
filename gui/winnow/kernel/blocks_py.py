"""The pure-Python twin of `_blocks.pyx` (see `winnow.kernel`): the same functions, the same results.

The main-text detector's judging and run-finding (`rules/boilerplate.py`) over its blocks as arrays, one fact an
array (a byte a flag, `array('q')` for lengths, `array('d')` for values), not as objects: each block's kind and
value, teasers and readers' comments, the maximal-scoring runs of prose, and the walks that bridge, cut and close
them. What needs a block's text is worked out by the caller beforehand (a flag) or asked of it (`tail_takes`).
Sums are added one by one, left to right, as C adds them.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, compress, count, repeat
from operator import is_not, itemgetter
from typing import Any

from winnow.kernel.lines_py import FLAG_CLOSES
from winnow.text.sentences import CLOSERS, SENTENCE_END, SENTENCE_END_MARKS

# a block's kind (`KINDS[kind]` is the detector's name for it)
REMOVED, GOOD, NEAR, SHORT, BAD = range(5)
KINDS = ("removed", "good", "near", "short", "bad")
# a block's flags, one byte a block (`Facts.flags`)
IS_REMOVED = 1  # an earlier rule removed it
INSIDE = 2  # removed by a rule that removes from inside articles (furniture, ads)
LEAD = 4  # removed by one of those or a prompt (a share bar between the lead and the body)
JUNK = 8  # a menu or legal link
END = 16  # starts the page's closing furniture
COMMENTS = 32  # heads a comment section
TICKER = 64  # inside a live ticker
MORE = 128  # a "read more" link (or a bare "More")
NOT_FRAGMENT = JUNK | END | MORE | TICKER  # what no article holds between two stretches (and a copyright line)

UNFINISHED_NEAR = 0.1  # (rules.boilerplate's constants, the same numbers)
NAMES_SHARE = 0.5
COMMENT_WEIGHT = 0.3
CLOSING_AFTER = 0.75
BOX_PARAGRAPHS = 1
BRIDGE_BLOCKS = 12
REACH_STEPS = 4 * BRIDGE_BLOCKS
TAIL_BLOCKS = 1


SENTENCE_TAIL = 40  # characters a sentence end is looked for in: more only after a run of closing quotes and brackets
CLOSING_CHARACTERS = f"{CLOSERS} \u00a0\u202f"  # what may follow a sentence's end mark (SENTENCE_END)
# the last character of a text SENTENCE_END finds a match in: its end mark or closing quote or bracket (`$` also matches
# before a newline at the end)
SENTENCE_LAST = f"{SENTENCE_END_MARKS}{CLOSERS}\n"
LAST_ONE = itemgetter(slice(-1, None))  # text[-1:]
FIRST_ONE = itemgetter(slice(None, 1))  # seq[:1]
JOINED_LINKS_CHARS = 80  # a line of links joined ('Impressum | Kontakt') is short
JUNK_WORDS = 20  # a footer line is short (rules.boilerplate's)


def ends_sentence(texts: list[str]) -> bytearray:
    """Whether `SENTENCE_END.search` finds a sentence end in each text, asked only of the texts whose last character can
    end a match (most blocks end in a letter), and looked for in their last characters (a paragraph's other characters
    cannot hold its end): in the whole text only when those are all closing quotes or brackets."""
    found = bytearray(len(texts))
    for n in compress(count(), map(SENTENCE_LAST.__contains__, map(LAST_ONE, texts))):  # ("" holds "": an empty text is asked too)
        text = texts[n]
        hit = SENTENCE_END.search(text, len(text) - SENTENCE_TAIL)
        if hit is None and len(text) > SENTENCE_TAIL and not text[-SENTENCE_TAIL:].strip(CLOSING_CHARACTERS):
            hit = SENTENCE_END.search(text)
        found[n] = hit is not None
    return found


def line_flags(lines: list[str], stripped: list[str], removals: Sequence[Any]) -> tuple[bytearray, bool]:
    """Each line's facts `join_lines` joins by, as far as they are the line's own: FLAG_REMOVED (an earlier rule removed
    it: `removals[i]` is not None) and FLAG_CLOSES (`rules.boilerplate.closes_sentence`: it opens with a full stop and
    goes on); and whether any line holds a backslash (TeX). `stripped`: the lines stripped."""
    flags = bytearray(map(is_not, removals, repeat(None)))
    for i in compress(count(), map(".".__eq__, map(FIRST_ONE, stripped))):  # "… published through" / "Example CMS" / ". In …"
        text = lines[i].lstrip()
        if len(text) > 2 and text[1].isspace():  # (text[0]: the full stop)
            flags[i] |= FLAG_CLOSES
    return flags, any(map(str.__contains__, stripped, repeat("\\")))


def block_flags(
    lines: list[list[int]], removals: Sequence[Any], inside: tuple[Any, ...], lead: tuple[Any, ...], more: dict[int, str]
) -> tuple[dict[int, Any], dict[int, str], bytearray]:
    """Each block's flags from its lines (`MainText._blocks`): a removed line is a block of its own, IS_REMOVED, with
    INSIDE and LEAD by the family of the rule that removed it (`removals[i].family`, in `inside`, in `lead`); a "read
    more" link alone on its line (`more`, by line: "link" or "word") is MORE. Returns the removed blocks' families and
    the links' kinds, by block, and the flags."""
    flags = bytearray(len(lines))
    family: dict[int, Any] = {}
    more_of: dict[int, str] = {}
    known: dict[int, int] = {}  # a family compares and hashes in Python: its flags are found once a page, by identity
    for n, block in enumerate(lines):
        first = block[0]
        removal = removals[first]
        if removal is not None:
            its = family[n] = removal.family
            bits = known.get(id(its))
            if bits is None:
                bits = known[id(its)] = IS_REMOVED | (INSIDE if _among(its, inside) else 0) | (LEAD if _among(its, lead) else 0)
            flags[n] = bits
        if first in more:
            more_of[n] = more[first]
            flags[n] |= MORE
    return family, more_of, flags


def _among(its: Any, families: tuple[Any, ...]) -> bool:
    """`its in families`, by identity first: a family (a dataclass) compares in Python, slowly, and `in` compares it with
    each family before the one it is; == is asked only of a family that is none of them (made again, equal to one)."""
    return any(family is its for family in families) or its in families


STARTS_REMEMBERED = 100_000  # two-character starts `key_facts` remembers the answer for (a corpus of every script has more)
COMMENT_WORDS = 12  # a comment section's heading is short
COMMENT_START = 4  # characters of a block's start matched against comment headings' (`BoilerplateWords.comment_starts`)


def key_facts(
    lines: list[list[int]],
    texts: list[str],
    words: dict[int, str],
    keys: Mapping[int, str],
    key_words: list[tuple[str, ...]],
    seqs: list[tuple[str, ...]],
    anchored: bytes,
    keyed: Callable[[list[str]], list[str]],
    rewritten: AbstractSet[int],
    found: Any,
    joiners: Callable[[str], object],
    is_junk: Callable[..., bool],
    memo: dict[str, bool],
    flags: bytearray,
) -> None:
    """What `MainText._measure` reads off each block's key, or'ed into `flags`: JUNK (a menu or legal link: `is_junk`
    asked only where a link, a footer phrase's anchor word or links joined could make it one), END (a closing marker,
    a comment heading or a count of comments) and COMMENTS (a comment heading).

    `lines`, `texts`: each block's lines and its text as measured; `words`: the blocks measured without formulas;
    `keys`, `key_words`: each line's key and its words (the analysis's); `seqs`, `anchored`: each line's own words (the
    analysis's, the same tuple as its key's words where they are alike) and whether they hold a footer phrase's anchor
    word (found off the analysis's index of the page's words: a line's words are looked through only where its key's words
    are others); `keyed`: keys of texts (`lexicon.keys`), asked
    at once of the blocks of several lines; `rewritten`: lines rewritten since the analysis (their words are not the
    key's); `found`: the `BoilerplateWords` (a key among `found.links` is junk without asking `is_junk`, whose first
    answer that is); `joiners`: whether a text holds a joiner of links ('|', '&', 'und'; any true answer: a match); `memo`: whether
    `found.comment_starts` matches a block's first COMMENT_START characters, kept from page to page (a page's blocks
    start in the same few ways as the last page's)."""
    far = max(found.longest_link, JOINED_LINKS_CHARS)
    joined = [n for n, block in enumerate(lines) if len(block) > 1]
    # a block whose key is surely longer than any link's or links joined (`_long_key`), of its lines' words (no formula, no
    # underscore, no line rewritten), is keyed only where asked for (`_long_key_facts`): most blocks of several lines are
    # paragraphs
    later = {n for n in joined if _long_key(lines[n], keys, far) and n not in words and "_" not in texts[n] and rewritten.isdisjoint(lines[n])}
    joined = [n for n in joined if n not in later]
    joined_keys = dict(zip(joined, keyed([texts[n] for n in joined]))) if joined else {}
    links, anchors, link_starts, wordless = found.links, found.footer.anchors, found.link_starts, found.wordless_links

    def holds_anchor(i: int) -> bool:  # line i's key words hold an anchor word
        return bool(anchored[i]) if key_words[i] is seqs[i] else not anchors.isdisjoint(key_words[i])

    longest, firsts, headings, counts = found.longest_link, found.comment_firsts, found.heading_firsts, found.count_firsts
    end_markers, starts_match, comments, counted = found.end_markers, found.comment_starts.match, found.comments.match, found.counted_end.match
    for n, block in enumerate(lines):
        seq: tuple[str, ...] | None
        if n in later:
            flags[n] |= _long_key_facts(block, texts[n], keys, key_words, holds_anchor, keyed, found, is_junk, memo)
            continue
        if len(block) == 1:
            first, seq = keys[block[0]], key_words[block[0]]
        else:
            first, text = joined_keys[n], texts[n]
            # the words of a block's key are its lines' (keying changes no word, but for an underscore at a line's edge)
            seq = tuple(chain.from_iterable(map(key_words.__getitem__, block))) if n not in words and "_" not in text and rewritten.isdisjoint(block) else None
        listed = len(first) <= longest  # (a paragraph's key is not hashed to be looked up)
        if listed and first in links:
            junk = True  # (is_junk's first answer, without the call: a link as listed)
        elif seq is None:
            junk = is_junk(first, None, found)
        elif _anchored(first, seq, any(map(holds_anchor, block))) or _joinable(first, seq, link_starts, wordless, joiners):
            junk = is_junk(first, seq, found)
        else:
            junk = False
        flag = JUNK if junk else 0
        if listed and first in end_markers:
            flag |= END
        # only blocks starting as a comment heading or a count of comments does (a digit or a heading's first letters) are
        # matched: a heading if short, a count if it starts with a digit
        # (each pattern only where a heading or a count could start where it would look for one: `may_head`)
        if _heading_start(first, firsts, memo, starts_match):
            if len(texts[n].split()) <= COMMENT_WORDS and may_head(first, headings, True) and comments(first) is not None:
                flag |= COMMENTS | END
            elif first[:1].isdecimal() and may_head(first, counts, False) and counted(first) is not None:
                flag |= END
        flags[n] |= flag


def may_head(text: str, firsts: bytes, optional: bool) -> bool:
    """Whether `^(?:\\d+\\s+)?(?:ENTRIES)` (`optional`) or `^\\d+\\s+(?:ENTRIES)` may match `text` (the comment headings'
    pattern, the counts'), by the character where the entries would start: at its start (optional), or after its digits
    and the spaces after them. False only where that character is of Latin-1 and `firsts` says no entry starts with it
    (`rules.boilerplate.entry_firsts`: no entry empty or starting with a space, so the entries start nowhere else)."""
    if optional and _may_start(text, 0, firsts):
        return True
    digits, size = 0, len(text)
    while digits < size and text[digits].isdecimal():  # (re's \d)
        digits += 1
    at = digits
    while at < size and text[at].isspace():  # (re's \s)
        at += 1
    return digits > 0 and at > digits and _may_start(text, at, firsts)


def _may_start(text: str, at: int, firsts: bytes) -> bool:
    return at >= len(text) or ord(text[at]) >= 256 or bool(firsts[ord(text[at])])


def _heading_start(first: str, firsts: bytes, memo: dict[str, bool], starts_match: Callable[[str], object]) -> bool:
    """Whether a key starts as a comment heading or a count of comments does (`found.comment_starts` of its first
    COMMENT_START characters, remembered in `memo`); a key whose first character, of Latin-1, starts none
    (`found.comment_firsts`) is not looked up."""
    if first and ord(first[0]) < 256 and not firsts[ord(first[0])]:
        return False
    start = first[:COMMENT_START]
    head = memo.get(start)
    if head is None:
        if len(memo) > STARTS_REMEMBERED:
            memo.clear()
        head = memo[start] = starts_match(start) is not None
    return head


def _long_key(block: list[int], keys: Mapping[int, str], far: int) -> bool:
    """Whether the key of a block of several lines is surely longer than `far` characters, its first line's key of at
    least COMMENT_START characters. Keying works character by character but for the spaces between words and the
    punctuation at the ends, so each line's key is a piece of the block's, in order, with a space at least between two;
    the block's key starts with its first line's (the punctuation before it stripped as well)."""
    if len(keys[block[0]]) < COMMENT_START:
        return False
    pieces = [len(keys[i]) for i in block if keys[i]]
    return sum(pieces) + len(pieces) - 1 > far


def _long_key_facts(
    block: list[int],
    text: str,
    keys: Mapping[int, str],
    key_words: list[tuple[str, ...]],
    holds_anchor: Callable[[int], bool],
    keyed: Callable[[list[str]], list[str]],
    found: Any,
    is_junk: Callable[..., bool],
    memo: dict[str, bool],
) -> int:
    """`key_facts`' flags of a block whose key is longer than any link's or links joined (`_long_key`): no link, closing
    marker nor links joined; junk only as a footer line of few words; its key starts as its first line's does. The key
    is made only where `is_junk` or the comment patterns ask for it."""
    start, first, flag = keys[block[0]], None, 0
    seq = tuple(chain.from_iterable(map(key_words.__getitem__, block)))
    if any(map(holds_anchor, block)) and len(seq) <= JUNK_WORDS:  # (_anchored's, the key too long for _joinable)
        first = keyed([text])[0]
        if is_junk(first, seq, found):
            flag = JUNK
    if _heading_start(start, found.comment_firsts, memo, found.comment_starts.match):
        short, numbered = len(text.split()) <= COMMENT_WORDS, start[:1].isdecimal()
        if (short or numbered) and first is None:
            first = keyed([text])[0]
        if short and found.comments.match(first) is not None:
            flag |= COMMENTS | END
        elif numbered and found.counted_end.match(first) is not None:
            flag |= END
    return flag


def _anchored(first: str, seq: tuple[str, ...], holds_anchor: bool) -> bool:
    """A footer phrase's anchor word among the block's words (`holds_anchor`) could make it junk: asked unless it has
    more words than a footer line and its key is too long for links joined, when `is_junk` can only find it a link."""
    return holds_anchor and (len(first) <= JOINED_LINKS_CHARS or len(seq) <= JUNK_WORDS)


def _joinable(first: str, seq: tuple[str, ...], link_starts: frozenset[str], wordless: bool, joiners: Callable[[str], object]) -> bool:
    """Links joined ('Impressum | Kontakt') could make the block junk: its first word can start a link (any word, when a
    link may have none: `wordless`), and its key is short and holds a joiner ('|', '&', 'und' …)."""
    return (wordless or bool(seq) and seq[0] in link_starts) and len(first) <= JOINED_LINKS_CHARS and bool(joiners(first))


AMID_WORDS = 4  # the lines around a word amid running text are sentences, not a username or a button
AT_LEAST_AMID_WORDS = re.compile(rf"\s*(?:\S+\s+){{{AMID_WORDS - 1}}}\S")  # len(text.split()) >= AMID_WORDS, without splitting a paragraph
UNFINISHED_BY = ".!?:…"  # a text ending in one of these is finished: no word after it is amid its sentence
CLOSED_BY = ".!?"  # a link word ending in one of these closes the sentence before it


def _amid_text(before: str, after: str) -> bool:
    """Between a text of some words without a sentence end and one carrying it on in lower case: not a username or a
    button (`rules.boilerplate._amid_text`)."""
    if not after.lstrip()[:1].islower() or before.rstrip()[-1:] in UNFINISHED_BY:
        return False
    return AT_LEAST_AMID_WORDS.match(before) is not None and AT_LEAST_AMID_WORDS.match(after) is not None


def amid_words(flags: bytearray, texts: list[str], lines: list[list[int]]) -> None:
    """Clear the marks of the words that sit inside a sentence (`MainText.judged_columns`): JUNK of a link word alone on
    its line that closes the sentence the block before it leaves open ('… code coverage might' / 'help.'), or sits between
    two pieces of running text ('… image from their' / 'downloads' / 'page with …'): the sentence's word, linked, not a
    menu's; END and COMMENTS of a closing marker or comment heading alone on its line
    amid running text ("Comment", "Response")."""
    last = len(texts) - 1
    for n in range(1, len(texts)):
        flag = flags[n]
        if flag & JUNK and len(lines[n]) == 1 and not flags[n - 1] & IS_REMOVED:
            text, before = texts[n], texts[n - 1]
            closes = text[-1:] in CLOSED_BY and AT_LEAST_AMID_WORDS.match(before) is not None and before.rstrip()[-1:] not in UNFINISHED_BY
            if closes or n < last and not flags[n + 1] & IS_REMOVED and _amid_text(before, texts[n + 1]):
                flags[n] &= ~JUNK
        if flag & END and n < last and len(lines[n]) == 1 and _amid_text(texts[n - 1], texts[n + 1]):
            flags[n] &= ~(END | COMMENTS)


STACK_LINES = 4  # a block of at least this many lines, averaging fewer than STACK_WORDS words, without a finished
STACK_WORDS = 3  # sentence, is a list ("Name on Title" recent comments) whatever its common words
WORDY = 4  # a short finished sentence of this many words is weak evidence of prose
ANY_STOP = re.compile(r"[.!?।॥۔؟。！？](?:\s|$)")  # the end of a sentence, or one cut off by a link (' .')
CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def judge_facts(
    prose: list[str], texts: list[str], lines: list[list[int]], formulas: list[int], chars: Sequence[int], flags: bytes, sentence: bytes, shortest: int
) -> tuple[bytearray, bytearray, bytearray, list[int], bytearray]:
    """What `judge` reads of a block's text (`MainText._judge`): `bad` (junk, or its text as measured, `prose`, holds a
    copyright sign), `stacked` (a block of at least STACK_LINES lines, formulas not counted, of a paragraph's length,
    `shortest`, of short lines without a finished sentence or a comma: a list), `wordy` (a finished sentence shorter
    than a paragraph of WORDY words, or of Chinese or Japanese characters); the one-line blocks starting with a digit
    shaped as a time of day or a date may be (a live ticker's times and dates, `mark_tickers`: `_stamp_shaped`); and which
    texts hold a copyright sign (`Blocks.copyright`)."""
    count = len(lines)
    bad = bytearray(bool(flags[n] & JUNK) or "©" in prose[n] for n in range(count))
    stacked = bytearray(count)
    wordy = bytearray(count)
    numbered = []
    for n in range(count):
        size = len(lines[n])
        if size >= STACK_LINES and (pieces := size - formulas[n]) >= STACK_LINES and chars[n] >= shortest:
            text = prose[n]
            stacked[n] = len(text.split()) < STACK_WORDS * pieces and not ANY_STOP.search(text) and "," not in text
        if sentence[n] and chars[n] < shortest:
            wordy[n] = len(texts[n].split()) >= WORDY or CJK_CHARACTER.search(texts[n]) is not None
        if size == 1 and texts[n][:1].isdigit() and _stamp_shaped(texts[n]):
            numbered.append(n)
    return bad, stacked, wordy, numbered, bytearray(map(str.__contains__, texts, repeat("©")))


def _stamp_shaped(text: str) -> bool:
    """What every time of day and numeric date `mark_tickers` matches has ('14:44', '9.05 Uhr', '3h15', '31.01.2022',
    '2022-01-31'): a ':', '.' or 'h' second or third, or a '-' fifth."""
    return text[1:2] in STAMP_MARKS or text[2:3] in STAMP_MARKS or text[4:5] == "-"


STAMP_MARKS = (":", ".", "h")  # (the tuple: "" is in no tuple, as it is in any string)


def judge(
    flags: bytes,
    bad: bytes,
    chars: Sequence[int],
    stacked: bytes,
    density: Sequence[float],
    sentence: bytes,
    wordy: bytes,
    shortest: int,
    min_stopwords: float,
    good: int,
    cost: float,
) -> tuple[bytearray, array]:
    """Each block's kind and value (`MainText._judge`). `bad`: junk or a copyright line; `stacked`: short lines stacked
    into a list (asked of blocks of a paragraph's length); `density`: the share of common words (NaN where not measured:
    only blocks shorter than a paragraph without a finished sentence); `wordy`: a short finished sentence of four words
    or Chinese or Japanese characters."""
    count = len(chars)
    kinds = bytearray(count)
    values = array("d", bytes(8 * count))
    for n in range(count):
        length = chars[n]
        if flags[n] & IS_REMOVED:
            values[n] = -cost
            continue  # (kind REMOVED: 0)
        if bad[n]:
            kind = BAD
        elif length < shortest:
            kind = SHORT
        elif stacked[n]:
            kind = BAD
        elif density[n] >= min_stopwords:
            kind = GOOD if length >= good else NEAR
        elif sentence[n] and density[n] >= NAMES_SHARE * min_stopwords:
            kind = NEAR
        else:
            kind = BAD
        kinds[n] = kind
        if kind == GOOD:
            values[n] = length
        elif kind == NEAR:
            values[n] = 0.5 * length if sentence[n] and density[n] >= min_stopwords else UNFINISHED_NEAR * length
        elif kind == SHORT:
            values[n] = 0.5 * length if sentence[n] and density[n] >= min_stopwords and wordy[n] else -cost
        else:
            values[n] = -cost - 0.3 * length
    return kinds, values


def mark_teasers(
    kinds: bytearray, values: array, flags: bytes, more: Mapping[int, str], texts: list[str], lines: list[list[int]], chars: Sequence[int], cost: float
) -> None:
    """A block right before a "read more" link is a teaser (`MainText._teasers`): bad. `more`: the links' kinds by block
    ("link" for a "read more" link, else a bare "More", which counts only on a page with several links); a link ending
    with a colon introduces a story after it; the teaser is the block whose last line is just before the link's."""
    several = len(more) > 1
    for m, kind in more.items():
        n = m - 1
        if n < 0 or n in more or texts[m].endswith(":") or not (several or kind == "link"):
            continue
        if not flags[n] & IS_REMOVED and lines[n][-1] + 1 == lines[m][0]:
            kinds[n] = BAD
            values[n] = -cost - 0.3 * chars[n]


def discount_comments(values: array, flags: bytes) -> None:
    """Readers' comments after the article count for less (`MainText._discount_comments`)."""
    seen_prose = False
    for n in range(len(values)):
        seen_prose = seen_prose or values[n] > 0
        if flags[n] & COMMENTS and seen_prose:
            for later in range(n + 1, len(values)):
                if values[later] > 0:
                    values[later] *= COMMENT_WEIGHT
            return


def maximal_segments(values: Sequence[float]) -> list[tuple[float, int, int]]:
    """All maximal-scoring segments (score, start, end), by Ruzzo and Tompa's linear-time algorithm (see
    `rules.boilerplate.maximal_segments`)."""
    starts: list[int] = []
    ends: list[int] = []
    lefts: list[float] = []  # cumulative score before the segment
    rights: list[float] = []  # cumulative score after it
    lower: list[int] = []  # index of the nearest earlier segment with a lower left cumulative score, or -1
    total = 0.0
    for n, v in enumerate(values):
        if v <= 0:
            total += v
            continue
        start, left, right = n, total, total + v
        total = right
        while True:
            j = len(starts) - 1
            while j >= 0 and lefts[j] >= left:
                j = lower[j]
            if j < 0 or rights[j] >= right:
                starts.append(start)
                ends.append(n)
                lefts.append(left)
                rights.append(right)
                lower.append(j)
                break
            start, left = starts[j], lefts[j]  # merge with segment j and everything after it
            del starts[j:], ends[j:], lefts[j:], rights[j:], lower[j:]
    return [(right - left, s, e) for s, e, left, right in zip(starts, ends, lefts, rights, strict=True)]


def _fragment(flags: bytes, copyright: bytes, n: int) -> bool:
    """What may sit between two stretches of an article (`rules.boilerplate._fragment`)."""
    flag = flags[n]
    if flag & IS_REMOVED:
        return bool(flag & INSIDE) and not flag & END
    return not flag & NOT_FRAGMENT and not copyright[n]


def fill_gaps(keep: bytearray, flags: bytes, copyright: bytes) -> None:
    """Between two kept stretches, a gap of nothing but fragments is kept too (`MainText._fill_gaps`)."""
    previous = -1
    for n in range(len(keep)):
        if not keep[n]:
            continue
        if previous >= 0 and n - previous > 1 and all(_fragment(flags, copyright, k) for k in range(previous + 1, n)):
            for k in range(previous + 1, n):
                keep[k] = 1
        previous = n


def main_text(
    values: array,
    kinds: bytes,
    chars: Sequence[int],
    flags: bytes,
    copyright: bytes,
    min_run_share: float,
    enough: int,
    tail_takes: Callable[[int, int, int], bool],
) -> bytearray:
    """Which blocks are main text (`MainText.main_text`): the prose-rich runs, bridged, cut at closing markers, with a
    closing line; `tail_takes(n, start, end)`: whether the short block n after the run start..end may close it (what
    its text says)."""
    keep = bytearray(len(values))
    kept_end = -1  # the last block kept so far: runs come in page order and never re-walk kept ground
    for start, end in _runs(values, flags, copyright, min_run_share, enough):
        if end <= kept_end:  # an earlier run already reached over this one
            continue
        end = _before_ticker(flags, start, end)
        end = _last_prose(values, kinds, chars, start, end)
        start, end = _bridge(values, kinds, flags, max(start, kept_end + 1), end, kept_end)
        end = _closing(values, flags, start, end)
        end = _tail(kinds, flags, start, end, tail_takes)
        for n in range(start, end + 1):
            keep[n] = 1
        kept_end = max(kept_end, end)
    fill_gaps(keep, flags, copyright)
    return keep


def _runs(values: array, flags: bytes, copyright: bytes, min_run_share: float, enough: int) -> list[tuple[int, int]]:
    runs = maximal_segments(values)
    if not runs:
        return []
    best = max(score for score, _, _ in runs)
    chosen = [score >= min_run_share * best and (score == best or not flags[s] & TICKER) for score, s, e in runs]
    for order, step in ((range(1, len(runs)), -1), (range(len(runs) - 2, -1, -1), 1)):
        for k in order:  # forwards from each chosen run, then backwards
            if chosen[k] or not chosen[k + step] or runs[k][0] < enough:
                continue
            before, after = sorted((k, k + step))
            chosen[k] = all(_fragment(flags, copyright, n) for n in range(runs[before][2] + 1, runs[after][1])) and not flags[runs[k][1]] & TICKER
    return [(s, e) for (_, s, e), c in zip(runs, chosen) if c]


def _before_ticker(flags: bytes, start: int, end: int) -> int:
    if flags[start] & TICKER:
        return end
    return next((n - 1 for n in range(start, end + 1) if flags[n] & TICKER), end)


def _last_prose(values: array, kinds: bytes, chars: Sequence[int], start: int, end: int) -> int:
    for n in range(end, start - 1, -1):
        if values[n] > 0 and not (kinds[n] == NEAR and values[n] <= UNFINISHED_NEAR * chars[n]):
            return n
    return end


def _bridge(values: array, kinds: bytes, flags: bytes, start: int, end: int, kept_end: int) -> tuple[int, int]:
    while start > kept_end + 1:
        reach = _reach(values, kinds, flags, start, -1, kept_end)
        if reach < 0:
            break
        start = reach
    while True:
        reach = _reach(values, kinds, flags, end, 1, kept_end)
        if reach < 0:
            break
        end = reach
    return start, end


def _reach(values: array, kinds: bytes, flags: bytes, edge: int, step: int, kept_end: int) -> int:
    """The prose block a walk from `edge` reaches over fragments, or -1."""
    n, fragments = edge + step, 0
    for _ in range(REACH_STEPS):  # removed blocks do not count as fragments, but the walk stays short
        if not (0 <= n < len(values)) or fragments > BRIDGE_BLOCKS:
            return -1
        if step < 0 and n <= kept_end:  # back at what an earlier run kept: joined to it
            return n + 1 if n + 1 < edge else -1
        flag = flags[n]
        if flag & TICKER and not flags[edge] & TICKER:  # a live ticker beside the article is not part of it
            return -1
        if step > 0:  # after the text: a closing marker (a share bar, comments) ends the article
            if flag & END or (not flag & INSIDE if flag & IS_REMOVED else flag & JUNK or kinds[n] == BAD):
                return -1
        # before it, a share bar may part the lead from the body; a comment section may not
        elif flag & COMMENTS or (not flag & LEAD if flag & IS_REMOVED else flag & (END | JUNK) or kinds[n] == BAD):
            return -1
        if values[n] > 0 and kinds[n] in (GOOD, NEAR):
            return n
        fragments += not flag & IS_REMOVED  # dates, bylines and credits do not count
        n += step
    return -1


def _closing(values: array, flags: bytes, start: int, end: int) -> int:
    prose = 0.0
    paragraphs_after = 0  # prose blocks from block n on
    for n in range(start, end + 1):
        prose += max(values[n], 0.0)
        paragraphs_after += values[n] > 0
    seen = 0.0
    for n in range(start, end + 1):
        flag = flags[n]
        if flag & END and seen >= CLOSING_AFTER * prose:
            return n - 1
        # a menu label ('About us') with a paragraph at most after it: the site's box, not the article's heading
        if flag & JUNK and paragraphs_after <= BOX_PARAGRAPHS and seen >= CLOSING_AFTER * prose:
            return n - 1
        seen += max(values[n], 0.0)
        paragraphs_after -= values[n] > 0
    return end


def _tail(kinds: bytes, flags: bytes, start: int, end: int, tail_takes: Callable[[int, int, int], bool]) -> int:
    taken = 0
    n = end + 1
    while n < len(kinds) and taken < TAIL_BLOCKS:
        if flags[n] & (IS_REMOVED | JUNK | END | TICKER) or kinds[n] != SHORT or not tail_takes(n, start, end):
            break
        taken += 1
        n += 1
    return n - 1


ROLE_WORDS = 12  # a line naming an author's job is short
BIO_AFTER = 0.7  # an author box follows at least this share of the kept prose
MENU_WORDS = 3  # a menu item is a word or three


NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+){1,3}[A-ZÀ-ÖØ-Þ][\w'’.-]*$")  # a person's name alone ('Benjamin Fischer')


def after_names(lines: list[str], starts: list[int]) -> bytearray:
    """For each of `starts` (line numbers), whether the last non-blank line before it is a person's name alone
    (`rules.boilerplate.after_name`: NAME, two to four capitalised words), as an author box has it."""
    found = bytearray(len(starts))
    for k, i in enumerate(starts):
        n = i - 1
        while n >= 0 and not lines[n].strip():
            n -= 1
        found[k] = n >= 0 and NAME.match(lines[n].strip()) is not None
    return found


def last_kept(indices: list[int], removals: Sequence[Any], most: int) -> list[int]:
    """The last `most` of the `indices` whose line no rule removed (`removals[i] is None`), in their order: looked for
    from the end (the lines after a page's main text are most of them removed)."""
    found: list[int] = []
    for i in reversed(indices):
        if len(found) >= most:
            break
        if removals[i] is None:
            found.insert(0, i)
    return found


def role_candidates(keep: bytes, flags: bytes, texts: list[str]) -> list[int]:
    """The kept blocks that may name the author's job (`rules.boilerplate.is_role_line`, after a name): not removed,
    starting with a capital, ROLE_WORDS words at most."""
    return [n for n in compress(count(), keep) if not flags[n] & IS_REMOVED and texts[n][:1].isupper() and len(texts[n].split()) <= ROLE_WORDS]


def late_prose(keep: bytes, values: Sequence[float], kinds: bytes) -> list[int]:
    """The kept prose blocks (good or near-good) after BIO_AFTER of the kept prose (`rules.boilerplate.author_boxes`):
    what each kept block counts for, added up one by one, before it is at least that share of all of it."""
    kept = list(compress(count(), keep))
    total = 0.0
    for n in kept:
        total += max(values[n], 0.0)
    after = BIO_AFTER * total
    found = []
    seen = 0.0
    for n in kept:
        if seen >= after and kinds[n] in (GOOD, NEAR):
            found.append(n)
        seen += max(values[n], 0.0)
    return found


def menu_candidates(lines: list[list[int]], keep: bytes, flags: bytes, keys: Mapping[int, str], counts: Sequence[int]) -> list[int]:
    """The kept one-line blocks, not removed, of MENU_WORDS words at most whose key a one-line block of as few words
    before the main text has too (`rules.boilerplate.menu_items`, when the lines' keys and numbers of words are known:
    `keys`, `counts`, by line)."""
    first = keep.index(1) if 1 in keep else len(keep)
    outside = {keys[block[0]] for block in lines[:first] if len(block) == 1 and counts[block[0]] <= MENU_WORDS}
    if not outside:
        return []
    return [
        n
        for n in range(first, len(lines))
        if keep[n] and len(lines[n]) == 1 and counts[lines[n][0]] <= MENU_WORDS and not flags[n] & IS_REMOVED and keys[lines[n][0]] in outside
    ]


def short_lines(lines: list[str], removals: Sequence[Any], nonblank: list[int], shortest: int) -> tuple[int, int]:
    """How many of the `nonblank` lines no rule removed (`removals[i]` None) there are, and how many of those are shorter
    than `shortest` characters (`MainText._looks_flattened`)."""
    live = [i for i in nonblank if removals[i] is None]
    return len(live), sum(len(lines[i]) < shortest for i in live)


def prose_asked(texts: list[str], ends: bytes, long_enough: int, flags: bytes) -> tuple[array, list[int]]:
    """Each text's length, and the texts whose share of common words `MainText._judge` reads (`_prose_measures`), by
    number: those ending a sentence (`ends`) or at least `long_enough` characters long, but for the blocks an earlier
    rule removed (`flags`: IS_REMOVED; the judge gives them their value without reading it)."""
    chars = array("q", map(len, texts))
    asked = [n for n in range(len(texts)) if (ends[n] or chars[n] >= long_enough) and not flags[n] & IS_REMOVED]
    return chars, asked


def outside_lines(lines: list[list[int]], keep: bytes, flags: bytes, title: int, skip: Mapping[int, str]) -> tuple[list[int], list[int], list[int]]:
    """The lines of the blocks outside the main text (`keep`) that no earlier rule removed nor are in `skip`
    (`MainText._drop_outside`), in order: those of the title's block before the main text (the block starting at line
    `title`, -1 for none), of the other blocks before it, and of the blocks after it."""
    first = keep.index(1)
    titled: list[int] = []
    before: list[int] = []
    after: list[int] = []
    for n, block in enumerate(lines):
        if keep[n] or flags[n] & IS_REMOVED or n in skip:
            continue
        if n > first:
            after.extend(block)
        elif block[0] == title:
            titled.extend(block)
        else:
            before.extend(block)
    return titled, before, after
