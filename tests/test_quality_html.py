"""On HTML, lines inside the extracted main content go only on strong evidence: a repeat there is content."""

from __future__ import annotations

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
