"""Family 4: prompts to share, follow, subscribe, comment or allow notifications."""

from __future__ import annotations

from winnow.core.model import Family
from winnow.kernel import phrase_in
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis, sentence_span

SHORT_PROMPT_WORDS = 12  # a button or a one-line call to subscribe is short
CALL_WORDS = 8  # "Nichts mehr verpassen!" is a call on a line of its own, part of a sentence in a longer one


def _beside_other_buttons(ctx: Context, buttons: list[int]) -> list[int]:
    """The button lines, less a one-letter label ("X", the network) with no other button within two lines: alone,
    it is as likely a variable of a formula flattened one symbol a line."""
    lines = ctx.lines
    named = {i for i in buttons if len(lines[i].strip()) > 1}
    return [i for i in buttons if i in named or any(j in named for j in range(i - 2, i + 3))]


class SocialPrompts(Rule):
    id = "prompts.social"
    family = Family.PROMPTS
    name = "Social, newsletter and notification prompts"
    description = (
        "Drops calls to share, follow, subscribe, comment, donate or allow notifications "
        "(“Share this article”, “Folgen Sie uns”, “Abonnez-vous”, “Síguenos”, “Support our journalism”)."
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
        prompts = ctx.lexicons.get("prompts")
        info = analysis(ctx)
        buttons = info.equal_lines(prompts, SHORT_PROMPT_WORDS)
        for i in _beside_other_buttons(ctx, buttons):
            if ctx.is_live(i):
                ctx.drop(i, self, "share, follow or comment button")
        # words that make a short line a prompt, even glued into a name ("RNZ-WhatsApp-Newsletter")
        short_words, counts, seqs = prompts.vocabulary("short_words"), info.counts, info.seqs
        for i in [i for i in info.lines_holding(short_words) if counts[i] <= SHORT_PROMPT_WORDS]:
            if ctx.is_live(i):
                ctx.drop(i, self, "newsletter prompt")
        longest = self["max_words"]
        for index, limit, what in (
            (prompts.contains, longest, "social, newsletter or notification prompt"),
            (prompts.phrases("appeals"), longest, "appeal to support or subscribe"),
            (prompts.phrases("consent"), longest, "sign-up consent"),
            (prompts.phrases("calls"), CALL_WORDS, "call to stay informed"),
            (prompts.phrases("paywall"), CALL_WORDS, "paywall or account note"),
            (prompts.phrases("strong"), 3 * longest, "browser, newsletter or subscription notice"),
        ):
            by_anchor, lines, removals = index.by_anchor, ctx.lines, ctx.removals
            for i in info.phrase_lines(index):  # (each holds an anchor of the index: phrase_in finds what index.finds would)
                if counts[i] <= limit and removals[i] is None and lines[i].strip():  # (is_live, after the cheaper test)
                    found = phrase_in(by_anchor, seqs[i])
                    if found:
                        for j in sentence_span(ctx, i):
                            ctx.drop(j, self, f"{what} (“{' '.join(found)}”)")
