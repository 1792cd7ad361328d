"""Two shortcuts of the furniture rule change no decision: a label split from its value is made (stripped, case-folded)
only for a line starting with a label's first word, and a date label's next line is read as a date only when it shows a
date's digits (DATE_HINT). With each shortcut off, the same lines go for the same reasons."""

from __future__ import annotations

from dataclasses import replace
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from winnow.core.model import Document
from winnow.rules import furniture
from winnow.rules.base import Context
from winnow.rules.furniture import FurnitureWords, PageFurniture
from winnow.stages.analyse import Analysis
from winnow.text.lexicon import Lexicons, words

# invented lines: labels and their values split over two lines, date labels before dates and before other lines, near
# misses (a label inside a sentence, a number alone), in a few languages
SPLIT_LINES = [
    "Foto:",
    "Photo :",
    "dpa",
    "©",
    "(c)",
    "AFP",
    "Von",
    "Julia Müller",
    "By",
    "John Smith",
    "Par",
    "Jeanne Martin",
    "Stand:",
    "26.10.2021",
    "Veröffentlicht am",
    "3. Februar 2022",
    "Publié le",
    "4 mars 2023",
    "on",
    "line 7",
    "Am",
    "Montag",
    "Published",
    "March 2020",
    "Mai 2019 (3)",
    "12",
    "Von hier aus sieht man den See.",
    "Der Rat hat heute lange getagt und am Ende beschlossen, was nun kommt.",
    "The council met today and decided what comes next.",
    "",
]


class Everything(frozenset):
    """A set that holds every word: the shortcut off."""

    def __contains__(self, item: object) -> bool:
        return True


class AlwaysHinted:
    """DATE_HINT finding something in every line: the shortcut off."""

    @staticmethod
    def search(line: str) -> bool:
        return True


def decisions(lines: list[str], found: FurnitureWords, hint: object, html: bool) -> list[tuple[str, str] | None]:
    lexicons = Lexicons.shared()
    info = Analysis(lines, "de", lexicons=lexicons)
    document = Document(source="t.html" if html else "t.txt", format="html" if html else "text", content="", lines=lines)
    ctx = Context.for_lines(document, lines, info)
    with mock.patch.object(FurnitureWords, "of", return_value=found), mock.patch.object(furniture, "DATE_HINT", hint):
        PageFurniture().apply(ctx)
    return [(r.rule_id, r.reason) if r else None for r in ctx.removals]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SPLIT_LINES), min_size=1, max_size=10), st.booleans())
def test_the_split_label_and_date_shortcuts_change_no_decision(lines, html):
    found = FurnitureWords.of(Lexicons.shared())
    with_shortcuts = decisions(lines, found, furniture.DATE_HINT, html)
    assert decisions(lines, replace(found, label_firsts=Everything()), furniture.DATE_HINT, html) == with_shortcuts
    assert decisions(lines, found, AlwaysHinted(), html) == with_shortcuts


def test_every_label_starts_with_one_of_the_label_first_words():
    found = FurnitureWords.of(Lexicons.shared())
    for label in found.label_words:
        seq = words(label)
        assert (seq[0] if seq else "") in found.label_firsts


def test_split_labels_and_dates_still_go_and_their_near_misses_stay():
    lines = [
        "Der Rat hat heute lange getagt und am Ende beschlossen, was nun kommt.",
        "Foto:",
        "dpa",
        "Stand:",
        "26.10.2021",
        "Am",
        "Montag",  # no date's digits: stays
        "Von hier aus sieht man den See.",
        "Von",
        "Julia Müller",
    ]
    removed = [i for i, r in enumerate(decisions(lines, FurnitureWords.of(Lexicons.shared()), furniture.DATE_HINT, False)) if r]
    assert removed == [1, 2, 3, 4, 8, 9]


# invented lines: titled comment counters in several languages, one with a dotted capital I, and near misses (a date, a
# count without a title, a sentence about replies)
TITLED_LINES = [
    "12 responses to “A walk in the park”",
    "3 Kommentare zu „Ein Tag am See“",
    "5 réponses à « Une journée à la mer »",
    "2 comentarios en «Un día en el campo»",
    "4 reacties op ‘Een dag aan zee’",
    "7 commenti su «Un giorno al mare»",
    "2 REPLİES to the first post",
    "12 March 2020",
    "4. März 2023 um 10:15",
    "5 comments",
    "12 people replied to the survey",
    "3 min read",
    "Responses to the plan were mixed.",
    "The council met today and decided what comes next.",
]


class Overlapping(frozenset):
    """A set that shares a word with every line: the titled counter's shortcut off."""

    def isdisjoint(self, other: object) -> bool:
        return False


def counter_decisions(lines: list[str], titled: frozenset) -> list[tuple[str, str] | None]:
    with mock.patch.object(furniture, "TITLED_WORDS", titled):
        return decisions(lines, FurnitureWords.of(Lexicons.shared()), furniture.DATE_HINT, False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TITLED_LINES), min_size=1, max_size=8))
def test_the_titled_counter_shortcut_changes_no_decision(lines):
    assert counter_decisions(lines, Overlapping()) == counter_decisions(lines, furniture.TITLED_WORDS)


def test_titled_counters_still_go_and_their_near_misses_stay():
    lines = [
        "The council met today and decided what comes next.",
        "12 responses to “A walk in the park”",
        "12 people replied to the survey",
        "3 Kommentare zu „Ein Tag am See“",
        "Responses to the plan were mixed.",
    ]
    found = counter_decisions(lines, furniture.TITLED_WORDS)
    assert [i for i, r in enumerate(found) if r and r[1] == "view or comment counter"] == [1, 3]
    assert found[2] is None and found[4] is None
