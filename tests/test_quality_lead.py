"""Taking back a lead trafilatura left out needs strong evidence: adjacent, prose, on topic, not a teaser list,
and the page declares it as its summary (meta description)."""

from __future__ import annotations

import pytest

from winnow.readers.html import recover_lead


def _page(above: list[str], body: list[str]) -> tuple[list[str], frozenset[int]]:
    """Lines above the main content (all outside it), then the main content."""
    return above + body, frozenset(range(len(above)))


LEADS = {
    "en": (
        "The city council has agreed to turn the empty railway depot into a public library by next spring.",
        [
            "The railway depot, empty since 1998, will hold the library's archives and a reading room for children.",
            "Council members argued for years about the building's future before the vote on Tuesday.",
        ],
    ),
    "de": (
        "Der Stadtrat hat beschlossen, das leerstehende Straßenbahndepot bis zum Frühjahr in eine Bibliothek umzubauen.",
        [
            "Im Straßenbahndepot, seit 1998 ungenutzt, sollen künftig das Archiv der Bibliothek und ein Lesesaal Platz finden.",
            "Über die Zukunft des Gebäudes wurde im Stadtrat jahrelang gestritten.",
        ],
    ),
    "fr": (
        "Le conseil municipal a décidé de transformer l'ancien dépôt ferroviaire en bibliothèque publique au printemps.",
        [
            "Le dépôt ferroviaire, vide depuis 1998, accueillera les archives de la bibliothèque et une salle de lecture.",
            "Les élus se sont longtemps disputés sur l'avenir du bâtiment avant le vote de mardi.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(LEADS))
def test_a_lead_on_the_articles_topic_comes_back_over_a_byline_and_a_photo_credit(language):
    lead, body = LEADS[language]
    lines, outside = _page(["Home", "Local", lead, "By Ann Smith", "12.03.2024", "Photo: AP"], body)
    assert recover_lead(lines, outside, summary=lead) == frozenset({2})


@pytest.mark.parametrize("language", sorted(LEADS))
def test_a_lead_the_description_shortens_or_rewords_slightly_still_comes_back(language):
    lead, body = LEADS[language]
    words = lead.split()
    summary = " ".join(words[: len(words) - 1]) + " …"  # cut short by the site, as descriptions often are
    lines, outside = _page(["Home", lead, "Photo: AP"], body)
    assert recover_lead(lines, outside, summary=summary) == frozenset({1})


@pytest.mark.parametrize("language", sorted(LEADS))
def test_an_on_topic_sentence_the_page_does_not_declare_as_its_summary_stays_out(language):
    # a standfirst, a teaser or an author's bio can share the article's words; without the page's own
    # description saying the same, that is not evidence enough to take it back
    lead, body = LEADS[language]
    lines, outside = _page(["Home", lead, "Photo: AP"], body)
    assert recover_lead(lines, outside, summary="") == frozenset()
    assert recover_lead(lines, outside, summary="News, weather and sport from your region, every day.") == frozenset()


@pytest.mark.parametrize("language", sorted(LEADS))
def test_a_sentence_about_something_else_stays_out(language):
    _, body = LEADS[language]
    other = {
        "en": "Our newsletter brings you the best stories of the week, every Friday morning, for free.",
        "de": "Unser Newsletter bringt Ihnen jeden Freitagmorgen kostenlos die besten Geschichten der Woche.",
        "fr": "Notre lettre d'information vous apporte chaque vendredi matin les meilleures histoires de la semaine.",
    }[language]
    lines, outside = _page(["Home", other, "Photo: AP"], body)
    assert recover_lead(lines, outside, summary=other) == frozenset()


def test_a_list_of_other_stories_headlines_with_teasers_is_not_a_lead():
    # each teaser may share a word with the article; two headline-and-teaser pairs make a list
    _, body = LEADS["en"]
    above = [
        "Top stories",
        "Library opening hours to change",
        "The council says the public library will open later on Sundays from next month.",
        "Railway strike called off",
        "Union leaders have called off the railway strike planned for the public holiday.",
    ]
    lines, outside = _page(above, body)
    assert recover_lead(lines, outside, summary=" ".join(above)) == frozenset()


def test_a_truncated_teaser_is_not_a_lead():
    _, body = LEADS["en"]
    lines, outside = _page(["The council's plan for the railway depot library has divided the city for years and…"], body)
    assert recover_lead(lines, outside, summary=lines[0]) == frozenset()


def test_a_lead_far_above_the_article_stays_out():
    lead, body = LEADS["en"]
    lines, outside = _page([lead] + [f"menu item {n}" for n in range(12)], body)
    assert recover_lead(lines, outside, summary=lines[0]) == frozenset()
