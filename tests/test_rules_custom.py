"""The user's own rules: phrases, exact lines, regexes (bounded in time), keep-exceptions and hand overrides."""

import time

from winnow.core.model import Document, Family
from winnow.pipeline import Cleaner
from winnow.recipe import Override, Recipe
from winnow.rules import BUILTIN_RULES
from winnow.rules.custom import regex_error

ARTICLE = [
    "Council approves new budget for city parks",
    "The city council approved a budget of 4 million euros for parks on Tuesday.",
    "Read more: Council elections in May",
    "Mayor Anna Berg said the money would fund new playgrounds and trees.",
    "Share",
    "Photo gallery",
]


def only_custom(recipe: Recipe) -> Recipe:
    for cls in BUILTIN_RULES:  # isolate the user's rules from the built-in ones
        recipe = recipe.with_enabled(cls.id, False)
    return recipe


def clean(lines, recipe):
    return Cleaner(only_custom(recipe)).clean(Document(source="t/a.txt", format="text", content="\n".join(lines), lines=list(lines)))


def dropped(result):
    return [result.lines[i] for i, r in enumerate(result.removals) if r is not None]


def test_phrase_rule_is_case_insensitive_and_explains_itself():
    result = clean(ARTICLE, Recipe().with_custom("drop_containing", ["READ MORE"]))
    assert dropped(result) == ["Read more: Council elections in May"]
    removal = result.removals[2]
    assert removal.family is Family.CUSTOM and "READ MORE" in removal.reason


def test_equal_rule_ignores_case_and_spacing_but_not_partial_matches():
    lines = ARTICLE + ["  share  ", "Share this with your friends, said the mayor about the park."]
    result = clean(lines, Recipe().with_custom("drop_equal", ["share"]))
    assert dropped(result) == ["Share", "  share  "]


def test_regex_rule_drops_matches_only():
    result = clean(ARTICLE, Recipe().with_custom("drop_regex", [r"^(Share|Photo \w+)$"]))
    assert dropped(result) == ["Share", "Photo gallery"]


def test_invalid_regex_is_reported_and_not_applied():
    recipe = Recipe().with_custom("drop_regex", ["(unclosed", "Share"])
    cleaner = Cleaner(only_custom(recipe))
    assert any("(unclosed" in p for p in cleaner.problems)
    assert regex_error("(unclosed")
    assert regex_error("") and regex_error("x*")  # empty, and one that matches every line
    assert regex_error(r"\bShare\b") is None
    result = cleaner.clean(Document(source="a.txt", format="text", content="", lines=ARTICLE))
    assert dropped(result) == ["Share"]


def test_catastrophic_regex_is_stopped_reported_and_the_document_survives():
    evil = r"(a|aa)+$"
    lines = ["a" * 60 + "b", "Share", "normal text"]
    recipe = Recipe().with_custom("drop_regex", [evil, "^Share$"]).with_custom("regex_timeout_ms", 50)
    start = time.monotonic()
    result = clean(lines, recipe)
    assert time.monotonic() - start < 5
    assert dropped(result) == ["Share"]
    assert len(result.problems) == 1 and evil in result.problems[0].message and "t/a.txt" == result.problems[0].source


def test_keep_exception_beats_every_drop_but_a_hand_drop_beats_it():
    recipe = Recipe().with_custom("drop_containing", ["council"]).with_custom("keep_containing", ["approved"])
    result = clean(ARTICLE, recipe)
    assert dropped(result) == ["Council approves new budget for city parks", "Read more: Council elections in May"]
    assert result.kept_by == {1: "custom.keep-containing"}
    doc_id = Document(source="t/a.txt", format="text", content="", lines=[]).id
    by_hand = recipe.with_override(Override(doc_id, 2, ARTICLE[1], "drop")).with_override(Override(doc_id, 3, ARTICLE[2], "keep"))
    result = clean(ARTICLE, by_hand)
    assert result.removals[1].family is Family.MANUAL
    assert result.removals[2] is None and result.kept_by[2] == "manual"


def test_override_for_a_changed_line_is_ignored_and_reported():
    doc_id = Document(source="t/a.txt", format="text", content="", lines=[]).id
    recipe = Recipe().with_override(Override(doc_id, 2, "text that is no longer there", "drop"))
    result = clean(ARTICLE, recipe)
    assert dropped(result) == []
    assert "no longer matches" in result.problems[0].message


def test_clean_text_keeps_paragraphs_without_piling_blank_lines():
    lines = ["Title", "", "First paragraph.", "", "Share", "", "Second paragraph.", "", ""]
    result = clean(lines, Recipe().with_custom("drop_equal", ["Share", "Title"]))
    assert result.text == "First paragraph.\n\nSecond paragraph."
