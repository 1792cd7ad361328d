"""The main-text detector's judgement of prose: sentences full of names, and the language it reads them in."""

import pytest

from rules_helpers import BODY, TITLE, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR
from winnow.text.language import LanguageIdentifier

# a finished sentence that is mostly names, places and figures: few common words, still the article's
NAMES = {
    "en": "Harbour Times readers in Bergen, Tromsø, Ålesund, Stavanger and Kristiansand got Monday's print edition late.",
    "es": "La nueva línea llegará a Bolivia, Brasil, Chile, Colombia, Costa Rica, Ecuador, México, Panamá y Perú.",
    "de": "Die Fähre verkehrt künftig zwischen Kiel, Oslo, Göteborg, Kopenhagen, Rostock, Gdynia und Klaipėda.",
}


def page(lang: str, lead: str) -> list[str]:
    """A flattened page whose article opens with `lead` right after its title."""
    return [*MENU[lang], *MENU[lang][:5], TITLE[lang], lead, *BODY[lang], *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_a_sentence_full_of_names_stays_with_its_article(lang):
    result = clean(page(lang, NAMES[lang]), only("boilerplate.main-text"))
    assert kept(result, NAMES[lang])
    assert kept(result, BODY[lang][0])
    for line in SIDEBAR[lang] + FOOTER[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", ["en", "de"])  # (the Spanish one has common words enough to be near-prose anyway)
def test_names_without_a_full_stop_are_no_sentence(lang):
    # the same names as a list (a tag line, a link row) after the sidebar: not prose, not taken in
    tags = NAMES[lang].rstrip(".")
    lines = [*MENU[lang], TITLE[lang], *BODY[lang], *SIDEBAR[lang], *MENU[lang][1:6], tags, *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    assert kept(result, BODY[lang][0])
    assert not kept(result, tags)
    for line in SIDEBAR[lang]:
        assert not kept(result, line), line


def test_a_notice_in_another_language_does_not_decide_the_language():
    # the longest line of the page is a cookie notice in the site's language, the article is in English
    notice = (
        "Deze site gebruikt cookies van Google en andere partijen om diensten te leveren, advertenties te personaliseren en "
        "verkeer te analyseren. Informatie over uw gebruik van deze site wordt gedeeld met onze partners."
    )
    lines = [notice, BODY["en"][1] + " It was the largest single item in the council's budget.", *BODY["en"]]
    found = LanguageIdentifier.shared().identify(lines)
    assert found is not None and found.code == "en"
    french = [BODY["fr"][0] + " C'est le plus gros poste du budget cette année.", *BODY["fr"], "Deze site gebruikt cookies van Google om diensten te leveren."]
    assert LanguageIdentifier.shared().identify(french).code == "fr"
