"""Figure captions inside the article come back as main lines when they read as a sentence; their credits, marked
by the page, are lines of their own and stay out."""

from __future__ import annotations

import pytest

from winnow.readers.html import _flatten_by_walking, caption_lines, extract_page, flatten, parse_html, recover_captions

# (paragraphs of an article, a caption that reads as a sentence, one with its credit after it, an unfinished phrase)
ARTICLES = {
    "en": (
        [
            "The harbour authority has approved a plan to move the ferry terminal to the eastern pier by the end of "
            "next year, after a long debate about noise, traffic and the cost of dredging the channel.",
            "Residents of the old town welcomed the decision, saying the heavy lorries that queue for the ferries "
            "had made the narrow streets near the water almost impossible to cross during the summer months.",
            "The new terminal will have room for twice as many cars, and the authority expects the first ships to "
            "dock there in the spring, provided that the contractors finish the quay walls on time.",
        ],
        "Lorries waiting for the morning ferry block the road along the old harbour wall.",
        "The eastern pier will be extended by two hundred metres. (Jane Doe / Harbour News)",
        "The harbour master on the eastern pier",
    ),
    "de": (
        [
            "Die Hafenbehörde hat beschlossen, den Fähranleger bis Ende des nächsten Jahres an die Ostmole zu "
            "verlegen, nach einer langen Debatte über Lärm, Verkehr und die Kosten für das Ausbaggern der Rinne.",
            "Die Anwohner der Altstadt begrüßten die Entscheidung, weil die Lastwagen, die vor den Fähren warten, "
            "die engen Gassen am Wasser im Sommer fast unpassierbar gemacht hätten.",
            "Der neue Anleger soll doppelt so viele Autos aufnehmen, und die ersten Schiffe sollen dort im Frühjahr "
            "festmachen, sofern die Baufirmen die Kaimauern rechtzeitig fertigstellen.",
        ],
        "Lastwagen warten an der alten Hafenmauer auf die erste Fähre des Tages.",
        "Die Ostmole wird um zweihundert Meter verlängert. (Erika Muster / Hafenzeitung)",
        "Der Hafenmeister auf der Ostmole",
    ),
    "fr": (
        [
            "L'autorité portuaire a approuvé le déplacement du terminal des ferries vers la jetée est d'ici la fin "
            "de l'année prochaine, après un long débat sur le bruit, la circulation et le coût du dragage.",
            "Les habitants de la vieille ville ont salué la décision : les camions qui attendent les ferries rendaient "
            "les ruelles proches du port presque impossibles à traverser pendant l'été.",
            "Le nouveau terminal accueillera deux fois plus de voitures, et les premiers navires devraient y accoster "
            "au printemps, si les entreprises terminent les quais à temps.",
        ],
        "Des camions attendent le premier ferry le long du vieux mur du port.",
        "La jetée est sera prolongée de deux cents mètres. (Jean Dupont / Journal du Port)",
        "Le capitaine du port sur la jetée est",
    ),
}


def _lines(language: str, *captions: str) -> tuple[list[str], frozenset[int]]:
    """Above the article (outside), a paragraph, the captions (outside), the other paragraphs, a footer (outside)."""
    paragraphs = ARTICLES[language][0]
    lines = ["Home", "Sign in", paragraphs[0], *captions, *paragraphs[1:], "Share this story"]
    main = {2, *range(3 + len(captions), 3 + len(captions) + len(paragraphs) - 1)}
    return lines, frozenset(set(range(len(lines))) - main)


# ---------------------------------------------------------------- which captions come back


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_a_caption_inside_the_article_that_reads_as_a_sentence_comes_back(language):
    _, sentence, with_credit, _ = ARTICLES[language]
    lines, outside = _lines(language, sentence, with_credit)
    assert recover_captions(lines, outside, frozenset({sentence, with_credit})) == frozenset({3, 4})


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_an_unfinished_phrase_or_a_short_label_stays_out(language):
    _, _, _, phrase = ARTICLES[language]
    lines, outside = _lines(language, phrase, "Photo 2 of 5", "Credit Jane Doe")
    assert recover_captions(lines, outside, frozenset({phrase, "Photo 2 of 5", "Credit Jane Doe"})) == frozenset()


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_only_captions_come_back_and_only_between_the_articles_lines(language):
    paragraphs, sentence, _, _ = ARTICLES[language]
    lines, outside = _lines(language, sentence)
    assert recover_captions(lines, outside, frozenset()) == frozenset()  # the same sentence, not a caption
    # the same caption above the article's first line or below its last: another story's picture, a gallery
    above = [sentence, "Home", *paragraphs]
    below = ["Home", *paragraphs, sentence]
    assert recover_captions(above, frozenset({0, 1}), frozenset({sentence})) == frozenset()
    assert recover_captions(below, frozenset({0, len(below) - 1}), frozenset({sentence})) == frozenset()


def test_nothing_comes_back_without_main_lines():
    sentence = ARTICLES["en"][1]
    assert recover_captions([sentence, "Home"], frozenset({0, 1}), frozenset({sentence})) == frozenset()


# ---------------------------------------------------------------- captions and credits on the page


def test_a_credit_the_page_marks_is_a_line_of_its_own():
    body = (
        "<p>The river rose overnight.<span class='photo-credit'>Jane Doe</span></p>"
        "<p>Quiet <span class='highlight'>streets</span> again.<small itemprop='copyrightHolder'>Agency</small></p>"
        "<pre>a\nb<span class='credit'>c\nd</span></pre>"
    )
    tree = parse_html(f"<html><body>{body}</body></html>")
    expected = ["The river rose overnight.", "Jane Doe", "Quiet streets again.", "Agency", "a", "b", "c", "d"]
    assert flatten(tree) == expected
    assert _flatten_by_walking(tree) == expected


def test_caption_lines_are_those_of_figcaptions_and_caption_classes():
    html = (
        "<html><body><figure><img src='a.jpg'><figcaption>Boats in the harbour at dawn.</figcaption></figure>"
        "<div class='image-Caption'>Der Hafen im Morgenlicht.</div>"
        "<button class='captions'>Subtitles on</button><p>Not a caption at all.</p></body></html>"
    )
    assert caption_lines(parse_html(html)) == frozenset({"Boats in the harbour at dawn.", "Der Hafen im Morgenlicht."})


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_extract_page_takes_back_a_caption_between_paragraphs_and_leaves_its_credit_out(language):
    paragraphs, sentence, _, phrase = ARTICLES[language]
    figure = f"<figure><img src='pier.jpg'><figcaption><span>{sentence}</span><span class='credit'>Jane Doe</span></figcaption></figure>"
    label = f"<figure><img src='master.jpg'><figcaption>{phrase}</figcaption></figure>"
    article = f"<p>{paragraphs[0]}</p>{figure}<p>{paragraphs[1]}</p>{label}<p>{paragraphs[2]}</p>"
    html = f"<html lang='{language}'><head><title>Harbour</title></head><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>"

    strict = extract_page(html, recover=False)
    assert sentence in strict.lines and strict.lines.index(sentence) in strict.outside_main  # trafilatura leaves it out

    page = extract_page(html)
    main = [line for i, line in enumerate(page.lines) if i not in page.outside_main]
    assert main.index(paragraphs[0]) < main.index(sentence) < main.index(paragraphs[1])
    assert page.recovered == frozenset({page.lines.index(sentence)})
    assert "Jane Doe" in page.lines and "Jane Doe" not in main
    assert phrase in page.lines and phrase not in main
