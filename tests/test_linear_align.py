"""Aligning trafilatura's lines onto the page grows linearly (n·log n) with the page, whatever repeats in it.

Each timing test compares one input with the same input four times as large, in the same run: a linear
path takes about 4× as long, a quadratic one 16×. The bound (5×) leaves room for noise, not for n².
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timing_helpers import GROWTH_BOUND, growth
from winnow.core import budget
from winnow.core.budget import Budget, OverBudget
from winnow.core.model import Document, Problem
from winnow.readers import read_paths
from winnow.readers.html import align
from winnow.text.diff import matching_blocks, opcodes


def paragraphs_between_adverts(n: int, advert_in_main: bool = False) -> tuple[list[str], list[str]]:
    """A page whose paragraphs alternate with one repeated marker line; the marker may be in the main text."""
    page, main = ["Home", "World", "Sport"], []
    for k in range(n):
        paragraph = f"Paragraph {k} of the report says what happened on day {k % 30} in plain words."
        page += [paragraph, "Advertisement"]
        main += [paragraph, "Advertisement"] if advert_in_main and k % 3 else [paragraph]
    return page + ["Imprint", "Privacy"], main


def table_cells_against_rows(n: int) -> tuple[list[str], list[str]]:
    """The page has one line per table cell, trafilatura one line per row: nothing matches line for line."""
    page = ["Intro paragraph of the table page."]
    main = ["Intro paragraph of the table page.", "| Year | Town | Visitors |", "|---|---|---|"]
    for k in range(n):
        cells = [str(1900 + k % 120), f"Town{k % 50}", f"{k * 7 % 1000},{k % 10}00"]
        page += cells
        main.append("| " + " | ".join(cells) + " |")
    return page + ["Footer"], main


def test_a_line_repeated_between_paragraphs_aligns_in_linear_time():
    assert growth(paragraphs_between_adverts, align, 4000) <= GROWTH_BOUND


def test_a_repeated_line_kept_in_the_main_text_aligns_in_linear_time():
    assert growth(lambda n: paragraphs_between_adverts(n, advert_in_main=True), align, 4000) <= GROWTH_BOUND


def test_table_cells_matched_word_by_word_in_linear_time():
    assert growth(table_cells_against_rows, align, 1500) <= GROWTH_BOUND


def test_sequences_with_no_unique_item_match_in_linear_time():
    def make(n):
        rng = random.Random(n)
        return [rng.choice("abc") for _ in range(n)], [rng.choice("abc") for _ in range(n)]

    assert growth(make, matching_blocks, 20_000) <= GROWTH_BOUND


def test_repeated_marker_lines_stay_outside_when_the_main_text_drops_them():
    page, main = paragraphs_between_adverts(3000)
    lines, outside = align(page, main)
    assert [line for i, line in enumerate(lines) if i not in outside] == main
    assert {lines[i] for i in outside} == {"Home", "World", "Sport", "Advertisement", "Imprint", "Privacy"}


def test_repeated_marker_lines_kept_by_the_main_text_are_matched_in_place():
    page, main = paragraphs_between_adverts(3000, advert_in_main=True)
    lines, outside = align(page, main)
    assert lines == page  # every main line found at its own place on the page
    assert [line for i, line in enumerate(lines) if i not in outside] == main


def test_table_rows_replace_their_cells_at_scale():
    page, main = table_cells_against_rows(2000)
    lines, outside = align(page, main)
    assert [line for i, line in enumerate(lines) if i not in outside] == main
    assert [lines[i] for i in outside] == ["Footer"]


# ---------------------------------------------------------------- the matcher itself


def _check_blocks(a, b, blocks):
    last_i = last_j = 0
    for i, j, size in blocks:
        assert size > 0 and i >= last_i and j >= last_j
        assert list(a[i : i + size]) == list(b[j : j + size])
        last_i, last_j = i + size, j + size


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcdefg"), max_size=400), st.lists(st.sampled_from("abcdefg"), max_size=400))
def test_blocks_are_equal_runs_in_increasing_order(a, b):
    _check_blocks(a, b, matching_blocks(a, b))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 10_000), max_size=300, unique=True), st.data())
def test_a_subsequence_of_unique_items_is_found_whole(a, data):
    keep = data.draw(st.lists(st.booleans(), min_size=len(a), max_size=len(a)))
    b = [x for x, k in zip(a, keep) if k]
    assert sum(size for _, _, size in matching_blocks(a, b)) == len(b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=300), st.lists(st.sampled_from("abcde"), max_size=300))
def test_opcodes_rebuild_b_from_a(a, b):
    rebuilt = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            rebuilt += a[i1:i2]
        elif tag in ("insert", "replace"):
            rebuilt += b[j1:j2]
    assert rebuilt == b


# ---------------------------------------------------------------- the time budget


def test_alignment_over_its_budget_stops_with_over_budget():
    page, main = paragraphs_between_adverts(2000, advert_in_main=True)
    with pytest.raises(OverBudget, match="time budget"):
        align(page, main, Budget(0))


def test_a_rule_step_over_its_budget_names_the_rule_and_one_within_it_passes():
    with pytest.raises(OverBudget, match=r"time budget of 0 s \(before rule headlines\.related\)"):
        Budget(0).check_rule("headlines.related")
    Budget(60).check_rule("headlines.related")


def test_a_page_over_its_budget_is_a_problem_naming_it_and_the_others_are_read(tmp_path, monkeypatch):
    (tmp_path / "slow.html").write_text("<html><body><article><p>" + "Some words of the story. " * 40 + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("A plain text file.\n", encoding="utf-8")
    monkeypatch.setattr(budget, "DOCUMENT_SECONDS", 0.0)
    results = list(read_paths([tmp_path]))
    problems = [r for r in results if isinstance(r, Problem)]
    assert [p.source.rsplit("/", 1)[-1] for p in problems if "time budget" in p.message] == ["slow.html"]
    assert [d.source.rsplit("/", 1)[-1] for d in results if isinstance(d, Document)] == ["notes.txt"]
