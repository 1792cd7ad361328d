"""The main-text detector beside live tickers: a stream of entries headed by times of day ('14:44' / headline /
text) next to the article is another page's content, unless the page is the ticker itself."""

import pytest

from rules_helpers import BODY, TITLE, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU
from winnow.rules.boilerplate import TIME_OF_DAY

# made-up ticker entries: a headline, then a paragraph long enough to be prose on its own
ENTRIES = {
    "en": [
        (
            "Ferry service resumes after the storm",
            "The first ferry left the northern pier at noon after two days of cancellations, and"
            " the operator said that every crossing planned for the evening would run as usual.",
        ),
        (
            "Library extends its opening hours",
            "From next month the central library will stay open until ten in the evening on weekdays,"
            " the city said, after a survey in which most of its readers asked for it.",
        ),
        (
            "Cyclists get a new lane on the bridge",
            "The council has painted a separate lane for bicycles on the old bridge, which had"
            " been one of the most dangerous places in the city for cyclists for many years.",
        ),
    ],
    "de": [
        (
            "Fähre fährt nach dem Sturm wieder",
            "Die erste Fähre hat am Mittag den nördlichen Anleger verlassen, nachdem zwei Tage lang alle"
            " Fahrten ausgefallen waren, und die Reederei sagte, dass alle Abendfahrten stattfinden.",
        ),
        (
            "Bibliothek verlängert ihre Öffnungszeiten",
            "Ab dem nächsten Monat bleibt die Stadtbibliothek an Werktagen bis zehn Uhr abends geöffnet,"
            " teilte die Stadt mit, nachdem die meisten Leser in einer Umfrage darum gebeten hatten.",
        ),
        (
            "Radfahrer bekommen eine eigene Spur",
            "Die Stadt hat auf der alten Brücke eine eigene Spur für Fahrräder markiert, die seit"
            " vielen Jahren eine der gefährlichsten Stellen für Radfahrer in der ganzen Stadt war.",
        ),
    ],
    "fr": [
        (
            "Le ferry reprend après la tempête",
            "Le premier ferry a quitté la jetée nord à midi après deux jours d'annulations, et la"
            " compagnie a indiqué que toutes les traversées prévues dans la soirée auraient lieu.",
        ),
        (
            "La bibliothèque prolonge ses horaires",
            "Dès le mois prochain, la bibliothèque centrale restera ouverte jusqu'à vingt-deux"
            " heures en semaine, a annoncé la ville, après une enquête auprès de ses lecteurs.",
        ),
        (
            "Une piste cyclable sur le vieux pont",
            "La mairie a tracé une voie réservée aux vélos sur le vieux pont, qui était depuis de nombreuses"
            " années l'un des endroits les plus dangereux de la ville pour les cyclistes.",
        ),
    ],
}
TIMES = ["14:44", "14:32", "14:10", "13:54", "13:43", "13:24"]
DATES = ["02.02.2022", "31.01.2022", "31.01.2022", "28.01.2022", "2022-01-27", "2022-01-25"]  # a news stream: same day twice


def ticker(lang: str, stamps: list[str] = TIMES) -> list[str]:
    return [line for time, (headline, text) in zip(stamps, ENTRIES[lang] * 2) for line in (time, headline, text)]


@pytest.mark.parametrize("stamps", [TIMES, DATES])
@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_live_ticker_beside_the_article_goes(lang, stamps):
    lines = [*MENU[lang], TITLE[lang], *BODY[lang], *BODY[lang][:3], "Live", *ticker(lang, stamps), *MENU[lang][1:6], *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    assert all(kept(result, line) for line in BODY[lang])
    for time, (_, text) in zip(stamps, ENTRIES[lang]):
        assert not kept(result, text), text
        assert not kept(result, time)


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_page_that_is_a_live_ticker_keeps_it(lang):
    lines = [*MENU[lang], TITLE[lang], *ticker(lang), *MENU[lang][1:6], *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    for _, text in ENTRIES[lang]:
        assert kept(result, text), text


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_times_inside_an_article_are_no_ticker(lang):
    # an article with two times alone on lines (a timetable's stops, say) keeps its later paragraphs
    lines = [
        *MENU[lang],
        TITLE[lang],
        *BODY[lang][:2],
        "14:44",
        ENTRIES[lang][0][1],
        "16:05",
        ENTRIES[lang][1][1],
        *BODY[lang][2:],
        *MENU[lang][1:6],
        *FOOTER[lang],
    ]
    result = clean(lines, only("boilerplate.main-text"))
    assert kept(result, ENTRIES[lang][1][1])
    assert all(kept(result, line) for line in BODY[lang])


@pytest.mark.parametrize("line", ["14:44", "9:05", "09.05", "9.05 Uhr", "3:15 pm", "11h30"])
def test_times_of_day(line):
    assert TIME_OF_DAY.match(line)


@pytest.mark.parametrize("line", ["24:00", "14:44:12 UTC", "1:3", "2020", "3:0 win", "Score 2:1", "14:44 Ferry resumes"])
def test_not_times_of_day(line):
    assert not TIME_OF_DAY.match(line)


@pytest.mark.parametrize("stamp", ["12:01", "01.02.2022"])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_same_time_named_again_is_no_ticker(lang, stamp):
    # a list of works all called after one time of day (or day), each with its description: the article's own list
    works = [line for _, text in ENTRIES[lang] * 2 for line in (stamp, text)]
    lines = [*MENU[lang], TITLE[lang], *BODY[lang][:2], *works, *BODY[lang][2:], *MENU[lang][1:6], *FOOTER[lang]]
    result = clean(lines, only("boilerplate.main-text"))
    assert all(kept(result, text) for _, text in ENTRIES[lang])
    assert all(kept(result, line) for line in BODY[lang])
