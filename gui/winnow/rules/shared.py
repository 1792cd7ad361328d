"""Questions several rules ask about a line in its document: is it a piece of a split sentence, is it
part of the body, what are the body's words now. The facts they rest on come from the analyse stage
(`ctx.analysis`), worked out once per document before any rule ran.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container

from winnow.kernel import fill_stems, fragment, joins, left_open, unfinished_headline  # (compiled when built; their twins in kernel/*_py.py)
from winnow.kernel.lines_py import CONTINUES
from winnow.rules.base import BodyStems, Context
from winnow.stages.analyse import BODY_WORDS, STEM, STEM_SHORTEST, Analysis, LazyKeys
from winnow.text.sentences import PERIOD_END, SENTENCE_END, is_headline_like

FRAGMENT_WORDS = 8
NO_WORDS: frozenset[str] = frozenset()


def analysis(ctx: Context) -> Analysis:
    """The document's analysis (worked out by the analyse stage before any rule ran)."""
    return ctx.analysis


def continues(previous: str, line: str, stop: frozenset[str]) -> bool:
    """Whether `line` carries on the sentence `previous` was cut from (flattening split it at a link)."""
    # (the kernel's: `previous` stripped at both ends, as left_open reads a line, and `line`'s first character after its
    # spaces looked at in C)
    return joins(previous, line, stop)


def is_fragment(ctx: Context, i: int) -> bool:
    """Whether line i is part of a sentence split over lines (joined to the line before or after it).

    A short line ending in a frequent word ("… prend fin") is a headline as often as a cut sentence,
    so for lines under FRAGMENT_WORDS words only the surer signs count (the next line starts in
    lower case, this one ends on a comma or an open bracket).
    """
    # carried on from the line before (kept), or carried on by the line after (kept); a long line ending on a frequent word
    # leads on, a short one does not (see above): `continues` of each pair, in the kernel
    info = ctx.analysis
    return fragment(ctx.lines, ctx.removals, info.counts, info.stop, NO_WORDS, i, FRAGMENT_WORDS)


# indented, or in columns (spaces that only a <pre> block keeps), or a table row as extraction writes it ("| a | b |")
_LAID_OUT = re.compile(r"^ {4}|\S {3,}\S|^\s*\|.*\|\s*$")


def preformatted(ctx: Context, i: int) -> bool:
    """Whether line i of an HTML page is laid out rather than written: preformatted text (a code block, a
    plain-text document such as an RFC, its lines indented or set in columns) or a table row. Its words are
    data, not a headline's, whatever they say."""
    return ctx.document.is_html and bool(_LAID_OUT.search(ctx.lines[i]))


HEADED_WORDS = 5  # the text under a heading: a line of at least this many words


def heads_next(ctx: Context, i: int) -> bool:
    """Whether line i of an extracted HTML page is the heading of the text right below it ("Response" /
    "Response instances are returned by …"): the next non-blank line is kept, longer, and repeats one of its
    content words. A short line inside the extracted main content is then the article's section heading,
    not a menu link, counter or stray headline, however much it looks like one."""
    if not ctx.document.is_html:
        return False
    info = analysis(ctx)
    own = info.stems(i)
    following = next((n for n in range(i + 1, len(ctx.lines)) if ctx.lines[n].strip()), None)
    if not own or following is None or ctx.removals[following] is not None:
        return False
    words = info.counts[following]
    return words >= HEADED_WORDS and words > info.counts[i] and not own.isdisjoint(info.stems(following))


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


def headline_like(ctx: Context, i: int, max_words: int) -> bool:
    """`is_headline_like(ctx.lines[i], max_words)`, the line's words counted by the analysis (as `str.split` counts them),
    not split again: most lines a rule asks about are paragraphs, far over `max_words`. A line the analysis skipped or a
    rule rewrote is split."""
    info = ctx.analysis
    if i in ctx.rewritten or i in info.skip:
        return is_headline_like(ctx.lines[i], max_words)
    # (0 < words <= max_words and not ends_with_period(line.rstrip()), the line's end looked at in C)
    return unfinished_headline(ctx.lines[i], info.counts[i], max_words)


def word_count(line: str) -> int:
    return len(line.split())


def body_lines(ctx: Context, min_words: int = 12) -> list[int]:
    """Live lines long enough to be the article's paragraphs."""
    info = analysis(ctx)
    counts, removals = info.counts, ctx.removals
    if min_words == BODY_WORDS:  # the analysis's paragraphs: only they need looking at
        return [i for i in info.body if removals[i] is None]
    return [i for i in info.nonblank if counts[i] >= min_words and removals[i] is None]


def body_stems(ctx: Context) -> Container[str]:
    """Content stems of the article body as it stands now (the lines the rules so far have left).

    Worked out once, then kept up to date from the lines dropped since: asked for before every candidate line, it costs
    nothing like re-reading the body each time. At first only the set of the body's stems, a union in C (most pages never
    drop a body line after it; a Counter of them took twice as long); from the first body line dropped after that, how
    many body lines hold each stem, each dropped line's stems taken off its count (see BodyStems).
    """
    info = analysis(ctx)
    state = ctx.body_stems
    if state is None:
        lines = body_lines(ctx)
        state = ctx.body_stems = BodyStems(set(lines), None, len(ctx.dropped), _stem_union(info, lines))
    dropped = ctx.dropped
    if state.seen < len(dropped):
        live, counts = state.lines, state.counts
        for i in dropped[state.seen :]:
            if i in live:
                live.discard(i)
                if counts is None:  # the set no longer says which stems are left: counted from now on
                    state.union = None
                    continue
                for stem in info.stems(i):
                    counts[stem] -= 1
                    if not counts[stem]:
                        del counts[stem]
        state.seen = len(dropped)
        if state.union is None and state.counts is None:
            state.counts = info.stem_counts(live)
    return state.counts.keys() if state.counts is not None else state.union if state.union is not None else set()


def body_stem_counts(ctx: Context) -> Counter[str]:
    """How many live body lines hold each content stem (`body_stems` with the counts; shared: not to be changed)."""
    body_stems(ctx)
    state = ctx.body_stems
    assert state is not None  # (body_stems sets it)
    if state.counts is None:
        state.counts, state.union = analysis(ctx).stem_counts(state.lines), None
    return state.counts


def _stem_union(info: Analysis, lines: list[int]) -> set[str]:
    """The content stems of `lines`: each line's (the analysis's cache, the missing ones made in one call of the kernel),
    joined in one set (a union in C, not a count of each stem)."""
    known = info._stems  # (Analysis.stems' cache)
    fill_stems(info.seqs, lines, known, info.stop, STEM_SHORTEST, STEM)
    return set().union(*[known[i] for i in lines])


__all__ = [
    "CONTINUES",
    "PERIOD_END",
    "SENTENCE_END",
    "STEM",
    "Analysis",
    "LazyKeys",
    "analysis",
    "body_lines",
    "body_stem_counts",
    "body_stems",
    "continues",
    "headline_like",
    "heads_next",
    "is_fragment",
    "is_headline_like",
    "left_open",
    "preformatted",
    "sentence_span",
    "word_count",
]
