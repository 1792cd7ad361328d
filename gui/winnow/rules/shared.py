"""What several rules need to know about a document, worked out once and kept in `ctx.cache`.

The language (the one an HTML page declares when its text bears it out, else a guess from stopword
hits) is recorded in the metadata as "language" when nothing else set it, because it comes for free
here and helps a corpus builder filter by language.
"""

from __future__ import annotations

import heapq
import re
from itertools import chain
from sys import intern

from winnow.rules.base import Context
from winnow.text.lexicon import WORD, PhraseIndex, key
from winnow.text.words import LANGUAGES, cjk_language, confirms, guess_language, stoplist

SENTENCE_END = re.compile(r"[.!?…。！？।॥۔؟][\"'”’»)\]]*$")
PERIOD_END = re.compile(r"(?<!\b[A-Z])(?<!\.\.)[.。।۔][\"'”’»)\]]*$")
CJK_LANGUAGES = ("zh", "ja", "ko")
CONTINUES = ",;:)]}»”%…-–—/·"  # a line starting with one of these continues the previous one
OPENS = ",(„“«‚‘[/-–—"  # a line ending with one of these continues on the next
QUOTES = "“«‚‘"
FRAGMENT_WORDS = 8
STEM = 5  # letters kept of a word (see winnow.text.words.stem)
INTERN_ABOVE_LINES = 2000
SAMPLE_LINES, SAMPLE_WORDS = 4, 40  # the language is guessed from the first words of the longest lines


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
    which list comprehensions and set operations find at C speed. Lines in `skip` (on an HTML page,
    those outside its main content, already removed) count as blank: no rule judges them again.
    """

    def __init__(self, lines: list[str], language: str | None = None, skip: frozenset[int] = frozenset()):
        self.set_language(language)
        self.lines = lines
        self.keys = LazyKeys(lines)
        judged = [("" if i in skip else line) for i, line in enumerate(lines)] if skip else lines
        self.counts = [len(line.split()) for line in judged]  # words per line (0 for blank lines)
        findall = WORD.findall
        # case-folded words per line; in a big document interned, so a word used a thousand times is stored once
        # (its words would otherwise take ~13x its size; interning costs time, which small documents keep)
        if len(lines) > INTERN_ABOVE_LINES:
            self.seqs = [tuple(map(intern, findall(line.casefold()))) if line else () for line in judged]
        else:
            self.seqs = [tuple(findall(line.casefold())) if line else () for line in judged]
        self.nonblank = [i for i, n in enumerate(self.counts) if n]
        self._stems: dict[int, set[str]] = {}
        self._words: frozenset[str] | None = None
        self._short: dict[int, list[int]] = {}
        self._phrase_lines: dict[int, list[int]] = {}

    def set_language(self, language: str | None) -> None:
        self.language = language
        self.stop = stoplist(language) if language else frozenset()

    def guess_language(self, declared: str | None = None) -> str | None:
        """The document's language, from the stopwords of its longest lines (its prose, wherever it is).

        A declared language (an HTML page's lang attribute) is taken when those lines bear it out:
        pages often keep a template's "en" whatever they are written in."""
        longest = heapq.nlargest(SAMPLE_LINES, self.nonblank, key=self.counts.__getitem__)
        sample = [w for i in longest for w in self.seqs[i][:SAMPLE_WORDS]]
        if declared in CJK_LANGUAGES or not sample:
            return declared
        if declared and confirms(declared, sample):
            return declared
        return cjk_language(" ".join(self.lines[i][:SAMPLE_WORDS * 4] for i in longest)) or guess_language(sample)

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
            counts = self.counts
            found = self._short[max_words] = [i for i in self.nonblank if counts[i] <= max_words]
        return found

    def equal_lines(self, equal: frozenset[str], max_words: int) -> list[int]:
        """Lines of at most `max_words` words whose key is one of `equal` (a lexicon's whole-line phrases).

        Only lines starting with the first word of one of the phrases get their key worked out."""
        firsts = _first_words(equal)
        seqs, keys = self.seqs, self.keys
        return [i for i in self.short_lines(max_words) if seqs[i] and seqs[i][0] in firsts and keys[i] in equal]

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
            self._words = frozenset(chain.from_iterable(self.seqs))
        return self._words

    def stems(self, i: int) -> set[str]:
        """Stems of line i's content words (see winnow.text.words.content_stems)."""
        found = self._stems.get(i)
        if found is None:
            found = self._stems[i] = {w[:STEM] for w in set(self.seqs[i]).difference(self.stop) if len(w) >= 3 and not w.isdigit()}
        return found

    def live(self, ctx: Context) -> list[int]:
        """Indices of the non-blank lines nobody has removed yet (as Context.live, from the known non-blank lines)."""
        removals = ctx.removals
        return [i for i in self.nonblank if removals[i] is None]


_FIRST_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _first_words(equal: frozenset[str]) -> frozenset[str]:
    """The first words of a set of phrases (kept per set: lexicons are parsed once)."""
    found = _FIRST_WORDS.get(id(equal))
    if found is None or found[0] is not equal:
        found = _FIRST_WORDS[id(equal)] = (equal, frozenset(seq[0] for item in equal if (seq := WORD.findall(item))))
    return found[1]


def analysis(ctx: Context) -> Analysis:
    found = ctx.cache.get("analysis")
    if found is None:
        found = Analysis(ctx.lines, skip=ctx.outside_main)
        found.set_language(found.guess_language(declared_language(ctx.metadata.get("language", ""))))
        ctx.cache["analysis"] = found
        if found.language and not ctx.metadata.get("language"):
            ctx.metadata["language"] = found.language
    return found


def declared_language(value: str) -> str | None:
    """The ISO 639-1 code of a page's declared language ('de-DE', 'en_US', 'fr') when the rules know it."""
    code = value.strip()[:2].lower()
    return code if code in LANGUAGES or code in CJK_LANGUAGES else None


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


def sentence_span(ctx: Context, i: int, reach: int = 4) -> list[int]:
    """Line i and the live lines glued to it by a split sentence ('We recommend … through an' /
    'independent review process' / ', and … We may receive compensation …'), up to `reach` each way."""
    stop = analysis(ctx).stop
    lines = ctx.lines
    span = [i]
    n = i
    while n > 0 and i - n < reach and ctx.is_live(n - 1) and continues(lines[n - 1], lines[n], stop):
        n -= 1
        span.insert(0, n)
    n = i
    while n + 1 < len(lines) and n - i < reach and ctx.is_live(n + 1) and continues(lines[n], lines[n + 1], stop):
        n += 1
        span.append(n)
    return span


def word_count(line: str) -> int:
    return len(line.split())


def is_headline_like(line: str, max_words: int) -> bool:
    """Short, and not a finished sentence: how titles, sub-headings and teaser headlines look."""
    words = word_count(line)
    return 0 < words <= max_words and not PERIOD_END.search(line.rstrip())


def body_lines(ctx: Context, min_words: int = 12) -> list[int]:
    """Live lines long enough to be the article's paragraphs."""
    info = analysis(ctx)
    counts, removals = info.counts, ctx.removals
    return [i for i in info.nonblank if counts[i] >= min_words and removals[i] is None]


def body_stems(ctx: Context) -> frozenset[str]:
    """Content stems of the article body (as it stands now)."""
    body = tuple(body_lines(ctx))
    cached = ctx.cache.get("body_stems")
    if cached is not None and cached[0] == body:
        return cached[1]
    info = analysis(ctx)
    seqs = info.seqs
    found = frozenset(w[:STEM] for w in set(chain.from_iterable(seqs[i] for i in body)).difference(info.stop) if len(w) >= 3 and not w.isdigit())
    ctx.cache["body_stems"] = (body, found)
    return found


def find_title(ctx: Context, max_words: int = 20) -> int | None:
    """The article title: the first live line, when it is headline-like and shares words with the body."""
    info = analysis(ctx)
    first = next((i for i in info.nonblank if ctx.removals[i] is None), None)
    if first is None or not is_headline_like(ctx.lines[first], max_words):
        return None
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
