"""Words and stopwords: tokens, jusText's stoplists by ISO 639-1 code, a language guess from stopword hits.

jusText's stoplists are the most frequent words of each language's Wikipedia, so besides function
words they hold common nouns ("city", "army"). That suits both uses here: stopword density tells
prose from navigation, and a word too frequent to be on the list is evidence that two lines share a topic.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
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

ORDER = {code: n for n, code in enumerate(LANGUAGES)}  # ties go to the language listed first
SAMPLE_CHARS = 800  # enough words for a clear majority, cheap enough for thousands of documents a second
SAMPLE_PIECE = 200  # taken from each of a few long lines
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
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Every stopword with the languages whose lists hold it (in LANGUAGES order)."""
    found: dict[str, list[str]] = {}
    for code in LANGUAGES:
        for word in stoplist(code):
            found.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in found.items()}


def guess_language(words: Iterable[str], minimum_hits: int = 5) -> str | None:
    """ISO 639-1 code of the language whose stopwords are most frequent among `words` (lower-cased).

    Hits are distinct stopwords seen; a tie goes to the language listed first in LANGUAGES."""
    languages_of = _languages_of()
    seen = languages_of.keys() & set(words)  # one pass in C leaves only the words worth counting
    hits = Counter(chain.from_iterable(languages_of[w] for w in seen))
    if not hits:
        return None
    best, best_hits = min(hits.items(), key=lambda item: (-item[1], ORDER[item[0]]))
    return best if best_hits >= minimum_hits else None


def _sample(lines: list[str]) -> str:
    """About SAMPLE_CHARS of the longest lines (prose, not the menu a flattened page starts with), wherever
    they are, so that a notice in another language at the top does not decide."""
    long = [line for line in lines if len(line) >= 60]
    if sum(min(len(line), SAMPLE_PIECE) for line in long) < SAMPLE_CHARS // 4:
        return "\n".join(lines)[:SAMPLE_CHARS]
    pieces = SAMPLE_CHARS // SAMPLE_PIECE
    if len(long) > pieces:
        long = heapq.nlargest(pieces, long, key=len)
    return "\n".join(line[:SAMPLE_PIECE] for line in long)


def guess_text_language(text: str) -> str | None:
    """Language of a text: 'zh'/'ja'/'ko' when CJK script dominates, else the stopword guess."""
    return guess_lines_language(text.splitlines())


def guess_lines_language(lines: list[str]) -> str | None:
    """Language of a document given as lines (see guess_text_language)."""
    sample = _sample(lines)
    return cjk_language(sample) or guess_language(sample.casefold().split())


def cjk_language(sample: str) -> str | None:
    """'zh', 'ja' or 'ko' when CJK script dominates the sample, else None."""
    if sample.isascii() or not CJK.search(sample):
        return None
    if len(CJK.findall(sample)) <= 0.2 * max(len(sample.strip()), 1):
        return None
    if re.search(r"[\u3040-\u30ff]", sample):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", sample):
        return "ko"
    return "zh"


def confirms(language: str, words: list[str], minimum_share: float = 0.15) -> bool:
    """Whether `words` (lower-cased) look like `language`: enough of them are its stopwords."""
    stop = stoplist(language)
    return bool(words) and sum(w in stop for w in words) >= minimum_share * len(words)


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
