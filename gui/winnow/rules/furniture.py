"""Family 5: page furniture: counters, reading time, enlarge links, photo credits, standalone dates and bylines.

Dates and bylines are not lost: the analyse stage puts the first of each into the record's metadata
(date as ISO 8601) whether or not this rule is on.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis
from winnow.text.bylines import Bylines
from winnow.text.dates import FILLER, MONTHS, standalone_date
from winnow.text.lexicon import PhraseIndex, lexicon, words


def _words(name: str) -> str:
    """A lexicon list as a regex alternation, longest first, spaces matching any spacing."""
    items = sorted(lexicon("furniture").extra[name], key=len, reverse=True)
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in items)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern[str]]:
    counters, reading, credits = _words("counters"), _words("reading"), _words("credit_labels")
    agencies = _words("agencies")
    number = r"\d[\d.,  ]*\s*[kKmM]?\+?"
    duration = r"(?:\d+\s*(?:-|–|to|bis|à|a)\s*)?\d+\s*(?:min(?:ute)?s?|minuten|minutos|minuti|min\.)\.?"
    return {
        "counter": regex.compile(
            rf"^\W*(?:(?:{number})\s*(?:{counters})|(?:{counters})(?:\s*[:(]?\s*{number}\)?)?)\W*$", regex.IGNORECASE
        ),
        "reading": regex.compile(
            rf"^\W*(?:(?:{reading})\s*:?\s*{duration}|{duration}\s*(?:{reading}))\W*$", regex.IGNORECASE
        ),
        "credit": regex.compile(
            rf"^\W*(?:(?:{credits})\s*(?:\(s\))?\s*[:.]|©|\(c\)|(?:photo|foto|image|bild)\s+(?:by|von|de|par|por)\s)\s*\S",
            regex.IGNORECASE,
        ),
        "titled_counter": regex.compile(
            r"^\W*\d+\s+(?:responses?|replies|comments?|kommentare?|antworten|thoughts|gedanken|réponses?|commentaires?|"
            r"comentarios?|respuestas?|reacties|commenti)\s+(?:to|on|zu|auf|für|à|a|en|sobre|su|op)\b",
            regex.IGNORECASE,
        ),
        "caption": regex.compile(rf"^\W*(?:{_words('caption_labels')})\s*(?:\d+[a-z]?\s*)?[:.–-]\s*\S", regex.IGNORECASE),
        "trailing_credit": regex.compile(
            rf"(?:(?:©|\(c\)|(?<!\w)(?:{_words('photo_labels')})\s*:)\s*[^.!?]{{1,70}}|\(\s*(?:{agencies})(?:\s*/[^)]{{0,50}})?\s*\)|\[(?:{agencies})\])\W*$",
            regex.IGNORECASE,
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


@lru_cache(maxsize=1)
def _reading_notes() -> tuple[PhraseIndex, frozenset[str]]:
    extra = lexicon("furniture").extra
    return PhraseIndex(extra["reading_notes"]), frozenset(extra["time_words"])


def reading_note(line: str, seq: tuple[str, ...]) -> bool:
    """'Ten tekst przeczytasz w mniej niż minutę', 'Lesezeit: weniger als eine Minute' (`seq`: case-folded words).

    The note opens the line (in its first three words) and is no finished sentence."""
    notes, time_words = _reading_notes()
    if len(seq) > 10 or time_words.isdisjoint(seq) or line.rstrip().endswith("."):
        return False
    return any(notes.at(seq, n) for n in range(min(3, len(seq))))


@lru_cache(maxsize=1)
def _any_first() -> frozenset[str]:
    """Every word a furniture line may start with (a label, a month, a weekday, a date prefix)."""
    return (
        frozenset().union(*_first_words().values())
        | frozenset(seq[0] for item in lexicon("furniture").equal if (seq := words(item)))
        | frozenset(seq[0] for item in _label_words() if (seq := words(item)))
        | FILLER
        | frozenset(MONTHS)
    )


@lru_cache(maxsize=1)
def _enlarge() -> PhraseIndex:
    return PhraseIndex(lexicon("furniture").extra["enlarge_phrases"])


@lru_cache(maxsize=1)
def _telling_words() -> frozenset[str]:
    """Words that may make a line furniture wherever they stand: a photo label closing a caption ('… Foto: dpa'),
    a licence ('CC BY', 'Creative Commons'), a duration ('Lesezeit: unter einer Minute'), an enlarge instruction."""
    photo = frozenset(w for item in lexicon("furniture").extra["photo_labels"] for w in words(item.casefold()))
    return photo | _reading_notes()[1] | _enlarge().anchors | {"cc", "commons"}


@lru_cache(maxsize=1)
def _credit_words() -> frozenset[str]:
    furniture = lexicon("furniture").extra
    return frozenset(w.casefold() for w in furniture["credit_labels"] + furniture["photo_labels"]) | {"©", "(c)"}


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    return _credit_words() | frozenset(w.casefold() for w in lexicon("furniture").extra["byline_prefixes"])


@lru_cache(maxsize=1)
def _first_words() -> dict[str, frozenset[str]]:
    """For each furniture list, the words its entries start with: a line starting otherwise needs no regex."""
    extra = lexicon("furniture").extra
    def firsts(*names: str) -> frozenset[str]:
        return frozenset(seq[0] for name in names for item in extra[name] if (seq := words(item.casefold())))
    return {
        "counters": firsts("counters"),
        "reading": firsts("reading"),
        "credits": firsts("credit_labels", "photo_labels") | {"photo", "foto", "image", "bild", "c"},
        "agencies": firsts("agencies"),
        "caption_labels": firsts("caption_labels"),
        "byline_prefixes": firsts("byline_prefixes"),
    }


@lru_cache(maxsize=1)
def _bylines() -> Bylines:
    return Bylines(lexicon("furniture"))


def byline_author(line: str) -> str | None:
    """The names in a byline ('By Press Trust of India' -> 'Press Trust of India'), or None."""
    return _bylines().author(line)


class PageFurniture(Rule):
    id = "furniture.page"
    family = Family.FURNITURE
    name = "Page furniture"
    description = (
        "Drops view and comment counters, reading times, “[Click to enlarge]”, photo credits, standalone dates "
        "and bylines; the date and author go into the metadata."
    )
    params = (
        Param("dates", "Drop standalone dates", True, "Drop lines that are only a date (“Published: December 6, 2016”)."),
        Param("bylines", "Drop bylines", True, "Drop author lines (“By Press Trust of India”, “Von Max Muster”, “Par …”, “Por …”)."),
        Param("credits", "Drop photo credits", True, "Drop credit lines (“Photo: Reuters”, “Foto: dpa”, “© AFP”)."),
        Param("month_first", "Month before day", False, "Read 03/04/2020 as March 4 (US pages) rather than 3 April."),
        Param("max_credit_words", "Longest credit (words)", 12, "A longer line is a caption, not a credit.", minimum=2, maximum=60, step=1),
    )

    def apply(self, ctx: Context) -> None:
        patterns = _patterns()
        enlarge = lexicon("furniture").equal
        firsts = _first_words()
        starts, inside = _any_first(), _telling_words()
        info = analysis(ctx)
        keys, seqs, counts = info.keys, info.seqs, info.counts
        lines, removals = ctx.lines, ctx.removals
        short = self["max_credit_words"]
        for i in info.short_lines(3 * short):
            if removals[i] is not None:
                continue
            seq = seqs[i]
            first = seq[0] if seq else ""
            # most lines are prose: no pattern can match unless the first word could start one, or a word tells
            # of a credit, a licence or minutes, or the line ends like a credit
            if (seq and first not in starts and not first[0].isdigit() and inside.isdisjoint(seq) and "©" not in lines[i]
                    and lines[i].rstrip(" .")[-1:] not in (")", "]")):
                continue
            words = counts[i]
            line = lines[i].strip()
            if words > short:  # too long for anything but a caption that ends in its credit
                if self["credits"] and self._caption(line, words, first, seq):
                    ctx.drop(i, self, "photo credit or caption")
                continue
            if words <= 3 and (self._split_label(ctx, i, line) or (first in FILLER and self._split_date(ctx, i, line))):
                continue
            # each pattern is tried only on lines whose first word could start it
            if words <= 6 and keys[i] in enlarge:
                ctx.drop(i, self, "enlarge or media link")
            elif (first.isdigit() or first in firsts["counters"]) and (
                (words <= 6 and patterns["counter"].match(line)) or patterns["titled_counter"].match(line)
            ):
                ctx.drop(i, self, "view or comment counter")
            elif (words <= 8 and (first.isdigit() or first in firsts["reading"]) and patterns["reading"].match(line)) or reading_note(line, seq):
                ctx.drop(i, self, "reading time")
            elif self["credits"] and self._credit(line, words, first, seq):
                ctx.drop(i, self, "photo credit or caption")
            elif self._date(ctx, i, line):
                ctx.drop(i, self, "standalone date (kept in the metadata)")
            elif first in firsts["byline_prefixes"] and self._byline(ctx, i, line):
                ctx.drop(i, self, "byline (author kept in the metadata)")

    def _split_label(self, ctx: Context, i: int, line: str) -> bool:
        """A byline or credit split over two lines by the flattening: 'Von' / 'Julia Müller', '©' / 'dpa'."""
        label = line.rstrip(":").strip().casefold()
        if label not in _label_words():
            return False
        nxt = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
        if nxt is None or not ctx.is_live(nxt) or len(ctx.lines[nxt].split()) > 8:
            return False
        value = ctx.lines[nxt].strip()
        if label in _credit_words():
            if self["credits"]:
                ctx.drop(i, self, "photo credit or caption")
                ctx.drop(nxt, self, "photo credit or caption")
            return True
        author = byline_author(f"{line} {value}")
        if author is None:
            return False
        if self["bylines"]:
            ctx.drop(i, self, "byline (author kept in the metadata)")
            ctx.drop(nxt, self, "byline (author kept in the metadata)")
        return True

    def _split_date(self, ctx: Context, i: int, line: str) -> bool:
        """A date label with its date on the next line: 'Stand:' / '26.10.2021', 'Veröffentlicht am' / '3. Februar 2022'."""
        if len(line.split()) > 3 or any(c.isdigit() for c in line):
            return False
        nxt = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
        if nxt is None or not ctx.is_live(nxt) or not self._date(ctx, nxt, f"{line} {ctx.lines[nxt].strip()}"):
            return False
        ctx.drop(i, self, "standalone date (kept in the metadata)")
        ctx.drop(nxt, self, "standalone date (kept in the metadata)")
        return True

    def _credit(self, line: str, words: int, first: str, seq: tuple[str, ...]) -> bool:
        """'Photo: Reuters', '© AFP', 'picture alliance | X', or a caption (see _caption)."""
        patterns = _patterns()
        firsts = _first_words()
        if words <= self["max_credit_words"]:
            if (first in firsts["credits"] or line[:1] in "©(") and patterns["credit"].match(line):
                return True
            if first in firsts["agencies"] and patterns["agency_credit"].match(line):
                return True
        return self._caption(line, words, first, seq)

    def _caption(self, line: str, words: int, first: str, seq: tuple[str, ...]) -> bool:
        """'Abbildung 4: …', a caption that ends in its credit ('… © AFP / X', '… (REUTERS/X)', '… Foto: dpa') or
        licence ('… CC BY 2.0'), or one that says to click it to enlarge it."""
        if words > 3 * self["max_credit_words"]:
            return False
        patterns = _patterns()
        if first in _first_words()["caption_labels"] and patterns["caption"].match(line):
            return True
        if _enlarge().finds(seq):
            return True
        tail = line[-120:]  # the credit closes the caption: only its last characters need searching
        if ("cc" in seq or "commons" in seq) and patterns["licence"].search(tail):
            return True
        if not ("©" in tail or ":" in tail or "(c)" in tail or "(C)" in tail or tail.rstrip(" .")[-1:] in (")", "]")):
            return False
        return bool(patterns["trailing_credit"].search(tail))

    def _date(self, ctx: Context, i: int, line: str) -> bool:
        iso = standalone_date(line, self["month_first"])
        if iso is None:
            return False
        return self["dates"]

    def _byline(self, ctx: Context, i: int, line: str) -> bool:
        author = byline_author(line)
        if author is None:
            return False
        return self["bylines"]
