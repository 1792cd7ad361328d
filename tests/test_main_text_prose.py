"""The main-text detector's judgement of prose: sentences full of names, and the language it reads them in."""

from pathlib import Path

import pytest

from rules_helpers import BODY, TITLE, clean, document, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR
from winnow import resources
from winnow.pipeline import Cleaner
from winnow.rules.boilerplate import is_author_box
from winnow.text.language import LanguageIdentifier
from winnow.text.lexicon import Lexicons

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


def test_the_detector_reads_the_lexicons_it_is_handed(tmp_path):
    # a made-up language's menu link and "read more" link, in a user lexicon folder: no code change needed
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "qx.toml").write_text('equal = ["Zum Blorf"]\nread_more = ["Blorf weiter"]\n', encoding="utf-8")
    lines = [*BODY["en"], "Zum Blorf", *BODY["en"][:2]]
    recipe = only("boilerplate.main-text")
    assert kept(Cleaner(recipe).clean(document(lines)), "Zum Blorf")
    assert not kept(Cleaner(recipe, lexicons=Lexicons([resources.resource("lexicons"), tmp_path])).clean(document(lines)), "Zum Blorf")
    # and the shipped lists come from one file per language, none mixing them
    for path in (Path(str(resources.resource("lexicons"))) / "boilerplate").glob("*.toml"):
        assert path.stem in {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "zh", "ja"}


@pytest.mark.parametrize(
    "bio",
    [
        "Mark di Stefano is a breaking news reporter for the Harbour Times and is based in Sydney, Australia.",
        "Jan van der Berg is a correspondent for the Harbour Times in Rotterdam.",
        "Maria de la Cruz es periodista y escribe sobre el puerto desde 2015.",
        "Anna von Stein ist Redakteurin bei der Hafenzeitung.",
    ],
)
def test_an_author_box_whose_name_has_particles_is_an_author_box(bio):
    assert is_author_box(bio)


@pytest.mark.parametrize(
    "line",
    [
        "The port of Rotterdam is a correspondent bank's largest client, the report said.",  # no name before the verb
        "Mark di Stefano is the harbour's oldest pub, opened in 1850.",  # no job named
        "Paris de la Cruz est un quartier animé.",
    ],
)
def test_sentences_that_only_look_like_author_boxes_are_not(line):
    assert not is_author_box(line)
