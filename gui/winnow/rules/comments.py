"""Readers' comments under an article: the lines between the reply links of a comment thread.

A thread shows each comment as a name, a date, a few paragraphs and a reply link ("Antworten", "Reply",
"odpowiedz"). Several reply links close together are a thread whatever its comments say, so the comments
between them go, however much they read like prose. The first comment (above the first reply link) is left to
the main-text detector, which reads these removals as evidence.
"""

from __future__ import annotations

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis

REPLY_LINK_WORDS = 3  # "Reply", "Antworten ↓", "Reply to this comment"


class ReaderComments(Rule):
    id = "boilerplate.comments"
    family = Family.BOILERPLATE
    name = "Readers' comments"
    description = "Drops readers' comments in a comment thread: the lines between its reply links (“Reply”, “Antworten”, “Répondre”)."
    params = (
        Param(
            "min_replies",
            "Fewest reply links",
            3,
            "A thread shows at least this many reply links; fewer may be an article's own heading.",
            minimum=2,
            maximum=50,
            step=1,
        ),
        Param(
            "max_lines", "Longest comment (lines)", 15, "Lines between two reply links that are more than this are left alone.", minimum=1, maximum=200, step=1
        ),
    )

    def apply(self, ctx: Context) -> None:
        links = reply_links(ctx)
        if len(links) < self["min_replies"]:
            return
        lines = ctx.lines
        for start, end in zip(links, links[1:]):
            comment = [i for i in range(start + 1, end) if lines[i].strip()]
            if len(comment) <= self["max_lines"]:
                ctx.drop_all(comment, self, "reader's comment (between the reply links of a comment thread)")
        for i in links:
            ctx.drop(i, self, "reply link of a comment thread")


def reply_links(ctx: Context) -> list[int]:
    """The lines that are a comment's reply link, in order, whether or not an earlier rule dropped them already."""
    prompts = ctx.lexicons.get("prompts")
    keys, info = prompts.keys("reply_links"), analysis(ctx)
    return [i for i in info.lines_starting(prompts.first_words("reply_links")) if info.counts[i] <= REPLY_LINK_WORDS and info.keys[i] in keys]
