"""The main-text detector for flattened pages: keeps the article, drops menus, footers and link lists around it."""

import pytest

from rules_helpers import BODY, TITLE, article, clean, kept, kept_lines, only
from winnow.core.model import Family
from winnow.rules.boilerplate import MainText, is_author_box, is_junk, maximal_segments
from winnow.rules.shared import continues
from winnow.text.lexicon import key

MENU = {
    "en": ["Home", "News", "Sport", "Business", "Culture", "Travel", "Weather", "Sign In", "Subscribe", "Search"],
    "de": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Reise", "Wetter", "Anmelden", "Abo", "Suche"],
    "fr": ["Accueil", "Politique", "Économie", "Sport", "Culture", "Voyage", "Météo", "Connexion", "Abonnement", "Rechercher"],
    "es": ["Inicio", "Política", "Economía", "Deportes", "Cultura", "Viajes", "Tiempo", "Iniciar sesión", "Suscripción", "Buscar"],
}
FOOTER = {
    "en": ["About us", "Contact", "Privacy Policy", "Terms of Use", "Careers", "© 2020 Harbour Times. All rights reserved."],
    "de": ["Über uns", "Kontakt", "Impressum", "Datenschutz", "AGB", "© 2020 Hafenblatt GmbH. Alle Rechte vorbehalten."],
    "fr": ["Qui sommes-nous", "Contact", "Mentions légales", "Politique de confidentialité", "© 2020 Le Port. Tous droits réservés."],
    "es": ["Quiénes somos", "Contacto", "Aviso legal", "Política de privacidad", "© 2020 El Puerto. Todos los derechos reservados."],
}
SIDEBAR = {
    "en": ["Rail strike ends after pay deal", "Museum reopens medieval gallery", "Storm warning for the weekend", "Local team wins cup final"],
    "de": ["Bahnstreik endet nach Einigung", "Museum eröffnet Galerie neu", "Sturmwarnung für das Wochenende", "Heimteam gewinnt Pokalfinale"],
    "fr": ["Fin de la grève des trains", "Le musée rouvre sa galerie", "Alerte tempête ce week-end", "Victoire en finale de coupe"],
    "es": ["Huelga de trenes paraliza Madrid", "El museo reabre su galería", "Aviso de tormenta este fin de semana", "El equipo local gana la copa"],
}


def flattened_page(lang: str, middle: tuple[str, ...] = ()) -> list[str]:
    """A page as a naive scraper flattens it: menu, title, article, sidebar teasers, footer, one text node a line."""
    return [*MENU[lang], *MENU[lang][:5], *article(lang, middle=middle), *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_flattened_page_keeps_the_article_only(lang):
    result = clean(flattened_page(lang))
    assert kept_lines(result) == article(lang)
    for line in MENU[lang] + SIDEBAR[lang] + FOOTER[lang]:
        removal = next(r for text, r in zip(result.lines, result.removals) if text == line)
        assert removal is not None, line
    assert any(r is not None and r.family is Family.BOILERPLATE for r in result.removals)


def test_sentence_split_at_inline_elements_stays_whole():
    # "Die <a>Zutrittsbestimmungen zur DB Lounge</a>: Ab 15. Dezember 2019 …" flattened into three lines
    pieces = ("Die", "Zutrittsbestimmungen zur DB Lounge", ": Ab 15. Dezember 2019 gelten für Reisende mit Fahrkarten der ersten Klasse neue Regeln.")
    result = clean(flattened_page("de", middle=pieces))
    for piece in pieces:
        assert kept(result, piece), piece
    assert "Die Zutrittsbestimmungen zur DB Lounge : Ab 15. Dezember" in " ".join(result.text.split())


def test_short_fragments_between_paragraphs_stay():
    items = ("Vorteile", "Verschleiß wird schnell kompensiert", "Li-Seifen/Mineralöl", "125 ml")
    result = clean(flattened_page("de", middle=items))
    for item in items:
        assert kept(result, item), item


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_ordinary_articles_are_left_untouched(lang):
    lines = article(lang)
    assert kept_lines(clean(lines, only("boilerplate.main-text"))) == lines
    # a long ordinary text with a few short sub-headings is not a flattened page either
    long_text = [TITLE[lang]] + [p for _ in range(8) for p in (BODY[lang][0], "Part two", BODY[lang][1], BODY[lang][2])]
    assert kept_lines(clean(long_text, only("boilerplate.main-text"))) == long_text


def test_menu_and_legal_lines_go_even_from_ordinary_articles():
    lines = article("de", "Impressum", "Impressum & Datenschutz", "Zurück zur Übersicht")
    result = clean(lines, only("boilerplate.main-text"))
    assert kept_lines(result) == article("de")
    assert all(r.reason == "navigation or legal link" for r in result.removals if r is not None)


def test_a_lone_menu_word_inside_a_sentence_stays():
    lines = article("de", "Nehmen Sie", "Kontakt", "mit dem Rathaus auf, wenn Sie Fragen zur Hochwassersperre haben.")
    assert kept(clean(lines, only("boilerplate.main-text")), "Kontakt")


def test_comment_section_after_the_article_goes_even_when_longer():
    comments = ["12 Kommentare"]
    for n in range(6):
        comments += [f"Leser{n}", "Antworten", BODY["de"][n % 4].replace("Stadtrat", f"Rat {n}") + " Das finde ich gut."]
    result = clean(flattened_page("de")[:-len(FOOTER["de"])] + comments + FOOTER["de"])
    assert kept_lines(result) == article("de")


def test_author_box_after_the_article_goes():
    bio = "Maria Jensen is a senior writer for the Harbour Times, covering city politics and the environment since 2012."
    result = clean(flattened_page("en", middle=()) [: -len(FOOTER["en"]) - 9] + [bio] + SIDEBAR["en"] + FOOTER["en"])
    assert not kept(result, bio)
    assert is_author_box(bio)
    assert not is_author_box("The minister is a writer too, he said at the harbour.")


def test_html_documents_are_left_to_extraction_unless_asked():
    lines = flattened_page("en")
    assert kept_lines(clean(lines, only("boilerplate.main-text"), fmt="html")) == lines
    assert kept_lines(clean(lines, only("boilerplate.main-text", on_html=True), fmt="html")) == article("en")


def test_rule_can_be_switched_off():
    lines = flattened_page("en")
    assert kept_lines(clean(lines, Recipe_without("boilerplate.main-text"))) != article("en")


def Recipe_without(rule_id):
    from winnow.recipe import Recipe

    return Recipe().with_enabled(rule_id, False)


def test_maximal_segments_finds_every_rich_stretch():
    values = [4, -5, 3, -3, 1, 2, -2, 2, -2, 1, 5]
    assert maximal_segments(values) == [(4, 0, 0), (3, 2, 2), (7.0, 4, 10)]
    assert maximal_segments([-1, -2]) == []


@pytest.mark.parametrize(
    "previous, line, joined",
    [
        ("Last month, researchers at", "OpenAI", True),
        ("OpenAI", "in San Francisco revealed", True),
        ("Die", "Zutrittsbestimmungen zur DB Lounge", True),
        ("Zutrittsbestimmungen zur DB Lounge", ": Ab 15. Dezember 2019", True),
        ("Related Posts", "Beach Waves: So bekommt ihr Volumen", False),
        ("Home", "News", False),
        ("„Das ist gut.“", "Zurück zur Übersicht", False),
    ],
)
def test_split_sentences_are_recognised(previous, line, joined):
    from winnow.text.words import stoplist

    stop = stoplist("en") | stoplist("de")
    assert continues(previous, line, stop) is joined


@pytest.mark.parametrize("line", ["Impressum", "Datenschutzerklärung", "Mentions légales", "Aviso legal", "Skip to main content", "Impressum | Datenschutz | AGB"])
def test_junk_lines(line):
    assert is_junk(key(line))


@pytest.mark.parametrize("line", ["Impressum und Datenschutz sind Pflicht für jede Website, sagt der Anwalt.", "Home sweet home", "Kontakt und Anfahrt"])
def test_not_junk(line):
    assert not is_junk(key(line))


def test_params_are_bounded_for_the_window():
    for p in MainText.params:
        if p.kind in (int, float):
            assert p.minimum is not None and p.maximum is not None and p.minimum <= p.default <= p.maximum
