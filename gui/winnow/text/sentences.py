"""What ends a sentence, and what looks like a headline: one definition every rule and stage shares."""

from __future__ import annotations

import re

# a sentence ends in . ! ? … (or their CJK, Devanagari, Urdu and Arabic forms), perhaps inside a quote or bracket
SENTENCE_END_MARKS = ".!?…。！？।॥۔؟"
SENTENCE_END = re.compile(rf"[{re.escape(SENTENCE_END_MARKS)}][\"'”’»)\]]*$")
# a full stop that closes a sentence, not an initial ("J.") or an ellipsis ("..")
PERIOD_END = re.compile(r"(?<!\b[A-Z])(?<!\.\.)[.。।۔][\"'”’»)\]]*$")


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line.rstrip()))


def is_headline_like(line: str, max_words: int) -> bool:
    """Short, and not a finished sentence: how titles, sub-headings and teaser headlines look."""
    words = len(line.split())
    return 0 < words <= max_words and not PERIOD_END.search(line.rstrip())
