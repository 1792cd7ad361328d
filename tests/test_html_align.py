"""Aligning trafilatura's lines onto the page's lines, and taking back a lead paragraph it missed."""

from __future__ import annotations

import random

import pytest

from winnow.readers.html import align, reads_as_prose, recover_lead


def kept(lines: list[str], outside: frozenset[int]) -> list[str]:
    return [line for i, line in enumerate(lines) if i not in outside]


def left_out(lines: list[str], outside: frozenset[int]) -> list[str]:
    return [line for i, line in enumerate(lines) if i in outside]


# ---------------------------------------------------------------- align


def test_page_lines_not_in_main_are_outside():
    page = ["Home", "News", "Title", "First paragraph.", "Second paragraph.", "Share", "Footer"]
    main = ["Title", "First paragraph.", "Second paragraph."]
    lines, outside = align(page, main)
    assert lines == page
    assert left_out(lines, outside) == ["Home", "News", "Share", "Footer"]


def test_table_cells_are_replaced_by_trafilaturas_rows():
    page = ["Intro text here.", "Year", "Visitors", "2023", "1,200", "Footer"]
    main = ["Intro text here.", "| Year | Visitors |", "|---|---|", "| 2023 | 1,200 |"]
    lines, outside = align(page, main)
    assert kept(lines, outside) == main
    assert left_out(lines, outside) == ["Footer"]


def test_paragraph_split_on_the_page_but_joined_by_trafilatura():
    page = ["Menu", "The first half of a sentence", "and its second half.", "Footer"]
    main = ["The first half of a sentence and its second half."]
    lines, outside = align(page, main)
    assert lines == ["Menu", main[0], "Footer"]
    assert left_out(lines, outside) == ["Menu", "Footer"]


def test_page_line_split_by_trafilatura():
    page = ["Menu", "One sentence here. Another sentence there.", "Footer"]
    main = ["One sentence here.", "Another sentence there."]
    lines, outside = align(page, main)
    assert lines == ["Menu", *main, "Footer"]


def test_main_line_found_nowhere_stays_in_order_after_its_predecessor():
    page = ["Menu", "Alpha paragraph text.", "Sidebar teaser", "Gamma paragraph text.", "Footer"]
    main = ["Alpha paragraph text.", "An image caption only trafilatura saw", "Gamma paragraph text."]
    lines, outside = align(page, main)
    assert kept(lines, outside) == main
    assert lines.index("An image caption only trafilatura saw") == lines.index("Alpha paragraph text.") + 1
    assert left_out(lines, outside) == ["Menu", "Sidebar teaser", "Footer"]


def test_repeated_line_is_matched_at_the_right_place():
    page = ["Share", "Title of the story", "Body of the story goes here.", "Share", "More from us"]
    main = ["Title of the story", "Body of the story goes here."]
    lines, outside = align(page, main)
    assert lines == page
    assert outside == frozenset({0, 3, 4})


def test_whitespace_differences_do_not_break_matching():
    lines, outside = align(["a b", "c"], ["a  b ", "c"])
    assert lines == ["a  b ", "c"] and outside == frozenset()


def test_nothing_in_common():
    lines, outside = align(["x", "y"], ["completely", "different"])
    assert kept(lines, outside) == ["completely", "different"]
    assert left_out(lines, outside) == ["x", "y"]


@pytest.mark.parametrize("seed", range(40))
def test_kept_lines_are_always_the_main_lines_and_outside_lines_keep_page_order(seed):
    rng = random.Random(seed)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()

    def line() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))

    page = [line() for _ in range(rng.randint(0, 30))]
    main = [s for s in page if rng.random() < 0.5]
    for _ in range(rng.randint(0, 3)):  # some lines trafilatura renders differently, or invents
        main.insert(rng.randint(0, len(main)), line())
    lines, outside = align(page, main)
    assert kept(lines, outside) == main
    others = left_out(lines, outside)
    it = iter(page)
    assert all(any(o == p for p in it) for o in others)  # a subsequence of the page lines


# ---------------------------------------------------------------- lead recovery


def test_prose_just_above_the_main_content_is_recovered():
    lines = [
        "Home",
        "News",
        "The council voted to turn the old railway depot into a public library.",
        "Photo: AP",
        "Title",
        "The railway depot, empty since 1998, will hold the library's archives and a reading room.",
    ]
    outside = frozenset({0, 1, 2, 3})
    assert recover_lead(lines, outside, lines[2]) == frozenset({2})


def test_prose_far_above_the_main_content_is_not_recovered():
    far = "A paragraph of prose that sits far above the article, in some other box."
    lines = [far] + ["menu item"] * 12 + ["Body paragraph."]
    assert recover_lead(lines, frozenset(range(13)), far) == frozenset()


def test_nothing_recovered_without_main_lines():
    lines = ["A paragraph of prose that would otherwise look like a lead to the article."]
    assert recover_lead(lines, frozenset({0}), lines[0]) == frozenset()


@pytest.mark.parametrize(
    "line, prose",
    [
        ("The council voted on Tuesday to turn the depot into a library.", True),
        ("„Wir haben lange darauf gewartet“, sagte die Bürgermeisterin bei der Eröffnung am Montag.", True),
        ("Short sentence here.", False),
        ("Ten tips for a greener garden that every beginner should know about before spring…", False),
        ("Home / News / Local / The council voted to turn the depot into a library.", False),
        ("Alexander McQueen Anna Wintour Balenciaga Berlin Fashion Week Chanel Christian Dior Fashion", False),
    ],
)
def test_what_reads_as_prose(line, prose):
    assert reads_as_prose(line) is prose
