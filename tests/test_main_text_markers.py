"""The main-text detector's closing markers: a word that heads comment sections ends the article only where it
stands as a heading, not amid running text (a table's column, a term in a sentence split at links)."""

import pytest

from rules_helpers import BODY, TITLE, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR

# a table inside the article whose last column is headed by a word that also heads comment sections
TABLE = {
    "en": ("Gate", "State of the gate after the storm", "Comment", "the north gate is open again", "Gate", "closed", "the seals are replaced"),
    "de": ("Tor", "Zustand des Tores nach dem Sturm", "Kommentar", "das Nordtor ist wieder offen", "Tor", "zu", "die Dichtungen werden ersetzt"),
}
LATER = {
    "en": BODY["en"][3] + " The first tenders will be published in the spring, after the council has approved the plans.",
    "de": BODY["de"][3] + " Die ersten Ausschreibungen folgen im Frühjahr, sobald der Stadtrat die Pläne beschlossen hat.",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_comment_heading_word_amid_the_text_does_not_end_the_article(lang):
    # (with every rule: the page-furniture rule takes the lone word for a comment counter's label)
    lines = [*MENU[lang], TITLE[lang], *BODY[lang], *TABLE[lang], LATER[lang], *BODY[lang][:3], *SIDEBAR[lang], *FOOTER[lang]]
    result = clean(lines)
    for line in (*BODY[lang], *TABLE[lang][:2], *TABLE[lang][3:], LATER[lang]):
        assert kept(result, line), line


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_comment_heading_after_the_text_still_ends_it(lang):
    comments = ("reader42", LATER[lang])
    lines = [*MENU[lang], TITLE[lang], *BODY[lang], "", TABLE[lang][2], "", *comments, *SIDEBAR[lang], *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    assert not kept(result, LATER[lang])
