"""Family 2: cookie and consent banners, and the consent manager's buttons."""

from __future__ import annotations

from winnow.core.model import Family
from winnow.kernel import phrase_in
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import LazyKeys, analysis

BUTTON_WORDS = 8  # no consent button is longer


class CookieBanners(Rule):
    id = "cookies.banner"
    family = Family.COOKIES
    name = "Cookie and consent banners"
    description = "Drops cookie-consent banners and their buttons (“Accept all”, “Alle akzeptieren”, “Tout accepter”)."
    params = (
        Param(
            "button_distance",
            "Button reach (lines)",
            4,
            "Generic button words (“OK”, “Akzeptieren”, “Settings”) are dropped only this many lines from a banner.",
            minimum=0,
            maximum=50,
            step=1,
        ),
        Param(
            "max_words",
            "Longest banner (words)",
            120,
            "A line longer than this is article text even when it speaks of cookies.",
            minimum=5,
            maximum=1000,
            step=5,
        ),
    )

    def apply(self, ctx: Context) -> None:
        cookies = ctx.lexicons.get("cookies")
        info = analysis(ctx)
        banners: list[int] = []
        for i in info.equal_lines(cookies, BUTTON_WORDS):
            if ctx.is_live(i):
                ctx.drop(i, self, "consent-manager button")
                banners.append(i)
        longest, by_anchor = self["max_words"], cookies.contains.by_anchor
        for i in info.phrase_lines(cookies.contains):  # (each holds an anchor: phrase_in finds what contains.finds would)
            if ctx.is_live(i) and info.counts[i] <= longest and phrase_in(by_anchor, info.seqs[i]):
                ctx.drop(i, self, "cookie-consent banner")
                banners.append(i)
        if banners and self["button_distance"]:
            self._drop_buttons(ctx, info.keys, banners)

    def _drop_buttons(self, ctx: Context, keys: LazyKeys, banners: list[int]) -> None:
        weak = ctx.lexicons.get("cookies").keys("weak")
        reach = self["button_distance"]
        near: set[int] = set()
        for b in banners:
            near.update(range(max(0, b - reach), min(len(ctx.lines), b + reach + 1)))
        for i in sorted(near):
            if ctx.is_live(i) and keys[i] in weak:
                ctx.drop(i, self, "consent-banner button")
