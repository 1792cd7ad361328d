"""Words and stopwords: tokens, jusText's stoplists by ISO 639-1 code, a language guess from stopword hits.

jusText's stoplists are the most frequent words of each language's Wikipedia, so besides function
words they hold common nouns ("city", "army"). That suits both uses here: stopword density tells
prose from navigation, and a word too frequent to be on the list is evidence that two lines share a topic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import justext

# The languages guessed, by ISO 639-1 code: jusText has lists for ~100 languages, but the guess is only as
# good as the lists are alike in size (Polish's list is 7x English's), so it is limited to these.
LANGUAGES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "fi": "Finnish",
    "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "ru": "Russian", "uk": "Ukrainian",
    "tr": "Turkish", "el": "Greek", "ca": "Catalan", "hr": "Croatian", "id": "Indonesian",
}

SAMPLE_CHARS = 800  # enough words for a clear majority, cheap enough for thousands of documents a second
WORD = re.compile(r"\w+(?:['’]\w+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=None)
def stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist for an ISO 639-1 code (empty for a language it lacks)."""
    name = LANGUAGES.get(language)
    if name is None:
        return frozenset()
    return frozenset(w.casefold() for w in justext.get_stoplist(name))


@lru_cache(maxsize=1)
def _any_stopword() -> frozenset[str]:
    return frozenset().union(*(stoplist(code) for code in LANGUAGES))


def guess_language(words: Iterable[str], minimum_hits: int = 5) -> str | None:
    """ISO 639-1 code of the language whose stopwords are most frequent among `words` (lower-cased)."""
    seen = _any_stopword().intersection(words)  # one pass leaves only the words worth counting
    best, best_hits = None, 0
    for code in LANGUAGES:  # distinct stopwords seen; each intersection runs in C
        hits = len(seen.intersection(stoplist(code)))
        if hits > best_hits:
            best, best_hits = code, hits
    return best if best_hits >= minimum_hits else None


def _sample(lines: list[str]) -> str:
    """Up to SAMPLE_CHARS of the longer lines (prose, not the menu a flattened page starts with)."""
    picked: list[str] = []
    size = 0
    for line in lines:
        if len(line) >= 60:
            picked.append(line[:SAMPLE_CHARS])
            size += len(picked[-1])
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(picked) if size >= SAMPLE_CHARS // 4 else "\n".join(lines)[:SAMPLE_CHARS]


def guess_text_language(text: str) -> str | None:
    """Language of a text: 'zh'/'ja'/'ko' when CJK script dominates, else the stopword guess."""
    return guess_lines_language(text.splitlines())


def guess_lines_language(lines: list[str]) -> str | None:
    """Language of a document given as lines (see guess_text_language)."""
    sample = _sample(lines)
    cjk = len(CJK.findall(sample))
    if cjk > 0.2 * max(len(sample.strip()), 1):
        if re.search(r"[\u3040-\u30ff]", sample):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", sample):
            return "ko"
        return "zh"
    return guess_language(sample.casefold().split())


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, inner apostrophes kept)."""
    return WORD.findall(text.casefold())


def stem(word: str) -> str:
    """A crude, language-blind stem: the first five letters, enough to match 'advance'/'advancing'."""
    return word[:5]


def content_stems(text: str, stop: frozenset[str]) -> set[str]:
    """Stems of the words that carry topic: at least 3 letters, not numbers, not frequent words."""
    return {stem(w) for w in tokens(text) if len(w) >= 3 and not w.isdigit() and w not in stop}


def stopword_density(text: str, stop: frozenset[str]) -> float:
    """Share of whitespace-separated words that are stopwords (as jusText counts them)."""
    words = text.casefold().split()
    if not words:
        return 0.0
    return sum(w in stop for w in words) / len(words)
