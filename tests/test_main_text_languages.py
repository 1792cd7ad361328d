"""The main-text detector reads a block's prose in whichever supported language it is written: a page's language
is identified once for the whole page, and a page mixing languages (an English programme on a German site, a German
guestbook on a page identified as English) would otherwise see no common words in its article at all."""

import pytest

from rules_helpers import BODY, TITLE
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR
from winnow.core.model import Document
from winnow.rules.base import Context
from winnow.rules.boilerplate import MainText
from winnow.stages.analyse import Analysis
from winnow.text.words import best_stopword_density, stopword_density, stoplist

# a second article per language, split a paragraph a line as a flattened page has it: each line long enough to be judged
MORE = {
    "en": [
        "The new ferry line between the two islands will run every hour from May, and tickets will cost less than before.",
        "Most of the people who live on the smaller island work in the town, so the council says that the ferry is a lifeline.",
    ],
    "de": [
        "Die neue Fährlinie zwischen den beiden Inseln soll ab Mai jede Stunde fahren, und die Fahrkarten werden billiger als bisher.",
        "Die meisten Menschen auf der kleineren Insel arbeiten in der Stadt, deshalb sei die Fähre für sie eine Lebensader, sagt der Rat.",
    ],
    "fr": [
        "La nouvelle ligne de ferry entre les deux îles circulera toutes les heures à partir de mai, et les billets seront moins chers.",
        "La plupart des habitants de la petite île travaillent en ville, et le conseil dit que le ferry est pour eux une bouée de sauvetage.",
    ],
}


def judge(lines: list[str], page_language: str):
    """The main-text rule alone on `lines`, with the page's language identified as `page_language`."""
    ctx = Context.for_lines(Document(source="t/page.txt", format="text", content="", lines=lines), lines, Analysis(lines, page_language))
    MainText().apply(ctx)
    return {line: ctx.removals[i] for i, line in enumerate(lines)}


def page(site: str, article: str) -> list[str]:
    """A flattened page: the site's menus, sidebar and footer in one language, the article in another."""
    return [*MENU[site], *MENU[site][:5], TITLE[article], *BODY[article], *MORE[article], *SIDEBAR[site], *MENU[site][1:6], *FOOTER[site]]


@pytest.mark.parametrize(("site", "article"), [("en", "de"), ("en", "fr"), ("de", "fr"), ("fr", "de"), ("es", "de"), ("de", "en")])
def test_an_article_in_another_language_than_the_page_stays(site, article):
    removals = judge(page(site, article), site)  # the page identified in the site's language
    for line in BODY[article] + MORE[article]:
        assert removals[line] is None, line
    for line in SIDEBAR[site] + FOOTER[site] + MENU[site][:3]:
        assert removals[line] is not None, line


@pytest.mark.parametrize(("site", "article"), [("de", "en"), ("en", "de")])
def test_a_short_line_in_another_language_outside_the_article_still_goes(site, article):
    # a short sentence in another language at the foot of the page (a robots notice) is not the article: lines too
    # short to tell their language are judged by the page's own common words
    notice = {"en": "This box is for robots and should not be seen.", "de": "Dieses Feld ist für Roboter und bleibt leer."}[article]
    lines = [*MENU[site], TITLE[site], *BODY[site], *SIDEBAR[site], *MENU[site][1:6], *FOOTER[site], notice]
    removals = judge(lines, site)
    assert removals[notice] is not None
    assert all(removals[line] is None for line in BODY[site])


def test_the_best_density_is_the_language_of_the_text():
    for lang in ("en", "de", "fr"):
        for line in BODY[lang] + MORE[lang]:
            best = best_stopword_density(line.casefold().split())
            assert best >= stopword_density(line, stoplist(lang)) >= 0.3, line
    # other languages' lists do not make a row of names or a product's figures into prose (single words may be
    # common nouns somewhere, "Home", "Sport": the detector asks only blocks long enough to tell)
    for line in ("Angela Merkel Emmanuel Macron Joe Biden Xi Jinping Olaf Scholz", "iPhone 15 Pro Max 256 GB 1.299 € 4,7 Sterne 5G"):
        assert best_stopword_density(line.casefold().split()) < 0.3, line
    assert best_stopword_density([]) == 0.0
