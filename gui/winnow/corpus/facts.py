"""What document rules look at, computed once per cleaned document (after the line rules)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property

import regex

from winnow.core.model import Cleaned
from winnow.corpus.language import identify

PUNCTUATION = set(string.punctuation) | set("«»„“”‘’‚‹›–—…·•")
# scripts written without spaces between words: one character counts as one word
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


@dataclass
class DocumentFacts:
    cleaned: Cleaned

    @cached_property
    def text(self) -> str:
        return self.cleaned.text

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
        letters = sum(1 for ch in self.text if ch.isalpha())
        return bool(letters) and len(UNSPACED.findall(self.text)) > 0.3 * letters

    @cached_property
    def content_words(self) -> list[str]:
        """Tokens that are not only punctuation or symbols."""
        return [w for w in self.words if any(ch not in PUNCTUATION for ch in w)]

    @cached_property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]

    @cached_property
    def page_lines(self) -> int:
        """Non-blank lines of the whole page, before cleaning."""
        return sum(1 for line in self.cleaned.lines if line.strip())

    @cached_property
    def page_words(self) -> int:
        """Words of the whole page, before cleaning."""
        return sum(len(line.split()) for line in self.cleaned.lines)

    @cached_property
    def language(self) -> tuple[str | None, float | None]:
        """From the metadata when it holds a confidence (the analyse stage), else identified on the clean text."""
        meta = self.cleaned.metadata
        score = meta.get("language_score")
        if meta.get("language") and score not in (None, ""):
            return meta["language"], float(score)
        return identify(self.text)
