"""Family 2: cookie and consent banners, and the consent manager's buttons."""

from __future__ import annotations

from bisect import bisect_left

from winnow.core.model import Family
from winnow.kernel import phrase_lines_in, positions_showing
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import LazyKeys, analysis

BUTTON_WORDS = 8  # no consent button is longer
# a consent manager's settings panel: lines about cookies close together after a banner, one cookie's details between
# two of them (its provider, name, expiry, host), most of them labels or in the words of consent ("notwendige", "Anbieter")
PANEL_GAP = 12
PANEL_COOKIE_LINES = 4
PANEL_LABEL_WORDS = 4


class CookieBanners(Rule):
    id = "cookies.banner"
    family = Family.COOKIES
    name = "Cookie and consent banners"
    description = (
        "Drops cookie-consent banners, their buttons (“Accept all”, “Alle akzeptieren”, “Tout accepter”) and the consent "
        "manager's settings panel under a banner (each cookie's purpose, provider and expiry)."
    )
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
        # the live lines of at most max_words words holding a phrase (each holds an anchor: phrase_in finds what
        # contains.finds would), found in C (a line dropped here is none of the others)
        contains = cookies.contains
        for i, _ in phrase_lines_in(info.phrase_lines(contains), info.counts, self["max_words"], ctx.removals, ctx.lines, info.seqs, contains.by_anchor):
            ctx.drop(i, self, "cookie-consent banner")
            banners.append(i)
        if banners and self["button_distance"]:
            self._drop_buttons(ctx, info.keys, banners)
        for panel in settings_panels(ctx, sorted(banners)):
            ctx.drop_all(panel, self, "cookie settings")

    def _drop_buttons(self, ctx: Context, keys: LazyKeys, banners: list[int]) -> None:
        weak = ctx.lexicons.get("cookies").keys("weak")
        reach = self["button_distance"]
        near: set[int] = set()
        for b in banners:
            near.update(range(max(0, b - reach), min(len(ctx.lines), b + reach + 1)))
        for i in sorted(near):
            if ctx.is_live(i) and keys[i] in weak:
                ctx.drop(i, self, "consent-banner button")


def settings_panels(ctx: Context, banners: list[int]) -> list[range]:
    """The lines of consent managers' settings panels: from a banner line on, as long as a line about cookies follows
    within PANEL_GAP lines, when at least PANEL_COOKIE_LINES lines speak of cookies and most of them as a panel does (a
    label, or a word of consent), so an article about baking cookies next to a banner stays."""
    if not banners:
        return []
    info, lines = analysis(ctx), ctx.lines
    nonblank = info.nonblank
    panel_words = ctx.lexicons.get("cookies").terms("panel")
    # the positions n in nonblank of the lines about cookies after the first banner, where a panel can be (found in C)
    after = bisect_left(nonblank, banners[0]) + 1
    about_cookies = [after + n for n in positions_showing(lines, nonblank[after:], ("ookie", "OOKIE"))]
    panels, reached = [], -1
    for banner in banners:
        start = bisect_left(nonblank, banner)  # (its position: a banner line is a non-blank one)
        if start <= reached:
            continue
        members = [n for n in about_cookies if n > start]
        end, found = start, []
        for n in members:
            if n - end > PANEL_GAP:
                break
            end = n
            found.append(nonblank[n])
        reached = end
        consent = sum(1 for i in found if info.count(i) <= PANEL_LABEL_WORDS or not panel_words.isdisjoint(info.seq(i)))
        if len(found) >= PANEL_COOKIE_LINES and 2 * consent >= len(found):
            panels.append(range(banner, nonblank[end] + 1))
    return panels
