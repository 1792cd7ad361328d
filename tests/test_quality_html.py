"""On HTML, lines inside the extracted main content go only on strong evidence: a repeat there is content."""

from __future__ import annotations

import pytest
from rules_helpers import BODY, TITLE
from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe

CODE = "$ hg pull -u --rebase --tool internal:merge"
OUTPUT = "1 files updated, 0 files merged, 0 files removed, 0 files unresolved"


def _html_document(main: list[str], outside_before: list[str]) -> Document:
    lines = [*outside_before, *main]
    return Document(source="t/page.html", format="html", content="", lines=lines, outside_main=frozenset(range(len(outside_before))))


def test_a_command_and_its_output_repeated_inside_the_main_content_stay():
    body = BODY["en"]
    main = [TITLE["en"], body[0], CODE, OUTPUT, body[1], CODE, OUTPUT, body[2], body[3]]
    cleaned = Cleaner(Recipe()).clean(_html_document(main, ["Home", "News"]))
    assert cleaned.text.split("\n").count(CODE) == 2
    assert cleaned.text.split("\n").count(OUTPUT) == 2


def test_the_same_repeat_in_flattened_text_still_goes():
    body = BODY["en"]
    lines = [TITLE["en"], body[0], body[1], body[2], body[3], body[0]]
    cleaned = Cleaner(Recipe()).clean(Document(source="t/page.txt", format="text", content="", lines=lines))
    assert cleaned.text.split("\n").count(body[0]) == 1


# ---------------------------------------------------------------- section headings and preformatted text

# a word a counter or menu link is made of, standing as the heading of the paragraph under it
HEADINGS = {
    "en": ("Responses", "Responses to the consultation came from fishermen, shop owners and the harbour school."),
    "de": ("Reaktionen", "Reaktionen auf die Pläne kamen von Fischern, Ladenbesitzern und der Hafenschule."),
}


def _cleaned(lines: list[str], fmt: str = "html") -> list[str]:
    document = Document(source=f"t/page.{'html' if fmt == 'html' else 'txt'}", format=fmt, content="", lines=lines)
    cleaned = Cleaner(Recipe()).clean(document)
    return [line for line, removal in zip(cleaned.lines, cleaned.removals) if removal is None]


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_a_heading_of_the_paragraph_under_it_stays_in_the_main_content(lang):
    heading, paragraph = HEADINGS[lang]
    body = BODY[lang]
    kept = _cleaned([TITLE[lang], body[0], body[1], heading, paragraph, body[2], body[3]])
    assert heading in kept and paragraph in kept


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_the_same_word_over_unrelated_text_still_goes(lang):
    heading, _ = HEADINGS[lang]
    body = BODY[lang]
    kept = _cleaned([TITLE[lang], body[0], body[1], body[2], body[3], heading, body[0][:60] + " und mehr"])
    assert heading not in kept


# the end of a plain-text document shown in a <pre> block (indented references), and a headline after an article
REFERENCES = {
    "en": '        M. Lindqvist, P. Olsen, "Tidal Gauge Telemetry Format:',
    "de": '        K. Brandt, J. Vogel, "Pegelmessung im Wattenmeer:',
}


@pytest.mark.parametrize("lang", sorted(REFERENCES))
def test_indented_preformatted_lines_after_the_article_stay(lang):
    body = BODY[lang]
    line = REFERENCES[lang]
    kept = _cleaned([TITLE[lang], *body, "References", line, "            Technical Report 12, 2014."])
    assert line in kept


@pytest.mark.parametrize("lang", sorted(REFERENCES))
def test_the_same_words_as_a_plain_line_still_go_as_an_unrelated_headline(lang):
    body = BODY[lang]
    line = REFERENCES[lang].strip()
    kept = _cleaned([TITLE[lang], *body, line])
    assert line not in kept


MENU_HEADINGS = {
    "en": ("Search and Navigation", "Search suggestions in the address bar now load faster, and the navigation buttons were redrawn."),
    "de": ("Suche und Navigation", "Die Suche in der Adressleiste lädt jetzt schneller, und die Navigation wurde neu gezeichnet."),
}


@pytest.mark.parametrize("lang", sorted(MENU_HEADINGS))
def test_a_section_heading_made_of_menu_words_stays_over_its_section(lang):
    heading, paragraph = MENU_HEADINGS[lang]
    body = BODY[lang]
    assert heading in _cleaned([TITLE[lang], body[0], body[1], heading, paragraph, body[2], body[3]])


@pytest.mark.parametrize("lang", sorted(MENU_HEADINGS))
def test_the_menu_link_at_the_end_still_goes(lang):
    heading, _ = MENU_HEADINGS[lang]
    body = BODY[lang]
    assert heading not in _cleaned([TITLE[lang], *body, heading, body[0]])


# a table under the article, as extraction writes it: rows of cells that share no word with the text above
TABLE_ROWS = {
    "en": ["| Vineyard region: | Northern California coast |", "| Allergens: | Contains sulphites |"],
    "de": ["| Herkunftsland: | Vereinigte Staaten von Amerika |", "| Allergene: | Enthält Sulfite |"],
}


@pytest.mark.parametrize("lang", sorted(TABLE_ROWS))
def test_table_rows_after_the_article_stay(lang):
    kept = _cleaned([TITLE[lang], *BODY[lang], *TABLE_ROWS[lang]])
    assert all(row in kept for row in TABLE_ROWS[lang])


@pytest.mark.parametrize("lang", sorted(TABLE_ROWS))
def test_the_same_cells_written_as_a_line_still_go_as_an_unrelated_headline(lang):
    line = TABLE_ROWS[lang][0].strip("| ").replace(" | ", " ")
    assert line not in _cleaned([TITLE[lang], *BODY[lang], line])
