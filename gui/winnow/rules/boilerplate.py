"""The main-text detector for flattened pages (family "boilerplate").

A naive scraper that flattens a whole page puts the menus, link lists, sidebars, comment forms and
footer around the article, one text node per line, and splits sentences wherever an inline element
(a link, an <em>) was. The detector works jusText-style on that:

1. lines are joined back into blocks where a sentence was split ("Last month, researchers at" /
   "OpenAI" / "in San Francisco revealed …"), even across one blank line, but a link alone on its line
   ("mehr", "Impressum") stays a block of its own;
2. each block is judged by length and stopword density (jusText's stoplists; in Chinese and Japanese the
   share of function characters; a block long enough to tell, with few of the page language's common words,
   by the stoplist of whichever language fits it best, since pages mix languages and the page's language
   is one guess for all of it): good prose, near-good, short, or bad (long but wordless, like a link
   list or code); what earlier rules removed (ads, prompts,
   related lists) counts as evidence of furniture, a teaser followed by its "read more" link counts
   against, and readers' comments count for less;
3. the main text is the run of blocks with the most prose in it - a maximal-scoring segment, where
   prose counts for it and every fragment against it - so short fragments between good paragraphs
   stay; other runs nearly as rich in prose stay too (an article split by a long table), and so
   does a gap of text without links or end markers between two runs (an ingredient list, code, formulas);
4. a run ends at its last paragraph or finished sentence (teaser headlines after it count a little
   for it, not enough to be taken in), reaches over a few fragments (byline, date, table of contents,
   before it a share bar) to prose just outside it, ends early at a closing marker (comments, tags,
   share bar) once most of its prose lies before it, or at a menu link there heading one paragraph at most (an
   "About us" box); the title before it goes, as the HTML title does: the
   export carries it in its metadata (a headline taken in was as often a section label or another story's);
5. everything outside the runs goes, and inside them the lines that are only navigation or legal
   links, the site's section labels also listed in its menu, the author's box or job line, and the
   pieces of a rendered formula (its symbols and TeX source: not words of the text); the text does not end on a
   label whose content went with the rest ("Weitere Informationen zum Thema:").

Ordinary articles, and HTML pages (extraction found their main text), are not cut to a run: there
only lines that are nothing but a menu or legal link, and the author's box or job line, go.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, repeat
from math import isnan
from operator import attrgetter, is_, itemgetter, not_, or_

from winnow import kernel
from winnow.core.model import Family
from winnow.kernel.blocks_py import (
    ANY_STOP,
    BAD,
    BIO_AFTER,
    CJK_CHARACTER,
    COMMENT_START,
    COMMENTS,
    END,
    INSIDE,
    IS_REMOVED,
    JUNK,
    JUNK_WORDS,
    KINDS,
    LEAD,
    MENU_WORDS,
    MORE,
    NAME,
    ROLE_WORDS,
    SHORT,
    TICKER,
)
from winnow.kernel.lines_py import FLAG_FORMULA, FLAG_FORMULA_WORD, FORMULA_LINE, MATH_SYMBOL, SYMBOLS_CHARS, TEX
from winnow.rules.base import Context, Param, Rule
from winnow.rules.main_text_model import learned_keep
from winnow.rules.shared import CONTINUES, SENTENCE_END, LazyKeys, analysis, heads_next, is_fragment
from winnow.stages.analyse import Analysis
from winnow.text.lexicon import Lexicons, PhraseIndex, alternation, key, words
from winnow.text.lexicon import keys as text_keys
from winnow.text.words import LANGUAGES, WORD, content_stems
from winnow.text.words import _stoplist_index as stoplist_index

SENTENCE_MARK = re.compile(r"(?<=\S)[.!?।॥۔؟](?:\s|$)")  # the end of a sentence in any script
NAV_JOINER_CHARS = re.compile(r"[&|/·•,]| und | and | et | y ")  # (as `has_joiner` finds them)
READ_MORE_EDGE = " →>»›+"  # arrows and pluses around a "read more" link ('Weiterlesen →', '» mehr')
NAV_JOINER = re.compile(r"\s*[&|/·•,]\s*|\s+(?:und|and|et|y)\s+")

COMMENT_WEIGHT = 0.3  # readers' comments count this much of their length as prose
CLOSING_AFTER = 0.75  # a closing marker ends the run once this share of its prose lies before it
BOX_PARAGRAPHS = 1  # a menu label after the article heads a site's box of this many paragraphs at most
UNFINISHED_NEAR = 0.1  # an unfinished paragraph (a list item without a full stop) counts this much of its length
BRIDGE_BLOCKS = 12  # fragments a run reaches over to prose just before or after it
REACH_STEPS = 4 * BRIDGE_BLOCKS  # blocks a reach walks at most, removed ones included
TAIL_BLOCKS = 1  # short lines after the last paragraph taken in (a sign-off)
LINK_WORDS = 4  # a line this short may be a link on its own ("mehr", "Read more", "Zurück zur Übersicht")
NAMES_SHARE = 0.5  # a finished sentence with this share of the usual common words is still prose
MORE_THAN_ROLE_WORDS = re.compile(rf"\s*(?:\S+\s+){{{ROLE_WORDS}}}\S")  # len(text.split()) > ROLE_WORDS, without splitting a paragraph
BIO_LAST = 3  # in an article, an author box is among its last lines
MORE_THAN_MENU_WORDS = re.compile(rf"\s*(?:\S+\s+){{{MENU_WORDS}}}\S")  # len(text.split()) > MENU_WORDS, without splitting a paragraph
LABEL_WORDS = 8  # a label heading a box ("Weitere Informationen zum Thema:") is a few words; a sentence leading on is longer
MORE_THAN_LABEL_WORDS = re.compile(rf"\s*(?:\S+\s+){{{LABEL_WORDS}}}\S")
LABEL_END_WORDS = 2  # a section label left after the article's last sentence: a word or two ("News", "Next Page")
FIRST_ONE, FIRST_TWO = itemgetter(slice(None, 1)), itemgetter(slice(None, 2))  # text[:1], text[:2]
FAMILY = attrgetter("family")  # a removal's
FIRST_LINE, LAST_LINE = itemgetter(0), itemgetter(-1)  # a block's first and last line, of its lines
ONE = 1
INSIDE_FAMILIES = (Family.FURNITURE, Family.ADS)  # what earlier rules remove from inside articles
LEAD_FAMILIES = (*INSIDE_FAMILIES, Family.PROMPTS)  # and between the lead and the body: a share bar
LEAD_REACH = 8  # blocks between a lead and the body's first paragraph at most (byline, date, credit, sub-heading)
LEAD_WORDS = 10  # a lead is a sentence or two; a headline above the body, even one ending on a full stop, is shorter
NOT_LEAD = JUNK | END | MORE | COMMENTS | TICKER  # what sits between no lead and its article
# a reference in a list of sources or footnotes: a year with an author's initials, a page, an editor, a publisher, a DOI
# or an ISBN ("Baal T, Denke B, 1994. …", "Hahn, 1991, S. 182", "in: Floss (Hrsg.) …", "doi:10.1016/…"), or a
# footnote's back link ("↩")
CITATION = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b.*?(?:\b(?:S|p|pp|Bd|Vol|Nr|Hrsg|eds?|Verlag|Press|In)\b\.?|[:,]\s*\d+\s*[-–]\s*\d+)"
    r"|(?:\b(?:S|p|pp|Hrsg|eds?|In)\b\.?|\bVerlag\b|\bPress\b).*?\b(?:1[5-9]|20)\d\d\b"
    r"|^(?:[A-ZÀ-ÖØ-Þ][\w'’-]+,?\s+(?:[A-Z]{1,3}\b\.?,?\s*){1,3})+.*\b(?:1[5-9]|20)\d\d\b"
    r"|\bdoi:|\bISBN\b|↩\s*$"
)
CITATION_HINT = re.compile(r"(?:1[5-9]|20)\d\d|doi:|ISBN|↩")  # what each of CITATION's forms holds: a year, a DOI, an ISBN or a back link
REFERENCES = 2  # a list of sources has at least this many
NOT_MEASURED = float("nan")  # a stop density not measured (the kernel's judge reads none such)


def _flag_table(test: Callable[[int], int]) -> bytes:
    """A `bytes.translate` table: each flags byte to test(byte), so that one C pass over a page's block flags answers
    for every block at once (not a call into Python a block)."""
    return bytes(map(test, range(256)))


def _has(bit: int) -> bytes:
    """The table mapping a flags byte to 1 where it has `bit`, else to 0."""
    return _flag_table(lambda f: int(bool(f & bit)))


HAS_END, HAS_JUNK, HAS_COMMENTS = _has(END), _has(JUNK), _has(COMMENTS)
LEAD_NOT_INSIDE = _flag_table(lambda f: int(bool(f & LEAD and not f & INSIDE)))  # a lead's furniture, not marked inside
LEAD_AS_INSIDE = _flag_table(lambda f: f | INSIDE if f & LEAD else f)  # the flags with a lead's furniture counted inside
WITH_REMOVED = bytes(f for f in range(256) if f & IS_REMOVED)  # (deleted by translate: what is left was not removed)


@dataclass(frozen=True)
class BoilerplateWords:
    """The boilerplate lexicon made ready to match, once per Lexicons (`BoilerplateWords.of(ctx.lexicons)`)."""

    links: frozenset[str]  # menu, account and legal links, as line keys ('impressum', 'back to top')
    footer: PhraseIndex  # phrases only page furniture uses ('all rights reserved')
    link_starts: frozenset[str]  # the words a link can start with: other lines need no closer look
    wordless_links: bool  # whether a link has no word at all ('»'): then a line's first word tells nothing
    read_more: dict[str, str]  # "read more" links ('link') and bare "More" ('word'), by key
    end_markers: frozenset[str]  # keys of lines that start a page's closing furniture
    comments: re.Pattern[str]  # the heading of a comment section: prose after it is readers', not the article's
    comment_starts: re.Pattern[str]  # the first COMMENT_START characters of a comment heading (or of a count of comments: digits, a space)
    counted_end: re.Pattern[str]  # "12 comments": a count of readers' reactions
    cjk_function: frozenset[str]  # Chinese and Japanese function characters
    bio: re.Pattern[str]  # "<Name> is …": the start of an author box
    bio_roles: re.Pattern[str]  # a job named in an author box
    role_line: re.Pattern[str]  # "Redakteur in der Wirtschaft": a line naming the author's job
    role_starts: frozenset[str]  # the first words of job names and their qualifiers
    bio_verbs: frozenset[str]  # the words of the bio verbs
    longest_link: int  # the longest key in `links` or `end_markers` (a longer one, a paragraph's, is looked up in neither)
    # for each Latin-1 character, 1 where comment_starts may match a text starting with it (a digit, a heading's first
    # letter in either case), else 0: a block starting otherwise is no comment heading nor count (`comment_firsts`)
    comment_firsts: bytes
    # for each Latin-1 character, 1 where a comment heading (`heading_firsts`) or a count's word after its number
    # (`count_firsts`) may start with it: where `comments` and `counted_end` would start to look for one, a character
    # that starts none rules them out (`entry_firsts`, `blocks_py.may_head`)
    heading_firsts: bytes
    count_firsts: bytes
    # whether comment_starts matches a block's start (a page's blocks start in the same few ways as the last page's)
    starts_memo: dict[str, bool] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def of(cls, lexicons: Lexicons) -> BoilerplateWords:
        return lexicons.derived(cls.build)

    @classmethod
    def default(cls) -> BoilerplateWords:
        """For callers outside a pipeline (tests, scripts): the process's shared lexicons."""
        return cls.of(Lexicons.shared())

    @classmethod
    def build(cls, lexicons: Lexicons) -> BoilerplateWords:
        found = lexicons.get("boilerplate")
        extra = found.extra
        qualifiers = extra["role_qualifiers"]
        jobs = "|".join(sorted((re.escape(r) for r in extra["bio_roles"] if r not in extra["not_job_titles"]), key=len, reverse=True))
        places = "|".join(re.escape(w) for w in extra["role_places"])
        verbs = "|".join(sorted((re.escape(v) for v in extra["bio_verbs"]), key=len, reverse=True))
        name = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)"
        # "Mark di Stefano", "Maria de la Cruz", "Jan van der Berg": particles in lower case between the names
        further = rf"(?:(?:{found.alternation('name_particles')})\s+){{0,2}}{name}"
        return cls(
            links=found.equal,
            longest_link=max(map(len, found.equal | found.keys("end")), default=0),
            footer=found.contains,
            link_starts=found.equal_first_words,
            wordless_links=any(not words(link) for link in found.equal),
            read_more={**{key(w): "word" for w in extra["more"]}, **{key(w): "link" for w in extra["read_more"]}},
            end_markers=found.keys("end"),
            comments=re.compile(rf"^(?:\d+\s+)?(?:{alternation(extra['comment_headings'])})\b", re.IGNORECASE),
            comment_starts=re.compile(
                "|".join([r"\d+(?:\s|$)", *sorted({re.escape(h[:COMMENT_START]).replace("\\ ", r"\s") for h in extra["comment_headings"] if h})]), re.IGNORECASE
            ),
            comment_firsts=comment_firsts([h for h in extra["comment_headings"] if h]),
            heading_firsts=entry_firsts(extra["comment_headings"]),
            count_firsts=entry_firsts(extra["comment_counts"]),
            counted_end=re.compile(rf"^\d+\s+(?:{alternation(extra['comment_counts'])})\b", re.IGNORECASE),
            cjk_function=frozenset(extra["cjk_function_characters"]),
            bio=re.compile(rf"^{name}\s+(?:{further}\s+){{0,2}}(?:\([^)]*\)\s*,?\s*)?(?:{verbs})\b"),
            bio_roles=re.compile(rf"(?<!\w)(?:{found.alternation('bio_roles')})(?!\w)", re.IGNORECASE),
            role_line=re.compile(rf"^(?:(?:{'|'.join(qualifiers)})\s+)?(?:{jobs})\s+(?:{places})\s", re.IGNORECASE),
            role_starts=frozenset(seq[0] for item in extra["bio_roles"] + qualifiers if (seq := words(item.casefold()))),
            bio_verbs=found.vocabulary("bio_verbs"),
        )


def comment_firsts(headings: list[str]) -> bytes:
    """For each Latin-1 character, 1 where `BoilerplateWords.comment_starts` of these headings may match a text starting
    with it, else 0: the first of its alternatives' characters as the pattern has them (a digit; a heading's first
    character, ignoring case, a space in it any whitespace), each Latin-1 character matched against them by the same
    engine."""
    first = re.compile("|".join([r"\d", *{re.escape(h[0]).replace("\\ ", r"\s") for h in headings}]), re.IGNORECASE)
    return bytes(first.fullmatch(chr(c)) is not None for c in range(256))


def entry_firsts(entries: list[str]) -> bytes:
    """For each Latin-1 character, 1 where `alternation(entries)`, matched ignoring case, may match a text starting with
    it, else 0: each entry's first character, each Latin-1 character matched against them by the same engine. Every
    character may where an entry is empty or starts with a space (it would match nothing, or start at any space), or
    there is none."""
    if not entries or any(not entry or entry[0].isspace() for entry in entries):
        return bytes([1]) * 256
    first = re.compile("|".join(sorted({re.escape(entry[0]) for entry in entries})), re.IGNORECASE)
    return bytes(first.fullmatch(chr(c)) is not None for c in range(256))


@dataclass(slots=True)  # slots: a page has hundreds of blocks, each read many times
class Block:
    lines: list[int]
    text: str
    removed: bool = False  # an earlier rule removed it (an ad, a prompt, a related-list marker)
    family: Family | None = None  # the family of the rule that removed it
    chars: int = 0
    density: float | None = None  # its stop_density, once measured
    kind: str = "short"  # good | near | short | bad
    junk: bool = False  # navigation or legal link
    end: bool = False  # starts the page's closing furniture
    comments: bool = False  # heads a comment section
    more: str = ""  # "link": a "read more" link, the block before it is a teaser; "word": a bare "More"
    sentence: bool = False  # reads as a finished sentence (in Chinese or Japanese: as running prose)
    value: float = 0.0  # how much it counts for (prose) or against (fragments) a run being main text
    words: str | None = None  # its text without formulas, when it has any
    ticker: bool = False  # inside a live ticker (entries headed by times of day)
    formulas: int = 0  # lines of a formula glued into it (symbols, TeX): not words of its language
    common_words: CommonWords | None = field(default=None, repr=False, compare=False)  # how to measure stop_density

    @property
    def stop_density(self) -> float:
        """The share of its words that are the page language's common words (jusText's stopword density): measured with
        the page's other blocks where the detector's thresholds read it (long blocks, finished sentences), else when
        first asked for (by the learned detector)."""
        if self.density is None:
            self.density = self.common_words.density(self.text if self.words is None else self.words) if self.common_words else 0.0
        return self.density

    @stop_density.setter
    def stop_density(self, value: float) -> None:
        self.density = value


@dataclass(frozen=True)
class CommonWords:
    """Stopword density as the detector measures it: the share of a text's words (case-folded, split at spaces) that
    the page language's stoplist holds; a passage at least `long_enough` characters long with less than `low` of them
    may be in another language, and is measured by the stoplist that fits it best."""

    stop: frozenset[str]
    low: float
    long_enough: int

    def density(self, text: str) -> float:
        return self.densities([text])[0]

    def densities(self, texts: list[str]) -> list[float]:
        return self.measured(texts, None).tolist()

    def measured(self, texts: list[str], asked: list[int] | None) -> array:
        """The density of each text (`asked`: of those, by number; NOT_MEASURED for the others), in C: one pass over
        each text's characters, another over a passage's in another language than the page's (`kernel.stop_shares`)."""
        return kernel.stop_shares(texts, asked, self.stop, self.low, self.long_enough, stoplist_index(), len(LANGUAGES))


def anchored_lines(info: Analysis, found: BoilerplateWords) -> bytearray:
    """Which lines' own words (`info.seqs`) hold a footer phrase's anchor word, read off the analysis's index of the page's
    words (the few lines found, not every line's words looked through)."""
    anchored = bytearray(len(info.seqs))
    for i in info.lines_holding(found.footer.anchors):
        anchored[i] = 1
    return anchored


def measure_common_words(blocks: list[Block]) -> None:
    """Measure the stop_density of the blocks not measured yet, all at once (as reading each would, one by one)."""
    waiting = [b for b in blocks if b.density is None and b.common_words is not None]
    if waiting and (common := waiting[0].common_words) is not None:
        for b, density in zip(waiting, common.densities([b.text if b.words is None else b.words for b in waiting])):
            b.density = density


@dataclass(slots=True)
class Blocks:
    """A page's blocks as columns, a fact a list or array (`winnow.kernel` judges them and finds the runs over the
    arrays): `Block` objects are made only where a whole block is asked for (the learned detector, tests)."""

    lines: list[list[int]]  # each block's lines
    texts: list[str]  # its lines joined by a space
    words: dict[int, str]  # the text without formulas, of the blocks that have any
    family: dict[int, Family]  # the family of the rule that removed each removed block
    more: dict[int, str]  # "link": a "read more" link, the block before it is a teaser; "word": a bare "More"
    formulas: list[int]  # lines of a formula glued into each
    flags: bytearray  # blocks_py.IS_REMOVED, INSIDE, LEAD, JUNK, END, COMMENTS, TICKER, MORE
    chars: array = field(default_factory=lambda: array("q"))  # its length (see `_prose_measures`)
    density: array = field(default_factory=lambda: array("d"))  # its stop_density, where measured (else NOT_MEASURED)
    sentence: bytes = b""  # reads as a finished sentence
    kinds: bytearray = field(default_factory=bytearray)  # blocks_py.KINDS
    values: array = field(default_factory=lambda: array("d"))  # how much it counts for (prose) or against a run
    common_words: CommonWords | None = None
    measured: list[str] = field(default_factory=list)  # what was measured of each block (`prose()`)
    numbered: list[int] = field(default_factory=list)  # the one-line blocks shaped as a time or date may be (found by `_judge`)
    holding_copyright: bytearray | None = None  # `copyright()`, once asked (the texts do not change)

    def __len__(self) -> int:
        return len(self.lines)

    def prose(self) -> list[str]:
        """What is measured of each block: its text, without formulas where it has any."""
        found = list(self.texts)
        for n, text in self.words.items():
            found[n] = text
        return found

    def removed(self, n: int) -> bool:
        return bool(self.flags[n] & IS_REMOVED)

    def copyright(self) -> bytearray:
        """Which texts hold a copyright sign (a block holding one is no fragment of an article)."""
        if self.holding_copyright is None:
            self.holding_copyright = holding(self.texts, "©")
        return self.holding_copyright

    def select(self, chosen: list[int]) -> Blocks:
        """These blocks as joined, before measuring (to measure a block alone)."""
        at = {n: k for k, n in enumerate(chosen)}
        return Blocks(
            [list(self.lines[n]) for n in chosen],
            [self.texts[n] for n in chosen],
            {at[n]: w for n, w in self.words.items() if n in at},
            {at[n]: f for n, f in self.family.items() if n in at},
            {at[n]: m for n, m in self.more.items() if n in at},
            [self.formulas[n] for n in chosen],
            bytearray(self.flags[n] & (IS_REMOVED | INSIDE | LEAD | MORE) for n in chosen),
        )

    def objects(self) -> list[Block]:
        """The blocks as objects, with every fact judged so far."""
        flags, kinds, values = self.flags, self.kinds, self.values
        measured = bool(self.chars)
        return [
            Block(
                lines,
                text,
                removed=bool(flags[n] & IS_REMOVED),
                family=self.family.get(n),
                chars=self.chars[n] if measured else 0,
                density=None if not measured or isnan(self.density[n]) else self.density[n],
                kind=KINDS[kinds[n]] if kinds else "short",
                junk=bool(flags[n] & JUNK),
                end=bool(flags[n] & END),
                comments=bool(flags[n] & COMMENTS),
                more=self.more.get(n, ""),
                sentence=bool(self.sentence[n]) if measured else False,
                value=values[n] if kinds else 0.0,
                words=self.words.get(n),
                ticker=bool(flags[n] & TICKER),
                formulas=self.formulas[n],
                common_words=self.common_words,
            )
            for n, (lines, text) in enumerate(zip(self.lines, self.texts, strict=True))
        ]


class MainText(Rule):
    id = "boilerplate.main-text"
    family = Family.BOILERPLATE
    name = "Main text of flattened pages"
    description = (
        "On text flattened from a web page, keeps the main text and drops the menus, teasers, sidebars, comment "
        "forms and footer around it; elsewhere drops only menu and legal links and author boxes."
    )
    params = (
        Param("min_lines", "Shortest page judged (lines)", 25, "Documents with fewer lines are never judged.", minimum=5, maximum=1000, step=1),
        Param(
            "min_short_share",
            "Share of short lines",
            0.3,
            "Only documents where at least this share of lines are short fragments look flattened.",
            minimum=0.0,
            maximum=1.0,
            step=0.05,
        ),
        Param(
            "min_paragraph_chars",
            "Shortest paragraph (characters)",
            70,
            "Blocks shorter than this are fragments: they stay only inside the main text.",
            minimum=10,
            maximum=500,
            step=5,
        ),
        Param(
            "good_paragraph_chars",
            "Surely-prose paragraph (characters)",
            200,
            "Blocks at least this long, with enough common words, are certainly prose.",
            minimum=50,
            maximum=2000,
            step=10,
        ),
        Param(
            "min_stopwords",
            "Share of common words in prose",
            0.3,
            "Share of common words (the, und, le …) a block needs to count as prose: jusText's stopword density.",
            minimum=0.0,
            maximum=1.0,
            step=0.01,
        ),
        Param(
            "fragment_cost",
            "Weight of menu-like lines",
            35.0,
            "How much each short or non-prose block outside prose counts against a stretch being main text.",
            minimum=0.0,
            maximum=1000.0,
            step=5.0,
        ),
        Param(
            "min_run_share",
            "Smallest further text part",
            0.2,
            "Prose runs at least this share of the largest one are main text too (an article split by a table).",
            minimum=0.0,
            maximum=1.0,
            step=0.05,
        ),
        Param(
            "detector",
            "Detector",
            "rules",
            "How flattened pages' blocks are judged: the hand-tuned thresholds (rules), a small model trained on "
            "the development sets (learned), or that model also told the hand-tuned decision (hybrid).",
            choices=("rules", "learned", "hybrid"),
        ),
        Param(
            "on_html",
            "Also on HTML pages",
            False,
            "Also look for the main text of HTML documents (extraction already found it); menu and legal links and author boxes go either way.",
        ),
    )

    def apply(self, ctx: Context) -> None:
        judged = not ctx.document.is_html or self["on_html"]
        blocks = self.judged_columns(ctx) if judged and self._looks_flattened(ctx) else None
        if blocks is None:  # an article (or extracted HTML): only menu and legal links and author boxes go
            self._links_and_bios(ctx)
            return
        info, detector = analysis(ctx), self["detector"]
        keep = self.main_text(blocks, info.stop, None if ctx.rewritten else info.stems) if detector != "learned" else bytearray(len(blocks))
        why: dict[int, str] = {}
        if detector != "rules":  # the model decides; its reason names the features that spoke against
            objects = blocks.objects()
            measure_common_words(objects)  # the model reads every block's: all at once, not one by one
            runs = maximal_segments(blocks.values)
            learned, why = learned_keep(objects, runs, list(map(bool, keep)), detector, info.cjk, bool(info.stop))
            keep = bytearray(learned)
            kernel.fill_gaps(keep, blocks.flags, blocks.copyright())  # plain text between kept stretches (list items, code) stays, as below
        if not any(keep):
            return
        if detector == "rules":  # a recipe card or fact box past a print or share button, between two kept stretches
            _fill_gaps_past_buttons(keep, blocks)
            if not ctx.rewritten:  # and the lead over the byline (its words compared by the analysis's stems)
                _take_lead(keep, blocks, info.stems)
            _take_references(keep, blocks)  # and the article's list of references or footnotes after its end
        found = BoilerplateWords.of(ctx.lexicons)
        flags, texts, lines = blocks.flags, blocks.texts, blocks.lines
        # (kept blocks not removed, starting with a capital, of a job line's words at most: the kernel's)
        roles = kernel.role_candidates(keep, flags, texts)
        named = kernel.after_names(ctx.lines, [lines[n][0] for n in roles])  # (after_name of each, in C)
        bios = set(author_boxes(blocks, keep, found)) | {n for n, name in zip(roles, named) if name and is_role_line(texts[n], found)}
        as_read = not ctx.rewritten  # (the analysis counts a skipped line's words as none)
        counted = info.counts if as_read and not info.skip else None
        menu = {n for n in menu_items(blocks, keep, info.keys if as_read else None, counted) if not _inside_sentence(ctx, lines[n][0])}
        dropped: dict[str, list[int]] = defaultdict(list)  # lines by reason, dropped a reason at a time
        junk = [n for n in compress(count(), flags.translate(HAS_JUNK)) if keep[n]]  # (the few links, not every kept block)
        for n in sorted({*junk, *bios, *menu}):  # kept blocks that go all the same
            if not flags[n] & IS_REMOVED:
                dropped["author box" if n in bios else "menu item (also in the page's navigation)" if n in menu else "navigation or legal link"] += lines[n]
        for reason, dropped_lines in dropped.items():
            ctx.drop_all(dropped_lines, self, reason)
        self._drop_outside(ctx, blocks, keep, why)
        # (every line before the main text's first block is removed by now: where the analysis's non-blank lines are the
        # blocks' lines, none rewritten or skipped, the headline is looked for from that block on)
        self._headline(ctx, lines[keep.index(1)][0] if not ctx.rewritten and not info.skip else 0)
        self._dangling_label(ctx)
        for n in blocks.words:  # (the blocks with formulas or TeX; TeX after a removed line starts a block of its own)
            if keep[n]:
                ctx.drop_all(formula_pieces(ctx.lines, lines[n]), self, "a formula's pieces (symbols and TeX source), not words")

    def _drop_outside(self, ctx: Context, blocks: Blocks, keep: bytearray, why: dict[int, str]) -> None:
        """Drop the blocks outside the main text that no earlier rule removed: for the model's reason when it gave one,
        else as the page's title, as what comes before the main text, or as what comes after it. The stretches before
        and after are each dropped at once (the most blocks of a page; found in C, not block by block)."""
        lines = blocks.lines
        if why:
            for n in compress(count(), map(not_, map(or_, keep, map(IS_REMOVED.__and__, blocks.flags)))):
                if n in why:
                    ctx.drop_all(lines[n], self, why[n])
        title = ctx.analysis.title_line
        titled, before, after = kernel.outside_lines(lines, keep, blocks.flags, -1 if title is None else title, why)
        for stretch, reason in (
            (titled, "the page's title (kept in the metadata)"),
            (before, "before the main text (navigation, header or sidebar)"),
            (after, "outside the main text (sidebar, comments, related links or footer)"),
        ):
            if stretch:
                ctx.drop_all(stretch, self, reason)

    def _headline(self, ctx: Context, start: int = 0) -> None:
        """The article's headline, the page's title again, goes like the title (kept in the metadata): each kept line before
        the first paragraph whose words are the title's, or the title's without the site's name around them
        ("Headline - Site", "Site | Headline")."""
        info = analysis(ctx)
        title = info.facts.title
        if not title:
            return
        wanted = title_forms(title)
        if not wanted:
            return
        seqs, lines, counts, nonblank = info.seqs, ctx.lines, info.counts, info.nonblank
        if start:  # (the lines before `start` all removed: not walked through)
            nonblank = nonblank[bisect_left(nonblank, start) :]
        # (ctx.live_lines() read lazily, in C, up to the first paragraph: not the whole page's list; a line dropped here
        # is one already passed)
        for i in compress(nonblank, map(is_, map(ctx.removals.__getitem__, nonblank), repeat(None))):
            if i == info.title_line:
                continue
            if seqs[i] in wanted:  # (a page may show it twice: over a picture and over the text)
                ctx.drop(i, self, "the article's headline, the page's title again (kept in the metadata)")
                continue
            if counts[i] > TITLE_WORDS or SENTENCE_END.search(lines[i].rstrip()) and counts[i] >= LABEL_WORDS:
                return  # the first paragraph: the headline comes before it

    def _dangling_label(self, ctx: Context) -> None:
        """The text no longer ends on a label whose content went with what followed the article: a short line ending in
        a colon, no sentence or clause in it ("Weitere Informationen zum Thema:", "Related terms:", "In this article:"),
        or a word or two after the article's last sentence ("News", "Literatur", "Next Page")."""
        live = kernel.last_kept(ctx.analysis.nonblank, ctx.removals, 2)  # the last two of ctx.live_lines(), looked for from the end
        if not live or not any(map(str.strip, ctx.lines[live[-1] + 1 :])):  # nothing followed it: nothing went
            return
        last = live[-1]
        text = ctx.lines[last].rstrip()
        if text.endswith(":") and not MORE_THAN_LABEL_WORDS.match(text) and "," not in text and not ANY_STOP.search(text):
            ctx.drop(last, self, "a label whose content is gone (after the main text)")
        elif len(live) > 1 and _section_label(text) and SENTENCE_END.search(ctx.lines[live[-2]].rstrip()):
            ctx.drop(last, self, "a section label left after the main text")

    def _links_and_bios(self, ctx: Context) -> None:
        """Lines that are nothing but a menu or legal link, and the author's bio after most of the text."""
        info = analysis(ctx)
        seqs, keys, removals, lines = info.seqs, info.keys, ctx.removals, ctx.lines
        found = BoilerplateWords.of(ctx.lexicons)
        could_be_junk, anchors = found.link_starts, found.footer.anchors
        for i in info.short_lines(JUNK_WORDS):
            seq = seqs[i]
            if removals[i] is not None or not seq or (seq[0] not in could_be_junk and anchors.isdisjoint(seq)):
                continue
            # a lone "Kontakt" may be a word cut out of a sentence; "Zurück zur Übersicht" never is
            if is_junk(keys[i], seq, found) and (len(seq) > 1 or not is_fragment(ctx, i)) and not heads_next(ctx, i):
                ctx.drop(i, self, "navigation or legal link")
        live = ctx.live_lines()
        total = sum(len(lines[i]) for i in live)
        roles, verbs = found.role_starts, found.bio_verbs
        last = set(live[-BIO_LAST:])  # an author box closes the text; "X is a professor at Y" earlier is the article's
        seen = 0
        for i in live:
            seq = seqs[i]
            if seq and (
                seq[0] in roles
                and is_role_line(lines[i], found)
                and after_name(lines, i)
                or i in last
                and seen >= BIO_AFTER * total
                and not verbs.isdisjoint(seq[1:5])
                and is_author_box(lines[i], found)
            ):
                ctx.drop(i, self, "author box")
            seen += len(lines[i])

    def _looks_flattened(self, ctx: Context) -> bool:
        """Enough lines, and enough of the ones still kept are short fragments (menus, link lists, split sentences)."""
        info = analysis(ctx)
        if len(info.nonblank) < self["min_lines"]:  # (the lines with a word: len(ctx.lines) - info.counts.count(0))
            return False
        live, short = kernel.short_lines(ctx.lines, ctx.removals, info.nonblank, self["min_paragraph_chars"])  # (ctx.live_lines())
        return short >= self["min_short_share"] * live

    def judged_blocks(self, ctx: Context) -> list[Block] | None:
        """The page's blocks, judged, as objects; None when nothing is left to judge."""
        blocks = self.judged_columns(ctx)
        return None if blocks is None else blocks.objects()

    def judged_columns(self, ctx: Context) -> Blocks | None:
        """The page's blocks, judged; None when nothing is left to judge."""
        info = analysis(ctx)
        found = BoilerplateWords.of(ctx.lexicons)
        blocks = self._blocks(ctx, info.stop, found)
        if not blocks.flags.translate(None, WITH_REMOVED):  # (every block removed)
            return None
        self._measure(blocks, info.stop, info.cjk, info.keys, info.key_words, found, ctx.rewritten, (info.seqs, anchored_lines(info, found)))
        # a link word inside a sentence cut around it is no menu link, a word like "Comment" or "Response" amid running text
        # no heading (the kernel's, in one pass)
        kernel.amid_words(blocks.flags, blocks.texts, blocks.lines)
        self._judge(blocks)
        flags = blocks.flags
        self._teasers(blocks)
        if 1 in flags.translate(HAS_COMMENTS):  # readers' comments after the article may be longer than it: their prose counts for less
            kernel.discount_comments(blocks.values, flags)
        mark_tickers(blocks)
        return blocks

    def main_text(self, blocks: Blocks, stop: frozenset[str], line_stems: Callable[[int], set[str]] | None = None) -> bytearray:
        """Which blocks are main text: the prose-rich runs, bridged, cut at closing markers, with their titles (found by
        the kernel over the blocks' arrays). `line_stems`: the content stems of a line (`Analysis.stems`), when the lines
        are the analysis's."""
        texts, lines, values = blocks.texts, blocks.lines, blocks.values

        def tail_takes(n: int, start: int, end: int) -> bool:
            """Whether the short block n may close the run start..end ("XX, Die Redaktion", "Sei herzlich gegrüßt!", a
            last link): a teaser headline for another story looks alike, but has more words, no punctuation and nothing
            in common with the article."""
            text = texts[n]
            if len(text.split()) <= 3 or "," in text or SENTENCE_END.search(text):
                return True
            own = content_stems(text, stop)  # a word in common with the run's prose: looked for paragraph by paragraph
            prose = [x for x in range(start, end + 1) if values[x] > 0]
            if line_stems is None:
                return any(not own.isdisjoint(content_stems(texts[x], stop)) for x in prose)
            # a block's stems are its lines', which the analysis keeps (other rules asked for the article's too)
            return any(not own.isdisjoint(line_stems(i)) for x in prose for i in lines[x])

        return kernel.main_text(
            values, blocks.kinds, blocks.chars, blocks.flags, blocks.copyright(), self["min_run_share"], self["good_paragraph_chars"], tail_takes
        )

    # ---- steps

    def _blocks(self, ctx: Context, stop: frozenset[str], found: BoilerplateWords) -> Blocks:
        """Non-blank lines joined back into blocks; lines removed by earlier rules are blocks of their own,
        and so are links ("mehr", "Impressum"), which a lower-case start would otherwise glue to the text."""
        info = analysis(ctx)
        lines, counts, keys, removals = ctx.lines, info.counts, info.keys, ctx.removals
        stripped = kernel.strip_lines(lines)  # (read only: the lines themselves where none has a space at an end)
        formulas = formula_lines(lines, stripped)
        flags, tex = kernel.line_flags(lines, stripped, removals)  # each line's facts the kernel joins by (removed, closes a sentence)
        more = kernel.link_lines(stripped, counts, keys, found.read_more, found.links, READ_MORE_EDGE, flags)  # "read more" links (and bare "More"s), by line
        for i in formulas:
            flags[i] |= FLAG_FORMULA
        for i in {i for j in formulas for i in (j - 2, j - 1) if i >= 0 and stripped[i]}:  # a line or two before a formula's piece
            if _in_formula(stripped, formulas, i):  # a word alone between a formula's pieces stays in it
                flags[i] |= FLAG_FORMULA_WORD
        grouped, glued, texts = kernel.join_lines(stripped, flags, stop, SENTENCE_END.search)
        # a removed line is a block of its own, flagged by the family of the rule that removed it; so is a "read more" link
        # (unless a formula took it in)
        family, more_of, block_flags = kernel.block_flags(grouped, removals, INSIDE_FAMILIES, LEAD_FAMILIES, more)
        words: dict[int, str] = {}
        if formulas or tex:  # (TeX: most pages have none)
            for n in compress(count(), map(or_, glued, holding(texts, "\\"))):  # judged by its words: a formula's symbols and TeX are neither prose nor junk
                words[n] = _words_without_formulas(lines, grouped[n], formulas)
        return Blocks(grouped, texts, words, family, more_of, glued, block_flags)

    def _teasers(self, blocks: Blocks) -> None:
        """A block right before a "read more" link is a teaser for another page: it counts against a run.

        A bare "More" may also head a menu or a tag list, so one-word links count only on pages with several.
        A "Read more:" with a colon introduces a link to another story after it, not the end of a teaser.
        """
        if blocks.more:  # (the kernel's, asked of the links only)
            kernel.mark_teasers(blocks.kinds, blocks.values, blocks.flags, blocks.more, blocks.texts, blocks.lines, blocks.chars, self["fragment_cost"])

    def _measure(
        self,
        blocks: Blocks,
        stop: frozenset[str],
        cjk: bool,
        keys: LazyKeys,
        key_words: list[tuple[str, ...]],
        found: BoilerplateWords,
        rewritten: AbstractSet[int] = frozenset(),
        own: tuple[Sequence[tuple[str, ...]], bytes | bytearray] | None = None,
    ) -> None:
        """What `_judge` reads of each block: its length, share of common words, finished sentence, link and closing
        marker. Measured a fact at a time over all the page's blocks (a `map` of a string method or pattern runs in C;
        a page has hundreds of blocks, most of them one line), not block by block. `keys`, `key_words`: the analysis's,
        of the lines as read (`rewritten`: the lines a rule has rewritten since); `own`: the lines' own words and which
        of them hold a footer phrase's anchor word (`anchored_lines`; by default the key words, looked through)."""
        texts = blocks.measured = blocks.prose()
        chars, blocks.density, sentences, blocks.common_words = self._prose_measures(texts, stop, cjk, found, blocks.flags)
        blocks.chars, blocks.sentence = chars if isinstance(chars, array) else array("q", chars), sentences
        # JUNK, END and COMMENTS read off each block's key (its line's, when it is one line): is_junk asked only where a
        # link, a footer word or links joined ('Impressum | Kontakt') could make the block junk, the comment patterns only
        # of blocks starting as a comment heading or a count of comments does (a digit or a heading's first letters)
        seqs, anchored = own or (key_words, bytes(map(not_, map(found.footer.anchors.isdisjoint, key_words))))
        kernel.key_facts(
            blocks.lines,
            texts,
            blocks.words,
            keys,
            key_words,
            seqs,
            anchored,
            text_keys,
            rewritten,
            found,
            has_joiner,
            is_junk,
            found.starts_memo,
            blocks.flags,
        )

    def _prose_measures(
        self, texts: list[str], stop: frozenset[str], cjk: bool, found: BoilerplateWords, flags: bytes | bytearray
    ) -> tuple[Sequence[int], array, bytes, CommonWords | None]:
        """Each text's length (a character of Chinese or Japanese counting three), share of common words (NOT_MEASURED:
        measured when asked, by the CommonWords returned), and whether it reads as a finished sentence. `flags`: the
        blocks', of which `_judge` reads no share of a removed block's common words."""
        ends = ends_sentence(texts)
        if cjk:  # no spaces between words: a character is worth about three letters, and function
            # characters mark prose (punctuation does not: teaser headlines have it too)
            chars = [3 * len(text) for text in texts]
            shares = [0.5 if cjk_function_share(text, found.cjk_function) >= CJK_FUNCTION_SHARE else 0.0 for text in texts]
            # a line of verse or a caption needs no full stop: function characters and length make it prose
            # (Chinese only: Japanese ends its sentences with 。 and its headlines are full of kana too)
            sentences = [
                (share > 0 and not KANA.search(text) and len(CJK_CHARACTER.findall(text)) >= CJK_SENTENCE_CHARS or end)
                # a question or an exclamation alone ('…能否再次崛起？') is a teaser headline's shape
                and not ("。" not in text and CJK_HEADLINE_END.search(text))
                for text, share, end in zip(texts, shares, ends)
            ]
            return chars, array("d", shares), bytes(sentences), None
        long_enough = self.values["min_paragraph_chars"]
        # measured now where _judge and _value read it: a paragraph's length, or a finished sentence, not removed (about one
        # in ten of those a page's are: an ad, a cookie notice); the rest when asked
        chars, asked = kernel.prose_asked(texts, ends, long_enough, flags)
        if not stop:  # a language without a stoplist (Bengali, Arabic …): a finished sentence marks prose
            return chars, array("d", [0.5 if marked else 0.0 for marked in map(SENTENCE_MARK.search, texts)]), bytes(ends), None
        common = CommonWords(stop, self.values["min_stopwords"], long_enough)
        return chars, common.measured(texts, asked), bytes(ends), common

    def _judge(self, blocks: Blocks) -> None:
        """Each block's kind (good prose, near-good, short, bad) and value, from what `_measure` found (the kernel's
        `judge`: what it reads of a block's text is found here, for the few blocks it is asked of)."""
        values = self.values  # self[name], without a call per block
        shortest, min_stopwords, good = values["min_paragraph_chars"], values["min_stopwords"], values["good_paragraph_chars"]
        prose, texts, chars, lines, formulas = blocks.measured, blocks.texts, blocks.chars, blocks.lines, blocks.formulas
        flags, sentence = blocks.flags, blocks.sentence
        # junk or a copyright line; short lines glued by function words ('Lara' / 'bei' / 'Title' …): a list, not a
        # paragraph; a whole short sentence ("Es stützt seine Version.") is weak evidence of prose
        bad, stacked, wordy, blocks.numbered, blocks.holding_copyright = kernel.judge_facts(prose, texts, lines, formulas, chars, flags, sentence, shortest)
        blocks.kinds, blocks.values = kernel.judge(
            flags, bad, chars, stacked, blocks.density, sentence, wordy, shortest, min_stopwords, good, values["fragment_cost"]
        )


def menu_items(blocks: Blocks, keep: bytearray, keys: Mapping[int, str] | None = None, counts: list[int] | None = None) -> list[int]:
    """Kept labels that the page's menus before the main text also list ('News', 'Unternehmen & Märkte'):
    a section label or breadcrumb left at the article's edge. Longer lines (a title) may rightly repeat.
    `keys`, `counts`: the lines' keys and numbers of words, when known (the analysis's, of lines no rule rewrote)."""
    texts, lines = blocks.texts, blocks.lines

    def labels(chosen: list[int]) -> list[str]:
        if keys is None:
            return text_keys(list(map(texts.__getitem__, chosen)))
        return list(map(keys.__getitem__, map(FIRST_LINE, map(lines.__getitem__, chosen))))

    def few_words(chosen: list[int]) -> list[int]:
        """Those with MENU_WORDS words at most (`len(text.split())`: a one-line block's words are its line's)."""
        if counts is None:
            return list(compress(chosen, map(not_, map(MORE_THAN_MENU_WORDS.match, map(texts.__getitem__, chosen)))))
        return list(compress(chosen, map(MENU_WORDS.__ge__, map(counts.__getitem__, map(FIRST_LINE, map(lines.__getitem__, chosen))))))

    if keys is not None and counts is not None:  # (the kernel's, in one pass)
        return [n for n in kernel.menu_candidates(lines, keep, blocks.flags, keys, counts) if not SENTENCE_END.search(texts[n])]
    first = keep.index(1) if 1 in keep else len(keep)
    single = list(compress(count(), map(ONE.__eq__, map(len, lines))))  # one-line blocks
    outside = set(labels(few_words(single[: bisect_left(single, first)])))
    if not outside:
        return []
    kept = few_words(list(compress(single, map(keep.__getitem__, single))))
    flags = blocks.flags
    return [n for n, text in zip(kept, labels(kept)) if text in outside and not flags[n] & IS_REMOVED and not SENTENCE_END.search(texts[n])]


def holding(texts: list[str], mark: str) -> bytearray:
    """Which texts hold `mark` (a character): one search of the texts joined, a step per text holding it (few do)."""
    found = bytearray(len(texts))
    page = "".join(texts)
    at = page.find(mark)
    if at < 0:  # (most pages)
        return found
    ends = list(accumulate(map(len, texts)))  # where each text ends in the page
    while at >= 0:
        n = bisect_right(ends, at)
        found[n] = 1
        at = page.find(mark, ends[n])  # in the next text
    return found


def ends_sentence(texts: list[str]) -> bytearray:
    """Whether `SENTENCE_END.search` finds a sentence end in each text (the kernel's: a text's last characters read)."""
    return kernel.ends_sentence(texts)


TIME_OF_DAY = re.compile(r"^(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*(?:[aApP]\.?[mM]\.?|Uhr|h))?$")  # '14:44', '9.05 Uhr', '3:15 pm'
NUMERIC_DATE = re.compile(r"^(?:(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2}|\d{4})|\d{4}-[01]\d-[0-3]\d)$")  # '31.01.2022'
TICKER_TIMES = 3  # times of day alone on their lines that make a stretch a live ticker


TICKER_GAP = 8  # blocks at most between two entries' times


def mark_tickers(blocks: Blocks) -> None:
    """Mark the stretches of live tickers and news streams: entries each headed by a time of day or a date alone on
    its line ('14:44' / headline / '14:32' / …), at least TICKER_TIMES of them, each at most TICKER_GAP blocks after
    the last, in order (a list of works all named '12:01' is no ticker)."""
    texts, lines, flags = blocks.texts, blocks.lines, blocks.flags
    numbered = blocks.numbered  # one-line blocks starting with a digit and shaped as both are (`kernel.judge_facts`)
    if len(numbered) < TICKER_TIMES:  # (most pages: too few to head a ticker's entries)
        return
    for kind in (TIME_OF_DAY, NUMERIC_DATE):
        stamps = [n for n in numbered if kind.match(texts[n])]
        group: list[int] = []
        for n in [*stamps, -1]:
            if group and (n < 0 or n - group[-1] > TICKER_GAP):
                if len(group) >= TICKER_TIMES and _one_way([texts[k] for k in group], strict=kind is TIME_OF_DAY):
                    last_entry = min(group[-1] - group[-2], len(lines) - group[-1])  # as long as the one before it
                    for k in range(group[0], min(group[-1] + last_entry, len(lines))):
                        flags[k] |= TICKER
                group = []
            group.append(n)


def _one_way(stamps: list[str], strict: bool) -> bool:
    """Times or dates that only go back (or only forward), as a stream's entries do; times strictly (not the same
    time named again), dates not (a day has several entries) but not all the same."""
    values = [_stamp_value(t) for t in stamps]
    steps = [b - a for a, b in zip(values, values[1:])]
    if strict:
        return all(d < 0 for d in steps) or all(d > 0 for d in steps)
    return any(steps) and (all(d <= 0 for d in steps) or all(d >= 0 for d in steps))


def _stamp_value(text: str) -> int:
    """A time in minutes, or a date as yyyymmdd ('31.01.2022', '2022-01-31', '31.01.22')."""
    numbers = [int(x) for x in re.findall(r"\d+", text)]
    if len(numbers) < 3:
        return 60 * numbers[0] + numbers[1]
    if numbers[0] > 31:  # year first
        year, month, day = numbers[:3]
    else:
        day, month, year = numbers[:3]
    return 10000 * (year + 2000 if year < 100 else year) + 100 * month + day


def _in_formula(stripped: list[str], formulas: AbstractSet[int], i: int) -> bool:
    """A word alone between a formula's pieces (its 'Hermitian' in 'A Hermitian ⟺ …'). `stripped`: the page's lines
    stripped; `formulas`: those `is_formula` accepts (`formula_lines`)."""
    if len(stripped[i].split()) != 1:
        return False
    n = i + 1
    while n < len(stripped) and not stripped[n]:
        n += 1
    return n < len(stripped) and n - i <= 2 and n in formulas


def _section_label(text: str) -> bool:
    """A word or two in letters only, capitalised: a section or menu label ("News", "Meine Themen"), not a sentence."""
    found = text.split()
    return 0 < len(found) <= LABEL_END_WORDS and text[:1].isupper() and all(map(str.isalpha, found))


def closes_sentence(line: str) -> bool:
    """A line that opens with a full stop and goes on: the end of a sentence cut off by a link, and the next one
    ("… published through" / "Example CMS" / ". In addition …"); an ellipsis or ".NET" is not one. (A full stop
    alone on its line stays a fragment: it would make a finished sentence of any teaser it followed.)"""
    text = line.lstrip()
    return text[:1] == "." and len(text) > 2 and text[1].isspace()


AMID_WORDS = 4  # the lines around a word amid running text are sentences, not a username or a button
AT_LEAST_AMID_WORDS = re.compile(rf"\s*(?:\S+\s+){{{AMID_WORDS - 1}}}\S")  # len(text.split()) >= AMID_WORDS, without splitting a paragraph


def _amid_text(before: str, after: str) -> bool:
    """Between a text of some words without a sentence end and one carrying it on in lower case
    ('… checking for Headers, Request,' / 'Response' / 'or fetch on the window …'): not a username or a button. (The
    kernel's `amid_words` asks it of every link word and closing marker alone on its line.)"""
    # (the characters first, the words only where they allow it: most texts after a menu link start in upper case; an
    # empty text, "" being in any string, is none, as it has too few words)
    if not after.lstrip()[:1].islower() or before.rstrip()[-1:] in ".!?:…":
        return False
    enough = AT_LEAST_AMID_WORDS.match
    return enough(before) is not None and enough(after) is not None


def _inside_sentence(ctx: Context, i: int) -> bool:
    """Line i sits in a sentence: the line before is unfinished and the one after carries it on."""
    lines = ctx.lines
    if i == 0 or i + 1 >= len(lines):
        return False
    before, after = lines[i - 1].rstrip(), lines[i + 1].lstrip()
    return bool(before and after) and before[-1] not in ".!?:…" and (after[0].islower() or after[0] in CONTINUES or after[0] == "(")


TEX_CHARACTER = re.compile(r"[{}\\^_]")  # a character of TeX's syntax: a word holding one is not the text's


def is_formula(line: str) -> bool:
    """A piece of a formula flattened onto its own line: symbols and one-letter variables ('A', '⟨ v ,', '= a j i'),
    or the TeX source a page gives with it ('{\\displaystyle A^{H}}')."""
    return is_tex(line) or is_symbols(line)


def is_tex(line: str) -> bool:
    """The TeX source a page gives with a rendered formula ('{\\displaystyle A^{H}}')."""
    text = line.strip()
    return text.startswith("{\\") and bool(TEX.match(text, 1))


FORMULA_DIGITS = 3  # a number this short, alone on its line before TeX, is an index or exponent of the formula
FORMULA_WORD = 4  # a word of a formula's text is at least this long


def _formula_word(text: str, after: str) -> bool:
    """A word inside a formula ('Hermitian' in 'A Hermitian ⟺ …'): alone on its line, symbols after it, longer than
    the short words a sentence puts before a variable ('of', 'If')."""
    return len(text) >= FORMULA_WORD and text.isalpha() and is_symbols(after)


def formula_pieces(lines: list[str], block: list[int]) -> list[int]:
    """The lines of a block that are a rendered formula flattened into pieces: each TeX source line and the symbols,
    variables and words of its rendering just before it ('A' / 'Hermitian' / '⟺' / 'a' / … / '{\\displaystyle …}').
    A variable alone amid the text with no TeX after it ('the' / 'i' / '-th row') is the sentence's word and stays."""
    found: set[int] = set()
    for k, i in enumerate(block):
        if not is_tex(lines[i]):
            continue
        found.add(i)
        j = k - 1
        while j >= 0 and block[j] not in found:  # back through the rendering, to the text before it
            text = lines[block[j]].strip()
            if not (is_symbols(text) or len(text) <= FORMULA_DIGITS and text.isdigit() or _formula_word(text, lines[block[j + 1]])):
                break
            found.add(block[j])
            j -= 1
    return sorted(found)


def is_symbols(line: str) -> bool:
    """Symbols and one-letter variables alone ('A', '⟨ v ,', '= a j i'), no word."""
    text = line.strip()
    if not text or len(text) > SYMBOLS_CHARS or FORMULA_LINE.search(text):
        return False
    return bool(MATH_SYMBOL.search(text)) or (len(text) == 1 and text.isalpha())


def formula_lines(lines: list[str], stripped: list[str]) -> set[int]:
    """The lines that are a formula's pieces (`is_formula`; `stripped`: the lines stripped), found by the kernel."""
    return set(kernel.formula_lines(stripped))


def _words_without_formulas(lines: list[str], block: list[int], formulas: set[int]) -> str:
    """The words of a block's lines but its formulas' symbols and TeX: `prose_words` of each line not `is_symbols`, joined
    by a space. Only a formula's piece may be symbols (`formula_lines`: every line `is_symbols` is one), and the words of
    lines joined by a space are theirs in turn, so a block's text is split (and searched for TeX) once, not line by line."""
    text = " ".join([lines[i] for i in block if i not in formulas or not is_symbols(lines[i])])
    found = text.split()
    if TEX_CHARACTER.search(text) is not None:
        found = [w for w in found if TEX_CHARACTER.search(w) is None]
    return " ".join(found)


def prose_words(line: str) -> list[str]:
    """A line's words without the TeX in it ('{\\displaystyle A} is denoted by' -> 'is', 'denoted', 'by')."""
    # (a TeX command holds a backslash: a word without TeX's characters holds none)
    if TEX_CHARACTER.search(line) is None:
        return line.split()
    return [w for w in line.split() if TEX_CHARACTER.search(w) is None]


def read_more(line_key: str, found: BoilerplateWords | None = None) -> str:
    """'link' for a "read more" link ('Weiterlesen', 'Lire la suite'), 'word' for a bare 'More', else ''."""
    return (found or BoilerplateWords.default()).read_more.get(line_key.strip(READ_MORE_EDGE), "")


CJK_FUNCTION_SHARE = 0.08  # in Chinese and Japanese prose about one character in five is a function character
CJK_SENTENCE_CHARS = 8  # a clause of running Chinese text
CJK_HEADLINE_END = re.compile(r"[？！?!][」』”\"）)]*$")
KANA = re.compile(r"[\u3040-\u30ff]")


def cjk_function_share(text: str, function: frozenset[str]) -> float:
    """Share of a line's Chinese or Japanese characters that are function characters (的, 了, の, は …)."""
    characters = CJK_CHARACTER.findall(text)
    if not characters:
        return 0.0
    return sum(map(function.__contains__, characters)) / len(characters)  # (the count in C)


def maximal_segments(values: Sequence[float]) -> list[tuple[float, int, int]]:
    """All maximal-scoring segments (score, start, end), by Ruzzo and Tompa's linear-time algorithm (the kernel's).

    Each segment keeps a link to the nearest earlier one with a lower left cumulative score, so the
    search for it follows links (each skipped segment is skipped once, as in all-nearest-smaller-values)
    instead of scanning back through the list: linear time however many segments there are.
    """
    return kernel.maximal_segments(values)


MORE_THAN_JUNK_WORDS = re.compile(rf"\W*(?:\w+\W+){{{JUNK_WORDS}}}\w")  # words() would find more than JUNK_WORDS


def is_junk(line_key: str, seq: tuple[str, ...] | None = None, found: BoilerplateWords | None = None) -> bool:
    """A menu, account or legal link ('Impressum', 'Zurück zur Übersicht', 'Impressum & Datenschutz'), or a footer line."""
    found = found or BoilerplateWords.default()
    links = found.links
    if line_key in links:
        return True
    if seq is None and (not _holds_anchor(line_key, found.footer.anchors) or MORE_THAN_JUNK_WORDS.match(line_key)):
        pass  # no footer phrase's anchor word in it, or a paragraph: no footer line (its words not listed for nothing)
    elif len(seq := words(line_key) if seq is None else seq) <= JUNK_WORDS and found.footer.finds(seq) is not None:
        return True
    if len(line_key) > 80 or not has_joiner(line_key):
        return False
    return _joined_links(line_key, links)


def has_joiner(text: str) -> bool:
    """Whether `NAV_JOINER_CHARS` finds a joiner of links in a text: each a character or a word between spaces, looked
    for as a substring (a C scan each; the pattern's alternatives are tried at every character)."""
    return (
        "," in text
        or "|" in text
        or "&" in text
        or "/" in text
        or "·" in text
        or "•" in text
        or " und " in text
        or " and " in text
        or " et " in text
        or " y " in text
    )


def _holds_anchor(text: str, anchors: frozenset[str]) -> bool:
    """Whether one of these words is in the text as a substring: where none is, none is among its words (each a piece of
    it), and no footer phrase is found in them. (A few C scans, not the text's words found by a pattern.)"""
    for anchor in anchors:
        if anchor in text:
            return True
    return False


def _joined_links(line_key: str, links: frozenset[str]) -> bool:
    """Whether the pieces `NAV_JOINER.split` cuts a key into, but empty ones, are two links or more ('impressum &
    datenschutz'). Read a piece at a time, up to the first that is no link (most keys: their first, a sentence's words
    before its comma), not split whole: the joiners found one after another as split finds them (none is empty)."""
    pieces = at = 0
    for joiner in NAV_JOINER.finditer(line_key):
        start = joiner.start()
        if start > at:
            if line_key[at:start] not in links:
                return False
            pieces += 1
        at = joiner.end()
    if at < len(line_key):
        if line_key[at:] not in links:
            return False
        pieces += 1
    return pieces >= 2


def is_role_line(text: str, found: BoilerplateWords | None = None) -> bool:
    """A short line naming the author's job: 'Redakteur in der Wirtschaft.', 'Correspondent at Reuters'."""
    return text[:1].isupper() and not MORE_THAN_ROLE_WORDS.match(text) and bool((found or BoilerplateWords.default()).role_line.match(text))


def after_name(lines: list[str], i: int) -> bool:
    """Whether the line before line i is a person's name alone ('Benjamin Fischer'), as an author box has it."""
    n = i - 1
    while n >= 0 and not lines[n].strip():
        n -= 1
    return n >= 0 and bool(NAME.match(lines[n].strip()))


def is_author_box(text: str, found: BoilerplateWords | None = None) -> bool:
    """'Jane Roe is a senior writer for the magazine …', 'Max Muster ist Redakteur bei der Zeitung …'."""
    found = found or BoilerplateWords.default()
    if not found.bio.match(text):
        return False
    return bool(found.bio_roles.search(" ".join(text.split()[:25])))


def author_boxes(blocks: Blocks, keep: bytearray, words: BoilerplateWords) -> list[int]:
    """Kept blocks after most of the article's prose that introduce its author."""
    texts = blocks.texts
    return [n for n in kernel.late_prose(keep, blocks.values, blocks.kinds) if is_author_box(texts[n], words)]


def _fill_gaps_past_buttons(keep: bytearray, blocks: Blocks) -> None:
    """Between two kept stretches, a gap of fragments is kept even where a print, share or rating button an earlier
    rule removed sits in it (a recipe's card, a product's fact box: the detector's own gap filling stops at them).
    The buttons themselves stay removed."""
    flags = blocks.flags
    if 1 not in flags.translate(LEAD_NOT_INSIDE):
        return
    kernel.fill_gaps(keep, flags.translate(LEAD_AS_INSIDE), blocks.copyright())


def _take_lead(keep: bytearray, blocks: Blocks, stems: Callable[[int], set[str]]) -> None:
    """The lead (standfirst) just under the headline, a sentence or two over the article's byline and date, which the
    detector's run leaves out when it starts at the body's first paragraph. Taken when it finishes a sentence (not a
    question: that is a headline's) of at least LEAD_WORDS words, shares a content word with the article's first
    paragraphs and sits right under a headline, with nothing but short lines (byline, date, a sub-heading) and removed
    ones (a picture's credit, a link to another story) between it and the body. `stems`: a line's content stems."""
    first = keep.index(1)
    flags, kinds, values, texts, lines = blocks.flags, blocks.kinds, blocks.values, blocks.texts, blocks.lines
    for n in range(first - 1, max(first - LEAD_REACH, 0) - 1, -1):
        if flags[n] & IS_REMOVED:
            continue
        if flags[n] & NOT_LEAD or kinds[n] == BAD:
            return
        if values[n] <= 0 or not SENTENCE_END.search(texts[n]) or texts[n].rstrip().endswith("?") or len(texts[n].split()) < LEAD_WORDS:
            if kinds[n] != SHORT:
                return
            continue
        above = next((k for k in range(n - 1, -1, -1) if not flags[k] & IS_REMOVED), None)
        if above is None or kinds[above] != SHORT or SENTENCE_END.search(texts[above]) or flags[above] & NOT_LEAD:
            return
        own = set().union(*map(stems, lines[n]))
        body = [k for k in range(first, min(first + LEAD_REACH, len(keep))) if keep[k] and values[k] > 0]
        if any(not own.isdisjoint(stems(i)) for k in body for i in lines[k]):
            keep[n] = 1
        return


def _take_references(keep: bytearray, blocks: Blocks) -> None:
    """The article's list of sources or footnotes right after its last kept block (under a heading "Literatur",
    "References", "Notes", or after its last footnote already kept): REFERENCES or more blocks in a row that each read
    as a reference (CITATION), but for a piece of one between two, up to the first that does not. Their names, years
    and pages make them poor prose to the detector."""
    last = len(keep) - 1 - keep[::-1].index(1)
    flags, texts = blocks.flags, blocks.texts

    def reference(n: int) -> bool:
        # (CITATION searched only in a text holding what each of its forms needs: its lazy and greedy stretches make a
        # search of a long text without one slow)
        if n >= len(keep) or flags[n] & (IS_REMOVED | JUNK | END | MORE | COMMENTS):
            return False
        return CITATION_HINT.search(texts[n]) is not None and CITATION.search(texts[n]) is not None

    taken: list[int] = []
    n = last + 1
    while reference(n) or taken and reference(n + 1) and not flags[n] & (IS_REMOVED | JUNK | END | MORE | COMMENTS):
        taken.append(n)  # (a reference's title split from it, between two references)
        n += 1
    if not taken:  # (most pages: no reference after the text's end, and none of its kept blocks is asked)
        return
    listed = next((k for k in range(last, -1, -1) if not keep[k] or not reference(k)), -1)  # (the list's start, if kept)
    if len(taken) + last - listed >= REFERENCES:
        for n in taken:
            keep[n] = 1


HEADLINE_WORDS = 3  # a title this long, repeated over the article, is its headline (a word or two may be a section's name)
TITLE_WORDS = 20  # a longer line is text, not a title (as the analysis reads a title)
SITE_WORDS = 5  # a site's name beside the headline in the page's title ("Headline - Site Name")


TITLE_PARTS = re.compile(r"\s+[-|–—·:»/]+\s+")  # what sets a site's name apart from the headline in a page's title


def title_forms(title: str) -> set[tuple[str, ...]]:
    """The words a headline repeating the page's title has: the title's, or the title's less a site's name of a few words
    set apart at its start or end ("Headline - Site Name", "Site | Headline"); none for a title of a word or two."""
    parts = TITLE_PARTS.split(title.casefold())
    forms = {tuple(WORD.findall(" ".join(parts)))}
    if len(parts) > 1:
        for site, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
            if len(WORD.findall(site)) <= SITE_WORDS:
                forms.add(tuple(WORD.findall(" ".join(rest))))
    return {form for form in forms if len(form) >= HEADLINE_WORDS}
