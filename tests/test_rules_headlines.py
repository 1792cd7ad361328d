"""Family 3: related-article markers with their headline runs, and headlines unrelated to the article."""

import pytest

from rules_helpers import BODY, TITLE, article, clean, dropped_as, kept, kept_lines, only
from winnow.core.model import Family

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
