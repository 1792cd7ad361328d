"""Family 4: prompts to share, follow, subscribe, comment or allow notifications."""

from __future__ import annotations

from functools import lru_cache

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis
from winnow.text.lexicon import lexicon, words

SHORT_PROMPT_WORDS = 12  # a button or a one-line call to subscribe is short


@lru_cache(maxsize=1)
def _short_words() -> frozenset[str]:
    """Words that make a short line a prompt, even glued into a name ("RNZ-WhatsApp-Newsletter")."""
    return frozenset(w for item in lexicon("prompts").extra["short_words"] for w in words(item.casefold()))


class SocialPrompts(Rule):
    id = "prompts.social"
    family = Family.PROMPTS
    name = "Social, newsletter and notification prompts"
    description = (
        "Drops calls to share, follow, subscribe, comment or allow notifications "
        "(“Share this article”, “Folgen Sie uns”, “Abonnez-vous”, “Síguenos”)."
    )
    params = (
        Param(
            "max_words",
            "Longest prompt (words)",
            40,
            "A line longer than this is article text even when it contains a prompt's phrase.",
            minimum=3,
            maximum=500,
            step=1,
        ),
    )

    def apply(self, ctx: Context) -> None:
        prompts = lexicon("prompts")
        info = analysis(ctx)
        for i in info.short_lines(SHORT_PROMPT_WORDS):
            if not ctx.is_live(i):
                continue
            k = info.keys[i]
            if k in prompts.equal:
                ctx.drop(i, self, "share, follow or comment button")
            elif not _short_words().isdisjoint(info.seq(i)):
                ctx.drop(i, self, "newsletter prompt")
        for i in info.phrase_lines(prompts.contains):
            if ctx.is_live(i) and info.count(i) <= self["max_words"]:
                found = info.finds(prompts.contains, i)
                if found:
                    ctx.drop(i, self, f"social, newsletter or notification prompt (“{' '.join(found)}”)")
