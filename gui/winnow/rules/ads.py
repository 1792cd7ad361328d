"""Family 1: advertisement markers, the labels a page prints where an ad was ("ADVERTISEMENT", "Anzeige"),
and affiliate or advertiser disclosures ("Für Links auf dieser Seite erhält … eine Provision")."""

from __future__ import annotations

import re

from winnow.core.model import Family
from winnow.kernel import phrase_in
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis, sentence_span
from winnow.text.lexicon import Lexicons

MARKER_WORDS = 8  # no ad label is longer
DISCLOSURE_WORDS = 60  # a disclosure is a sentence or two


def _labelled(lexicons: Lexicons) -> re.Pattern[str]:
    """'Anzeige: …', 'ANZEIGE - …', '(Anzeige) …': an ad label, then a separator, then the ad's text."""
    labels = "|".join(re.escape(w) for w in lexicons.get("ads").items("labels"))
    return re.compile(rf"^\W*(?:{labels})\s*(?:[:|–—>»]|-\s|\))", re.IGNORECASE)


class AdMarkers(Rule):
    id = "ads.markers"
    family = Family.ADS
    name = "Advertisement markers"
    description = (
        "Drops lines that only label an advertisement, such as “ADVERTISEMENT”, “Anzeige” or “Publicidad”, "
        "and affiliate disclosures (“We may earn a commission …”)."
    )
    params = (
        Param(
            "labelled_lines",
            "Drop labelled ad lines",
            True,
            "Also drop lines that start with an ad label and a separator, such as “Anzeige: Jetzt bestellen …”.",
        ),
        Param(
            "disclosures",
            "Drop affiliate disclosures",
            True,
            "Drop lines saying the site earns a commission on its links (“We may receive compensation …”).",
        ),
    )

    def apply(self, ctx: Context) -> None:
        ads = ctx.lexicons.get("ads")
        info = analysis(ctx)
        ctx.drop_all(info.equal_lines(ads, MARKER_WORDS), self, "advertisement marker")  # (non-blank lines: each live one goes)
        if self["disclosures"]:
            terms, self_reference = ads.phrases("disclosure_terms"), ads.phrases("disclosure_self")
            for i in info.phrase_lines(terms):  # (each holds an anchor of the terms: phrase_in finds what terms.finds would)
                if ctx.is_live(i) and info.count(i) <= DISCLOSURE_WORDS and phrase_in(terms.by_anchor, info.seqs[i]) and info.finds(self_reference, i):
                    for j in sentence_span(ctx, i):
                        ctx.drop(j, self, "affiliate or advertiser disclosure")
        if self["labelled_lines"]:
            labels, labelled = ads.terms("labels"), ctx.lexicons.derived(_labelled)
            # the regex runs only on lines that start with a label word (found by the analysis's index of first words)
            for i in info.lines_starting(labels):
                if ctx.is_live(i) and labelled.match(ctx.lines[i]):
                    ctx.drop(i, self, "labelled as an advertisement")
