"""What document rules look at, computed once per document from the lines the line rules kept."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, repeat

import regex

from winnow.stages.analyse import Analysis

PUNCTUATION = set(string.punctuation) | set("«»„“”‘’‚‹›–—…·•")
_PUNCTUATION = "".join(sorted(PUNCTUATION))
# scripts written without spaces between words: one character counts as one word
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# the blocks of 256 code points holding a character of those scripts (tests/test_corpus_filters.py checks each code point):
# a text with none of them (Latin, Cyrillic, Greek, Arabic, Korean, punctuation, emoji) needs no search by script, which is slow
_MAYBE_UNSPACED_BMP = "\u0e00-\u0eff\u1000-\u10ff\u1700-\u17ff\u1900-\u19ff\u2e00-\u9fff\ua900-\uaaff\uf900-\ufaff\uff00-\uffff"
_MAYBE_UNSPACED_ASTRAL = "\U00011600-\U000116ff\U00016f00-\U00016fff\U0001af00-\U0001b1ff\U0001f200-\U0001f2ff\U00020000-\U0003ffff"
MAYBE_UNSPACED = re.compile(f"[{_MAYBE_UNSPACED_BMP}{_MAYBE_UNSPACED_ASTRAL}]")
# the same search in two: the blocks of the Basic Multilingual Plane, which the regex engine looks up in a table, and the
# blocks beyond it, which it compares range by range at every character (9/10 of the search): only a text holding a
# character beyond that plane needs the second
MAYBE_UNSPACED_BMP = re.compile(f"[{_MAYBE_UNSPACED_BMP}]")
MAYBE_UNSPACED_ASTRAL = re.compile(f"[{_MAYBE_UNSPACED_ASTRAL}]")


def maybe_unspaced(text: str) -> bool:
    """`MAYBE_UNSPACED.search(text) is not None`: a character beyond the BMP takes two UTF-16 code units."""
    if MAYBE_UNSPACED_BMP.search(text) is not None:
        return True
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text) and MAYBE_UNSPACED_ASTRAL.search(text) is not None


@dataclass
class DocumentFacts:
    text: str  # the kept lines
    page_words: int  # words of the page before the line rules (an HTML page: its main content)
    page_lines: int  # its non-blank lines
    language: tuple[str | None, float | None]  # from the analyse stage: ISO 639-1 code and confidence

    @classmethod
    def of(cls, kept: Sequence[str], analysis: Analysis) -> DocumentFacts:
        facts = analysis.facts
        return cls("\n".join(kept), sum(analysis.counts), len(analysis.nonblank), (facts.language, facts.language_confidence))

    @cached_property
    def words(self) -> list[str]:
        """Whitespace-separated tokens, punctuation included (as Gopher counts them); in scripts without
        spaces each character is a word."""
        if not self.unspaced:
            return self.text.split()
        return [piece for token in self.text.split() for piece in UNSPACED.sub(lambda m: f" {m[0]} ", token).split()]

    @cached_property
    def unspaced(self) -> bool:
        """Mostly written in a script without spaces (Chinese, Japanese, Thai …): word lengths and
        stop words say nothing there."""
        if not maybe_unspaced(self.text):  # most documents: no need to count their letters one by one
            return False
        letters = sum(1 for ch in self.text if ch.isalpha())
        return bool(letters) and len(UNSPACED.findall(self.text)) > 0.3 * letters

    @cached_property
    def content_words(self) -> list[str]:
        """Tokens that are not only punctuation or symbols."""
        words = self.words  # (strip leaves a word of punctuation alone empty; C maps: a page has hundreds of words)
        return list(compress(words, map(str.strip, words, repeat(_PUNCTUATION))))

    @cached_property
    def lines(self) -> list[str]:
        lines = self.text.split("\n")
        return list(compress(lines, map(str.strip, lines)))
