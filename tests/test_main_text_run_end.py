"""A run of main text ends at its last paragraph or finished sentence: teaser headlines after a "More information:"
link count a little for a run (an unfinished line of prose-like words), but not enough to carry it over the link."""

import pytest

from rules_helpers import BODY, TITLE, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR

MORE = {"en": "More information:", "de": "Weitere Informationen:", "es": "Más información:"}
# other stories' headlines: long enough and with enough common words to be near-prose, but no finished sentence
TEASERS = {
    "en": [
        "The mayor and her deputy explain why the new bus lanes in the old town will not open before the summer",
        "A family from the harbour district has been waiting for a new flat for more than three years now",
        "What the rising price of heating oil means for the people who live on the islands in the winter",
        "Why the football club from the north of the town wants to build its new stadium on the old airfield",
        "How a small bakery in the market square has survived for a hundred years in the heart of the city",
    ],
    "de": [
        "Die Bürgermeisterin und ihr Stellvertreter über die neuen Busspuren in der Altstadt und den Ärger im Sommer",
        "Eine Familie aus dem Hafenviertel wartet seit mehr als drei Jahren auf eine neue Wohnung in der Innenstadt",
        "Der steigende Preis für Heizöl und was er für die Menschen auf den Inseln im Winter bedeutet",
        "Der Fußballverein aus dem Norden der Stadt und sein Plan für ein neues Stadion auf dem alten Flugplatz",
        "Eine kleine Bäckerei am Marktplatz und ihre hundert Jahre mitten in der Altstadt",
    ],
    "es": [
        "La alcaldesa y su adjunto explican por qué los nuevos carriles bus del casco antiguo no abrirán antes del verano",
        "Una familia del barrio del puerto lleva más de tres años esperando un piso nuevo en la ciudad",
        "Lo que significa la subida del precio del gasóleo para la gente que vive en las islas durante el invierno",
        "Por qué el club de fútbol del norte de la ciudad quiere construir su nuevo estadio en el antiguo aeródromo",
        "Cómo una pequeña panadería de la plaza del mercado ha sobrevivido cien años en el centro de la ciudad",
    ],
}


def page(lang: str, after: list[str]) -> list[str]:
    return [*MENU[lang], *MENU[lang][:5], TITLE[lang], *BODY[lang], *after, *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "es"])
def test_teaser_headlines_after_a_more_link_go(lang):
    result = clean(page(lang, [MORE[lang], *TEASERS[lang]]), only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    for line in [MORE[lang], *TEASERS[lang]]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", ["en", "de", "es"])
def test_paragraphs_after_the_link_still_stay(lang):
    # the same link followed by the article's own finished sentences: prose, so the run carries on over the link
    more = [f"{line.rstrip('.')}." for line in BODY[lang]]
    result = clean(page(lang, [MORE[lang], *more[:3]]), only("boilerplate.main-text"))
    for line in BODY[lang] + more[:3]:
        assert kept(result, line), line


# a site's box after the article: a menu label as its heading, then a blurb about the site (not the article's)
ABOUT = {
    "en": ("About us", "For twenty years our small team has reported on the towns along the coast, from the ferries to the fish market."),
    "de": ("Über uns", "Seit zwanzig Jahren berichtet unser kleines Team über die Orte an der Küste, von den Fähren bis zum Fischmarkt."),
    "fr": ("Qui sommes-nous", "Depuis vingt ans, notre petite équipe raconte la vie des villes de la côte, des ferries au marché aux poissons."),
}
MORE_BODY = {
    "en": [
        "The council will publish the final drawings of the barrier in the autumn, after the engineers have finished their survey of the quay.",
        "A second vote on the cost of the pumping station is planned for the spring, when the first offers from the builders are in.",
    ],
    "de": [
        "Die Stadt will die endgültigen Pläne der Sperre im Herbst vorlegen, sobald die Ingenieure die Vermessung der Kaimauer beendet haben.",
        "Über die Kosten des Pumpwerks soll im Frühjahr noch einmal abgestimmt werden, wenn die ersten Angebote der Baufirmen vorliegen.",
    ],
    "fr": [
        "La ville publiera les plans définitifs de la digue à l'automne, lorsque les ingénieurs auront terminé le relevé du quai.",
        "Un second vote sur le coût de la station de pompage est prévu au printemps, quand les premières offres des entreprises seront arrivées.",
    ],
}


def boxed_page(lang: str, after: list[str]) -> list[str]:
    return [*MENU[lang], TITLE[lang], *BODY[lang], *after, *SIDEBAR[lang], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
@pytest.mark.parametrize("recipe", [None, only("boilerplate.main-text")], ids=["default", "alone"])
def test_a_blurb_under_a_menu_label_after_the_article_goes(lang, recipe):
    label, blurb = ABOUT[lang]
    result = clean(boxed_page(lang, [label, blurb]), recipe)
    assert all(kept(result, line) for line in BODY[lang])
    assert not kept(result, blurb)


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_paragraphs_under_a_menu_label_that_carry_the_article_on_stay(lang):
    # two or more paragraphs after the label: the article goes on under a heading that happens to be a menu word
    label, _ = ABOUT[lang]
    result = clean(boxed_page(lang, [label, *MORE_BODY[lang]]), only("boilerplate.main-text"))
    for line in BODY[lang] + MORE_BODY[lang]:
        assert kept(result, line), line


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_paragraph_under_a_menu_label_early_in_the_article_stays(lang):
    # the label before most of the prose: the article's own heading, not a box after it
    label, _ = ABOUT[lang]
    lines = [*MENU[lang], TITLE[lang], BODY[lang][0], label, MORE_BODY[lang][0], *BODY[lang][1:], *SIDEBAR[lang], *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    for line in BODY[lang] + MORE_BODY[lang][:1]:
        assert kept(result, line), line


# a label closing the text whose content (a list of links, a share bar, a download) went with what follows the article
DANGLING = {
    "en": "More on the flood barrier:",
    "de": "Mehr zur Hochwassersperre am Hafen:",
    "fr": "En savoir plus sur la digue :",
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_label_left_at_the_end_of_the_text_goes(lang):
    result = clean(page(lang, [DANGLING[lang]]), only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    assert not kept(result, DANGLING[lang])


@pytest.mark.parametrize(
    "line",
    [
        "To see the new barrier in action, watch the council's video below:",  # a clause: the article's own sentence
        "The engineers explained what the barrier will do for the harbour and the market:",  # longer than a label
    ],
)
def test_a_sentence_leading_on_at_the_end_of_the_text_stays(line):
    result = clean(page("en", [line]), only("boilerplate.main-text"))
    assert kept(result, line)


def test_a_label_with_nothing_after_it_on_the_page_stays():
    lines = [*MENU["en"], *MENU["en"][:5], TITLE["en"], *BODY["en"], DANGLING["en"]]
    result = clean(lines, only("boilerplate.main-text"))
    assert kept(result, DANGLING["en"])


SECTION_LABELS = {"en": ["Highlights", "Next Page"], "de": ["Literatur", "Unsere Bildstrecken"], "fr": ["Actualités", "Page suivante"]}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
@pytest.mark.parametrize("n", [0, 1])
def test_a_section_label_left_after_the_last_sentence_goes(lang, n):
    label = SECTION_LABELS[lang][n]
    result = clean(page(lang, [label]), only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    assert not kept(result, label)


@pytest.mark.parametrize("line", ["Three more words", "Version 32-bit", "see also"])
def test_longer_lines_numbers_and_lower_case_words_after_the_last_sentence_stay(line):
    result = clean(page("en", [line]), only("boilerplate.main-text"))
    assert kept(result, line)


def test_a_section_label_with_nothing_after_it_on_the_page_stays():
    lines = [*MENU["de"], *MENU["de"][:5], TITLE["de"], *BODY["de"], "Literatur"]
    assert kept(clean(lines, only("boilerplate.main-text")), "Literatur")
