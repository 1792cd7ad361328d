"""What several rules need to know about a document, worked out once and kept in `ctx.cache`.

The language guess (from stopword hits) is recorded in the metadata as "language" when nothing
else set it, because it comes for free here and helps a corpus builder filter by language.
"""

from __future__ import annotations

import re

from winnow.rules.base import Context
from winnow.text.lexicon import WORD, PhraseIndex, key
from winnow.text.words import guess_lines_language, stem, stoplist

SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
PERIOD_END = re.compile(r"(?<!\b[A-Z])(?<!\.\.)[.。][\"'”’»)\]]*$")
CJK_LANGUAGES = ("zh", "ja", "ko")
CONTINUES = ",;:)]}»”%…-–—/·"  # a line starting with one of these continues the previous one
OPENS = ",(„“«‚‘[/-–—"  # a line ending with one of these continues on the next
QUOTES = "“«‚‘"
FRAGMENT_WORDS = 8


class LazyKeys:
    """The lexicon key of each line, worked out the first time a rule asks for it."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.found: list[str | None] = [None] * len(lines)

    def __getitem__(self, i: int) -> str:
        k = self.found[i]
        if k is None:
            k = self.found[i] = key(self.lines[i])
        return k


class Analysis:
    """Per-document facts the rules share, each worked out once: language and stoplist, and per line
    its lexicon key, word count and case-folded words.

    Speed matters (thousands of documents a second), so rules do not test every line with every
    pattern: they ask for candidates - the short lines, or the lines holding a phrase's rarest word -
    which list comprehensions and set operations find at C speed.
    """

    def __init__(self, lines: list[str], language: str | None):
        self.language = language
        self.stop = stoplist(language) if language else frozenset()
        self.lines = lines
        self.keys = LazyKeys(lines)
        self.counts = [len(line.split()) for line in lines]  # words per line (0 for blank lines)
        findall = WORD.findall
        self.seqs = [tuple(findall(line.casefold())) for line in lines]  # case-folded words per line
        self._stems: dict[int, set[str]] = {}
        self._words: frozenset[str] | None = None
        self._short: dict[int, list[int]] = {}
        self._phrase_lines: dict[int, list[int]] = {}

    @property
    def cjk(self) -> bool:
        return self.language in CJK_LANGUAGES

    def count(self, i: int) -> int:
        return self.counts[i]

    def seq(self, i: int) -> tuple[str, ...]:
        return self.seqs[i]

    def short_lines(self, max_words: int) -> list[int]:
        """Non-blank lines of at most `max_words` words."""
        found = self._short.get(max_words)
        if found is None:
            found = self._short[max_words] = [i for i, n in enumerate(self.counts) if 0 < n <= max_words]
        return found

    def phrase_lines(self, index: PhraseIndex) -> list[int]:
        """Lines that hold the rarest word of one of the index's phrases (only they can hold a phrase)."""
        found = self._phrase_lines.get(id(index))
        if found is None:
            present = index.anchors & self.words
            found = [i for i, seq in enumerate(self.seqs) if not present.isdisjoint(seq)] if present else []
            self._phrase_lines[id(index)] = found
        return found

    def finds(self, index: PhraseIndex, i: int) -> tuple[str, ...] | None:
        """The phrase of `index` in line i, or None."""
        return index.finds(self.seqs[i])

    @property
    def words(self) -> frozenset[str]:
        """Every word of the document (case-folded)."""
        if self._words is None:
            self._words = frozenset().union(*self.seqs)
        return self._words

    def stems(self, i: int) -> set[str]:
        """Stems of line i's content words (see winnow.text.words.content_stems)."""
        found = self._stems.get(i)
        if found is None:
            stop = self.stop
            found = self._stems[i] = {stem(w) for w in self.seqs[i] if len(w) >= 3 and w not in stop and not w.isdigit()}
        return found


def analysis(ctx: Context) -> Analysis:
    found = ctx.cache.get("analysis")
    if found is None:
        found = Analysis(ctx.lines, guess_lines_language(ctx.lines))
        ctx.cache["analysis"] = found
        if found.language and not ctx.metadata.get("language"):
            ctx.metadata["language"] = found.language
    return found


def continues(previous: str, line: str, stop: frozenset[str]) -> bool:
    """Whether `line` carries on the sentence `previous` was cut from (flattening split it at a link)."""
    p, n = previous.rstrip(), line.lstrip()
    if not p or not n:
        return False
    if n[0] in CONTINUES or n[0].islower():
        return True
    if p[-1] in OPENS:
        # “ « ‘ open a quote in one language and close it in another: glued to a word they close it
        return p[-1] not in QUOTES or len(p) == 1 or p[-2].isspace()
    words = p.split()
    last = words[-1]
    if len(words) == 1 and len(last) <= 3 and last.isalpha() and last.casefold() in stop:
        return True  # "Die" / "Zutrittsbestimmungen …": an article alone on its line starts the next one
    # "… researchers at" / "OpenAI": a sentence does not end on a lower-case function word
    return last.isalpha() and last[0].islower() and last.casefold() in stop


def is_fragment(ctx: Context, i: int) -> bool:
    """Whether line i is part of a sentence split over lines (joined to the line before or after it).

    A short line ending in a frequent word ("… prend fin") is a headline as often as a cut sentence,
    so for lines under FRAGMENT_WORDS words only the surer signs count (the next line starts in
    lower case, this one ends on a comma or an open bracket).
    """
    info = analysis(ctx)
    lines = ctx.lines

    def joined(a: int, b: int) -> bool:  # does line b carry on line a?
        stop = info.stop if info.counts[a] >= FRAGMENT_WORDS else frozenset()
        return bool(lines[a].strip() and lines[b].strip()) and ctx.removals[a if a != i else b] is None and continues(lines[a], lines[b], stop)

    return (i > 0 and joined(i - 1, i)) or (i + 1 < len(lines) and joined(i, i + 1))


def word_count(line: str) -> int:
    return len(line.split())


def is_headline_like(line: str, max_words: int) -> bool:
    """Short, and not a finished sentence: how titles, sub-headings and teaser headlines look."""
    words = word_count(line)
    return 0 < words <= max_words and not PERIOD_END.search(line.rstrip())


def body_lines(ctx: Context, min_words: int = 12) -> list[int]:
    """Live lines long enough to be the article's paragraphs."""
    info = analysis(ctx)
    return [i for i in ctx.live() if info.count(i) >= min_words]


def body_stems(ctx: Context) -> dict[str, int]:
    """Content stems of the article body (as it stands now), with how many body lines use each."""
    body = tuple(body_lines(ctx))
    cached = ctx.cache.get("body_stems")
    if cached is not None and cached[0] == body:
        return cached[1]
    info = analysis(ctx)
    found: dict[str, int] = {}
    for i in body:
        for s in info.stems(i):
            found[s] = found.get(s, 0) + 1
    ctx.cache["body_stems"] = (body, found)
    return found


def find_title(ctx: Context, max_words: int = 20) -> int | None:
    """The article title: the first live line, when it is headline-like and shares words with the body."""
    first = next(ctx.live(), None)
    if first is None or not is_headline_like(ctx.lines[first], max_words):
        return None
    info = analysis(ctx)
    stems = info.stems(first)
    return first if any(stems & info.stems(i) for i in body_lines(ctx) if i != first) else None


def record_title(ctx: Context) -> int | None:
    """Put the title into the metadata (unless the reader found one); returns its line."""
    if "title_line" not in ctx.cache:
        title = find_title(ctx)
        ctx.cache["title_line"] = title
        if title is not None and not ctx.metadata.get("title"):
            ctx.metadata["title"] = " ".join(ctx.lines[title].split())
    return ctx.cache["title_line"]
