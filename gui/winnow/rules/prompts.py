"""Family 4: prompts to share, follow, subscribe, comment or allow notifications."""

from __future__ import annotations

from winnow.core.model import Family
from winnow.kernel import phrase_lines_in
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis, is_headline_like, sentence_span
from winnow.stages.analyse import KEY_CHANGES_WORDS
from winnow.text.lexicon import Lexicons
from winnow.text.words import words

SHORT_PROMPT_WORDS = 12  # a button or a one-line call to subscribe is short
CALL_WORDS = 8  # "Nichts mehr verpassen!" is a call on a line of its own, part of a sentence in a longer one
PITCH_WORDS = 40  # a newsletter's pitch over its sign-up button is a sentence or two
PITCH_LINES = 3  # lines between a pitch and its button at most (an address field, a consent note: already gone)
BOX_NAME_WORDS = 4  # the newsletter's name over its pitch ("Morning Briefing")
SIGN_UP_WORDS = 4  # a sign-up button: "Sign up", "Jetzt kostenlos abonnieren"


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
        "(“Share this article”, “Folgen Sie uns”, “Abonnez-vous”, “Support our journalism”) and newsletter boxes."
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
        # (the lines found are non-blank: drop_all drops those no rule removed, as `drop` of each live one would)
        ctx.drop_all(_beside_other_buttons(ctx, buttons), self, "share, follow or comment button")
        # words that make a short line a prompt, even glued into a name ("RNZ-WhatsApp-Newsletter")
        short_words, counts, seqs = prompts.vocabulary("short_words"), info.counts, info.seqs
        ctx.drop_all([i for i in info.lines_holding(short_words) if counts[i] <= SHORT_PROMPT_WORDS], self, "newsletter prompt")
        longest = self["max_words"]
        for index, limit, what in (
            (prompts.contains, longest, "social, newsletter or notification prompt"),
            (prompts.phrases("appeals"), longest, "appeal to support or subscribe"),
            (prompts.phrases("consent"), 3 * longest, "sign-up consent"),  # a form's consent note can be a long legal text
            (prompts.phrases("calls"), CALL_WORDS, "call to stay informed"),
            (prompts.phrases("paywall"), CALL_WORDS, "paywall or account note"),
            (prompts.phrases("strong"), 3 * longest, "browser, newsletter or subscription notice"),
        ):
            removals = ctx.removals
            # the live lines short enough that hold a phrase (each line found holds an anchor of the index: phrase_in finds
            # what index.finds would), found in C; a line a sentence span before took is passed over
            for i, found in phrase_lines_in(info.phrase_lines(index), counts, limit, removals, ctx.lines, seqs, index.by_anchor):
                if removals[i] is None:
                    for j in sentence_span(ctx, i):
                        ctx.drop(j, self, f"{what} (“{' '.join(found)}”)")
        for i in sign_up_boxes(ctx):
            ctx.drop(i, self, "newsletter box (its pitch over a sign-up button)")


def _sign_up_firsts(lexicons: Lexicons) -> frozenset[str]:
    """The first word of each sign-up button's key ("" for a key without a word): a line keyed as one starts with it."""
    return frozenset(seq[0] if (seq := words(k)) else "" for k in lexicons.get("prompts").keys("sign_up_buttons"))


def sign_up_buttons(ctx: Context) -> list[int]:
    """The lines of at most SIGN_UP_WORDS words keyed as a sign-up button, in order. A line's key has the line's own words
    (the analysis's) unless it shows a character the key drops or strips (`KEY_CHANGES_WORDS`): so the lines starting
    with a button's first word, found in the analysis's index of first words, and those few, are all that can be one,
    and only their keys are looked at (not the key of every short line of the page)."""
    info = analysis(ctx)
    sign_up, counts, keys = ctx.lexicons.get("prompts").keys("sign_up_buttons"), info.counts, info.keys
    candidates = info.lines_starting(ctx.lexicons.derived(_sign_up_firsts))
    changed = info.lines_showing(KEY_CHANGES_WORDS)
    if changed:
        candidates = sorted({*candidates, *changed})
    return [i for i in candidates if counts[i] <= SIGN_UP_WORDS and keys[i] in sign_up]


def sign_up_boxes(ctx: Context) -> list[int]:
    """The pitch over a newsletter's sign-up button ("Get the day's top stories sent to your inbox …" / "Sign up"): a
    short line naming an inbox or a newsletter just above the button, with the newsletter's name over it. The words
    of the pitch vary too much for phrases; its place over the button and the inbox it names do not."""
    prompts, info, lines = ctx.lexicons.get("prompts"), analysis(ctx), ctx.lines
    inbox = prompts.vocabulary("inbox_words")
    found: list[int] = []
    for button in sign_up_buttons(ctx):  # (most pages have none)
        above = [j for j in range(button - 1, max(button - PITCH_LINES - 1, -1), -1) if lines[j].strip()]
        pitch = next((j for j in above if ctx.is_live(j)), None)
        if pitch is None or not 0 < info.count(pitch) <= PITCH_WORDS or inbox.isdisjoint(info.seq(pitch)):
            continue
        found += [button, pitch]
        name = next((j for j in range(pitch - 1, -1, -1) if lines[j].strip()), None)
        if name is not None and ctx.is_live(name) and info.count(name) <= BOX_NAME_WORDS and is_headline_like(lines[name], BOX_NAME_WORDS):
            found.append(name)
    return found
