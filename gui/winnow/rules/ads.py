"""Family 1: advertisement markers, the labels a page prints where an ad was ("ADVERTISEMENT", "Anzeige")."""

from __future__ import annotations

import re
from functools import lru_cache

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis
from winnow.text.lexicon import lexicon

MARKER_WORDS = 8  # no ad label is longer


@lru_cache(maxsize=1)
def _labelled() -> re.Pattern[str]:
    """'Anzeige: …', 'ANZEIGE - …', '(Anzeige) …': an ad label, then a separator, then the ad's text."""
    labels = "|".join(re.escape(w) for w in lexicon("ads").extra["labels"])
    return re.compile(rf"^\W*(?:{labels})\s*(?:[:|–—>»]|-\s|\))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon("ads").extra["labels"])


class AdMarkers(Rule):
    id = "ads.markers"
    family = Family.ADS
    name = "Advertisement markers"
    description = "Drops lines that only label an advertisement, such as “ADVERTISEMENT”, “Anzeige” or “Publicidad”."
    params = (
        Param(
            "labelled_lines",
            "Drop labelled ad lines",
            True,
            "Also drop lines that start with an ad label and a separator, such as “Anzeige: Jetzt bestellen …”.",
        ),
    )

    def apply(self, ctx: Context) -> None:
        ads = lexicon("ads")
        info = analysis(ctx)
        for i in info.short_lines(MARKER_WORDS):
            if ctx.is_live(i) and info.keys[i] in ads.equal:
                ctx.drop(i, self, "advertisement marker")
        if self["labelled_lines"]:
            labels = _label_words()
            for i, seq in enumerate(info.seqs):  # the regex runs only on lines that start with a label word
                if seq and seq[0] in labels and ctx.is_live(i) and _labelled().match(ctx.lines[i]):
                    ctx.drop(i, self, "labelled as an advertisement")
