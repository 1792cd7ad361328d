"""The main-text detector for flattened pages: keeps the article, drops menus, footers and link lists around it."""

import pytest

from rules_helpers import BODY, TITLE, article, clean, kept, kept_lines, only, removal_of
from winnow.core.model import Family
from winnow.rules.boilerplate import MainText, closes_sentence, is_author_box, is_junk, is_role_line, maximal_segments
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


def flattened_page(lang: str, middle: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> list[str]:
    """A page as a naive scraper flattens it: menu, title, article, sidebar teasers, footer, one text node a line."""
    return [*MENU[lang], *MENU[lang][:5], *article(lang, middle=middle), *after, *SIDEBAR[lang], *MENU[lang][1:6], *FOOTER[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_flattened_page_keeps_the_article_only(lang):
    result = clean(flattened_page(lang))
    assert kept_lines(result) == article(lang)[1:]
    # the title goes to the export's title field, as an HTML page's does, not into the text a second time
    assert removal_of(result, TITLE[lang]).reason == "the page's title (kept in the metadata)"
    assert result.metadata["title"] == TITLE[lang]
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


@pytest.mark.parametrize(
    "lang, links",
    [
        ("de", ["Leichte Sprache", "Gebärdensprache", "Schriftgröße", "Hoher Kontrast", "Fehler melden"]),
        ("en", ["Easy Read", "Text size", "High contrast", "Sign language", "Print page"]),
        ("fr", ["Facile à lire", "Langue des signes"]),
    ],
)
def test_an_authoritys_accessibility_links_go_even_from_ordinary_articles(lang, links):
    result = clean(article(lang, *links), only("boilerplate.main-text"))
    assert kept_lines(result) == article(lang)


def test_accessibility_words_inside_sentences_stay():
    lines = article("de", middle=("Die Stadt bietet alle Bescheide künftig auch in Leichter Sprache und in Gebärdensprache an.",))
    assert kept_lines(clean(lines, only("boilerplate.main-text"))) == lines


def test_a_lone_menu_word_inside_a_sentence_stays():
    lines = article("de", "Nehmen Sie", "Kontakt", "mit dem Rathaus auf, wenn Sie Fragen zur Hochwassersperre haben.")
    assert kept(clean(lines, only("boilerplate.main-text")), "Kontakt")


def test_comment_section_after_the_article_goes_even_when_longer():
    comments = ["12 Kommentare"]
    for n in range(6):
        comments += [f"Leser{n}", "Antworten", BODY["de"][n % 4].replace("Stadtrat", f"Rat {n}") + " Das finde ich gut."]
    result = clean(flattened_page("de")[: -len(FOOTER["de"])] + comments + FOOTER["de"])
    assert kept_lines(result) == article("de")[1:]  # the title goes to the metadata


def test_author_box_after_the_article_goes():
    bio = "Maria Jensen is a senior writer for the Harbour Times, covering city politics and the environment since 2012."
    result = clean(flattened_page("en", middle=())[: -len(FOOTER["en"]) - 9] + [bio] + SIDEBAR["en"] + FOOTER["en"])
    assert not kept(result, bio)
    assert is_author_box(bio)
    assert not is_author_box("The minister is a writer too, he said at the harbour.")


def test_html_documents_are_left_to_extraction_unless_asked():
    lines = flattened_page("en")
    result = clean(lines, only("boilerplate.main-text"), fmt="html")
    # extraction found the main text: only lines that are nothing but a menu or legal link go
    assert all(kept(result, line) for line in article("en") + SIDEBAR["en"] + ["News", "Sport", "Culture"])
    assert not any(kept(result, line) for line in ["Home", "Search", "Sign In", "Privacy Policy", "Terms of Use"])
    assert kept_lines(clean(lines, only("boilerplate.main-text", on_html=True), fmt="html")) == article("en")[1:]  # the title goes to the metadata


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


@pytest.mark.parametrize(
    "line", ["Impressum", "Datenschutzerklärung", "Mentions légales", "Aviso legal", "Skip to main content", "Impressum | Datenschutz | AGB"]
)
def test_junk_lines(line):
    assert is_junk(key(line))


@pytest.mark.parametrize("line", ["Impressum und Datenschutz sind Pflicht für jede Website, sagt der Anwalt.", "Home sweet home", "Kontakt und Anfahrt"])
def test_not_junk(line):
    assert not is_junk(key(line))


def test_params_are_bounded_for_the_window():
    for p in MainText.params:
        if p.kind in (int, float):
            assert p.minimum is not None and p.maximum is not None and p.minimum <= p.default <= p.maximum


# ---- teasers, links, split sentences, leads, gaps, menu labels, bios and section labels

TEASERS = {
    "en": ("Museum reopens its medieval gallery after a year of restoration work on the old walls and floors.", "Read more"),
    "de": ("Das Museum eröffnet nach einem Jahr der Restaurierung wieder seine mittelalterliche Galerie im Ostflügel.", "Weiterlesen"),
    "fr": ("Le musée rouvre sa galerie médiévale après une année de travaux de restauration sur les murs anciens.", "Lire la suite"),
    "es": ("El museo reabre su galería medieval después de un año de trabajos de restauración en los muros antiguos.", "Leer más"),
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_a_teaser_before_a_read_more_link_is_not_main_text(lang):
    teaser, link = TEASERS[lang]
    result = clean(flattened_page(lang, after=(SIDEBAR[lang][1], teaser, link)))
    assert not kept(result, teaser)
    assert kept_lines(result) == article(lang)[1:]  # the title goes to the metadata


def test_a_bare_more_link_alone_leaves_the_last_paragraph():
    # one "More" heading a tag list is no teaser's link: the paragraph before it stays
    assert kept_lines(clean(flattened_page("en", after=("More", "#harbour", "#flood")))) == article("en")[1:]  # the title goes to the metadata


def test_a_link_line_is_never_glued_to_the_sentence_before():
    # "mehr" starts in lower case, yet it is a link of its own: the teasers before it are not the article's end
    teasers = (
        "Die Lokführer erhalten mehr Geld und mehr Urlaub, sagte die Gewerkschaft am Abend in Frankfurt.",
        "Das Museum zeigt ab Mai wieder seine Sammlung mittelalterlicher Handschriften und Karten.",
    )
    result = clean(flattened_page("de", after=(teasers[0], "mehr", teasers[1], "mehr")))
    assert not any(kept(result, line) for line in (*teasers, "mehr"))
    assert kept_lines(result) == article("de")[1:]  # the title goes to the metadata


def test_a_name_linked_inside_a_sentence_keeps_the_sentence_whole():
    # "… – Tennis-Olympiasieger <a>Alexander Zverev</a> hat nach …": three lines, one sentence
    pieces = (
        "Montpellier (SID) – Der Tennis-Olympiasieger",
        "Alexander Zverev",
        "hat nach seiner Enttäuschung bei den Australian Open zügig wieder in die Spur gefunden und gewann in Montpellier.",
    )
    result = clean(flattened_page("de", middle=pieces))
    for piece in pieces:
        assert kept(result, piece), piece


MORE_BODY_DE = [
    "Die Sperre besteht aus zwei beweglichen Toren, die bei Sturmflut innerhalb von vierzig Minuten geschlossen werden "
    "können. Sie sollen den Hafen bis zu einem Wasserstand von drei Metern über dem mittleren Hochwasser schützen, "
    "sagte der Leiter des Planungsamts bei der Vorstellung der Pläne im Rathaus.",
    "Kritik kam von den Fischern, die während der Bauzeit Umwege fahren müssen. Die Stadt will ihnen dafür eine "
    "Entschädigung zahlen, deren Höhe noch mit dem Verband ausgehandelt wird. Eine erste Gesprächsrunde ist für den "
    "kommenden Monat geplant, teilte die Verwaltung mit.",
]


def test_a_lead_before_the_share_bar_stays():
    lead = "Der Stadtrat hat am Dienstag ein Budget für die neue Hochwassersperre am Hafen beschlossen, teilte die Stadt mit."
    page = [
        *MENU["de"],
        TITLE["de"],
        lead,
        "Stand:",
        "26.10.2021",
        "Teilen:",
        "Twitter",
        "Facebook",
        "E-Mail",
        *BODY["de"],
        *MORE_BODY_DE,
        *SIDEBAR["de"],
        *FOOTER["de"],
    ]
    result = clean(page)
    assert kept(result, lead)
    assert result.metadata["title"] == TITLE["de"]
    assert result.metadata["date"] == "2021-10-26"
    assert not any(kept(result, line) for line in ["Stand:", "26.10.2021", "Twitter", "Facebook"])


def test_a_long_list_of_short_items_between_paragraphs_stays():
    # an ingredient list flattened cell by cell: far more fragments than a bridge reaches over
    items = [
        "Für",
        "12",
        "Stücke",
        "1",
        "Pck.",
        "Vanillepuddingpulver",
        "350",
        "g",
        "Zucker",
        "500",
        "ml",
        "Milch",
        "250",
        "g",
        "Butter",
        "4",
        "Eier",
        "300",
        "g",
        "Mehl",
        "1",
        "TL",
        "Backpulver",
        "200",
        "g",
        "Sahne",
        "100",
        "g",
        "Kuvertüre",
        "Frischhaltefolie",
        "Zubereitung",
        "1.",
    ]
    result = clean(flattened_page("de", middle=tuple(items)))
    for item in ("Vanillepuddingpulver", "Frischhaltefolie", "Zubereitung"):
        assert kept(result, item), item
    assert not any(kept(result, line) for line in SIDEBAR["de"])


def test_the_sites_section_label_at_the_articles_edge_goes():
    # "Unternehmen & Märkte" is in the menu above and again under the article; inside a sentence it would stay
    menu = ["Startseite", "Nachrichten", "Politik", "Unternehmen & Märkte", "Betrieb & Services", "Kontakt"]
    page = [*menu, *menu, *article("de"), "Unternehmen & Märkte", *SIDEBAR["de"], *FOOTER["de"]]
    result = clean(page)
    assert kept_lines(result) == article("de")[1:]  # the title goes to the metadata
    removal = [r for line, r in zip(result.lines, result.removals) if line == "Unternehmen & Märkte"][-1]
    assert removal is not None and "menu" in removal.reason


@pytest.mark.parametrize(
    "line",
    [
        "Redakteur in der Wirtschaft.",
        "Korrespondentin in Washington.",
        "Senior Editor at the Harbour Times",
        "Journaliste au service politique",
        "Periodista en la sección de economía",
    ],
)
def test_a_line_naming_the_authors_job_goes(line):
    assert is_role_line(line)
    for fmt in ("text", "html"):
        result = clean(article("de", before=("Benjamin Fischer", line)), fmt=fmt)
        assert not kept(result, line), (fmt, line)
        assert kept_lines(result)[-len(BODY["de"]) :] == BODY["de"]


@pytest.mark.parametrize(
    "line",
    [
        "Redakteure in der Stadt protestierten am Montag gegen die Sparpläne des Verlags.",
        "Der Redakteur in der Wirtschaft sagte, die Zahlen seien gut.",
        "redakteur in der wirtschaft",
    ],
)
def test_sentences_about_editors_are_no_role_lines(line):
    assert not is_role_line(line)


@pytest.mark.parametrize("heading", ["Fotograf des Jahres", "Autor der Studie", "Themen der Woche"])
def test_a_heading_naming_a_job_stays_when_no_name_precedes_it(heading):
    result = clean([TITLE["de"], BODY["de"][0], heading, *BODY["de"][1:]], fmt="html")
    assert kept(result, heading)


def test_an_author_box_after_an_extracted_article_goes():
    bio = "Candice Sealey is the Founder & Principal Consultant at Ignite, a marketing and PR consultancy in Kingstown."
    result = clean([TITLE["en"], *BODY["en"], bio], fmt="html")
    assert not kept(result, bio)
    early = clean([TITLE["en"], bio, *BODY["en"]], fmt="html")  # before the text it is no closing author box
    assert kept(early, bio)
    quoted = "Maria Jensen is a professor of hydrology at Delft University and led the study of the harbour floods."
    closing = ["The vote was 21 to 4.", "Work starts in spring.", "The council meets again in May."]
    inside = clean([TITLE["en"], *BODY["en"], quoted, *closing], fmt="html")  # nor amid the closing paragraphs
    assert kept(inside, quoted)


@pytest.mark.parametrize("label", ["Weitere Informationen:", "Kontakt:", "Inhaltsverzeichnis", "More information", "Más información"])
def test_bare_section_labels_go(label):
    result = clean(article("de", label, "Dr. Hendryk Bockelmann, Deutsches Klimarechenzentrum"), fmt="html")
    assert not kept(result, label)


def test_sentences_starting_like_labels_stay():
    lines = ("Weitere Informationen gibt es bis Freitag im Rathaus.", "Kontakt zur Verwaltung hatte er nie.")
    result = clean(article("de", *lines), fmt="html")
    assert all(kept(result, line) for line in lines)


HINDI_ARTICLE = [
    "बंदरगाह पर नई बाढ़ दीवार के बजट को मंजूरी",
    "नगर परिषद ने मंगलवार को बंदरगाह पर नई बाढ़ दीवार के लिए चालीस करोड़ रुपये के बजट को मंजूरी दी।",
    "पार्षद मारिया जेन्सेन ने कहा कि यह दीवार लगभग तीन हज़ार घरों और मछली बाज़ार की रक्षा करेगी।",
    "दीवार का काम वसंत में शुरू होगा और तीन साल के भीतर पूरा हो जाएगा, योजना कार्यालय ने बताया।",
    "निवासी महीने के अंत तक टाउन हॉल में योजनाओं को देख सकते हैं, परिषद ने एक बयान में कहा।",
]
HINDI_MENU = ["होम", "समाचार", "खेल", "व्यापार", "मनोरंजन", "संपर्क", "लॉग इन", "खोज", "वीडियो", "फोटो"]
HINDI_TEASERS = ["रेल हड़ताल आज रात समाप्त हुई", "संग्रहालय फिर खुला", "सप्ताहांत में तूफान की चेतावनी", "स्थानीय टीम ने कप जीता"]


def test_a_page_in_a_language_without_stoplist_keeps_its_sentences():
    # no stopwords to count: finished sentences (here ending in "।") mark the prose
    page = [*HINDI_MENU, *HINDI_MENU[:5], *HINDI_ARTICLE, *HINDI_TEASERS, *HINDI_MENU[1:6], "© 2020 सभी अधिकार सुरक्षित"]
    result = clean(page)
    assert result.metadata["language"] == "hi" and not result.analysis.stop  # identified, but no stoplist for it
    assert kept_lines(result) == HINDI_ARTICLE[1:]  # the title goes to the metadata


INLINE_LINKS = {
    "en": ("Read more:", "Rail strike ends after pay deal"),
    "de": ("Mehr dazu:", "Bahnstreik endet nach Einigung"),
    "fr": ("En savoir plus :", "Fin de la grève des trains"),
    "es": ("Lea más:", "Fin de la huelga de trenes"),
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_a_read_more_with_a_colon_introduces_a_link_and_leaves_the_paragraph_before(lang):
    # "… paragraph. / Lea más: / <another story's headline> / paragraph …": the paragraph is the article's
    intro, headline = INLINE_LINKS[lang]
    assert kept(clean(flattened_page(lang, middle=(intro, headline))), BODY[lang][0])


@pytest.mark.parametrize("lang", ["en", "de", "es"])
def test_the_same_link_without_a_colon_still_ends_a_teaser(lang):
    intro, headline = INLINE_LINKS[lang]
    assert not kept(clean(flattened_page(lang, middle=(intro.rstrip(" :"), headline))), BODY[lang][0])


SPLIT_AT_A_LINK = {  # made-up sentences cut at a linked name, the next sentence starting after the full stop
    "en": ("The figures come from", "Harbourstat", ". The council checks them every month.", "Repairs are paid by", "Portfund", ". It was set up in 1990."),
    "de": ("Die Zahlen stammen von", "Hafenstat", ". Die Stadt prüft sie jeden Monat.", "Die Reparaturen zahlt der", "Hafenfonds", ". Es gibt ihn seit 1990."),
    "fr": (
        "Les chiffres viennent de",
        "Portstat",
        ". La mairie les vérifie chaque mois.",
        "Les travaux sont payés par",
        "Portfonds",
        ". Il existe depuis 1990.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_sentence_cut_at_a_link_before_its_full_stop_stays(lang):
    pieces = SPLIT_AT_A_LINK[lang]
    result = clean(flattened_page(lang, after=pieces), only("boilerplate.main-text"))
    for piece in pieces:
        assert kept(result, piece), piece


@pytest.mark.parametrize("line", [".NET is a framework", "...", ". ", "."])
def test_only_a_full_stop_with_words_after_it_closes_a_cut_sentence(line):
    assert not closes_sentence(line)
    assert closes_sentence(". " + "And then it rained.")


SUBHEADINGS = {"en": "Work starts in the spring", "de": "Bauarbeiten beginnen im Frühjahr"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_title_goes_but_a_heading_inside_the_article_stays(lang):
    # the headline above the text is the export's title field; a sub-heading between paragraphs is the article's
    result = clean(flattened_page(lang, middle=(SUBHEADINGS[lang],)))
    assert not kept(result, TITLE[lang])
    assert result.metadata["title"] == TITLE[lang]
    assert kept(result, SUBHEADINGS[lang])
    assert all(kept(result, line) for line in BODY[lang])


@pytest.mark.parametrize(
    "line",
    [
        "View all posts by Jane Miller",
        "This entry was posted in Harbour news and tagged barrier.",
        "Zeige alle Beiträge von Max Muster",
        "Dieser Beitrag wurde unter Allgemein veröffentlicht.",
        "Dieser Eintrag wurde veröffentlicht in Hafen und verschlagwortet mit Sturm.",
    ],
)
def test_blog_post_footers_are_junk(line):
    assert is_junk(key(line))


@pytest.mark.parametrize(
    "line",
    [
        "Before the vote on the harbour barrier next month, the council says it will view all posts by residents on its forum and answer each one.",
        "Dieser Beitrag wurde vom Stadtrat am Dienstag beschlossen, sagte die Sprecherin.",
    ],
)
def test_sentences_about_posts_are_not_junk(line):
    # the phrases count in short lines only: an article's sentence is longer
    assert not is_junk(key(line))


@pytest.mark.parametrize("line", ["Zurück zur Startseite", "Aufklappen", "View Profile", "Back to home"])
def test_more_navigation_links_are_junk(line):
    assert is_junk(key(line))
