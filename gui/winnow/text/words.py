"""Words and stopwords: tokens, and jusText's stoplists by ISO 639-1 code (the language itself comes from
py3langid, see winnow.text.language).

jusText's stoplists are the most frequent words of each language's Wikipedia, so besides function
words they hold common nouns ("city", "army"). That suits both uses here: stopword density tells
prose from navigation, and a word too frequent to be on the list is evidence that two lines share a topic.
"""

from __future__ import annotations

import re
from functools import lru_cache

import justext

from winnow.kernel import words_of_lines  # noqa: F401 (`WORD.findall` of each line of a page: in the compiled kernel)

# The languages whose jusText stoplist the rules use, by ISO 639-1 code.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian_Bokmal",
    "fi": "Finnish",
    "cs": "Czech",
    "sk": "Slovak",
    "hu": "Hungarian",
    "ro": "Romanian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "el": "Greek",
    "ca": "Catalan",
    "hr": "Croatian",
    "id": "Indonesian",
}

# The one tokenizer: a word is a run of letters and digits (apostrophes and hyphens separate words, so
# "regime's" is "regime" and "s", "Wi-Fi" is "wi" and "fi"). Lexicon keys, the analysis's per-line words and
# the content stems all split text this way, so a word found by one is the word the others see.
WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist for an ISO 639-1 code (empty for a language it lacks)."""
    name = LANGUAGES.get(language)
    if name is None:
        return frozenset()
    return frozenset(w.casefold() for w in justext.get_stoplist(name))


def words(text: str) -> tuple[str, ...]:
    """The words of `text` as written (see WORD)."""
    return tuple(WORD.findall(text))


def tokens(text: str) -> list[str]:
    """The words of `text`, case-folded (see WORD)."""
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


@lru_cache(maxsize=1)
def _stoplist_index() -> dict[str, tuple[int, ...]]:
    """Every word of the supported stoplists, with the positions in LANGUAGES of the languages listing it."""
    index: dict[str, list[int]] = {}
    for n, code in enumerate(LANGUAGES):
        for w in stoplist(code):
            index.setdefault(w, []).append(n)
    return {w: tuple(found) for w, found in index.items()}


def best_stopword_density(folded_words: list[str]) -> float:
    """The highest share of `folded_words` (case-folded, split on whitespace) that are stopwords of one
    language, over every language with a stoplist: how prose-like a passage is whatever language it is in
    (an English paragraph on a page identified as German, or the reverse)."""
    if not folded_words:
        return 0.0
    index = _stoplist_index()
    counts = [0] * len(LANGUAGES)
    for w in folded_words:
        for n in index.get(w, ()):
            counts[n] += 1
    return max(counts) / len(folded_words)
