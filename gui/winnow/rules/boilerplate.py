"""The main-text detector for flattened pages (family "boilerplate").

A naive scraper that flattens a whole page puts the menus, link lists, sidebars, comment forms and
footer around the article, one text node per line, and splits sentences wherever an inline element
(a link, an <em>) was. The detector works jusText-style on that:

1. lines are joined back into blocks where a sentence was split ("Last month, researchers at" /
   "OpenAI" / "in San Francisco revealed …");
2. each block is judged by length and stopword density (jusText's stoplists): good prose, near-good,
   short, or bad (long but wordless, like a link list); what earlier rules removed (ads, prompts,
   related lists) counts as evidence of furniture, and readers' comments count for less;
3. the main text is the run of blocks with the most prose in it - a maximal-scoring segment, where
   prose counts for it and every fragment against it - so short fragments between good paragraphs
   stay; other runs nearly as rich in prose stay too (an article split by a long table);
4. a run reaches over a few fragments (byline, date, table of contents) to prose just outside it,
   ends early at a closing marker (comments, tags, share bar) once most of its prose lies before it,
   and takes in the title just before it;
5. everything outside the runs goes, and inside them the lines that are only navigation or legal
   links, and an author box after the article.

Ordinary articles are left alone: the runs are judged only on documents that look flattened (many
lines, many of them short); elsewhere only lines that are nothing but a menu or legal link go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import SENTENCE_END, LazyKeys, analysis, continues, is_fragment, is_headline_like
from winnow.text.lexicon import key, lexicon, words
from winnow.text.words import content_stems

COUNTED_END = re.compile(
    r"^\d+\s+(?:comments?|kommentare?|responses?|replies|antworten|commentaires?|réponses?|comentarios?|respuestas?|reactions?|reaktionen)\b",
    re.IGNORECASE,
)
CJK_PUNCTUATION = re.compile(r"[。，、！？；：]")
# the heading of a comment section: prose after it is readers', not the article's
COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|kommentare?|leser-?kommentare|commentaires?|comentarios?|commenti|reacties|responses?|"
    r"antworten|réponses?|respuestas?|thoughts on|gedanken zu|reaktionen|diskussion|discussion|"
    r"leave a (?:reply|comment)|post a comment|add a comment|join the discussion|kommentar schreiben|"
    r"(?:schreibe?|hinterlasse) (?:einen kommentar|eine antwort)|einen kommentar schreiben|kommentare anzeigen|"
    r"laisser un commentaire|laisser une réponse|deja (?:un comentario|una respuesta)|comments are closed)\b",
    re.IGNORECASE,
)
NAV_JOINER_CHARS = re.compile(r"[&|/·•,]| und | and | et | y ")
NAV_JOINER = re.compile(r"\s*[&|/·•,]\s*|\s+(?:und|and|et|y)\s+")

JUNK_WORDS = 20  # footer lines are short
COMMENT_WEIGHT = 0.3  # readers' comments count this much of their length as prose
BRIDGE_BLOCKS = 12  # fragments a run reaches over to prose just before or after it
TAIL_BLOCKS = 1  # short lines after the last paragraph taken in (a sign-off)
BIO_AFTER = 0.7  # an author box follows at least this share of the kept prose
INSIDE_FAMILIES = (Family.FURNITURE, Family.ADS)  # what earlier rules remove from inside articles


@dataclass
class Block:
    lines: list[int]
    text: str
    removed: bool = False  # an earlier rule removed it (an ad, a prompt, a related-list marker)
    family: Family | None = None  # the family of the rule that removed it
    chars: int = 0
    stop_density: float = 0.0
    kind: str = "short"  # good | near | short | bad
    junk: bool = False  # navigation or legal link
    end: bool = False  # starts the page's closing furniture
    comments: bool = False  # heads a comment section
    value: float = 0.0  # how much it counts for (prose) or against (fragments) a run being main text


class MainText(Rule):
    id = "boilerplate.main-text"
    family = Family.BOILERPLATE
    name = "Main text of flattened pages"
    description = (
        "On text flattened from a whole web page, keeps the main text and drops the menus, link lists, "
        "sidebars, comment forms and footer around it; ordinary articles are left untouched."
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
            "Good paragraph (characters)",
            200,
            "Blocks at least this long, with enough stopwords, are certainly prose.",
            minimum=50,
            maximum=2000,
            step=10,
        ),
        Param(
            "min_stopwords",
            "Stopword density",
            0.3,
            "Share of stopwords a block needs to count as prose (jusText's measure).",
            minimum=0.0,
            maximum=1.0,
            step=0.01,
        ),
        Param(
            "fragment_cost",
            "Cost of a fragment",
            25.0,
            "How much each short or non-prose block outside prose counts against a stretch being main text.",
            minimum=0.0,
            maximum=1000.0,
            step=5.0,
        ),
        Param(
            "min_run_share",
            "Second runs of prose",
            0.2,
            "Prose runs at least this share of the largest one are main text too (an article split by a table).",
            minimum=0.0,
            maximum=1.0,
            step=0.05,
        ),
        Param("on_html", "Also on HTML pages", False, "Also judge HTML documents (their main text was already extracted)."),
    )

    def apply(self, ctx: Context) -> None:
        if ctx.document.is_html and not self["on_html"]:
            return
        blocks = self.judged_blocks(ctx) if self._looks_flattened(ctx) else None
        if blocks is None:  # not a flattened page: only lines that are nothing but a menu or legal link go
            info = analysis(ctx)
            for i in info.short_lines(JUNK_WORDS):
                # a lone "Kontakt" may be a word cut out of a sentence; "Zurück zur Übersicht" never is
                if ctx.is_live(i) and is_junk(info.keys[i], info.seqs[i]) and (len(info.seqs[i]) > 1 or not is_fragment(ctx, i)):
                    ctx.drop(i, self, "navigation or legal link")
            return
        keep = self.main_text(blocks, analysis(ctx).stop)
        if not any(keep):
            return
        bios = set(author_boxes(blocks, keep))
        first = keep.index(True)
        for n, b in enumerate(blocks):
            if b.removed or (keep[n] and not b.junk and n not in bios):
                continue
            if n in bios:
                reason = "author box"
            elif keep[n]:
                reason = "navigation or legal link"
            elif n < first:
                reason = "before the main text (navigation, header or sidebar)"
            else:
                reason = "outside the main text (sidebar, comments, related links or footer)"
            for i in b.lines:
                ctx.drop(i, self, reason)

    def _looks_flattened(self, ctx: Context) -> bool:
        """Enough lines, and enough of the ones still kept are short fragments (menus, link lists, split sentences)."""
        info = analysis(ctx)
        if len(ctx.lines) - info.counts.count(0) < self["min_lines"]:
            return False
        live = list(ctx.live())
        shortest = self["min_paragraph_chars"]
        lines = ctx.lines
        short = sum(1 for i in live if len(lines[i]) < shortest)
        return short >= self["min_short_share"] * len(live)

    def judged_blocks(self, ctx: Context) -> list[Block] | None:
        """The page's blocks, judged; None when nothing is left to judge."""
        info = analysis(ctx)
        blocks = self._blocks(ctx, info.stop)
        if all(b.removed for b in blocks):
            return None
        for b in blocks:
            self._judge(b, info.stop, info.cjk, info.keys)
        self._discount_comments(blocks)
        return blocks

    def main_text(self, blocks: list[Block], stop: frozenset[str]) -> list[bool]:
        """Which blocks are main text: the prose-rich runs, bridged, cut at closing markers, with their titles."""
        keep = [False] * len(blocks)
        for start, end in self._runs(blocks):
            start, end = self._bridge(blocks, start, end)
            end = self._closing(blocks, start, end)
            end = self._tail(blocks, start, end, stop)
            start = self._title(blocks, start)
            for n in range(start, end + 1):
                keep[n] = True
        return keep

    # ---- steps

    def _blocks(self, ctx: Context, stop: frozenset[str]) -> list[Block]:
        """Non-blank lines joined back into blocks; lines removed by earlier rules are blocks of their own."""
        blocks: list[Block] = []
        current: Block | None = None
        for i, line in enumerate(ctx.lines):
            if not line.strip():
                current = None
                continue
            if ctx.removals[i] is not None:
                blocks.append(Block([i], line.strip(), removed=True, family=ctx.removals[i].family))
                current = None
                continue
            if current is not None and continues(ctx.lines[current.lines[-1]], line, stop):
                current.lines.append(i)
                current.text += " " + line.strip()
                continue
            current = Block([i], line.strip())
            blocks.append(current)
        return blocks

    def _judge(self, b: Block, stop: frozenset[str], cjk: bool, keys: LazyKeys) -> None:
        text = b.text
        words = text.split()
        if cjk:  # no spaces between words: a character is worth about three letters, punctuation marks prose
            b.chars = 3 * len(text)
            b.stop_density = 0.5 if CJK_PUNCTUATION.search(text) else 0.0
        else:
            b.chars = len(text)
            b.stop_density = sum(w.casefold() in stop for w in words) / max(len(words), 1)
        first = key(text) if len(b.lines) > 1 else keys[b.lines[0]]
        b.junk = is_junk(first)
        b.comments = bool(COMMENTS.match(first)) and len(words) <= 12
        b.end = first in _end_markers() or bool(COUNTED_END.match(first)) or b.comments
        if b.removed:
            b.kind = "removed"
        elif b.junk or "©" in text:
            b.kind = "bad"
        elif b.chars < self["min_paragraph_chars"]:
            b.kind = "short"
        elif b.stop_density >= self["min_stopwords"]:
            b.kind = "good" if b.chars >= self["good_paragraph_chars"] else "near"
        else:
            b.kind = "bad"
        b.value = self._value(b)

    def _value(self, b: Block) -> float:
        cost = self["fragment_cost"]
        if b.kind == "good":
            return b.chars
        if b.kind == "near":
            # a finished sentence is prose; an unfinished one is more often a teaser headline
            return 0.5 * b.chars if SENTENCE_END.search(b.text) else 0.0
        if b.kind == "short":
            # a whole short sentence ("Es stützt seine Version.") is weak evidence of prose
            if b.stop_density >= self["min_stopwords"] and len(b.text.split()) >= 4 and SENTENCE_END.search(b.text):
                return 0.5 * b.chars
            return -cost
        if b.kind == "removed":
            return -cost
        return -cost - 0.3 * b.chars

    def _discount_comments(self, blocks: list[Block]) -> None:
        """Readers' comments after the article may be longer than it: their prose counts for less."""
        seen_prose = False
        for n, b in enumerate(blocks):
            seen_prose = seen_prose or b.value > 0
            if b.comments and seen_prose:
                for later in blocks[n + 1 :]:
                    if later.value > 0:
                        later.value *= COMMENT_WEIGHT
                return

    def _runs(self, blocks: list[Block]) -> list[tuple[int, int]]:
        """The main run, and any other run nearly as rich in prose (a long article split by a table)."""
        runs = maximal_segments([b.value for b in blocks])
        if not runs:
            return []
        best = max(score for score, _, _ in runs)
        return [(s, e) for score, s, e in runs if score >= self["min_run_share"] * best]

    def _bridge(self, blocks: list[Block], start: int, end: int) -> tuple[int, int]:
        """Reach over a few fragments (a byline, a date, a table of contents) to prose just before or after the run."""
        while True:
            reach = self._reach(blocks, start, -1)
            if reach is None:
                break
            start = reach
        while True:
            reach = self._reach(blocks, end, 1)
            if reach is None:
                break
            end = reach
        return start, end

    def _reach(self, blocks: list[Block], edge: int, step: int) -> int | None:
        n, fragments = edge + step, 0
        while 0 <= n < len(blocks) and fragments <= BRIDGE_BLOCKS:
            b = blocks[n]
            if b.junk or b.end or b.kind == "bad" or (b.removed and b.family not in INSIDE_FAMILIES):
                return None
            if b.value > 0 and b.kind in ("good", "near"):
                return n
            fragments += not b.removed  # dates, bylines and credits do not count
            n += step
        return None

    def _closing(self, blocks: list[Block], start: int, end: int) -> int:
        """Cut the run at a closing marker (comments, tags, share bar) that follows most of its prose."""
        prose = sum(max(b.value, 0.0) for b in blocks[start : end + 1])
        seen = 0.0
        for n in range(start, end + 1):
            b = blocks[n]
            if b.end and seen >= 0.6 * prose:
                return n - 1
            seen += max(b.value, 0.0)
        return end

    def _tail(self, blocks: list[Block], start: int, end: int, stop: frozenset[str]) -> int:
        """Take in a line closing the article ("XX, Die Redaktion", "Sei herzlich gegrüßt!", a last link).

        A teaser headline for another story looks alike, but has more words, no punctuation and
        nothing in common with the article.
        """
        taken = 0
        n = end + 1
        while n < len(blocks) and taken < TAIL_BLOCKS:
            b = blocks[n]
            if b.removed or b.junk or b.end or b.kind != "short":
                break
            if len(b.text.split()) > 3 and "," not in b.text and not SENTENCE_END.search(b.text):
                run = set().union(*(content_stems(x.text, stop) for x in blocks[start : end + 1] if x.value > 0))
                if run.isdisjoint(content_stems(b.text, stop)):
                    break
            taken += 1
            n += 1
        return n - 1

    def _title(self, blocks: list[Block], start: int) -> int:
        """Take in the title: the headline-like block just before the run."""
        n = start - 1
        while n >= 0 and blocks[n].removed:
            n -= 1
        if n >= 0 and not blocks[n].junk and not blocks[n].end and is_headline_like(blocks[n].text, 20):
            return n
        return start


@lru_cache(maxsize=1)
def _end_markers() -> frozenset[str]:
    return frozenset(key(w) for w in lexicon("boilerplate").extra["end"])


def maximal_segments(values: list[float]) -> list[tuple[float, int, int]]:
    """All maximal-scoring segments (score, start, end), by Ruzzo and Tompa's linear-time algorithm."""
    segments: list[list[float]] = []  # [score, start, end, left cumulative, right cumulative]
    total = 0.0
    for n, v in enumerate(values):
        if v <= 0:
            total += v
            continue
        seg = [v, n, n, total, total + v]
        total += v
        while True:
            j = len(segments) - 1
            while j >= 0 and segments[j][3] >= seg[3]:
                j -= 1
            if j < 0 or segments[j][4] >= seg[4]:
                segments.append(seg)
                break
            left = segments[j]
            seg = [seg[4] - left[3], left[1], seg[2], left[3], seg[4]]
            del segments[j:]
    return [(s[0], int(s[1]), int(s[2])) for s in segments]


def is_junk(line_key: str, seq: tuple[str, ...] | None = None) -> bool:
    """A menu, account or legal link ('Impressum', 'Zurück zur Übersicht', 'Impressum & Datenschutz'), or a footer line."""
    boiler = lexicon("boilerplate")
    if line_key in boiler.equal:
        return True
    seq = words(line_key) if seq is None else seq
    if len(seq) <= JUNK_WORDS and boiler.contains.finds(seq) is not None:
        return True
    if len(line_key) > 80 or not NAV_JOINER_CHARS.search(line_key):
        return False
    parts = [p for p in NAV_JOINER.split(line_key) if p]
    return len(parts) >= 2 and all(p in boiler.equal for p in parts)


@lru_cache(maxsize=1)
def _bio_pattern() -> re.Pattern[str]:
    extra = lexicon("boilerplate").extra
    verbs = "|".join(sorted((re.escape(v) for v in extra["bio_verbs"]), key=len, reverse=True))
    name = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)"
    return re.compile(rf"^(?:{name}\s+){{1,3}}(?:\([^)]*\)\s*,?\s*)?(?:{verbs})\b")


@lru_cache(maxsize=1)
def _bio_roles() -> re.Pattern[str]:
    roles = "|".join(sorted((re.escape(r) for r in lexicon("boilerplate").extra["bio_roles"]), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{roles})(?!\w)", re.IGNORECASE)


def is_author_box(text: str) -> bool:
    """'Will Knight is a senior writer for WIRED …', 'Inga Buller ist Head of Social & Community bei CHIP …'."""
    if not _bio_pattern().match(text):
        return False
    return bool(_bio_roles().search(" ".join(text.split()[:25])))


def author_boxes(blocks: list[Block], keep: list[bool]) -> list[int]:
    """Kept blocks after most of the article's prose that introduce its author."""
    kept = [n for n, k in enumerate(keep) if k]
    prose = sum(max(blocks[n].value, 0.0) for n in kept)
    seen, found = 0.0, []
    for n in kept:
        b = blocks[n]
        if seen >= BIO_AFTER * prose and b.kind in ("good", "near") and is_author_box(b.text):
            found.append(n)
        seen += max(b.value, 0.0)
    return found
