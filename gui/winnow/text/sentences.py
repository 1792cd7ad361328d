"""What ends a sentence, and what looks like a headline: one definition every rule and stage shares."""

from __future__ import annotations

import re

# a sentence ends in . ! ? … (or their CJK, Devanagari, Urdu and Arabic forms), perhaps inside a quote or bracket
SENTENCE_END_MARKS = ".!?…。！？।॥۔؟"
FULL_WIDTH_END_MARKS = "。！？"  # CJK writing puts no space after them
# what may close a sentence after its end mark: quotes (English ” ’, German “ ‘ and «, French »), brackets;
# French sets » apart with a (no-break) space
CLOSERS = "\"'”’“‘»«)]"
_MARKS = re.escape(SENTENCE_END_MARKS)
_CLOSING = rf"(?:[{re.escape(CLOSERS)}]|[ \u00a0\u202f]»)*"
SENTENCE_END = re.compile(rf"[{_MARKS}]{_CLOSING}$")
# a sentence end inside a text: the mark and its closers, then a space or tab (or nothing after a full-width mark)
SENTENCE_BREAK = re.compile(rf"[{_MARKS}]{_CLOSING}(?=[ \t])|[{FULL_WIDTH_END_MARKS}]{_CLOSING}")
# a full stop that closes a sentence, not an initial ("J.") or an ellipsis ("..")
PERIOD_END = re.compile(rf"(?<!\b[A-Z])(?<!\.\.)[.。।۔]{_CLOSING}$")
PERIOD_END_LAST = frozenset(".。।۔" + CLOSERS)  # what a text PERIOD_END matches in ends with: a full stop or a closer


def ends_with_period(text: str) -> bool:
    """`PERIOD_END.search(text)` of a text without space at its end: searched only when its last character could end a
    match (the search tries every position of the text; most lines end in a letter)."""
    return text[-1:] in PERIOD_END_LAST and PERIOD_END.search(text) is not None


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line.rstrip()))


def last_sentence_break(text: str, start: int, end: int) -> int:
    """Where the last sentence that ends inside text[start:end] ends (after its closing quotes), or -1.
    Searched from the end in growing windows: a long text with many sentences is not matched from its start."""
    width = 256
    while True:
        low = max(start, end - width)
        last = -1
        for match in SENTENCE_BREAK.finditer(text, low, end):
            last = match.end()
        if last >= 0 or low == start:
            return last
        width *= 4


def is_headline_like(line: str, max_words: int) -> bool:
    """Short, and not a finished sentence: how titles, sub-headings and teaser headlines look."""
    words = len(line.split())
    return 0 < words <= max_words and not ends_with_period(line.rstrip())
