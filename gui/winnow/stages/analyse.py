"""Stage: analyse. What a document is, worked out once before any rule runs, whichever rules are on.

The analysis holds the document's facts (title, date, author, url, site, language with a confidence)
and the per-line facts the rules share (words, word counts, lexicon keys, content stems, the body's
vocabulary). Rules receive it as a typed input and never write to it: switching a rule off changes
which lines go, never the metadata.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from itertools import chain, compress
from sys import intern

from winnow.kernel import casefold_lines, content_stems, fill_stems, first_sets, index_words, line_facts, title_shares
from winnow.text.bylines import Bylines
from winnow.text.dates import DATE_HINT, DateReader
from winnow.text.language import LanguageIdentifier, normalise_language
from winnow.text.lexicon import Lexicon, Lexicons, PhraseIndex, key
from winnow.text.lexicon import keys as page_keys
from winnow.text.sentences import PERIOD_END_LAST, ends_with_period
from winnow.text.words import WORD, stoplist, words

CJK_LANGUAGES = ("zh", "ja", "ko")
STEM = 5  # letters kept of a word (see winnow.text.words.stem)
STEM_SHORTEST = 3  # a shorter word has no content stem
BODY_WORDS = 12  # a line this long is one of the article's paragraphs
TITLE_WORDS = 20  # a longer line is text, not a title
TITLE_PARAGRAPHS = 16  # the first paragraphs, which a title shares its words with
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")  # "Title - Site", "Title | Site": a page's own title names the site
TITLE_FIRST_SHARED = 2  # content words a page's first line shares with its paragraphs when it is the page's title
PERIOD_LAST = "".join(sorted(PERIOD_END_LAST))  # (for the kernel)
METADATA_WORDS = 12  # a date or byline line is at most this long
INTERN_ABOVE_LINES = 2000  # see Analysis.seqs
KEY_CHANGES_WORDS = frozenset("_\u00ad\u200b\ufeff")  # characters a line's key drops, or (underscores) may strip with its edges
EAGER_KEY_WORDS = 20  # the longest line a rule keys as a menu or footer line
SPLIT_LABEL_WORDS = 3  # 'Von' / 'Julia Müller', 'Stand:' / '26.10.2021': a label alone on its line
# every word rules asked Analysis.lines_holding about in this process (their lexicons' words): indexed on each page at once
# (a frozenset, replaced when a rule asks about a new word: most pages ask about no new word, and index it as it is), with
# the sets of words asked (each a subset of it: a page indexed with it knows them indexed without a test of their words)
_asked: tuple[frozenset[str], frozenset[frozenset[str]]] = (frozenset(), frozenset())
ASKED_WORDS_KEPT = 100_000  # more (a user's phrases edited all day): start again
ASKED_SETS_KEPT = 10_000
# the sets of first words rules asked Analysis.lines_starting about more than once in this process (their lexicons'), each
# with a number, and every word of one of them with the numbers of the sets holding it: a page's first words are looked
# up once, not once a set asked (replaced as a whole when a rule asks about a new set: most pages ask about none). A set
# is numbered when asked again (a set made for one page, as number_first_words, never is)
_first_sets: tuple[dict[frozenset[str], int], dict[str, tuple[int, ...]]] = ({}, {})
_asked_once: set[frozenset[str]] = set()
FIRST_SETS_KEPT = 256  # more: start again
ASKED_ONCE_KEPT = 4096


@dataclass(frozen=True)
class DocumentFacts:
    """The metadata of a document: what its reader found first, then what the analysis found in its lines."""

    title: str | None = None
    date: str | None = None  # ISO 8601
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None  # ISO 639-1, lower case
    language_confidence: float | None = None

    def as_metadata(self) -> dict[str, str]:
        found = {}
        for name in _FACT_NAMES:
            value = getattr(self, name)
            if value is not None and value != "":
                found[name] = f"{value:.3f}" if isinstance(value, float) else str(value)
        return found


_FACT_NAMES = tuple(f.name for f in fields(DocumentFacts))  # in order (dataclasses.fields builds them anew at every call)


class LazyKeys(dict[int, str]):
    """The lexicon key of each line (`keys[i]`).

    Worked out at once for the lines rules key (the analysis has the kernel put every judged line's key in; else
    `lexicon.keys`: a few C passes over their joined text instead of a call into Python a line), so that a rule's
    `keys[i]` is a plain dict look-up in C; `__missing__` keys any other line asked for (an HTML page's lines outside
    its main content). `eager`: the lines worked out at once (default: all); `known`: the keys of the first lines."""

    def __init__(self, lines: list[str], eager: list[int] | None = None, folded: str | None = None, known: list[str] | None = None):
        if known is not None:  # every line's key, worked out by the caller
            super().__init__(enumerate(known))
        elif eager is None:  # folded: the joined lines case-folded, when known
            super().__init__(enumerate(page_keys(lines, folded)))
        else:
            super().__init__(zip(eager, page_keys([lines[i] for i in eager])))
        self.lines = lines

    def __missing__(self, i: int) -> str:
        found = self[i] = key(self.lines[i])
        return found


class Analysis:
    """Per-document facts the rules share, each worked out once: the document's facts (`facts`, the title's
    line), its language and stoplist, and per line its lexicon key, word count and case-folded words.

    Speed matters (thousands of documents a second), so rules do not test every line with every
    pattern: they ask for candidates - the short lines, or the lines holding a phrase's rarest word -
    which list comprehensions and set operations find at C speed. Lines in `skip` (on an HTML page,
    those outside its main content, already removed) count as blank: no rule judges them again.
    """

    def __init__(
        self, lines: list[str], language: str | None = None, skip: frozenset[int] = frozenset(), month_first: bool = False, lexicons: Lexicons | None = None
    ):
        self.lexicons = lexicons or Lexicons.shared()  # the run's word lists, for the rules (ctx.lexicons)
        self.language = language
        self.month_first = month_first  # how the document writes dates (a recipe's [analyse] setting)
        self.stop = stoplist(language) if language else frozenset()
        self.lines = lines
        self.skip = skip
        judged = [("" if i in skip else line) for i, line in enumerate(lines)] if skip else lines
        # the page case-folded at once (character by character, so each piece is its line's own), for the per-line facts
        # and for finding lines that hold a word (phrase_lines)
        self.folded = casefold_lines(judged)  # ("\n".join(judged).casefold(), ~2.5x faster compiled)
        # each line's words, key and word count in one pass over the page's characters (the compiled kernel); in a big
        # document the words interned, so a word used a thousand times is stored once (its words would otherwise take
        # ~13x its size; interning costs time, which small documents keep)
        self.keys = LazyKeys(lines, known=[])  # (filled by line_facts)
        # and the lines of every word rules asked lines_holding about on the pages before (see _index_words), found as the
        # page's words are (a word's first time on the page: a filter of the words asked by their characters, no hash of
        # the word in Python)
        asked, asked_sets = _asked
        self._lines_of: dict[str, list[int]] = {}  # the lines of each word rules asked about (see _index_words), in order
        facts = line_facts(self.folded, len(judged), self.keys, len(lines) > INTERN_ABOVE_LINES, METADATA_WORDS, BODY_WORDS, asked, self._lines_of)
        self._by_first: dict[str, list[int]] | None = None
        self._first_words: frozenset[str] | None = None
        self._starting: dict[int, list[str]] = {}  # the numbers of _first_sets' sets with the page's first words in each
        self._starting_with: tuple[dict[frozenset[str], int], dict[str, tuple[int, ...]]] | None = None  # (that _first_sets)
        self._numbered: list[int] | None = None
        if facts is None:  # no line, or a line holding a newline: line by line
            self.folded = ""
            self.seqs = [tuple(WORD.findall(line.casefold())) for line in judged]
            if len(lines) > INTERN_ABOVE_LINES:
                self.seqs = [tuple(map(intern, found)) for found in self.seqs]
            self.counts = [len(line.split()) for line in judged]
            self.nonblank = list(compress(range(len(lines)), self.counts))
            body: list[int] = list(compress(range(len(lines)), map(BODY_WORDS.__le__, self.counts)))
            # the lines of at most METADATA_WORDS words that DATE_HINT matches (only they can be a date)
            self.hinted = [i for i in self.nonblank if self.counts[i] <= METADATA_WORDS and DATE_HINT.search(judged[i])]
            self._indexed: frozenset[str] = frozenset()  # the words indexed (whether the page has them or not)
            self._indexed_sets: frozenset[frozenset[str]] = frozenset()  # sets of words all indexed (see _asked)
        else:
            self.seqs, self.counts, self.nonblank, body, self.hinted, self._by_first, self._numbered = facts
            self._indexed, self._indexed_sets = asked, asked_sets
            for i in skip:  # an HTML page's lines outside its main content: keyed only if a rule asks
                self.keys.pop(i, None)
        self.body = tuple(body)  # the paragraphs, before any rule
        self.facts = DocumentFacts(language=language)
        self.title_line: int | None = None
        self._stems: dict[int, set[str]] = {}
        self._words: frozenset[str] | None = None
        self._short: dict[int, list[int]] = {}
        self._key_words: list[tuple[str, ...]] | None = None
        self._number_first_words: frozenset[str] | None = None
        self._holding: dict[frozenset[str], list[int]] = {}

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

    @property
    def by_first(self) -> dict[str, list[int]]:
        """The non-blank lines by their first word (case-folded; "" for a line without a word), each list in order."""
        if self._by_first is None:
            by_first: dict[str, list[int]] = {}
            seqs = self.seqs
            for i in self.nonblank:
                seq = seqs[i]
                by_first.setdefault(seq[0] if seq else "", []).append(i)
            self._by_first = by_first
        return self._by_first

    @property
    def first_words(self) -> frozenset[str]:
        """Every word a non-blank line starts with ("" for lines without a word)."""
        if self._first_words is None:
            self._first_words = frozenset(self.by_first)
        return self._first_words

    @property
    def number_first_words(self) -> frozenset[str]:
        """The first words that start with a digit ('12', '3d'): a counter's, a date's or a duration's (a few dozen words a
        page to test, not its lines)."""
        if self._number_first_words is None:  # (the lines they start are `numbered`)
            self._number_first_words = frozenset([word for word in self.first_words if word[:1].isdigit()])
        return self._number_first_words

    @property
    def numbered(self) -> list[int]:
        """The non-blank lines whose first word starts with a digit, in order (`lines_starting(number_first_words)`, found
        in C with the other facts; shared: not to be changed)."""
        if self._numbered is None:
            self._numbered = self.lines_starting(self.number_first_words)
        return self._numbered

    def lines_starting(self, firsts: frozenset[str]) -> list[int]:
        """Non-blank lines whose first word (case-folded) is one of `firsts`, in order; "" in `firsts` adds the lines
        without a word ("©", "***"). Most rules look only at lines starting with a label or a lexicon phrase: an index
        of the page's first words, built once, finds them by a set intersection instead of a test of every line; for a
        set asked before (see _first_sets), by one look-up of each first word of the page for all such sets."""
        by_first = self.by_first
        sets, number = _first_sets, None
        if type(firsts) is frozenset:
            number = sets[0].get(firsts)
            if number is None and firsts in _asked_once:  # (asked before: numbered from now on)
                sets = _number_first_set(firsts)
                number = sets[0][firsts]
            elif number is None:
                if len(_asked_once) >= ASKED_ONCE_KEPT:
                    _asked_once.clear()
                _asked_once.add(firsts)
        if number is None:
            present: Collection[str] = firsts & self.first_words
        else:
            if self._starting_with is not sets:  # the page's first words in each set, by one look-up a word (in C)
                self._starting, self._starting_with = first_sets(by_first, sets[1]), sets
            present = self._starting.get(number, ())
        if len(present) == 1:
            return list(by_first[next(iter(present))])
        return sorted(chain.from_iterable(by_first[w] for w in present))

    def lines_holding(self, wanted: frozenset[str]) -> list[int]:
        """Lines holding one of the `wanted` words (case-folded), in order: read off the page's index of the words rules
        ask about (see _index_words), built in one pass over the page's words, not one search of the page a word."""
        found = self._holding.get(wanted)
        if found is None:
            if wanted not in self._indexed_sets and not wanted <= self._indexed:
                self._index_words(wanted)
            lines_of = self._lines_of
            held = [lines_of[w] for w in wanted.intersection(lines_of)]  # (a walk of the page's few indexed words)
            found = list(held[0]) if len(held) == 1 else sorted(set(chain.from_iterable(held)))
            self._holding[wanted] = found
        return found

    def _index_words(self, wanted: frozenset[str]) -> None:
        """Index the lines of `wanted` and of every word asked about before (on other pages too: the rules' lexicon words,
        so that the first question of a page indexes what the others will ask): one pass in C over the lines finds the
        few that hold a word asked about, and only they take a step in Python."""
        global _asked
        asked, sets = _asked  # (`wanted` is in `asked` whatever another thread does meanwhile)
        if wanted not in sets:
            if len(asked) > ASKED_WORDS_KEPT or len(sets) > ASKED_SETS_KEPT:
                asked, sets = frozenset(), frozenset()
            if not wanted <= asked:
                asked = asked | wanted
            sets = sets | {wanted}
            _asked = (asked, sets)
        new = asked.difference(self._indexed) if self._indexed else asked
        index_words(self.seqs, new, self._lines_of)  # (the kernel's loop over the page's words)
        self._indexed = self._indexed | new if self._indexed else new
        self._indexed_sets = sets

    def lines_showing(self, texts: frozenset[str]) -> list[int]:
        """The lines whose case-folded text contains one of `texts` (characters case folding leaves alone, such as
        "©" or ")"), in order."""
        if self.folded:
            return self._lines_showing(texts)
        return [i for i, line in enumerate(self.lines) if i not in self.skip and any(text in line.casefold() for text in texts)]

    def equal_lines(self, lexicon: Lexicon, max_words: int) -> list[int]:
        """Lines of at most `max_words` words whose key is one of the lexicon's whole-line phrases.

        Only lines starting with the first word of one of the phrases get their key worked out."""
        counts, keys, equal = self.counts, self.keys, lexicon.equal
        return [i for i in self.lines_starting(lexicon.equal_first_words) if counts[i] <= max_words and keys[i] in equal]

    def phrase_lines(self, index: PhraseIndex) -> list[int]:
        """Lines that hold the rarest word of one of the index's phrases (only they can hold a phrase)."""
        return self.lines_holding(index.anchors)

    def _lines_showing(self, texts: frozenset[str]) -> list[int]:
        """The lines whose case-folded text contains one of `texts`, in order: found by str.find over the whole page
        (in C), one step in Python a line found, not one a line of the page; a line's number by counting the newlines
        (in C) since the line found before (sooner than splitting the page to learn where every line starts)."""
        page = self.folded
        found = set()
        for text in texts:
            at = page.find(text)
            n = start = 0  # the line of `start`
            while at >= 0:
                n += page.count("\n", start, at)
                found.add(n)
                start = page.find("\n", at) + 1  # the next line
                if not start:
                    break
                n += 1
                at = page.find(text, start)
        return sorted(found)

    def finds(self, index: PhraseIndex, i: int) -> tuple[str, ...] | None:
        """The phrase of `index` in line i, or None."""
        return index.finds(self.seqs[i])

    @property
    def key_words(self) -> list[tuple[str, ...]]:
        """The words of each line's key (`words(keys[i])`, what lexicon phrases are matched against). They are the
        line's own words (`seqs`) unless the key drops a character (a soft hyphen) or strips an underscore at its edge,
        or the line is skipped: a search of the page finds the few lines that are such."""
        if self._key_words is None:
            if not self.folded:  # a line holding a newline: line by line
                self._key_words = [words(self.keys[i]) for i in range(len(self.lines))]
            else:
                differ = self.skip.union(self._lines_showing(KEY_CHANGES_WORDS))  # case-folding keeps these characters
                found = list(self.seqs)
                for i in differ:
                    found[i] = words(self.keys[i])
                self._key_words = found
        return self._key_words

    @property
    def words(self) -> frozenset[str]:
        """Every word of the document (case-folded)."""
        if self._words is None:
            self._words = frozenset(chain.from_iterable(self.seqs))
        return self._words

    def stems(self, i: int) -> set[str]:
        """Stems of line i's content words (see winnow.text.words.content_stems)."""
        found = self._stems.get(i)
        if found is None:  # (a line's words are a tuple: the kernel's, called at once)
            found = self._stems[i] = content_stems(self.seqs[i], self.stop, STEM_SHORTEST, STEM)
        return found

    def stem_counts(self, lines: Iterable[int]) -> Counter[str]:
        """How many of `lines` (a collection, read twice) have each content stem (`Counter` of their `stems`): the
        lines' missing stems made in one call of the kernel, not one call a line."""
        known = self._stems
        fill_stems(self.seqs, lines, known, self.stop, STEM_SHORTEST, STEM)
        return Counter(chain.from_iterable(map(known.__getitem__, lines)))

    def content_stems(self, words: tuple[str, ...] | chain[str]) -> set[str]:
        if type(words) is tuple:  # (a line's words: in C)
            return content_stems(words, self.stop, STEM_SHORTEST, STEM)
        return {w[:STEM] for w in set(words).difference(self.stop) if len(w) >= STEM_SHORTEST and not w.isdigit()}


def _number_first_set(firsts: frozenset[str]) -> tuple[dict[frozenset[str], int], dict[str, tuple[int, ...]]]:
    """_first_sets with `firsts` numbered too (a new pair, so that a thread reading the pair meanwhile reads the old)."""
    global _first_sets
    numbered, numbers = _first_sets
    if firsts not in numbered:
        if len(numbered) >= FIRST_SETS_KEPT:
            numbered, numbers = {}, {}
            _asked_once.clear()
        numbered = {**numbered, firsts: len(numbered)}
        numbers = dict(numbers)
        for word in firsts:
            numbers[word] = (*numbers.get(word, ()), numbered[firsts])
        _first_sets = (numbered, numbers)
    return numbered, numbers


class Analyser:
    """Runs the analyse stage; built once (the language model and the lexicons it needs are loaded once)."""

    def __init__(self, languages: LanguageIdentifier, lexicons: Lexicons, month_first: bool = False):
        self.languages = languages
        self.lexicons = lexicons
        self.bylines = Bylines.of(lexicons)
        self.dates = DateReader.of(lexicons)
        self.date_labels = self.dates.filler.difference(("",))  # first words of a date's line besides its numbers ('Stand:')
        self.month_first = month_first

    def analyse(self, lines: list[str], outside: frozenset[int], metadata: dict[str, str]) -> Analysis:
        main = [line for i, line in enumerate(lines) if i not in outside] if outside else lines
        language = self.languages.identify(main, declared=metadata.get("language"))
        info = Analysis(lines, language.code if language else None, outside, self.month_first, self.lexicons)
        info.title_line = self._title_line(info, metadata.get("title"))
        title = metadata.get("title") or (" ".join(lines[info.title_line].split()) if info.title_line is not None else None)
        date, author = self._date_and_author(info, not metadata.get("date"), not metadata.get("author"))  # not what the reader found
        info.facts = DocumentFacts(
            title=title or None,
            date=metadata.get("date") or date,
            author=metadata.get("author") or author,
            url=metadata.get("url") or None,
            sitename=metadata.get("sitename") or None,
            language=language.code if language else normalise_language(metadata.get("language")),
            language_confidence=language.confidence if language else None,
        )
        return info

    @staticmethod
    def _title_line(info: Analysis, known: str | None) -> int | None:
        """The title's line: the one that reads as the known title, else of the headline-like lines up to the first
        paragraph the page's first line if it shares TITLE_FIRST_SHARED content words with the paragraphs (one, if it
        names its site after a separator), else the one that shares the most (the last of equals)."""
        first_body = info.body[0] if info.body else len(info.lines)
        candidates = info.nonblank[: bisect_right(info.nonblank, first_body)]
        if known:
            wanted = tuple(WORD.findall(known.casefold()))
            found = next((i for i in candidates if info.seqs[i] == wanted), None)
            if found is not None:
                return found
        lines, counts, seqs, stop = info.lines, info.counts, info.seqs, info.stop
        # the page's first line when it reads as its title (a flattened page opens with it), else the headline
        # sharing the most content words with the paragraphs, the nearest to them of equals: a menu word or a section's
        # name above the title shares one at most, another story's headline fewer
        known_stems = info._stems  # (info.stems(i), inline: the kernel called at once, each line's stems kept for the rules)
        fill_stems(seqs, info.body[:TITLE_PARAGRAPHS], known_stems, stop, STEM_SHORTEST, STEM)
        others = [known_stems[i] for i in info.body[1:TITLE_PARAGRAPHS]]  # the paragraphs', less the first's (their union not made)
        first = known_stems[first_body] if info.body else set()  # (which count too for the lines above it)
        best, most = None, 0
        first_line = info.nonblank[0] if candidates else -1
        # the headline-like lines (see is_headline_like: the line's word count is known) that share a content stem, with how
        # many: counted in C, a line's stems made only when a rule asks for them
        shares = title_shares(lines, counts, seqs, candidates, TITLE_WORDS, PERIOD_LAST, ends_with_period, stop, STEM_SHORTEST, STEM, others, first, first_body)
        for i, shared in shares:
            if i == first_line and (shared >= TITLE_FIRST_SHARED or any(map(lines[i].__contains__, TITLE_SEPARATORS))):
                return i
            if shared >= most:
                best, most = i, shared
        return best

    def _date_and_author(self, info: Analysis, want_date: bool = True, want_author: bool = True) -> tuple[str | None, str | None]:
        """The first standalone date and the first byline, each perhaps split over two lines ('Von' / 'Julia Müller');
        each only when wanted (the page's metadata may already name it)."""
        counts, nonblank = info.counts, info.nonblank
        # only lines with a year or a day and month can be a date (`info.hinted`, found in C), and only lines starting with a
        # byline prefix a byline, or a label of either ('Stand:', 'Von') with its value on the next line (found by the page's
        # index of first words): the few such lines are tried in order until one reads as a date
        date = None
        if want_date:
            candidates, hinted = info.hinted, None
            if labels := [i for i in info.lines_starting(self.date_labels) if counts[i] <= METADATA_WORDS]:
                hinted = set(candidates)
                candidates = sorted(hinted.union(labels))
            for i in candidates:
                if date := self._date_at(info, bisect_left(nonblank, i), i, hinted is None or i in hinted):
                    break
        author = None
        if want_author:
            for i in info.lines_starting(self.bylines.first_words):
                if counts[i] <= METADATA_WORDS and (author := self._author_at(info, bisect_left(nonblank, i), i)):
                    break
        return date, author

    @staticmethod
    def _next_line(info: Analysis, n: int, i: int) -> str | None:
        """Line i with the next non-blank line after it (the n-th non-blank line), when line i is a label's length."""
        nonblank = info.nonblank
        if n + 1 >= len(nonblank) or info.counts[i] > SPLIT_LABEL_WORDS:
            return None
        return f"{info.lines[i].strip()} {info.lines[nonblank[n + 1]].strip()}"

    def _date_at(self, info: Analysis, n: int, i: int, hinted: bool) -> str | None:
        date = self.dates.standalone_date(info.lines[i].strip(), self.month_first) if hinted else None
        if date is None and info.seqs[i] and info.seqs[i][0] in self.dates.filler:
            joined = self._next_line(info, n, i)
            date = self.dates.standalone_date(joined, self.month_first) if joined else None
        return date

    def _author_at(self, info: Analysis, n: int, i: int) -> str | None:
        line = info.lines[i].strip()
        author = self.bylines.author(line)
        if author is None and line.rstrip(":").strip().casefold() in self.bylines.prefixes:
            joined = self._next_line(info, n, i)
            author = self.bylines.author(joined) if joined else None
        return author
