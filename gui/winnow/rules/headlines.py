"""Family 3: related-article lists and headlines of other stories.

Two rules: one follows markers ("Recommended articles", "Mehr zum Thema", "Lire aussi", "Te puede
interesar") and drops the run of headline-like lines after them, or a list of other stories' headlines each with
its teaser (on HTML also under a marker extraction left out); the other drops a headline-like line
outside the body that shares no content word with it. The article's own title and its sub-headings
stay, because they share words with the body (and sub-headings sit inside it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container
from itertools import chain, islice

from winnow.core.model import Family
from winnow.kernel import ends_with, first_removed, phrase_start, positions_showing, short_kept_lines, sized_lines
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import (
    SENTENCE_END,
    Analysis,
    analysis,
    body_lines,
    body_stem_counts,
    body_stems,
    continues,
    headline_like,
    heads_next,
    is_fragment,
    is_headline_like,
    preformatted,
    word_count,
)
from winnow.text.lexicon import Lexicon, Lexicons, key
from winnow.text.words import WORD, words

MARKER_WORDS = 30  # a marker line is at most a label and a headline
# "… weiter zu „Die Wortwahl“", "» Weiterlesen", "→ Read more": an arrow or ellipsis, then a word leading on
ONWARD = re.compile(r"^\s*(?:\.{3}|…|»|›|→|>>?)\s*\w")
ONWARD_WORDS = 8
SEPARATOR_AFTER = re.compile(r"\s*[:|»>›–—-]")
# a list of other stories under a marker: headlines each with a teaser (a sentence or two) that shares at most
# one, or this share, of its content words with the article around the list
TEASER_PAIRS = 3
TEASER_HEADLINES = 3  # lines above a teaser: its headline, perhaps split from a kicker or a label ("Editorial")
TEASER_MIN_WORDS = 6  # shorter: a label, a byline or a piece of a menu, not a sentence about a story
TEASER_WORDS = 60
TEASER_SHARED = 1
TEASER_SHARE = 1 / 3
# a teaser cut short by the site ("… and the council said…", "Over the last few..."): the list's own mark, whatever its topic
TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")
CUT_ENDS = ("…", "...")  # (TRUNCATED.search(line): line.rstrip().endswith(CUT_ENDS), without a search from every position)
READ_MORE_WORDS = 5  # "Read the full story" and its arrow
# other stories' headlines stacked between two paragraphs of the article: at least this many, each a headline's length
STACKED_HEADLINES = 3
STACKED_MIN_WORDS = 5  # shorter: a list item, a label or a table cell
STACKED_MAX_WORDS = 20
STACKED_STRETCH = re.compile(b"\x01{%d,}" % STACKED_HEADLINES)  # that many lines of a headline's length in a row, or more
PARAGRAPH_WORDS = 12  # a paragraph around the stack: a line this long, or a piece of a split sentence
LABEL_END = re.compile(r"[:,;–—-]\s*$")  # a label or an unfinished line: it leads on, no headline ends so
LABEL_ENDS = (":", ",", ";", "–", "—", "-")  # (LABEL_END.search(text) of a stripped text: text.endswith(LABEL_ENDS))
KICKER_WORDS = 2  # a story card's label over its headline in a list: "Sanieren", "Formel 1"
READ_MORE_EDGE = " →>»›+"  # arrows and pluses around a "read more" link, as the main-text detector strips them


def _marker_starts(lexicons: Lexicons) -> frozenset[str]:
    """The words a related-articles marker can start with."""
    related = lexicons.get("related")
    return related.equal_first_words | frozenset(related.start.by_first)


def _first_words(lexicons: Lexicons) -> frozenset[str]:
    """The words a related-articles marker or a link onward ("» Weiterlesen") can start with."""
    return _marker_starts(lexicons) | lexicons.get("related").terms("onward")


def related_marker(related: Lexicon, line: str, line_key: str | None = None, seq: tuple[str, ...] | None = None) -> bool:
    """'Recommended articles', 'Also Read:', 'Lesen Sie auch: …', 'More from News', 'Lire aussi »' (`related`: the
    related lexicon)."""
    if (line_key if line_key is not None else key(line)) in related.equal:
        return True
    # (related.start.starts(seq), in C)
    phrase = phrase_start(related.start.by_first, seq if seq is not None else words(line[:80].casefold()))
    if not phrase:
        return False
    # the phrase must stand as a label: followed by a separator, or heading a short line
    # (so "Related to this, the minister said …" and the name "Lea Müller" stay)
    if SEPARATOR_AFTER.match(_after_phrase(line, len(phrase))):
        return True
    return len(phrase) >= 2 and word_count(line) <= 8


def _after_phrase(line: str, phrase_words: int) -> str:
    """The text after the phrase's last word ("Also Read: X" -> ": X")."""
    for n, m in enumerate(WORD.finditer(line), 1):
        if n == phrase_words:
            return line[m.end() :]
    return ""


def about_the_body(ctx: Context, i: int, stems: Container[str]) -> bool:
    """Whether line i shares at least two content words, and half of its own, with the article body (`stems`)."""
    own = analysis(ctx).stems(i)
    shared = sum(map(stems.__contains__, own))
    return shared >= 2 and 2 * shared >= len(own)


class RelatedLists(Rule):
    id = "headlines.related"
    family = Family.HEADLINES
    name = "Related-article lists"
    description = (
        "Drops related-article markers (“Recommended articles”, “Also Read:”, “Mehr zum Thema”, “Lire aussi”, "
        "“Te puede interesar”) and the run of headlines (with their teasers) after them."
    )
    params = (
        Param("max_run", "Longest run (lines)", 40, "How many headline lines after a marker can be dropped.", minimum=0, maximum=500, step=1),
        Param("max_words", "Longest headline (words)", 24, "A longer line ends the run: it is text, not a headline.", minimum=3, maximum=80, step=1),
    )

    def apply(self, ctx: Context) -> None:
        info = analysis(ctx)
        related = ctx.lexicons.get("related")
        run_end = -1
        starts = ctx.lexicons.derived(_marker_starts)
        seqs, removals, counts = info.seqs, ctx.removals, info.counts
        onward = related.terms("onward")
        # a marker is a known line, or starts with a known phrase, and so is a link onward: the first word tells
        for i in info.lines_starting(ctx.lexicons.derived(_first_words)):
            seq = seqs[i]
            if i <= run_end or removals[i] is not None or not seq or counts[i] > MARKER_WORDS:
                continue
            if seq[0] in onward and info.count(i) <= ONWARD_WORDS and ONWARD.match(ctx.lines[i]):
                ctx.drop(i, self, "link to the next page or another article")
                continue
            if seq[0] not in starts:
                continue
            short = counts[i] <= 12
            # (self._key(info, i), inline)
            if (short or seq[0] in related.start.by_first) and related_marker(related, ctx.lines[i], info.keys[i] if short else "", seq):
                ctx.drop(i, self, "related-articles marker")
                run_end = self._drop_run(ctx, i + 1, points=True) - 1
        for i in self._markers_left_out(ctx):
            self._drop_run(ctx, i + 1)

    @staticmethod
    def _key(info: Analysis, i: int) -> str:
        # an `equal` marker is a few words: longer lines need no key, only their first words
        return info.keys[i] if info.count(i) <= 12 else ""

    @staticmethod
    def _markers_left_out(ctx: Context) -> list[int]:
        """Page lines extraction left out that are related-articles markers right above main content lines:
        extraction dropped the label ("More stories") and kept the list under it."""
        if not ctx.document.is_html:
            return []
        related, lines, outside = ctx.lexicons.get("related"), ctx.lines, ctx.outside_main
        found = []
        # from each live line back to the non-blank line before it: a page has far fewer live lines than outside ones
        for following in ctx.live_lines():
            if not lines[following].strip():
                continue
            i = following - 1
            while i >= 0 and not lines[i].strip():
                i -= 1
            if i in outside and word_count(lines[i]) <= MARKER_WORDS and related_marker(related, lines[i]):
                found.append(i)
        return found

    def _drop_run(self, ctx: Context, start: int, points: bool = False) -> int:
        """Drop the headline-like lines after a marker, or the headlines and teasers of a list of other
        stories; returns where the run ended. `points`: the marker is in the text, right above the run (not a label
        extraction left out), so the first line after it is the story it points to."""
        teasers = self._teaser_list(ctx, start)
        if teasers:
            for i in teasers:
                ctx.drop(i, self, "headline or teaser in a list of other stories")
            start = teasers[-1] + 1
        taken, i = 0, start
        stems = None
        related = ctx.lexicons.get("related")
        kicker = False  # the line before was a card's label of a word or two ("Sanieren"), already gone
        info, lines, longest, most = analysis(ctx), ctx.lines, self["max_words"], self["max_run"]
        counts, keys, seqs, html = info.counts, info.keys, info.seqs, ctx.document.is_html
        equal, by_first = related.equal, related.start.by_first
        removals = ctx.removals
        while i < len(lines) and taken < most:
            line, at = lines[i], i
            if removals[i] is not None or line == "" or line.isspace():  # (not ctx.is_live(i): blank, or already removed, an ad)
                i += 1
                continue
            if not headline_like(ctx, i, longest) or is_fragment(ctx, i) or (html and preformatted(ctx, i)):
                break
            # (related_marker(related, line, self._key(info, i), seqs[i]), asked only of a line whose key is a marker or whose
            # first word starts one: most lines of a run are neither)
            line_key, seq = keys[i] if counts[i] <= 12 else "", seqs[i]
            if line_key in equal or (seq and seq[0] in by_first and related_marker(related, line, line_key, seq)):
                break
            stems = body_stems(ctx) if stems is None else stems
            if about_the_body(ctx, i, stems):
                # the article's own title or a sub-heading, after a list above it; but the one headline a marker points
                # to ('Read also:' / headline) is another story's, however close its topic
                if points and not taken and not teasers and i != ctx.analysis.title_line:
                    ctx.drop(i, self, "headline in a related-articles list")
                    i += 1
                # and a card's headline under its label ("Umbauen" / "Trennwand bauen: …") in the list is another story's
                if not kicker:
                    break
            ctx.drop(i, self, "headline in a related-articles list")
            # (word_count(line), as the analysis counted the words of a line no rule rewrote: `line` is live, so not skipped)
            kicker = (counts[at] if at not in ctx.rewritten else word_count(line)) <= KICKER_WORDS
            taken += 1
            i += 1
        return i

    def _teaser_list(self, ctx: Context, start: int) -> list[int]:
        return teaser_list(ctx, start, self["max_words"], self["max_run"])


def teaser_list(ctx: Context, start: int, max_words: int, max_run: int, cut_only: bool = False, pairs: int = TEASER_PAIRS) -> list[int]:
    """The live lines from `start` on when they are a list of other stories: headlines, each with a teaser
    under it (a sentence or two), at least `pairs` pairs, the teasers cut short by the site or sharing few
    content words with the article around the list (`cut_only`: cut short). Empty when they are not."""
    info = analysis(ctx)
    block: list[int] = []
    teasers: list[int] = []
    headlines = 0  # headline-like lines since the last teaser
    counts, html = info.counts, ctx.document.is_html
    lines, removals = ctx.lines, ctx.removals
    for i in range(start, len(lines)):
        if removals[i] is not None or (line := lines[i]) == "" or line.isspace():  # (not ctx.is_live(i))
            if i in ctx.outside_main:
                break  # the main content ends here, and the list with it
            continue
        # a headline glued to its teaser may look like a split sentence: the pattern is the evidence here
        if len(block) >= 2 * max_run or (html and preformatted(ctx, i)):
            break
        cut_short = counts[i] >= TEASER_MIN_WORDS and ctx.lines[i].rstrip().endswith(CUT_ENDS)  # a teaser, though unfinished
        if headline_like(ctx, i, max_words) and not cut_short:
            headlines += 1
            if headlines > TEASER_HEADLINES:  # a menu or a list of bare headlines: the pairs end
                break
        elif headlines and TEASER_MIN_WORDS <= counts[i] <= TEASER_WORDS:
            teasers.append(i)
            headlines = 0
        else:
            break
        block.append(i)
    if len(teasers) < pairs:
        return []
    block = block[: block.index(teasers[-1]) + 1]  # headlines after the last teaser are left to the run
    links = [_read_more_after(ctx, i) for i in teasers]
    if all(ctx.lines[i].rstrip().endswith(CUT_ENDS) or link is not None for i, link in zip(teasers, links)):
        # excerpts cut short or each with its "read more" link: other stories', even on the article's own topic
        return block + [links[-1]] if links[-1] is not None else block
    if cut_only:
        return []
    # the article's stems: the body's, kept up to date by body_stems, less the list's own lines
    held = body_stem_counts(ctx)  # (how many body lines hold each stem)
    state = ctx.body_stems
    if state is None:  # body_stem_counts always sets it
        return []
    in_list = Counter(stem for i in block if i in state.lines for stem in info.stems(i))
    for i in teasers:
        own = info.stems(i)
        shared = sum(1 for stem in own if held.get(stem, 0) > in_list.get(stem, 0))
        if shared > max(TEASER_SHARED, TEASER_SHARE * len(own)):
            return []
    return block


def _read_more_after(ctx: Context, i: int) -> int | None:
    """The line right after teaser i when it is a "read more" link ('Read now', 'Weiterlesen →'), else None."""
    info = analysis(ctx)
    after = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
    if after is None or not ctx.is_live(after) or info.counts[after] > READ_MORE_WORDS:
        return None
    links = ctx.lexicons.get("boilerplate").keys("read_more")
    return after if info.keys[after].strip(READ_MORE_EDGE) in links else None


class UnrelatedHeadlines(Rule):
    id = "headlines.unrelated"
    family = Family.HEADLINES
    name = "Unrelated headlines"
    description = "Drops headline-like lines before or after the article body that share no content word with it."
    params = (
        Param(
            "min_words",
            "Shortest headline (words)",
            4,
            "Shorter lines are left to other rules (they may be labels or list items).",
            minimum=1,
            maximum=20,
            step=1,
        ),
        Param("max_words", "Longest headline (words)", 20, "Longer lines are text, not headlines.", minimum=3, maximum=60, step=1),
        Param("min_body_words", "Shortest body (words)", 60, "Documents with less body text are not judged.", minimum=0, maximum=2000, step=10),
    )

    def apply(self, ctx: Context) -> None:
        title = ctx.analysis.title_line
        body = body_lines(ctx)
        info = analysis(ctx)
        if not body or sum(map(info.counts.__getitem__, body)) < self["min_body_words"]:
            return
        first, last = body[0], body[-1]
        stems = None  # worked out at the first candidate: most documents have none
        nonblank, removals, longest, shortest = info.nonblank, ctx.removals, self["max_words"], self["min_words"]
        # sub-headings and list items inside the body stay: only the short lines before and after it are judged (most are
        # gone by now: sorted out in C)
        before, after = nonblank[: bisect_left(nonblank, first)], nonblank[bisect_right(nonblank, last) :]
        for i in chain(short_kept_lines(before, info.counts, longest, removals), short_kept_lines(after, info.counts, longest, removals)):
            if i == title or not ctx.is_live(i):
                continue
            line = ctx.lines[i]
            if not shortest <= info.count(i) <= longest or not is_headline_like(line, longest):
                continue
            own = info.stems(i)
            if len(own) < 3 or is_fragment(ctx, i) or heads_next(ctx, i) or preformatted(ctx, i):
                continue
            stems = body_stems(ctx) if stems is None else stems
            if not any(s in stems for s in own):
                ctx.drop(i, self, "headline unrelated to the article (shares no content words with it)")


class CutTeaserLists(Rule):
    id = "headlines.cut-teasers"
    family = Family.HEADLINES
    name = "Lists of teasers"
    description = (
        "Drops other stories' headlines no marker heads: over a teaser cut short (“… Over the last…”) or a “Read more” link; "
        "in flattened text, stacked between paragraphs or with teasers above the byline."
    )
    params = (Param("max_words", "Longest headline (words)", 24, "A longer line is text, not a headline.", minimum=3, maximum=80, step=1),)

    def apply(self, ctx: Context) -> None:
        """Runs after the main-text detector, on what it kept: an article's sentence does not stop in the middle, and a
        story's dialogue trailing off has no headline above each line."""
        self._cut_teasers(ctx)
        if not ctx.document.is_html:  # extraction leaves out most such stacks, and what it keeps Readability keeps too
            for i in teasers_above_byline(ctx, self["max_words"]):
                ctx.drop(i, self, "headline or teaser in a list of other stories above the article's byline")
            for i in stacked_headlines(ctx):
                ctx.drop(i, self, "headline of another story, stacked with others between paragraphs of the article")
            for i in post_navigation(ctx):  # (textq7: a blog's link to its previous or next post)
                ctx.drop(i, self, "link to the previous or next post (an arrow and the post's title)")
            for i in trailing_headlines(ctx):
                ctx.drop(i, self, "headline of another story, stacked with others after the article's last paragraph")

    def _cut_teasers(self, ctx: Context) -> None:
        info = analysis(ctx)
        lines, removals, counts = ctx.lines, ctx.removals, info.counts
        # the teasers: lines cut short, and the lines just above a "read more" link (the links found by their first word)
        # (the live lines' ends looked at in C: a line gone is no teaser here)
        marked = set(ends_with(lines, ctx.live_lines(), None, CUT_ENDS))
        boilerplate = ctx.lexicons.get("boilerplate")
        links, keys = boilerplate.keys("read_more"), info.keys
        for link in info.lines_starting(boilerplate.first_words("read_more")):
            # (_read_more_after(ctx, above) == link, the link judged first: the nearest non-blank line above it within two
            # lines has it as the first non-blank line after it)
            if counts[link] > READ_MORE_WORDS or not ctx.is_live(link) or keys[link].strip(READ_MORE_EDGE) not in links:
                continue
            above = next((j for j in range(link - 1, max(link - 3, -1), -1) if lines[j].strip()), None)
            if above is not None:
                marked.add(above)
        cut = sorted(i for i in marked if counts[i] >= TEASER_MIN_WORDS and removals[i] is None)
        if len(cut) < TEASER_PAIRS:
            return
        kept_words = sum(map(counts.__getitem__, ctx.live_lines()))  # (the live lines' words)
        headed: dict[int, int] = {}  # cut teaser -> the headline above it
        for teaser in cut:
            above = next((j for j in range(teaser - 1, -1, -1) if lines[j].strip()), None)
            if above is not None and ctx.is_live(above) and is_headline_like(lines[above], self["max_words"]):
                headed[teaser] = above
        # enough of them on the page: each headline with its cut teaser is another story's, even alone in the article
        pairs = 1 if len(headed) >= TEASER_PAIRS else TEASER_PAIRS
        found: list[int] = []
        for teaser, above in headed.items():
            if found and teaser <= found[-1]:  # in a list found already
                continue
            found += teaser_list(ctx, above, self["max_words"], 2 * len(cut), cut_only=True, pairs=pairs)
        if 2 * sum(counts[i] for i in found) > kept_words:
            return  # most of what the page has: a digest of stories is its content
        for i in found:
            ctx.drop(i, self, "headline or teaser in a list of other stories (teasers cut short or with a “read more” link)")


ARTICLE_START = ("byline (", "standalone date (")  # the furniture that opens an article: its byline and date
BODY_LINES = 2  # paragraphs of the article after its byline, at the least


def teasers_above_byline(ctx: Context, max_words: int) -> list[int]:
    """Kept lines above the article's byline or date that are a list of other stories: TEASER_PAIRS or more headlines
    each with its teaser, none sharing the article's topic, and nothing else but the article's own headline last.
    A news page's flattened text often opens with such a box; an article's own sections come after its byline."""
    live = ctx.live_lines()  # (in C, or the list already made: most pages drop nothing between these steps)
    if len(live) < 2 * TEASER_PAIRS + BODY_LINES:
        return []
    removals, lines = ctx.removals, ctx.lines
    start = first_removed(removals, live[0] + 1, live[-1], "furniture.page", ARTICLE_START)  # (in C)
    if start is None:
        return []
    above = live[: bisect_left(live, start)]  # (live is in order)
    below = live[bisect_right(live, start) :]
    info = analysis(ctx)
    paragraphs = (i for i in below if info.counts[i] > TEASER_MIN_WORDS and not headline_like(ctx, i, max_words))
    if len(list(islice(paragraphs, BODY_LINES))) < BODY_LINES:  # (the first BODY_LINES of them are enough)
        return []
    if above and is_headline_like(lines[above[-1]], max_words):
        above = above[:-1]  # the article's own headline, over its byline
    teasers: list[int] = []
    # the first story's headline may have gone already (as the page's title)
    before = next((j for j in range(above[0] - 1, -1, -1) if lines[j].strip()), None) if above else None
    headlines = int(before is not None and is_headline_like(lines[before], max_words))
    for i in above:
        if headline_like(ctx, i, max_words):
            headlines += 1
            if headlines > TEASER_HEADLINES:
                return []
        elif headlines and TEASER_MIN_WORDS <= info.count(i) <= TEASER_WORDS:
            teasers.append(i)
            headlines = 0
        else:
            return []
    if len(teasers) < TEASER_PAIRS or headlines:
        return []
    topic = Counter(stem for i in below for stem in info.stems(i))
    for i in teasers:
        own = info.stems(i)
        if sum(1 for stem in own if stem in topic) > max(TEASER_SHARED, TEASER_SHARE * len(own)):
            return []
    return above


def stacked_headlines(ctx: Context) -> list[int]:
    """Live lines that are other stories' headlines stacked between two paragraphs of the article: STACKED_HEADLINES or
    more headline-like lines in a row, none leading on (a colon, a split sentence), after a finished sentence and before
    the article going on. A list in an article is announced ('… three experiments:') or its items are short."""
    info = analysis(ctx)
    live = ctx.live_lines()  # (in C, or the list already made)
    # lines of a headline's length, told in C: only stretches of enough of them in a row are looked at closer (a regex
    # finds them in a byte a line)
    sized = sized_lines(live, info.counts, STACKED_MIN_WORDS, STACKED_MAX_WORDS)
    found: list[int] = []
    for stretch in STACKED_STRETCH.finditer(sized):
        found += _stacks(ctx, live, stretch.start(), stretch.end())
    return found


def _stacks(ctx: Context, live: list[int], start: int, end: int) -> list[int]:
    """The stacks of headlines among live[start:end] (lines of a headline's length), each between two paragraphs."""
    found: list[int] = []
    stack: list[int] = []
    for n in range(start, end + 1):
        if n < end and _stacked_headline(ctx, live[n]):
            stack.append(live[n])
            continue
        first = n - len(stack)
        if len(stack) >= STACKED_HEADLINES and first > 0 and n < len(live) and _paragraph_end(ctx, live[first - 1]) and _paragraph_start(ctx, live[n]):
            found += stack
        stack = []
    return found


def _stacked_headline(ctx: Context, i: int) -> bool:
    """Line i reads as a headline on its own: capitalised, unfinished, not leading on, not a piece of a split sentence."""
    line = ctx.lines[i].strip()
    return (
        line[:1].isupper()
        and headline_like(ctx, i, STACKED_MAX_WORDS)
        and not line.endswith(LABEL_ENDS)  # (LABEL_END and TRUNCATED of the stripped line)
        and not line.endswith(CUT_ENDS)
        and not is_fragment(ctx, i)
    )


def _paragraph_end(ctx: Context, i: int) -> bool:
    """Line i closes a paragraph: it ends a sentence and is a paragraph's length or the last piece of a split one."""
    line = ctx.lines[i].rstrip()
    return bool(SENTENCE_END.search(line)) and (analysis(ctx).counts[i] >= PARAGRAPH_WORDS or is_fragment(ctx, i))


def _paragraph_start(ctx: Context, i: int) -> bool:
    """Line i opens a paragraph: a paragraph's length, or the first piece of a split sentence."""
    return analysis(ctx).counts[i] >= PARAGRAPH_WORDS or is_fragment(ctx, i)


POST_ARROWS = {"←": 1, "→": -1}  # an arrow alone on its line, and the side the post's title is on: "← Title" / "Title →"
ARROWS = tuple(POST_ARROWS)
POST_TITLE_WORDS = 2  # a post's title has a few words; a lone symbol or word beside an arrow may be a formula's or a diagram's


def post_navigation(ctx: Context) -> list[int]:
    """A blog's links to its previous and next posts, flattened: an arrow alone on its line, with the other post's title
    on the line after it ('←' / 'Older post title') or before it ('Newer post title' / '→'), the title a headline
    (capitalised, unfinished) split over lines perhaps. An arrow amid a sentence or a diagram ('A' / '→' / 'B') is
    not one: it carries on from the line before it or into the line after it, or has short items on both sides."""
    lines, info = ctx.lines, analysis(ctx)
    live = ctx.live_lines()
    found: list[int] = []
    # (only a line holding an arrow can be one alone: found in C, most pages have none)
    for n in positions_showing(lines, live, ARROWS):
        i = live[n]
        side = POST_ARROWS.get(lines[i].strip())
        if side is None or not 0 <= n + side < len(live) or is_fragment(ctx, i):
            continue
        if side < 0 and n + 1 < len(live) and is_headline_like(lines[live[n + 1]], STACKED_MAX_WORDS):
            continue  # 'Step one' / '→' / 'Step two': a diagram's or a list's arrow, items on both sides
        title = live[n + side]
        text = lines[title].strip()
        if info.counts[title] < POST_TITLE_WORDS or not is_headline_like(text, STACKED_MAX_WORDS) or not (text[:1].isupper() or text[:1] in '[„“"«'):
            continue
        found += [i, title]
        if side > 0:  # the title's further pieces, split at a link or a name ('[Exclusive] The plan for the' / 'CNRS' / '…')
            k = n + 2
            while k < len(live) and continues(lines[live[k - 1]], lines[live[k]], info.stop) and is_headline_like(lines[live[k]], STACKED_MAX_WORDS):
                found.append(live[k])
                k += 1
    return found


TRAILING_HEADLINES = 4  # other stories' headlines stacked after the article's last paragraph: at least this many
TRAILING_MIN_WORDS = 4  # shorter: a list item, a label or a table cell
TRAILING_LABEL_WORDS = 3  # a section's label among them ("Sport", "Mehr News")
TRAILING_MAX_WORDS = 40  # a teaser's headline with its kicker ("[Exclusive] Minister: …") may be longer than one between paragraphs
OPENERS = "„“\"«»‚'¿¡["  # what may open a headline before its first letter (a quote, a Spanish question mark, a kicker's bracket)


def _trailing_headline(line: str, words: int) -> bool:
    """A teaser's headline: capitalised, a headline's length, no full stop (a question or a cry is a headline's too),
    not leading on (a colon, a comma) and not cut short."""
    text = line.strip()
    return (
        TRAILING_MIN_WORDS <= words
        and is_headline_like(text, TRAILING_MAX_WORDS)
        and text.lstrip(OPENERS)[:1].isupper()
        and not text.endswith(LABEL_ENDS)  # (LABEL_END and TRUNCATED of the stripped text)
        and not text.endswith(CUT_ENDS)
    )


def trailing_headlines(ctx: Context) -> list[int]:
    """Live lines after the article's last paragraph that are other stories' headlines: TRAILING_HEADLINES or more, with
    nothing between the paragraph and the page's end but them and section labels of a word or three. A list closing
    an article is announced ('… in three steps:') or its items are short."""
    info = analysis(ctx)
    lines, counts = ctx.lines, info.counts
    headlines: list[int] = []
    for i in reversed(ctx.live_lines()):
        if _trailing_headline(lines[i], counts[i]):
            headlines.append(i)
        elif counts[i] > TRAILING_LABEL_WORDS or SENTENCE_END.search(lines[i].rstrip()):
            # the line before the stack: it must close the article's last paragraph
            return sorted(headlines) if len(headlines) >= TRAILING_HEADLINES and _paragraph_end(ctx, i) else []
    return []
