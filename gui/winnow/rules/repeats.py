"""Family 6: lines repeated within a document (a title printed twice, each related headline twice).

The first copy that is still kept stays; later copies go when each follows the one before it within a few
lines (NEAR_LINES). Copies removed by an earlier rule do not count, so a title that also appeared in a
dropped navigation bar is kept where the article has it.
"""

from __future__ import annotations

from winnow.core.model import Family
from winnow.kernel import later_copies
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import FRAGMENT_WORDS, analysis, is_fragment

# a copy this few lines after the last one is the same element printed twice (a headline over a picture and over the
# text, a caption, a card's title over its link); further on, a repeat is the text's own: a section's heading after the
# table of contents that lists it, a table's row, a command run again, a refrain (bench/quality.py, devset-en text)
NEAR_LINES = 8


class RepeatedLines(Rule):
    id = "repeats.lines"
    family = Family.REPEATS
    name = "Repeated lines"
    description = "Keeps the first copy of a line that is repeated within a document and drops the copies a few lines after it."
    params = (
        Param(
            "min_chars",
            "Shortest line judged (characters)",
            12,
            "Shorter lines (list bullets, prices, “Yes”) may rightly repeat and are left alone.",
            minimum=1,
            maximum=500,
            step=1,
        ),
    )

    def apply(self, ctx: Context) -> None:
        if ctx.document.is_html:
            # extraction already left the page's repeated furniture outside the main content; a line repeated
            # inside it is code, a table row or a heading listed in a table of contents (bench/quality.py)
            return
        title = ctx.analysis.title_line
        info = analysis(ctx)
        seqs = info.seqs  # lines compare by their words: case, spacing and punctuation do not matter
        previous: dict[int, int] = {}  # each repeated line's latest copy, by its first
        # the live lines that repeat an earlier one word for word, each with its first copy (found in C)
        for i, first in later_copies(ctx.lines, seqs, ctx.live_lines(), self["min_chars"]):
            near = i - previous.get(first, first) <= NEAR_LINES
            previous[first] = i
            # a short piece of a split sentence is not a repeat; a long line repeated word for word is, even when it
            # ends without punctuation on a frequent word ("… with the city") that could carry on to the next line
            if near and (info.counts[i] >= FRAGMENT_WORDS or not is_fragment(ctx, i)):
                what = "the title" if first == title else f"line {first + 1}"
                ctx.drop(i, self, f"repeats {what}")
