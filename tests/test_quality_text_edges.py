"""The main-text detector on flattened pages, at the article's edges: a recipe card or fact box between two parts of
the article with a print or share button in it, and the lead (standfirst) between the headline and the byline."""

from __future__ import annotations

import pytest

from rules_helpers import BODY, TITLE, article, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU, SIDEBAR

INGREDIENTS = {  # a recipe card's list as a flattened page shows it: the amount a line, the ingredient the next
    "de": ("Zutaten", "Quark Sahne Zitronen Mandeln Rosinen Mehl Zucker Eier Backpulver Butter Salz Milch Vanille Puderzucker Zimt"),
    "en": ("Ingredients", "Quark Cream Lemons Almonds Raisins Flour Sugar Eggs Baking-powder Butter Salt Milk Vanilla Icing-sugar Cinnamon"),
    "fr": ("Ingrédients", "Fromage-blanc Crème Citrons Amandes Raisins Farine Sucre Œufs Levure Beurre Sel Lait Vanille Sucre-glace Cannelle"),
}
BUTTONS = {"de": "Rezept drucken", "en": "Print recipe", "fr": "Imprimer la recette"}
CARDS = {
    lang: [BUTTONS[lang], heading, *(line for n, item in enumerate(items.split()) for line in (f"{n * 50 + 20} g", item.replace("-", " ")))]
    for lang, (heading, items) in INGREDIENTS.items()
}


def paragraphs(lang: str, count: int) -> list[str]:
    """`count` paragraphs of the article, each two of the body's sentences (a long article is a strong run)."""
    body = BODY[lang]
    return [f"{body[n % 4]} {body[(n + 1 + n // 4) % 4]}" for n in range(count)]  # no two alike (up to twelve)


def card_page(lang: str, card: list[str], after: tuple[str, ...] = ()) -> list[str]:
    """Menu, headline, four paragraphs, the card, four more paragraphs, teasers and footer."""
    text = paragraphs(lang, 8)
    return [*MENU[lang], *MENU[lang][:5], TITLE[lang], *text[:4], *card, *text[4:], *after, *SIDEBAR[lang], *FOOTER[lang]]


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_a_recipe_card_past_its_print_button_between_two_parts_of_the_article_stays(lang):
    card = CARDS[lang]
    result = clean(card_page(lang, card))
    for line in [*paragraphs(lang, 8), *card[1:]]:
        assert kept(result, line), line
    assert not kept(result, card[0])  # the button itself goes
    for line in SIDEBAR[lang] + FOOTER[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_teasers_past_a_share_button_after_the_article_stay_out(lang):
    # only a gap between two kept stretches is filled: what follows the article's end is not one
    share = {"de": "Teilen", "en": "Share", "fr": "Partager"}[lang]
    result = clean(card_page(lang, [], after=(share,)))
    for line in paragraphs(lang, 8):
        assert kept(result, line), line
    for line in [share, *SIDEBAR[lang]]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_a_gap_past_a_button_that_holds_the_pages_legal_links_stays_out(lang):
    # a footer's links are no article's fragments, wherever they sit
    button = CARDS[lang][0]
    legal = FOOTER[lang][:4]
    result = clean(card_page(lang, [button, *legal]))
    for line in legal:
        assert not kept(result, line), line


LEADS = {
    "de": (
        "Nach zwei Wintern mit schweren Sturmschäden soll eine neue Hochwassersperre den Hafen und die Wohnungen schützen.",
        "Von Anna Schmidt",
        "12.03.2024",
    ),
    "en": (
        "After two winters of storm damage, a new flood barrier is meant to protect the harbour and the homes around it.",
        "By Ann Smith",
        "12 March 2024",
    ),
    "fr": (
        "Après deux hivers de tempêtes, une nouvelle digue doit protéger le port et les logements autour du marché.",
        "Par Anne Martin",
        "12 mars 2024",
    ),
    "es": (
        "Tras dos inviernos de temporales, una nueva barrera debe proteger el puerto y las viviendas junto al mercado.",
        "Por Ana García",
        "12 de marzo de 2024",
    ),
}


SUBHEADING = {"de": "Zwei Winter voller Schäden", "en": "Two winters of damage", "fr": "Deux hivers de dégâts", "es": "Dos inviernos de daños"}
READ_ALSO = {"de": "Lesen Sie auch", "en": "Read also", "fr": "Lire aussi", "es": "Lea también"}


def lead_page(lang: str, headline: str, lead: str) -> list[str]:
    """Menu, headline, lead, byline and date, a link to another story, a sub-heading, the article, teasers, footer."""
    _, byline, date = LEADS[lang]
    other = (READ_ALSO[lang], SIDEBAR[lang][0])
    return [*MENU[lang], *MENU[lang][:5], headline, lead, byline, date, *other, SUBHEADING[lang], *paragraphs(lang, 8), *SIDEBAR[lang][1:], *FOOTER[lang]]


@pytest.mark.parametrize("lang", sorted(LEADS))
def test_the_lead_under_the_headline_and_over_the_byline_stays_with_the_article(lang):
    lead, byline, date = LEADS[lang]
    result = clean(lead_page(lang, TITLE[lang], lead))
    assert kept(result, lead)
    for line in paragraphs(lang, 8):
        assert kept(result, line), line
    for line in [TITLE[lang], byline, date, READ_ALSO[lang], *MENU[lang], *SIDEBAR[lang]]:
        assert not kept(result, line), line


OFF_TOPIC = {  # a site's motto under its name: a sentence, but on no article's topic
    "de": "Wir berichten seit über hundert Jahren unabhängig über alles, was Menschen bewegt.",
    "en": "We have been reporting independently for over a hundred years on everything that moves people.",
    "fr": "Nous informons en toute indépendance depuis plus de cent ans sur tout ce qui fait bouger les gens.",
    "es": "Contamos con independencia desde hace más de un siglo todo lo que mueve a la gente.",
}
QUESTIONS = {  # a question under the page's name is a headline, not a lead, however long
    "de": "Lohnt sich eine neue Hochwassersperre für 40 Millionen Euro am Hafen wirklich für die Stadt?",
    "en": "Is a new flood barrier for 40 million euros at the harbour really worth it for the town?",
    "fr": "Une nouvelle digue à 40 millions d'euros au port vaut-elle vraiment la peine pour la ville ?",
    "es": "¿Vale de verdad la pena una nueva barrera de 40 millones de euros en el puerto para la ciudad?",
}


@pytest.mark.parametrize("lang", sorted(LEADS))
@pytest.mark.parametrize("kind", ["off topic", "question", "short"])
def test_a_line_over_the_byline_that_is_no_lead_stays_out(lang, kind):
    line = {"off topic": OFF_TOPIC, "question": QUESTIONS}[kind][lang] if kind != "short" else TITLE[lang] + "."
    result = clean(lead_page(lang, "Hafenblatt" if kind == "off topic" else MENU[lang][1], line))
    assert not kept(result, line)
    for body_line in paragraphs(lang, 8):
        assert kept(result, body_line), body_line


POSTS = {  # a blog's links to its neighbours under a post: an arrow alone on its line beside the other post's title
    "de": ("Unser Ausflug an die Ostsee im Herbst", "Die besten Rezepte für den Winter"),
    "en": ("Our trip to the Baltic coast in autumn", "The best recipes for the winter"),
    "fr": ("Notre voyage sur la côte de la Baltique", "Les meilleures recettes pour l'hiver"),
}


TEASER_RULE = "headlines.cut-teasers"  # the rule alone: on a whole page the detector may leave the links out already


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_the_links_to_the_previous_and_next_post_go(lang):
    older, newer = POSTS[lang]
    page = [TITLE[lang], *paragraphs(lang, 6), "←", older, newer, "→"]
    result = clean(page, only(TEASER_RULE))
    for line in ("←", older, newer, "→"):
        assert not kept(result, line), line
    for line in paragraphs(lang, 6):
        assert kept(result, line), line


def test_an_older_posts_title_split_at_a_link_goes_whole():
    pieces = ["[Interview] Die Pläne der", "Stadtwerke", "für das neue Hafenbad"]
    result = clean([TITLE["de"], *paragraphs("de", 6), "←", *pieces], only(TEASER_RULE))
    for line in pieces:
        assert not kept(result, line), line


@pytest.mark.parametrize(
    "lang, diagram",
    [
        ("de", ["Die Reaktion verläuft in zwei Schritten:", "Glucose", "→", "Pyruvat", "und weiter zu Laktat, wenn Sauerstoff fehlt."]),
        ("en", ["The order of the steps is", "Planning and design", "→", "Building the barrier", "and then the council checks the work every year."]),
        ("fr", ["Le chantier suit cet ordre :", "Études du sol", "→", "Construction de la digue", "puis le contrôle du conseil chaque année."]),
    ],
)
def test_an_arrow_inside_the_article_stays(lang, diagram):
    text = paragraphs(lang, 6)
    result = clean([TITLE[lang], *text[:3], *diagram, *text[3:]], only(TEASER_RULE))
    for line in diagram:
        assert kept(result, line), line


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("de", "Mehr dazu lesen Sie im zweiten Teil unserer Serie über den Hafen."),
        ("en", "You can read more in the second part of our series on the harbour."),
    ],
)
def test_a_finished_sentence_before_an_arrow_stays(lang, sentence):
    result = clean([TITLE[lang], *paragraphs(lang, 6), sentence, "→"], only(TEASER_RULE))
    assert kept(result, sentence)


def test_html_pages_keep_their_arrows_for_extraction_to_judge():
    older, _ = POSTS["en"]
    result = clean([TITLE["en"], *paragraphs("en", 6), "←", older], only(TEASER_RULE), fmt="html")
    assert kept(result, older)


REFERENCES = {  # an article's list of sources under it, in the styles sciences and encyclopaedias use
    "de": (
        "Literatur",
        [
            "Müller K, Schmidt A, 2004. Hochwasserschutz an der Küste. In: Wasser und Boden, 56/3, S. 12 – 19.",
            "Becker T, 1999. Sturmfluten im Wandel der Zeit.",
            "Hansen, Jörg (Hrsg.): Küstenschutz heute. Kiel 2012, S. 201",
        ],
    ),
    "en": (
        "References",
        [
            "Smith J, Brown K, 2015. Storm surges and harbour defences. Coastal Engineering 98, pp. 12-25.",
            "Jones, P. (2008). Flood barriers in small ports. London: Harbour Press.",
            "Miller A, 2019. doi:10.1000/flood.2019.42",
        ],
    ),
    "fr": (
        "Bibliographie",
        [
            "Martin P, Durand L, 2011. Les digues du littoral. In: Revue du génie côtier, 14/2, p. 33 – 41.",
            "Bernard, Claire (dir.) : Ports et tempêtes. Paris, Presses du port, 2016, p. 87",
            "Petit J, 2003. Histoire des inondations.",
        ],
    ),
}


@pytest.mark.parametrize("lang", sorted(REFERENCES))
def test_the_articles_list_of_references_stays(lang):
    heading, references = REFERENCES[lang]
    page = [*MENU[lang], *MENU[lang][:5], TITLE[lang], *paragraphs(lang, 6), heading, *references, *SIDEBAR[lang], *FOOTER[lang]]
    result = clean(page)
    for line in [*paragraphs(lang, 6), heading, *references]:
        assert kept(result, line), line
    for line in SIDEBAR[lang] + FOOTER[lang]:
        assert not kept(result, line), line


@pytest.mark.parametrize("lang", sorted(REFERENCES))
def test_dated_teasers_after_the_article_are_no_references(lang):
    teasers = [f"{headline} ({day}.03.2024)" for day, headline in enumerate(SIDEBAR[lang], 10)]
    page = [*MENU[lang], *MENU[lang][:5], TITLE[lang], *paragraphs(lang, 6), *teasers, *FOOTER[lang]]
    result = clean(page)
    for line in teasers:
        assert not kept(result, line), line


def test_the_line_after_an_older_posts_title_stays_when_it_does_not_carry_the_title_on():
    after = ["Anna-1010", "schreibt:", "Ein schöner Beitrag über den Hafen, danke für die vielen Bilder und Hinweise."]
    result = clean([TITLE["de"], *paragraphs("de", 6), "←", "Ältere Kommentare", *after], only(TEASER_RULE))
    assert not kept(result, "Ältere Kommentare")
    for line in after:
        assert kept(result, line), line


OTHER_STORIES = {  # other stories' headlines a flattened page lists under the article, a section's label among them
    "de": [
        "Bahnstreik endet nach Einigung in letzter Minute",
        "Museum eröffnet seine Galerie nach zwei Jahren neu",
        "Mehr News",
        "Sturmwarnung für das lange Wochenende an der Küste",
        "Heimteam gewinnt das Pokalfinale gegen den Meister",
    ],
    "en": [
        "Rail strike ends after a last-minute pay deal",
        "Museum reopens its medieval gallery after two years",
        "More News",
        "Storm warning issued for the long weekend on the coast",
        "Why the local team won the cup final against the champions?",
    ],
    "es": [
        "La huelga de trenes termina tras un acuerdo de última hora",
        "El museo reabre su galería medieval dos años después",
        "Más noticias",
        "Aviso de tormenta para el fin de semana largo en la costa",
        "¿Por qué ganó el equipo local la final de copa?",
    ],
}


@pytest.mark.parametrize("lang", sorted(OTHER_STORIES))
def test_other_stories_headlines_stacked_after_the_articles_last_paragraph_go(lang):
    stories = OTHER_STORIES[lang]
    result = clean([TITLE[lang], *paragraphs(lang, 6), *stories], only(TEASER_RULE))
    for line in stories:
        if len(line.split()) > 3:
            assert not kept(result, line), line
    for line in paragraphs(lang, 6):
        assert kept(result, line), line


@pytest.mark.parametrize(
    "lang, closing",
    [
        (
            "de",
            [
                "Die wichtigsten Punkte des Beschlusses:",
                "Neue Sperre am Hafen für 40 Millionen Euro",
                "Baubeginn im Frühjahr nach der Planung",
                "Schutz für rund 3000 Wohnungen am Fischmarkt",
                "Einsicht in die Pläne im Rathaus bis Monatsende",
            ],
        ),
        (
            "en",
            [
                "The main points of the decision:",
                "A new barrier at the harbour for 40 million euros",
                "Work starts in spring after planning",
                "Protection for about 3,000 homes near the fish market",
                "Plans on view at the town hall until the end of the month",
            ],
        ),
    ],
)
def test_a_list_the_article_announces_stays(lang, closing):
    result = clean([TITLE[lang], *paragraphs(lang, 6), *closing], only(TEASER_RULE))
    for line in closing:
        assert kept(result, line), line


@pytest.mark.parametrize("lang", sorted(OTHER_STORIES))
def test_three_headlines_or_short_items_after_the_article_stay(lang):
    three = [line for line in OTHER_STORIES[lang] if len(line.split()) > 3][:3]
    short = ["Hafen", "Stadtrat", "Hochwasser", "Fischmarkt", "Rathaus"]
    for closing in (three, short):
        result = clean([TITLE[lang], *paragraphs(lang, 6), *closing], only(TEASER_RULE))
        for line in closing:
            assert kept(result, line), line


def test_the_articles_closing_note_in_brackets_stays_over_other_stories():
    note = "(Mit Material von dpa und AFP)"
    stories = [line for line in OTHER_STORIES["de"] if len(line.split()) > 3]
    result = clean([TITLE["de"], *paragraphs("de", 6), note, *stories], only(TEASER_RULE))
    assert kept(result, note)


def test_long_headlines_with_a_kicker_stack_too():
    stories = [f"[Exklusiv] {line}: Was die Anwohner am Hafen jetzt über die Pläne der Stadt wissen müssen" for line in OTHER_STORIES["de"][:2]]
    stories += [line for line in OTHER_STORIES["de"] if len(line.split()) > 3]
    result = clean([TITLE["de"], *paragraphs("de", 6), *stories], only(TEASER_RULE))
    for line in stories:
        assert not kept(result, line), line


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "We welcome your comments on our stories; email addresses will not be published."),
        ("de", "Diese Einwilligung kann ich jederzeit mit Wirkung für die Zukunft widerrufen."),
        ("de", "Die Einwilligung zum Newsletter kann ich jederzeit widerrufen, per E-Mail oder Brief."),
        ("fr", "Votre adresse de messagerie ne sera pas publiée."),
    ],
)
def test_comment_form_notes_and_sign_up_consent_are_prompts(lang, line):
    result = clean(article(lang, line), only("prompts.social"))
    assert not kept(result, line)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "The council said the names of the residents will not be published before the vote."),
        ("de", "Die Stadt kann die Genehmigung für die Hochwassersperre jederzeit widerrufen, sagte Jensen."),
        ("fr", "Le conseil a précisé que les noms des habitants ne seront pas publiés avant le vote."),
    ],
)
def test_article_sentences_about_publishing_or_revoking_stay(lang, line):
    result = clean(article(lang, middle=(line,)), only("prompts.social"))
    assert kept(result, line)


TITLE_PAGES = {  # a flattened page's head: menu words and another story's headline, each sharing a word with the article
    "de": ["Startseite", "Politik", "Hafen", "Fischmarkt öffnet am Sonntag wieder"],
    "en": ["Home", "Politics", "Harbour", "Fish market reopens on Sunday"],
    "fr": ["Accueil", "Politique", "Port", "Le marché aux poissons rouvre dimanche"],
}


@pytest.mark.parametrize("lang", sorted(TITLE_PAGES))
def test_the_title_is_the_headline_sharing_most_with_the_article_not_a_menu_word_above_it(lang):
    result = clean([*TITLE_PAGES[lang], TITLE[lang], *BODY[lang]])
    assert result.metadata["title"] == TITLE[lang]


def test_a_page_opening_with_its_title_keeps_it_over_a_later_headline():
    first = "Flood barrier budget approved"
    later = "Harbour council approves the flood barrier budget for the harbour and the fish market"
    result = clean([first, "Home", "News", later, *BODY["en"]])
    assert result.metadata["title"] == first


@pytest.mark.parametrize(
    "first, expected",
    [
        ("Barrier colours – The Daily Tide", "Barrier colours – The Daily Tide"),  # the page's own title, naming its site
        ("Barrier colours today", TITLE["en"]),  # a first line sharing one word, no site's name: a headline like others
    ],
)
def test_a_first_line_sharing_one_word_is_the_title_when_it_names_the_site(first, expected):
    result = clean([first, "Home", "News", TITLE["en"], *BODY["en"]])
    assert result.metadata["title"] == expected
