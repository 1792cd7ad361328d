"""Readers' comments: the lines between the reply links of a comment thread go, in any language."""

import pytest

from rules_helpers import article, clean, dropped_as, kept, kept_lines, only
from winnow.core.model import Family

REPLY = {"en": "Reply", "de": "Antworten", "pl": "odpowiedz", "fr": "Répondre"}
COMMENTS = {
    "en": [
        ("Harbour fan", "March 3, 2021 at 9:14 am", "I walk past the barrier every morning and it has made a real difference to the flooding."),
        ("K. Jones", "March 3, 2021 at 11:02 am", "Does anyone know when the second phase of the works will begin?"),
        ("Sam", "March 4, 2021 at 8:40 pm", "The council should publish the full engineers' report before the next vote."),
    ],
    "de": [
        ("Hafenfreund", "3. März 2021 um 9:14", "Ich gehe jeden Morgen an der Mauer vorbei und finde, sie hat viel gebracht."),
        ("K. Jansen", "3. März 2021 um 11:02", "Weiß jemand, wann der zweite Bauabschnitt beginnt?"),
        ("Sam", "4. März 2021 um 20:40", "Der Stadtrat sollte das Gutachten der Ingenieure endlich vollständig veröffentlichen."),
    ],
    "pl": [
        ("Kasia", "2 marca 2021", "Codziennie chodzę obok nowej zapory i widzę, że naprawdę pomaga."),
        ("Marek 123", "3 marca 2021", "Czy ktoś wie, kiedy zacznie się drugi etap budowy?"),
        ("Ola", "4 marca 2021", "Rada miasta powinna opublikować cały raport inżynierów przed głosowaniem."),
    ],
}


def thread(lang: str, comments: list[tuple[str, ...]]) -> list[str]:
    lines = []
    for comment in comments:
        lines += [*comment, REPLY[lang]]
    return lines


@pytest.mark.parametrize("lang", sorted(COMMENTS))
def test_comments_between_reply_links_are_dropped(lang):
    page = "en" if lang == "pl" else lang  # the article under the thread (no Polish one in the helpers)
    lines = thread(lang, COMMENTS[lang])
    result = clean(article(page, *lines), only("boilerplate.comments"))
    # the first comment sits above the first reply link: where it starts is the main-text detector's call
    for line in lines[len(COMMENTS[lang][0]) :]:
        assert dropped_as(result, line, Family.BOILERPLATE), line
    assert kept_lines(result) == article(page, *COMMENTS[lang][0])


def test_two_reply_links_are_too_few_for_a_thread():
    lines = thread("en", COMMENTS["en"][:2])
    result = clean(article("en", *lines), only("boilerplate.comments"))
    assert all(kept(result, line) for line in lines)


def test_an_article_with_answers_between_short_headings_keeps_them():
    # a questions-and-answers page: "Antworten" over each long answer, more lines apart than a comment
    answer = [f"Der {n}. Abschnitt der Antwort erklärt, wie der Hafen vor Sturmfluten geschützt wird." for n in range(1, 18)]
    lines = ["Antworten", *answer, "Antworten", *answer[:16], "Antworten", "Ende der Fragen."]
    result = clean(article("de", *lines), only("boilerplate.comments"))
    assert all(kept(result, line) for line in answer)


def test_a_sentence_with_a_reply_word_is_no_reply_link():
    lines = ["Reply to the council's letter came quickly, officials said.", "The engineers agreed.", "Reply", "Thanks!", "Reply"]
    result = clean(article("en", *lines), only("boilerplate.comments"))
    assert kept(result, "Reply to the council's letter came quickly, officials said.")
