"""Family 3: related-article markers with their headline runs, and headlines unrelated to the article."""

import pytest

from rules_helpers import BODY, TITLE, article, clean, dropped_as, kept, kept_lines, only
from winnow.core.model import Document, Family
from winnow.pipeline import Cleaner

MARKERS = {
    "en": ["Recommended articles", "Also Read:", "You may also like", "Most read", "Trending", "More from News"],
    "de": ["Mehr zum Thema", "Das könnte Sie auch interessieren", "Ähnliche Beiträge", "Lesen Sie auch:"],
    "fr": ["Lire aussi", "À lire aussi", "Sur le même sujet", "Les plus lus"],
    "es": ["Te puede interesar", "Lee también", "Noticias relacionadas", "Lo más leído"],
}
HEADLINES = {
    "en": ["Rail strike ends after pay deal", "Museum reopens its medieval gallery"],
    "de": ["Bahnstreik endet nach Tarifeinigung", "Museum eröffnet mittelalterliche Galerie"],
    "fr": ["Grève des cheminots : trafic perturbé à Lyon", "Le musée rouvre sa galerie médiévale"],
    "es": ["Huelga de trenes paraliza Madrid", "El museo reabre su galería medieval"],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_each_marker_and_the_headlines_after_it_are_dropped(lang):
    for marker in MARKERS[lang]:
        lines = article(lang, marker, *HEADLINES[lang])
        result = clean(lines, only("headlines.related"))
        assert dropped_as(result, marker, Family.HEADLINES), marker
        for headline in HEADLINES[lang]:
            assert dropped_as(result, headline, Family.HEADLINES), (marker, headline)
        assert kept_lines(result) == article(lang)


def test_marker_with_a_headline_on_the_same_line():
    lines = article("de", "Lesen Sie auch: Bahnstreik endet nach Tarifeinigung")
    result = clean(lines, only("headlines.related"))
    assert dropped_as(result, lines[-1], Family.HEADLINES)


def test_run_stops_at_prose_and_skips_blank_lines():
    lines = article("en", "Related", "", "Rail strike ends after pay deal", "", BODY["en"][0] + " Again.")
    result = clean(lines, only("headlines.related"))
    assert dropped_as(result, "Rail strike ends after pay deal", Family.HEADLINES)
    assert kept(result, BODY["en"][0] + " Again.")


@pytest.mark.parametrize(
    "line",
    [
        "Related to this, the minister said the budget would rise again next year.",
        "Lea Müller gewinnt den Stadtlauf",
        "More from the interview appears below, edited for length and clarity by our staff.",
        "Trending topics on social media included the flood barrier and the fish market.",
    ],
)
def test_sentences_that_start_like_a_marker_stay(line):
    result = clean(article("en", middle=(line,)), only("headlines.related"))
    assert kept(result, line)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_headlines_sharing_no_word_with_the_body_are_dropped_without_a_marker(lang):
    lines = article(lang, *HEADLINES[lang])
    result = clean(lines, only("headlines.unrelated"))
    for headline in HEADLINES[lang]:
        removal = result.removals[lines.index(headline)]
        assert removal is not None and removal.family is Family.HEADLINES
        assert "shares no content words" in removal.reason


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_title_and_subheadings_stay(lang):
    subheading = {
        "en": "Flood barrier budget approved",
        "de": "Hochwassersperre kommt im Frühjahr",
        "fr": "Une digue pour protéger le port",
        "es": "Una barrera para proteger el puerto",
    }[lang]
    lines = article(lang, middle=(subheading,))
    result = clean(lines)
    assert kept_lines(result) == lines
    assert result.metadata["title"] == TITLE[lang]


def test_unrelated_line_between_body_paragraphs_is_left_alone():
    # inside the body it may be a list item or a sub-heading: only lines before or after the body are judged
    lines = article("en", middle=("Badminton racket and sun hat for the beach",))
    assert kept(clean(lines, only("headlines.unrelated")), "Badminton racket and sun hat for the beach")


def test_short_body_is_not_judged():
    lines = ["Rail strike ends after pay deal", "Council approves the budget for the flood barrier today."]
    assert kept_lines(clean(lines, only("headlines.unrelated"))) == lines


def test_run_stops_at_the_articles_own_title():
    lines = ["Related articles", "Rail strike ends after pay deal", *article("en")]
    result = clean(lines)
    assert dropped_as(result, "Rail strike ends after pay deal", Family.HEADLINES)
    assert kept_lines(result) == article("en")


@pytest.mark.parametrize(
    "line",
    [
        "Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy?",
        "Czytaj także: Sejm przyjął ustawę",
        "Leggi anche: il porto di Genova riapre",
        "Leia também: o porto de Lisboa",
        "Lees ook: Rotterdam bouwt een dijk",
    ],
)
def test_read_also_lines_in_more_languages_are_markers(line):
    assert dropped_as(clean(article("en", middle=(line,)), only("headlines.related")), line, Family.HEADLINES)


def test_words_of_a_marker_inside_a_sentence_stay():
    line = "Czytaj także uważnie wszystkie dokumenty, które przysłał urząd miasta w tej sprawie w zeszłym tygodniu."
    assert kept(clean(article("en", middle=(line,)), only("headlines.related")), line)


@pytest.mark.parametrize("line", ['... weiter zu "die Wortwahl"', "» Weiterlesen", "→ Read more", "… lire la suite", "» Mehr zum Hafen"])
def test_links_onward_are_dropped(line):
    assert dropped_as(clean(article("de", line), only("headlines.related")), line, Family.HEADLINES)


@pytest.mark.parametrize(
    "line", ["... weiter ging es dann mit der Abstimmung über den Hafen, sagte die Ratsfrau am Abend.", "» Zitat des Tages", "Weiter zu Fuß ging es zum Hafen."]
)
def test_lines_like_links_onward_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("headlines.related")), line)


# ---------------------------------------------------------------- lists of other stories with their teasers

# other stories under a marker: each headline with a teaser sentence about something else than the article
OTHER_STORIES = {
    "en": [
        "Rail strike ends",
        "Drivers return to work after three days, with a pay rise of four percent over two years.",
        "Museum reopens",
        "The medieval gallery shows its tapestries again after a restoration that took six years.",
        "Cup final tickets",
        "Fans queued overnight outside the stadium to buy the last seats for the final in May.",
    ],
    "de": [
        "Bahnstreik beendet",
        "Die Lokführer arbeiten nach drei Tagen wieder, mit vier Prozent mehr Lohn über zwei Jahre.",
        "Museum öffnet wieder",
        "Die mittelalterliche Galerie zeigt ihre Wandteppiche nach sechs Jahren Restaurierung.",
        "Karten für das Pokalfinale",
        "Fans standen die ganze Nacht vor dem Stadion an, um die letzten Plätze zu kaufen.",
    ],
    "fr": [
        "Fin de la grève",
        "Les conducteurs reprennent le travail après trois jours, avec une hausse de salaire de quatre pour cent.",
        "Le musée rouvre",
        "La galerie médiévale expose de nouveau ses tapisseries après six ans de restauration.",
        "Billets pour la finale",
        "Les supporters ont fait la queue toute la nuit devant le stade pour les dernières places.",
    ],
}
OTHER_MARKERS = {"en": "More stories", "de": "Mehr zum Thema", "fr": "Sur le même sujet"}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_list_of_other_stories_with_their_teasers_is_dropped(lang):
    lines = article(lang, OTHER_MARKERS[lang], *OTHER_STORIES[lang])
    result = clean(lines, only("headlines.related"))
    for line in OTHER_STORIES[lang]:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article(lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_two_headlines_with_teasers_are_too_few_to_tell(lang):
    stories = OTHER_STORIES[lang][:4]
    result = clean(article(lang, OTHER_MARKERS[lang], *stories), only("headlines.related"))
    assert all(kept(result, line) for line in stories if len(line.split()) > 8)  # the teasers stay


def test_the_article_going_on_after_a_marker_and_a_headline_stays():
    """Headline-and-paragraph pairs that share the article's words are its own sections, not other stories."""
    sections = [
        "Flood barrier costs",
        "The flood barrier will cost the harbour council 40 million euros, more than the council planned in spring.",
        "Homes behind the barrier",
        "About 3,000 homes and the fish market lie behind the new flood barrier, the council's planning office said.",
        "Work on the barrier",
        "Work on the flood barrier starts in spring; the council expects the barrier to be finished within three years.",
    ]
    result = clean(article("en", "Related", *sections), only("headlines.related"))
    assert all(kept(result, line) for line in sections if len(line.split()) > 8)


def _page(main: list[str], outside: dict[int, str]) -> Document:
    """An extracted HTML page: `main` lines with the page lines extraction left out inserted at their indices."""
    lines = list(main)
    for i in sorted(outside):
        lines.insert(i, outside[i])
    return Document(source="t/page.html", format="html", content="", lines=lines, outside_main=frozenset(outside))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_marker_left_out_by_extraction_still_heads_its_list(lang):
    main = [*article(lang), *OTHER_STORIES[lang]]
    doc = _page(main, {0: "Home", len(article(lang)) + 1: OTHER_MARKERS[lang], len(main) + 2: "Contact"})
    result = Cleaner(only("headlines.related")).clean(doc)
    for line in OTHER_STORIES[lang]:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert all(kept(result, line) for line in article(lang))


def test_a_marker_left_out_above_article_text_leaves_it_alone():
    body = BODY["en"]
    main = [TITLE["en"], body[0], body[1], "Barrier plans", body[2], body[3]]
    result = Cleaner(only("headlines.related")).clean(_page(main, {3: "Read more"}))
    assert all(kept(result, line) for line in main)


def test_a_menu_after_a_marker_is_no_list_of_teasers_for_the_article_below_it():
    """Bare links (more than a kicker and a headline above each teaser) end the pairs: the article under the
    menu is no teaser, however few words it shares with what follows."""
    menu = ["Home", "News", "Sport", "Weather", "Menu", "Close"]
    body = BODY["en"]
    sections = [TITLE["en"], body[0], "Costs", body[1], "Work", body[2], "Comments", body[3]]
    result = clean(["More stories", *menu, *sections], only("headlines.related"))
    assert all(kept(result, line) for line in body)


@pytest.mark.parametrize(
    "lang, marker",
    [("pl", "Więcej na ten temat"), ("pl", "Zobacz więcej"), ("pl", "Powiązane"), ("de", "Diese Artikel könnten Sie ebenfalls interessieren")],
)
def test_more_related_markers_head_their_headline_runs(lang, marker):
    headlines = HEADLINES["de"] if lang == "de" else ["Strajk kolejarzy zakończony porozumieniem", "Muzeum otwiera galerię średniowieczną"]
    result = clean(article("en", marker, *headlines), only("headlines.related"))
    for line in (marker, *headlines):
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article("en")


@pytest.mark.parametrize(
    "line",
    ["Zobacz więcej zdjęć z otwarcia nowej zapory w porcie, które przysłali nam czytelnicy w zeszłym tygodniu.", "Powiązane ze sobą projekty ruszą w maju."],
)
def test_sentences_starting_like_the_new_markers_stay(line):
    assert kept(clean(article("en", middle=(line,)), only("headlines.related")), line)


# ---------------------------------------------------------------- teasers the site cut short

CUT_TEASERS = {  # other stories on the article's own topic, each teaser cut off by the site
    "en": [
        "Flood barrier costs rise",
        "The harbour council's engineers said on Monday that the barrier's budget would have to grow by…",
        "Fish market reopens",
        "After two winters of storm damage the fish market on the harbour front opened its doors again, and the…",
        "Storm season ahead",
        "Residents near the harbour are preparing for another winter of storms as the council's new...",
    ],
    "de": [
        "Kosten der Sperre steigen",
        "Die Ingenieure des Stadtrats sagten am Montag, das Budget der Hochwassersperre müsse um…",
        "Fischmarkt wieder offen",
        "Nach zwei Wintern mit Sturmschäden hat der Fischmarkt am Hafen wieder geöffnet, und die…",
        "Sturmsaison steht bevor",
        "Anwohner am Hafen bereiten sich auf einen weiteren Winter mit Stürmen vor, während der neue...",
    ],
    "fr": [
        "Le coût de la digue augmente",
        "Les ingénieurs du conseil ont indiqué lundi que le budget de la digue devrait augmenter de…",
        "Le marché aux poissons rouvre",
        "Après deux hivers de tempêtes, le marché aux poissons du port a rouvert ses portes, et les…",
        "La saison des tempêtes approche",
        "Les habitants du port se préparent à un nouvel hiver de tempêtes alors que le nouveau...",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_list_of_teasers_cut_short_goes_under_a_marker_even_on_the_articles_topic(lang):
    result = clean(article(lang, OTHER_MARKERS[lang], *CUT_TEASERS[lang]), only("headlines.related"))
    for line in CUT_TEASERS[lang]:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article(lang)


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_list_of_teasers_cut_short_goes_without_a_marker(lang):
    result = clean(article(lang, *CUT_TEASERS[lang]), only("headlines.cut-teasers"))
    for line in CUT_TEASERS[lang]:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article(lang)


def test_two_teasers_cut_short_are_too_few_without_a_marker():
    stories = CUT_TEASERS["en"][:4]
    assert kept_lines(clean(article("en", *stories), only("headlines.cut-teasers"))) == article("en", *stories)


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_cut_teasers_scattered_one_by_one_through_the_article_go_when_the_page_has_three(lang):
    # a site that drops one "related story" card (a headline and its teaser, cut short) between paragraphs
    teasers, body = CUT_TEASERS[lang], BODY[lang]
    lines = [TITLE[lang], body[0], *teasers[0:2], body[1], *teasers[2:4], body[2], *teasers[4:6], body[3]]
    result = clean(lines, only("headlines.cut-teasers"))
    for line in teasers:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == [TITLE[lang], *body]


def test_two_scattered_cut_teasers_are_too_few_to_tell():
    teasers, body = CUT_TEASERS["en"], BODY["en"]
    lines = [TITLE["en"], body[0], *teasers[0:2], body[1], *teasers[2:4], body[2], body[3]]
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_sub_headings_over_paragraphs_that_trail_off_need_a_headline_over_each():
    # three paragraphs trailing off, only one under a sub-heading: no cards of other stories
    body = BODY["en"]
    trailing = [
        "She looked at the harbour for a long time and then said quietly that she had always wanted to…",
        "He waited for the rest of the sentence, but she only shook her head and walked towards the old…",
        "Later, in the town hall, the councillors argued until midnight about what the engineers had…",
    ]
    lines = [TITLE["en"], body[0], "What the neighbours say", trailing[0], body[1], trailing[1], body[2], trailing[2], body[3]]
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_a_story_whose_lines_trail_off_stays():
    # fiction and quotes trail off too, but no headline stands above each line
    story = [
        "She looked at the harbour for a long time and then said quietly that she had always wanted to…",
        "He waited for the rest of the sentence, but she only shook her head and walked towards the old…",
        "The wind came up from the sea. Nobody on the pier spoke about the barrier that evening, and the...",
        "Later, in the town hall, the councillors argued until midnight about what the engineers had…",
    ]
    lines = article("en", *story)
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines
    assert kept_lines(clean(lines, only("headlines.related"))) == lines


def test_a_most_read_label_heads_its_list():
    lines = article("en", "Most Read Business Stories", *HEADLINES["en"])
    result = clean(lines, only("headlines.related"))
    for line in ("Most Read Business Stories", *HEADLINES["en"]):
        assert dropped_as(result, line, Family.HEADLINES), line


def test_a_sentence_about_the_most_read_story_stays():
    line = "Most read stories this year were about the flood barrier, the editor said in her annual letter to readers."
    assert kept(clean(article("en", middle=(line,)), only("headlines.related")), line)


READ_MORE = {"en": "Read more", "de": "Weiterlesen", "fr": "Lire la suite"}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_list_of_teasers_each_with_a_read_more_link_goes_without_a_marker(lang):
    stories = OTHER_STORIES[lang]
    cards = [line for n in range(0, len(stories), 2) for line in (stories[n], stories[n + 1], READ_MORE[lang])]
    lines = article(lang, *cards)
    result = clean(lines, only("headlines.cut-teasers"))
    for n, line in enumerate(cards):
        assert dropped_as(result, line, Family.HEADLINES), (n, line)
    assert kept_lines(result) == article(lang)


def test_a_page_that_is_only_a_digest_of_stories_keeps_it():
    stories = OTHER_STORIES["en"]
    cards = [line for n in range(0, len(stories), 2) for line in (stories[n], stories[n + 1], "Read more")]
    assert kept_lines(clean(["Today's stories", *cards], only("headlines.cut-teasers"))) == ["Today's stories", *cards]


def test_one_read_more_link_under_a_paragraph_is_no_list():
    lines = article("en", "Storm season ahead", "Residents near the harbour are preparing for another winter of storms.", "Read more")
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == [line for line in lines if line.strip()]


@pytest.mark.parametrize("marker", ["Top Themen der Redaktion", "Weitere Informationen zum Thema"])
def test_more_german_labels_head_their_lists(marker):
    result = clean(article("de", marker, *HEADLINES["de"]), only("headlines.related"))
    for line in (marker, *HEADLINES["de"]):
        assert dropped_as(result, line, Family.HEADLINES), line


@pytest.mark.parametrize(
    "lines",
    [
        ("Top-Themen der Sitzung waren der Hafen und die neue Schule, sagte die Sprecherin am Abend.",),
        ("Weitere Informationen zum", "Hafen", "finden Sie auf der Seite der Stadt."),
    ],
)
def test_sentences_starting_like_those_labels_stay(lines):
    result = clean(article("de", middle=lines), only("headlines.related"))
    for line in lines:
        assert kept(result, line), line


@pytest.mark.parametrize("marker", ["Around The Web", "From around the web"])
def test_around_the_web_heads_a_list_of_other_stories(marker):
    result = clean(article("en", marker, *HEADLINES["en"]), only("headlines.related"))
    for line in (marker, *HEADLINES["en"]):
        assert dropped_as(result, line, Family.HEADLINES), line


def test_a_sentence_about_the_web_stays():
    line = "Around the web, residents shared photos of the flooded harbour on Tuesday night."
    assert kept(clean(article("en", middle=(line,)), only("headlines.related")), line)


def test_a_spanish_label_written_in_capitals_without_accents_is_a_marker():
    result = clean(article("es", "MAS NOTICIAS", *HEADLINES["es"]), only("headlines.related"))
    for line in ("MAS NOTICIAS", *HEADLINES["es"]):
        assert dropped_as(result, line, Family.HEADLINES), line


# a "read also" link inside the article: the label, then the one headline it points to, on the article's own topic
READ_ALSO = {
    "en": ("Also Read:", "Harbour council delays flood barrier vote after protest at the fish market"),
    "de": ("Lesen Sie auch:", "Stadtrat vertagt Abstimmung über Hochwassersperre nach Protest am Fischmarkt"),
    "it": ("Leggi anche:", "Il consiglio comunale rinvia il voto sulla barriera contro le inondazioni del porto"),
}
BODY_IT = [
    "Il consiglio comunale ha approvato martedì un bilancio di 40 milioni di euro per una nuova barriera contro le inondazioni del porto.",
    "La consigliera Maria Jensen ha detto che la barriera proteggerà circa 3000 case e il mercato del pesce, inondato due volte l'anno scorso.",
    "I lavori della barriera inizieranno in primavera e finiranno entro tre anni, secondo l'ufficio urbanistico del comune.",
]


def _read_also_page(lang: str, *inserted: str) -> list[str]:
    body = BODY_IT if lang == "it" else BODY[lang]
    title = "Il consiglio approva la barriera del porto" if lang == "it" else TITLE[lang]
    return [title, body[0], *inserted, *body[1:]]


@pytest.mark.parametrize("lang", ["en", "de", "it"])
def test_the_headline_a_read_also_label_points_to_goes_though_it_shares_the_articles_topic(lang):
    label, headline = READ_ALSO[lang]
    lines = _read_also_page(lang, label, headline)
    result = clean(lines, only("headlines.related"))
    assert dropped_as(result, label, Family.HEADLINES)
    assert dropped_as(result, headline, Family.HEADLINES)
    assert kept_lines(result) == _read_also_page(lang)


@pytest.mark.parametrize("lang", ["en", "de", "it"])
def test_only_that_one_headline_goes_the_articles_sub_heading_after_it_stays(lang):
    label, headline = READ_ALSO[lang]
    subheading = {"en": "Flood barrier budget approved", "de": "Hochwassersperre kommt im Frühjahr", "it": "La barriera del porto"}[lang]
    lines = _read_also_page(lang, label, headline, subheading)
    result = clean(lines, only("headlines.related"))
    assert dropped_as(result, headline, Family.HEADLINES)
    assert kept(result, subheading)


STACKED = {  # other stories' headlines, a box of them dropped between two paragraphs of the article
    "en": [
        "Ferry operator cancels winter timetable after engine fault",
        "New cycle lanes open along the northern ring road",
        "Why the old lighthouse keeper's cottage is up for sale",
    ],
    "de": [
        "Fährbetreiber streicht Winterfahrplan nach Motorschaden",
        "Neue Radwege entlang der nördlichen Ringstraße eröffnet",
        "Das alte Haus des Leuchtturmwärters sucht neue Besitzer",
    ],
    "fr": [
        "La compagnie de ferry annule ses horaires d'hiver après une panne",
        "De nouvelles pistes cyclables ouvrent dans le centre historique",
        "Pourquoi la maison du gardien du phare est mise en vente",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_headlines_stacked_between_two_paragraphs_go(lang):
    lines = article(lang, middle=tuple(STACKED[lang]))
    result = clean(lines, only("headlines.cut-teasers"))
    for line in STACKED[lang]:
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article(lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_two_stacked_headlines_are_too_few_to_tell(lang):
    lines = article(lang, middle=tuple(STACKED[lang][:2]))
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_a_list_announced_by_a_colon_stays():
    intro = "The council listed three projects it wants to finish before the barrier work starts:"
    lines = article("en", middle=(intro, *STACKED["en"]))
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_short_list_items_between_paragraphs_stay():
    items = ("Two new pumps", "A higher quay wall", "Sandbags for the fish market")
    lines = article("de", middle=items)
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_stacked_lines_leading_on_stay():
    # sub-headings or list items that end on a colon or a comma lead on to what follows: no headlines
    stack = tuple(line + ":" for line in STACKED["en"])
    lines = article("en", middle=stack)
    assert kept_lines(clean(lines, only("headlines.cut-teasers"))) == lines


def test_stacked_headlines_in_extracted_html_are_left_to_extraction():
    lines = article("en", middle=tuple(STACKED["en"]))
    result = clean(lines, only("headlines.cut-teasers"), fmt="html")
    assert kept_lines(result) == lines


# story cards under a marker, each a label of a word or two over its headline, on the article's own topic
KICKER_CARDS = {
    "en": ["Storms", "Flood barrier for the harbour: what the council plans", "Town hall", "Flood barrier costs: the council's budget in detail"],
    "de": ["Umwelt", "Hochwassersperre am Hafen: Was der Stadtrat plant", "Stadtrat", "Hochwassersperre: Das Budget des Stadtrats im Detail"],
    "fr": ["Climat", "Digue du port : ce que prévoit le conseil municipal", "Conseil", "Digue contre les inondations : le budget du conseil"],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_story_cards_with_labels_go_under_a_marker_even_on_the_articles_topic(lang):
    cards = KICKER_CARDS[lang]
    result = clean(article(lang, *MARKERS[lang][:1], *cards), only("headlines.related"))
    assert all(dropped_as(result, line, Family.HEADLINES) for line in cards)
    assert all(kept(result, line) for line in BODY[lang])


def test_a_heading_on_the_articles_topic_after_a_longer_headline_ends_the_run():
    """Without a card's label over it, a line about the article after the list is its own sub-heading."""
    lines = ["Related", "Mayor opens the new library in the old post office", "Flood barrier costs for the harbour council"]
    result = clean(article("en", *lines), only("headlines.related"))
    assert dropped_as(result, lines[1], Family.HEADLINES)
    assert kept(result, lines[2])


@pytest.mark.parametrize(
    "lang, marker",
    [
        ("de", "Neueste Meldungen"),
        ("de", "Weitere Pressemitteilungen"),
        ("de", "Aktuelles aus dem Landesverband"),
        ("de", "Meldungen aus der Geschäftsstelle"),
        ("en", "Latest press releases"),
        ("en", "More press releases"),
        ("fr", "Autres actualités"),
    ],
)
def test_an_organisations_news_list_heads_its_headline_run(lang, marker):
    headlines = HEADLINES[lang]
    result = clean(article(lang, marker, *headlines), only("headlines.related"))
    for line in (marker, *headlines):
        assert dropped_as(result, line, Family.HEADLINES), line
    assert kept_lines(result) == article(lang)


@pytest.mark.parametrize(
    "line",
    [
        "Aktuelles aus der Forschung zeigt, dass die Hochwassersperre früher fertig werden könnte als geplant.",
        "Meldungen aus dem Hafen zufolge verzögern sich die Arbeiten an der Sperre um mehrere Wochen.",
        "Latest press releases from the council said the barrier would cost more than planned.",
    ],
)
def test_sentences_starting_like_news_list_labels_stay(line):
    assert kept(clean(article("de", middle=(line,)), only("headlines.related")), line)


# a news page's flattened text opening with a box of other stories (headline, teaser) above the article's byline
OTHER_STORIES_ABOVE = {
    "en": [
        "Mayor opens new library in the old post office",
        "The library's 40,000 books moved in over the summer, and volunteers helped to shelve them.",
        "School bus routes change after bridge closure",
        "Parents will have to bring children to new stops from Monday, the district said.",
        "Local bakery wins national bread award",
        "The family-run bakery has made sourdough on the same street for three generations.",
    ],
    "de": [
        "Bürgermeister eröffnet Bibliothek im alten Postamt",
        "Die 40.000 Bücher zogen im Sommer um, Ehrenamtliche halfen beim Einräumen der Regale.",
        "Schulbus fährt nach Brückensperrung neue Strecke",
        "Eltern müssen ihre Kinder ab Montag zu neuen Haltestellen bringen, teilte der Kreis mit.",
        "Bäckerei gewinnt Preis für das beste Brot",
        "Der Familienbetrieb backt seit drei Generationen Sauerteigbrot in derselben Straße.",
    ],
    "fr": [
        "Le maire inaugure la médiathèque de l'ancienne poste",
        "Les 40 000 livres ont déménagé cet été, et des bénévoles ont aidé à remplir les rayons.",
        "Le car scolaire change d'itinéraire après la fermeture du pont",
        "Les parents devront conduire leurs enfants à de nouveaux arrêts dès lundi, selon le département.",
        "Une boulangerie du quartier primée pour son pain",
        "L'entreprise familiale fait du pain au levain dans la même rue depuis trois générations.",
    ],
}
BYLINE_AND_DATE = {"en": ["By Jane Smith", "March 3, 2023"], "de": ["Von Jana Schmidt", "3. März 2023"], "fr": ["Par Jeanne Martin", "3 mars 2023"]}
PAGE_MENU = {
    "en": ["Home", "News", "Sport", "Business", "Culture", "Weather", "Opinion", "Contact"],
    "de": ["Startseite", "Nachrichten", "Sport", "Wirtschaft", "Kultur", "Wetter", "Meinung", "Kontakt"],
    "fr": ["Accueil", "Actualités", "Sport", "Économie", "Culture", "Météo", "Opinions", "Contact"],
}


def _news_page(lang: str, above: list[str]) -> list[str]:
    return [*PAGE_MENU[lang], *above, TITLE[lang], *BYLINE_AND_DATE[lang], *BODY[lang], *PAGE_MENU[lang]]


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_other_stories_with_teasers_above_the_articles_byline_go_in_flattened_text(lang):
    result = clean(_news_page(lang, OTHER_STORIES_ABOVE[lang]))
    kept_text = kept_lines(result)
    assert not any(line in kept_text for line in OTHER_STORIES_ABOVE[lang])
    assert all(line in kept_text for line in BODY[lang])


def test_the_articles_own_standfirst_and_sections_above_its_byline_stay():
    """Pairs that share the article's topic are its own: a standfirst, sections of a page with the byline last."""
    own = [
        "Flood barrier budget approved",
        "The harbour council approved a budget of 40 million euros for the flood barrier on Tuesday.",
        "Homes behind the barrier",
        "About 3,000 homes and the fish market lie behind the new flood barrier, the council said.",
        "Work on the barrier",
        "Work on the flood barrier starts in spring, the council's planning office said on Tuesday.",
    ]
    kept_text = kept_lines(clean(_news_page("en", own)))
    assert all(line in kept_text for line in own if len(line.split()) > 8)


def test_two_other_stories_above_the_byline_are_too_few_to_tell():
    kept_text = kept_lines(clean(_news_page("en", OTHER_STORIES_ABOVE["en"][:4])))
    assert OTHER_STORIES_ABOVE["en"][3] in kept_text
