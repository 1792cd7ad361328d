"""Family 5: page furniture: counters, reading time, enlarge links, photo credits and galleries, standalone
dates and bylines, and the title repeated at the top of an HTML page's text.

Dates and bylines are not lost: the analyse stage puts the first of each into the record's metadata
(date as ISO 8601) whether or not this rule is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from winnow.core.model import Family
from winnow.kernel import SHAPE_CREDIT_MARK, SHAPE_DATE, SHAPE_DIGIT, furniture_candidates, furniture_visits, line_shapes, slide_lines
from winnow.kernel.furniture_py import STEP_COUNTER, STEP_CREDIT, STEP_DATE, STEP_ENLARGE, STEP_FILLER, STEP_LABEL, STEP_READING, STEP_SLIDE
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import FRAGMENT_WORDS, NO_WORDS, analysis, continues, heads_next
from winnow.text.bylines import Bylines
from winnow.text.dates import DATE_CHARS, DATE_HINT, REST_WORD, TIME, ZONE, DateReader
from winnow.text.lexicon import Lexicon, Lexicons, PhraseIndex, key, words
from winnow.text.lexicon import alternation as lexicon_alternation

# a photo gallery's slide: its position, then its caption ("3/50 Star Wars boosts …", "- 3 of 12 …", "3 / 12")
SLIDE_OF = "of|von|sur|de|di|z|van"  # "3 of 12" in the languages of the lexicons
SLIDE = regex.compile(rf"^[\W_]{{0,3}}(\d{{1,3}})\s*(?:/|{SLIDE_OF})\s*(\d{{1,3}})(?!\d)(?:[\s:.)–-]|$)", regex.IGNORECASE)
SLIDES_MIN = 3  # consecutive positions that make a gallery; fewer may be fractions ("1/2 cup") or scores
SLIDES_MIN_TOTAL = 4  # "k of 3" is too often a fraction
GALLERY_PROSE_WORDS = 80  # the article besides the gallery: a page of slides alone is a slideshow article
GALLERY_PROSE_SHARE = 0.25  # … and at least this share of the gallery's words
ARCHIVE_LINK = re.compile(r"^(.+?)\s*\(\d{1,5}\)$")  # a month and its count of posts in a blog's archive list
SLIDE_POSITION_WORDS = 6  # "Photo 3 of 12", "Bild Nr. 2 von 5"
COPYRIGHT = frozenset("©")
ASCII_DIGITS = frozenset("0123456789")
WORD = re.compile(r"\w+")  # a word as the analysis finds a line's (text.words.WORD)
SPLIT_WORDS = 3  # a word or three an inline element (code, a link) cut out of a sentence: "… captured as a" / "Response"


def _patterns(furniture: Lexicon) -> dict[str, regex.Pattern[str]]:
    def alternation(name: str) -> str:
        return lexicon_alternation(furniture.items(name), regex.escape)

    counters, reading, credits = alternation("counters"), alternation("reading"), alternation("credit_labels")
    agencies = alternation("agencies")
    number = r"\d[\d.,  ]*\s*[kKmM]?\+?"
    # each duration holds DURATION_LETTERS (see FurnitureWords.may_be_reading_time)
    duration = r"(?:\d+\s*(?:-|–|to|bis|à|a)\s*)?\d+\s*(?:min(?:ute)?s?|minuten|minutos|minuti|min\.)\.?"
    return {
        "counter": regex.compile(rf"^\W*(?:(?:{number})\s*(?:{counters})|(?:{counters})(?:\s*[:(]?\s*{number}\)?)?)\W*$", regex.IGNORECASE),
        "reading": regex.compile(rf"^\W*(?:(?:{reading})\s*:?\s*{duration}|{duration}\s*(?:{reading}))\W*$", regex.IGNORECASE),
        "credit": regex.compile(
            rf"^\W*(?:(?:{credits})\s*(?:\(s\))?\s*[:.]|©|\(c\)|(?:photo|foto|image|bild)\s+(?:by|von|de|par|por)\s)\s*\S",
            regex.IGNORECASE,
        ),
        "titled_counter": regex.compile(
            r"^\W*\d+\s+(?:responses?|replies|comments?|kommentare?|antworten|thoughts|gedanken|réponses?|commentaires?|"
            r"comentarios?|respuestas?|reacties|commenti)\s+(?:to|on|zu|auf|für|à|a|en|sobre|su|op)\b",
            regex.IGNORECASE,
        ),
        "caption": regex.compile(rf"^\W*(?:{alternation('caption_labels')})\s*(?:\d+[a-z]?\s*)?[:.–-]\s*\S", regex.IGNORECASE),
        "trailing_credit": regex.compile(
            # the credit may name a website or an initial ("© jollier_ - stock.adobe.com", "Photo: J. Doe"): such a dot ends no sentence
            rf"(?:(?:©|\(c\)|(?<!\w)(?:{alternation('photo_labels')})\s*:)\s*(?:[^.!?]|\.(?=\w)|(?<=\b\p{{Lu}})\.){{1,70}}|\(\s*(?:{agencies})(?:\s*/[^)]{{0,50}})?\s*\)|\[(?:{agencies})\])\W*$",
            regex.IGNORECASE,
        ),
        # a gallery's position shown alone under its picture: "Photo 3 of 12", "Bild 2 von 5", "(Image 4/9)"
        "slide_position": regex.compile(
            rf"^\W*(?:{alternation('slide_labels')})\s*(?:no\.|nr\.|#)?\s*(\d{{1,3}})\s*(?:/|{SLIDE_OF})\s*(\d{{1,3}})\W*$", regex.IGNORECASE
        ),
        "agency_credit": regex.compile(rf"^\W*(?:{agencies})\s*(?:[|/]\s*\S.{{0,60}})?$", regex.IGNORECASE),
        # a licence closing a credit or caption: "… unter CC-BY", "CC-BY-SA 2.0", "… en licence Creative Commons by"
        "licence": regex.compile(
            r"(?:(?<![\w-])CC[ -]?(?:BY|0|ZERO)|(?:licen[cs]e|lizenz|licencia|licenza)\s+creative\s+commons(?:\s+by)?"
            r"|creative\s+commons\s+(?:by|attribution|namensnennung))"
            r"(?:[ -](?:SA|ND|NC|BY))*(?:[ -]?\d\.\d)?(?:\s+[A-Z]{2,3})?\W*$",
            regex.IGNORECASE,
        ),
    }


# the characters case folding turns into something else than the ASCII letter they match ignoring case ('İ' folds to 'i'
# and a combining dot); the dotless 'ı' too, to be safe (tests/test_speed_shared_facts.py checks every character)
FOLDING_ODD = "İı"
# the letters every duration of the reading pattern holds ("min", "minutes", "Minuten", "minutos", "minuti", "min.")
DURATION_LETTERS = "min"


# the words a titled counter's number comes before ("12 responses to …"), as the titled_counter pattern lists them
TITLED_COUNTER_WORDS = (
    "response responses replies comment comments kommentar kommentare antworten thoughts gedanken réponse réponses commentaire "
    "commentaires comentario comentarios respuesta respuestas reacties commenti"
).split()
# (a titled counter's line holds one of them, or a character case folding changes otherwise: the kernel's furniture_visits
# rules the pattern out by the same test, which the loop of PageFurniture.apply asks before the slow pattern)
TITLED_WORDS = frozenset(TITLED_COUNTER_WORDS)


def _screen(furniture: Lexicon, first_words: dict[str, frozenset[str]], label_words: frozenset[str], dates: DateReader) -> tuple:
    """What the kernel's furniture_visits needs to rule out the lines no test of the rule could drop (in its order)."""
    # the lists of first words in the order of the kernel's bits (LABEL, FILLER, COUNTER, READING, SLIDE, CREDIT_START,
    # CREDIT_FIRST, AGENCY, BYLINE): each first word with the bits of the lists it starts an entry of
    lists = (
        frozenset(found[0] if (found := words(label)) else "" for label in label_words),
        dates.filler,
        first_words["counters"],
        first_words["reading"],
        first_words["slide_labels"],
        first_words["credits"] | first_words["agencies"],
        first_words["credits"],
        first_words["agencies"],
        first_words["byline_prefixes"],
    )
    firsts = {word: sum(1 << k for k, found in enumerate(lists) if word in found) for word in frozenset().union(*lists)}
    return (
        firsts,
        label_words,
        furniture.equal,
        frozenset(TITLED_COUNTER_WORDS),
        _ascii_keys_pattern(furniture.items("counters")),
        # the last word of each photo label, which stands before a trailing credit's colon ("Photo credit: X")
        tuple(sorted({label.casefold().split(" ")[-1] for label in furniture.items("photo_labels")})),
        # the first word of each agency, which opens a trailing credit's brackets ("(REUTERS/X)", "[dpa]"), by its first
        # character (a bracket's word is compared with the few starting like it)
        _by_first_character({agency.casefold().split(" ")[0] for agency in furniture.items("agencies")}),
        _date_words(dates),
        frozenset(dates.months),
        *_counter_edges(furniture.items("counters")),
    )


def _by_first_character(words: set[str]) -> dict[str, tuple[str, ...]]:
    """`words` by their first character ("" for an empty word), each tuple in order."""
    return {first: tuple(sorted(word for word in words if word[:1] == first)) for first in {word[:1] for word in words}}


def _counter_edges(items: list[str]) -> tuple[dict[str, tuple[str, ...]] | None, bool]:
    """What the counter pattern needs at a line's ends: the last word (of \\w characters, as the analysis finds a line's
    words, case-folded; None when a counter has none) of each counter, by its last character, which a line of ASCII
    characters the pattern matches ends with unless it ends with the number ("12 Kommentare", "Comments: 12", "Views
    1.2k"); and whether a counter starts or ends with an ASCII digit (if none does, a line starting and ending with one is
    no counter: "12.03.2021")."""
    edges = any(item[:1] in ASCII_DIGITS or item[-1:] in ASCII_DIGITS for item in items)
    ends: set[str] = set()
    for item in items:
        # (an ASCII letter matches, ignoring case, 'ſ' and the Kelvin sign, whose case folds are 's' and 'k', and 'ı', 'İ')
        found = WORD.findall(item.casefold().replace("i\u0307", "i").replace("ı", "i"))
        if not found:
            return None, edges
        ends.add(found[-1])
    return {last: tuple(sorted(end for end in ends if end[-1] == last)) for last in {end[-1] for end in ends}}, edges


def _date_words(dates: DateReader) -> frozenset[str]:
    """The words of letters (REST_WORD) a standalone date's line may hold: the words around a date, the months, and every
    word of letters in the patterns of a date, a time and a zone (more than they match: the "d" of "\\d" too, which only
    lets more lines by)."""
    patterns = " ".join(pattern.pattern for pattern in [*(pattern for pattern, _ in dates.patterns), TIME, ZONE])
    return dates.filler | frozenset(dates.months) | frozenset(REST_WORD.findall(" ".join(dates.months) + " " + patterns.casefold()))


def _ascii_keys_pattern(items: list[str]) -> re.Pattern[str]:
    """Any of the entries' keys (`lexicon.key`), as found in the key of a line of ASCII characters: an ASCII letter matches,
    ignoring case, no other letter than its own case variants but the dotless 'ı' and dotted 'İ' (whose keys are made plain
    'i' here), the long 'ſ' and the Kelvin sign (whose keys are 's' and 'k' already)."""
    found = {key(item).replace("i\u0307", "i").replace("ı", "i") for item in items}
    return re.compile("|".join(re.escape(k) for k in sorted(found, key=len, reverse=True)))


@dataclass(frozen=True)
class FurnitureWords:
    """The furniture lexicon made ready to match, once per Lexicons (`FurnitureWords.of(ctx.lexicons)`)."""

    patterns: dict[str, regex.Pattern[str]]
    reading_notes: PhraseIndex  # "Lesezeit", "temps de lecture": a note of reading time without a number
    time_words: frozenset[str]  # the words that make such a note a duration
    enlarge: PhraseIndex  # an enlarge instruction inside a line makes it a caption
    credit_words: frozenset[str]  # a credit label alone on its line: 'Foto:' / 'dpa'
    label_words: frozenset[str]  # credit labels and byline prefixes
    label_firsts: frozenset[str]  # their first words ("" for one of no word: "©")
    first_words: dict[str, frozenset[str]]  # for each furniture list, the words its entries start with
    starts: frozenset[str]  # every word a furniture line may start with (a label, a month, a weekday, a date prefix; "": none)
    telling: frozenset[str]  # words that may make a line furniture wherever they stand
    dates: DateReader
    bylines: Bylines
    counter_words: re.Pattern[str]  # the counters as line keys, for a line of ASCII characters (see may_be_counter)
    credit_starts: frozenset[str]  # the words a credit line may start with ('Foto', 'dpa')
    caption_words: frozenset[str]  # the words a caption may hold anywhere that make it one (an enlarge phrase's, a licence's)
    wordless_start: bool  # whether a list's entries may start without a word (see PageFurniture.apply)
    screen: tuple  # the words and patterns the kernel's furniture_visits rules lines out by (see _screen)

    @classmethod
    def of(cls, lexicons: Lexicons) -> FurnitureWords:
        return lexicons.derived(cls.build)

    @classmethod
    def build(cls, lexicons: Lexicons) -> FurnitureWords:
        furniture = lexicons.get("furniture")
        dates = DateReader.of(lexicons)
        reading_notes, time_words = furniture.phrases("reading_notes"), furniture.terms("time_words")
        enlarge = furniture.phrases("enlarge_phrases")
        credit_words = furniture.terms("credit_labels") | furniture.terms("photo_labels") | {"©", "(c)"}
        label_words = credit_words | furniture.terms("byline_prefixes")
        first_words = {
            "counters": furniture.first_words("counters"),
            "reading": furniture.first_words("reading"),
            "credits": furniture.first_words("credit_labels") | furniture.first_words("photo_labels") | {"photo", "foto", "image", "bild", "c"},
            "agencies": furniture.first_words("agencies"),
            "caption_labels": furniture.first_words("caption_labels"),
            "byline_prefixes": furniture.first_words("byline_prefixes"),
            "slide_labels": furniture.first_words("slide_labels"),
        }
        starts = (
            frozenset().union(*first_words.values())
            | furniture.equal_first_words
            | frozenset(seq[0] for item in label_words if (seq := words(item)))
            | dates.filler
            | frozenset(dates.months)
            | {""}
        )
        # a photo label closing a caption ('… Foto: dpa'), a licence ('CC BY', 'Creative Commons'), a duration
        # ('Lesezeit: unter einer Minute'), an enlarge instruction
        telling = furniture.vocabulary("photo_labels") | time_words | enlarge.anchors | {"cc", "commons"}
        return cls(
            _patterns(furniture),
            reading_notes,
            time_words,
            enlarge,
            credit_words,
            label_words,
            frozenset(found[0] if (found := words(label)) else "" for label in label_words),
            first_words,
            starts,
            telling,
            dates,
            Bylines.of(lexicons),
            _ascii_keys_pattern(furniture.items("counters")),
            first_words["credits"] | first_words["agencies"],
            enlarge.anchors | {"cc", "commons"},
            # ("" among the first words a line of no word is tested against, by the branches that test the first word)
            "" in dates.filler.union(*first_words.values()),
            _screen(furniture, first_words, label_words, dates),
        )

    def may_be_counter(self, line: str, line_key: str) -> bool:
        """Whether the counter pattern could match `line` (`line_key`: its key). The pattern is slow (a long alternation
        matched ignoring case, after a number that may end in several places), and a line it matches holds one of the
        counters: on a line of ASCII characters its key then holds the counter's key, which one C search finds. Other
        lines are left to the pattern, which may match a counter's letters to characters case folding changes
        otherwise ('İ')."""
        return not line.isascii() or self.counter_words.search(line_key) is not None

    @staticmethod
    def may_be_reading_time(line: str) -> bool:
        """Whether the reading-time pattern could match `line`: its duration holds DURATION_LETTERS, ignoring case."""
        return DURATION_LETTERS in line.casefold() or (not line.isascii() and any(map(line.__contains__, FOLDING_ODD)))

    def reading_note(self, line: str, seq: tuple[str, ...]) -> bool:
        """'Ten tekst przeczytasz w mniej niż minutę', 'Lesezeit: weniger als eine Minute' (`seq`: case-folded words).

        The note opens the line (in its first three words) and is no finished sentence."""
        if len(seq) > 10 or self.time_words.isdisjoint(seq) or line.rstrip().endswith("."):
            return False
        return any(self.reading_notes.at(seq, n) for n in range(min(3, len(seq))))


class PageFurniture(Rule):
    id = "furniture.page"
    family = Family.FURNITURE
    name = "Page furniture"
    description = (
        "Drops view and comment counters, reading times, “[Click to enlarge]”, photo credits, standalone dates, "
        "bylines and an HTML page's opening title; the date, author and title go into the metadata."
    )
    params = (
        Param("dates", "Drop standalone dates", True, "Drop lines that are only a date (“Published: December 6, 2016”)."),
        Param("bylines", "Drop bylines", True, "Drop author lines (“By Press Trust of India”, “Von Max Muster”, “Par …”, “Por …”)."),
        Param(
            "credits",
            "Drop photo credits",
            True,
            "Drop credit lines (“Photo: Reuters”, “Foto: dpa”, “© AFP”) and a photo gallery's slides and positions (“3/12 …”, “Photo 3 of 12”).",
        ),
        Param("max_credit_words", "Longest credit (words)", 12, "A longer line is a caption, not a credit.", minimum=2, maximum=60, step=1),
        Param("title", "Drop the page's title", True, "Drop the title where it opens an HTML page's text (it is kept in the metadata)."),
    )

    def apply(self, ctx: Context) -> None:
        found = FurnitureWords.of(ctx.lexicons)
        patterns, firsts = found.patterns, found.first_words
        enlarge = ctx.lexicons.get("furniture").equal
        info = analysis(ctx)
        keys, seqs, counts = info.keys, info.seqs, info.counts
        lines, removals = ctx.lines, ctx.removals
        short, credits = self["max_credit_words"], self["credits"]
        if credits:
            self._gallery(ctx)
        if self["title"]:
            self._opening_title(ctx)
        candidates = self._candidates(ctx, found)
        # tests that fail for most candidates are asked only of the lines that could pass them: by the lines' words (a note of
        # reading time holds a word of time; a caption starts with its label or holds an enlarge phrase's or a licence's
        # word, or its end shows a credit's mark) and shapes (digits, a date's, a credit's marks), found in C
        timed = set(info.lines_holding(found.time_words))
        captioned = {*info.lines_starting(firsts["caption_labels"]), *info.lines_holding(found.caption_words)}
        credit_starts, wordless_start, label_firsts, rewritten = found.credit_starts, found.wordless_start, found.label_firsts, ctx.rewritten
        shapes = line_shapes(lines, candidates)
        # the lines none of the tests below could drop are ruled out at once, in C (most candidates: a number, a label's or a
        # month's word opens many a line of prose); the loop visits the others, each from the first test that could drop it
        # (`step`: the tests before it cannot, by what the kernel saw)
        visits = furniture_visits(candidates, shapes, lines, seqs, counts, keys, rewritten, timed, captioned, found.screen, short, credits, wordless_start)
        for n, step in visits:
            i, shape = candidates[n], shapes[n]
            if removals[i] is not None:  # dropped with the line before it (a label split from its value)
                continue
            seq = seqs[i]
            first = seq[0] if seq else ""
            words = counts[i]
            line = lines[i].strip()
            if words > short:  # too long for anything but a caption that ends in its credit
                if credits and (shape & SHAPE_CREDIT_MARK or i in captioned) and self._caption(found, line, words, first, seq):
                    ctx.drop(i, self, "photo credit or caption")
                continue
            if not seq and not wordless_start and not shape and line[:1] not in "©(" and not (words <= 6 and keys[i] in enlarge):
                # a line of no word ("•", "—", "* * *"): none of the tests below can pass unless it is a label alone ("©"),
                # without a digit or a credit's mark, when no list starts without a word (as the tests below would find)
                if not (words <= 3 and line.rstrip(":").strip().casefold() in found.label_words):
                    continue
            if words <= SPLIT_WORDS and not shape & SHAPE_DIGIT and _inside_sentence(ctx, i):
                continue
            # (a label alone has the line's words: only a line starting with a label's first word needs its label made)
            if (
                step <= STEP_FILLER
                and words <= 3
                and (
                    (
                        step <= STEP_LABEL
                        and (first in label_firsts or i in rewritten)
                        and line.rstrip(":").strip().casefold() in found.label_words
                        and self._split_label(ctx, i, line)
                    )
                    or (first in found.dates.filler and self._split_date(ctx, i, line))
                )
            ):
                continue
            # each pattern is tried only on lines whose first word could start it
            if step <= STEP_ENLARGE and words <= 6 and keys[i] in enlarge:
                ctx.drop(i, self, "enlarge or media link")
            elif (
                step <= STEP_COUNTER
                and (first.isdigit() or first in firsts["counters"])
                and (
                    (words <= 6 and found.may_be_counter(line, key(line) if i in ctx.rewritten else keys[i]) and patterns["counter"].match(line))
                    or (words >= 3 and (not TITLED_WORDS.isdisjoint(seq) or _folding_odd(line) or i in rewritten) and patterns["titled_counter"].match(line))
                )
            ):
                if not heads_next(ctx, i):
                    ctx.drop(i, self, "view or comment counter")
            elif step <= STEP_READING and (
                (words <= 8 and (first.isdigit() or first in firsts["reading"]) and found.may_be_reading_time(line) and patterns["reading"].match(line))
                or (i in timed and found.reading_note(line, seq))
            ):
                ctx.drop(i, self, "reading time")
            elif step <= STEP_SLIDE and credits and words <= SLIDE_POSITION_WORDS and first in firsts["slide_labels"] and self._slide_position(patterns, line):
                ctx.drop(i, self, "photo gallery position")
            elif (
                step <= STEP_CREDIT
                and credits
                and (shape & SHAPE_CREDIT_MARK or i in captioned or (words <= short and (first in credit_starts or line[:1] in "©(")))
                and self._credit(found, line, words, first, seq)
            ):
                ctx.drop(i, self, "photo credit or caption")
            elif step <= STEP_DATE and shape & SHAPE_DATE and len(line) <= DATE_CHARS and self._date(ctx, i, line, found.dates):
                ctx.drop(i, self, "standalone date (kept in the metadata)")
            elif first in firsts["byline_prefixes"] and self._byline(ctx, i, line):
                ctx.drop(i, self, "byline (author kept in the metadata)")

    def _opening_title(self, ctx: Context) -> None:
        """An HTML page's title (from its head) as the first line of its text: the export carries it in its own
        field, so the text would say it twice."""
        title = ctx.analysis.facts.title if ctx.document.is_html else None
        first = next((i for i in analysis(ctx).nonblank if ctx.removals[i] is None), None)
        if title and first is not None and first == ctx.analysis.title_line and analysis(ctx).seqs[first] == words(title.casefold()):
            ctx.drop(first, self, "title (kept in the metadata)")

    def _gallery(self, ctx: Context) -> None:
        """The slides of a photo gallery embedded in an article: lines led by their position "k/N" (k of the same
        N, at least three consecutive k). The captions tell other stories (a news gallery) or the story again in
        pictures; either way they are no article text. A page that is nearly all slides is a slideshow: it stays."""
        info = analysis(ctx)
        lines = ctx.lines
        slides: dict[int, list[tuple[int, int]]] = {}  # total -> (line, position)
        # a slide's line starts with a number after at most a dash or bullet (no word characters): its first word is a number,
        # and a separator follows it (the kernel's slide_lines: the few such lines the pattern is tried on)
        numbered = slide_lines(info.numbered, lines)
        seqs = info.seqs
        for i in sorted(set(numbered).union(i for i in ctx.rewritten if info.counts[i])) if ctx.rewritten else numbered:
            if len(seqs[i]) == 1 and seqs[i][0].isdigit() and i not in ctx.rewritten:
                continue  # a number alone ("12", "- 3 -"): a slide's position is a number of another (its words would be two)
            if ctx.removals[i] is None and lines[i].lstrip(" -–•*·")[:1].isdigit() and (found := SLIDE.match(lines[i])):
                position, total = int(found.group(1)), int(found.group(2))
                if 0 < position <= total and total >= SLIDES_MIN_TOTAL:
                    slides.setdefault(total, []).append((i, position))
        for total, found in slides.items():
            if not _consecutive({position for _, position in found}, SLIDES_MIN):
                continue
            gallery = {i for i, _ in found}
            gallery_words = sum(info.counts[i] for i in gallery)
            prose = sum(info.counts[i] for i in info.nonblank if i not in gallery and ctx.is_live(i))
            if prose < GALLERY_PROSE_WORDS or prose < GALLERY_PROSE_SHARE * gallery_words:
                continue
            for i in sorted(gallery):
                ctx.drop(i, self, f"photo gallery slide (of {total})")

    @staticmethod
    def _slide_position(patterns: dict[str, regex.Pattern[str]], line: str) -> bool:
        """'Photo 3 of 12' alone on its line: a picture's place in a gallery, no words of the text."""
        found = patterns["slide_position"].match(line)
        return found is not None and 0 < int(found.group(1)) <= int(found.group(2))

    def _candidates(self, ctx: Context, found: FurnitureWords) -> list[int]:
        """The lines a pattern could match, in order. Most lines are prose: no pattern can match unless the line has
        no word or its first word could start one (a label, a month, a number), or a word tells of a credit, a
        licence or minutes, or the line shows a "©" or ends like a credit, in a bracket. Found in one pass of the kernel
        over the page's lines (furniture_candidates), with the lines holding a telling word read off the analysis's index."""
        info = analysis(ctx)
        held = set(info.lines_holding(found.telling))
        marked = "©" in info.folded if info.folded else True  # (case folding leaves "©" alone and makes it of nothing else)
        longest = 3 * self["max_credit_words"]
        return furniture_candidates(info.nonblank, ctx.lines, info.seqs, info.counts, ctx.removals, ctx.rewritten, found.starts, held, marked, longest)

    def _split_label(self, ctx: Context, i: int, line: str) -> bool:
        """A byline or credit split over two lines by the flattening: 'Von' / 'Julia Müller', '©' / 'dpa'."""
        found = FurnitureWords.of(ctx.lexicons)
        label = line.rstrip(":").strip().casefold()
        if label not in found.label_words:
            return False
        nxt = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
        if nxt is None or not ctx.is_live(nxt) or len(ctx.lines[nxt].split()) > 8:
            return False
        value = ctx.lines[nxt].strip()
        if label in found.credit_words:
            if self["credits"]:
                ctx.drop(i, self, "photo credit or caption")
                ctx.drop(nxt, self, "photo credit or caption")
            return True
        author = found.bylines.author(f"{line} {value}")
        if author is None:
            return False
        if self["bylines"]:
            ctx.drop(i, self, "byline (author kept in the metadata)")
            ctx.drop(nxt, self, "byline (author kept in the metadata)")
        return True

    def _split_date(self, ctx: Context, i: int, line: str) -> bool:
        """A date label with its date on the next line: 'Stand:' / '26.10.2021', 'Veröffentlicht am' / '3. Februar 2022'."""
        if len(line.split()) > 3 or any(map(str.isdigit, line)):
            return False
        nxt = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
        # (a date needs DATE_HINT's digits, here all the next line's: without them it is none, as standalone_date would say)
        if nxt is None or not ctx.is_live(nxt) or not DATE_HINT.search(ctx.lines[nxt]) or not self._date(ctx, nxt, f"{line} {ctx.lines[nxt].strip()}"):
            return False
        ctx.drop(i, self, "standalone date (kept in the metadata)")
        ctx.drop(nxt, self, "standalone date (kept in the metadata)")
        return True

    def _credit(self, found: FurnitureWords, line: str, words: int, first: str, seq: tuple[str, ...]) -> bool:
        """'Photo: Reuters', '© AFP', 'picture alliance | X', or a caption (see _caption)."""
        patterns, firsts = found.patterns, found.first_words
        if words <= self.values["max_credit_words"]:  # (the values dict: this runs for most lines a page)
            if (first in firsts["credits"] or line[:1] in "©(") and patterns["credit"].match(line):
                return True
            if first in firsts["agencies"] and patterns["agency_credit"].match(line):
                return True
        return self._caption(found, line, words, first, seq)

    def _caption(self, found: FurnitureWords, line: str, words: int, first: str, seq: tuple[str, ...]) -> bool:
        """'Abbildung 4: …', a caption that ends in its credit ('… © AFP / X', '… (REUTERS/X)', '… Foto: dpa') or
        licence ('… CC BY 2.0'), or one that says to click it to enlarge it."""
        if words > 3 * self.values["max_credit_words"]:
            return False
        patterns = found.patterns
        if first in found.first_words["caption_labels"] and patterns["caption"].match(line):
            return True
        if found.enlarge.finds(seq):
            return True
        tail = line[-120:]  # the credit closes the caption: only its last characters need searching
        if ("cc" in seq or "commons" in seq) and patterns["licence"].search(tail):
            return True
        if not ("©" in tail or ":" in tail or "(c)" in tail or "(C)" in tail or tail.rstrip(" .")[-1:] in (")", "]")):
            return False
        return bool(patterns["trailing_credit"].search(tail))

    def _date(self, ctx: Context, i: int, line: str, dates: DateReader | None = None) -> bool:
        dates = dates or FurnitureWords.of(ctx.lexicons).dates
        iso = dates.standalone_date(line, ctx.analysis.month_first)
        if iso is None and line.endswith(")") and (archive := ARCHIVE_LINK.match(line)):
            iso = dates.standalone_date(archive.group(1), ctx.analysis.month_first)  # a blog's archive: "Mai 2019 (3)"
        if iso is None:
            return False
        return self["dates"]

    def _byline(self, ctx: Context, i: int, line: str) -> bool:
        author = FurnitureWords.of(ctx.lexicons).bylines.author(line)
        if author is None:
            return False
        return self["bylines"]


def _inside_sentence(ctx: Context, i: int) -> bool:
    """Whether line i, a few words without a digit (the caller has looked), sits inside a sentence: it carries on the kept
    line before it and the line after it carries it on ("… is captured as a" / "Response" / "object."). A word an inline
    element cut out of a sentence, not a counter, a credit label or a media link alone on its line ("Comments", "Foto:")."""
    lines, removals = ctx.lines, ctx.removals
    if not 0 < i < len(lines) - 1 or removals[i - 1] is not None:
        return False
    info = analysis(ctx)
    before = continues(lines[i - 1], lines[i], info.stop if info.counts[i - 1] >= FRAGMENT_WORDS else NO_WORDS)
    return before and continues(lines[i], lines[i + 1], NO_WORDS)


def _folding_odd(line: str) -> bool:
    """Whether `line` holds a character of FOLDING_ODD (which a pattern ignoring case may match to an ASCII letter)."""
    return not line.isascii() and any(map(line.__contains__, FOLDING_ODD))


def _consecutive(numbers: set[int], run: int) -> bool:
    """Whether `numbers` holds `run` consecutive integers."""
    return any(all(n + k in numbers for k in range(run)) for n in numbers if n - 1 not in numbers)
