"""Short lines glued into one block by the function words between them ('Anna' / 'bei' / 'Title' …) are a list
(a "recent comments" widget, a row of tags), not a paragraph, however many common words they hold."""

import pytest

from rules_helpers import BODY, TITLE, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR

RECENT = {
    "en": [
        "Recent comments",
        "Anna",
        "on",
        "Ten years of the town choir",
        "Ben",
        "on",
        "Why the ferry runs late in winter",
        "Carla",
        "on",
        "Ten years of the town choir",
        "Dan",
        "on",
        "A walk along the new dyke",
    ],
    "de": [
        "Letzte Kommentare",
        "Anna",
        "bei",
        "Zehn Jahre Stadtchor",
        "Ben",
        "bei",
        "Warum die Fähre im Winter zu spät ist",
        "Carla",
        "bei",
        "Zehn Jahre Stadtchor",
        "Dan",
        "bei",
        "Ein Weg auf dem neuen Deich",
    ],
}
# a sentence cut by links into as many short pieces, but finished: prose
LINKED = {
    "en": ["Read the", "council minutes", "and the", "planning office", "report on the", "flood barrier published on Tuesday."],
    "de": ["Lesen Sie das", "Protokoll", "und den", "Bericht", "des Planungsamts zur", "Hochwassersperre vom vergangenen Dienstag."],
}


def page(lang: str, after: list[str]) -> list[str]:
    return [*MENU[lang], *MENU[lang][:5], TITLE[lang], *BODY[lang], *after, *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_recent_comments_list_after_the_article_goes(lang):
    result = clean(page(lang, RECENT[lang]), only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    for line in RECENT[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_finished_sentence_cut_by_links_stays(lang):
    result = clean(page(lang, LINKED[lang]), only("boilerplate.main-text"))
    for line in BODY[lang] + LINKED[lang]:
        assert kept(result, line), line
