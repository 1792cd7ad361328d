"""Family 6: repeated lines keep their first copy."""

import pytest

from rules_helpers import BODY, TITLE, article, clean, dropped_as, kept_lines, only
from winnow.core.model import Family
from winnow.rules.repeats import NEAR_LINES


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_repeated_title_keeps_the_first_copy(lang):
    lines = article(lang, before=(TITLE[lang],))
    result = clean(lines)
    assert result.removals[0] is None
    assert result.removals[1] is not None and result.removals[1].family is Family.REPEATS
    assert result.removals[1].reason == "repeats the title"
    assert kept_lines(result) == article(lang)


def test_repeated_paragraph_names_the_first_line():
    lines = article("en", BODY["en"][1])
    result = clean(lines, only("repeats.lines"))
    assert result.removals[-1].reason == f"repeats line {lines.index(BODY['en'][1]) + 1}"


def test_copies_differing_only_in_case_spacing_or_punctuation_are_repeats():
    lines = article("en", "HARBOUR COUNCIL APPROVES  flood barrier budget!")
    assert dropped_as(clean(lines, only("repeats.lines")), lines[-1], Family.REPEATS)


def test_short_lines_may_repeat():
    lines = article("de", "1 EL Zucker", "Mehl", "1 EL Zucker", "Mehl")
    result = clean(lines, only("repeats.lines"))
    assert kept_lines(result) == lines
    shorter = clean(lines, only("repeats.lines", min_chars=3))
    assert shorter.removals[-4] is None and shorter.removals[-2].family is Family.REPEATS


def test_a_copy_removed_by_another_rule_does_not_count():
    # the title also printed in a menu that the ad rule removed: the article's own copy stays
    lines = ["Advertisement: Harbour council approves flood barrier budget", *article("en"), "Harbour council approves flood barrier budget"]
    result = clean(lines)
    assert result.removals[0].family is Family.ADS
    assert result.removals[1] is None  # the article's title, the first copy still kept
    assert result.removals[-1].family is Family.REPEATS


def test_piece_of_a_split_sentence_is_not_a_repeat():
    lines = ["Die deutsche Autorin", "Sonja Silberhorn", "hat ein Buch geschrieben.", *article("de"), "Über", "Sonja Silberhorn", "schreibt die Zeitung heute."]
    result = clean(lines, only("repeats.lines"))
    assert kept_lines(result) == lines


CONTENTS = {
    "en": ("Contents", "Why the barrier is needed", "What it will cost"),
    "de": ("Inhalt", "Warum die Sperre nötig ist", "Was sie kosten wird"),
    "fr": ("Sommaire", "Pourquoi la digue est nécessaire", "Ce qu'elle va coûter"),
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_heading_listed_in_the_contents_stays_where_its_section_starts(lang):
    """A repeat far from the copy before it is the text's own (a table of contents, then the headings it lists)."""
    label, first, second = CONTENTS[lang]
    body = BODY[lang]
    paragraphs = [f"{a} {b}" for a in body for b in body if a != b]  # twelve different paragraphs
    section = NEAR_LINES  # paragraphs in the first section: the headings lie further from their copies than NEAR_LINES
    lines = [TITLE[lang], label, first, second, *paragraphs[:section], first, *paragraphs[section : 2 * section], second, *paragraphs[2 * section :]]
    result = clean(lines, only("repeats.lines"))
    for heading in (first, second):
        listed, starts = (i for i, line in enumerate(lines) if line == heading)
        assert starts - listed > NEAR_LINES
        assert result.removals[starts] is None, heading
    # the same heading again a line or two after the last copy: printed twice
    near = [*lines, paragraphs[0], second]
    assert clean(near, only("repeats.lines")).removals[-1].family is Family.REPEATS
