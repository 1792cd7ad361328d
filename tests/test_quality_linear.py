"""The main-text detector takes time linear in the page: 4x the input costs about 4x the time, not 16x.

Each case is cleaned at 1x and 4x size in the same run (best of seven, timed in turn, against noise on a shared machine);
the ratio must stay under 5, where a quadratic path would give about 16.
"""

from __future__ import annotations

import pytest

from rules_helpers import BODY, clean, only
from timing_helpers import GROWTH_BOUND, best_of_alternating

MAIN_TEXT = only("boilerplate.main-text")


def _ratio(small: list[str], large: list[str]) -> float:
    """Best time of the large input over best time of the small one, timed in turn so that load on the
    machine falls on both alike."""
    once, four = best_of_alternating([(clean, (small, MAIN_TEXT)), (clean, (large, MAIN_TEXT))], rounds=7)
    return four / once


def continuing_lines(n: int) -> list[str]:
    """One endless sentence split at every inline element: a single block of n short lines."""
    words = ["the harbour", "council voted", "on the", "barrier and", "the market", "which flooded"]
    return ["Home", "News"] + [words[i % len(words)] for i in range(n)] + ["end of the story."]


def forum_thread(n: int) -> list[str]:
    """A flattened forum thread: for each post a user name, a date, a counter and a paragraph."""
    lines = ["Forum", "Index", "Register", "Log in"]
    for i in range(n // 4):
        lines += [f"user{i}", f"{1 + i % 28}.03.2021, 12:{i % 60:02d}", f"Posts: {i}", BODY["en"][i % 4]]
    return lines


def many_blocks(n: int) -> list[str]:
    """A paragraph, then more menu links than it outweighs, over and over: as many prose runs as paragraphs,
    each scoring less than the page before it (the worst case for finding the runs)."""
    lines = []
    for i in range(n // 4):
        lines += [BODY["de"][i % 4], "Startseite", "Kontakt", "Impressum"]
    return lines


@pytest.mark.parametrize("make", [continuing_lines, forum_thread, many_blocks])
def test_four_times_the_page_grows_the_time_linearly(make):
    small, large = make(2000), make(8000)
    clean(small, MAIN_TEXT)  # warm the lexicons and caches
    # load on the machine only ever inflates a ratio: a linear path gets under the bound in one of three
    # tries, a quadratic one (about 16) in none
    ratios: list[float] = []
    while len(ratios) < 3 and (not ratios or ratios[-1] > GROWTH_BOUND):
        ratios.append(_ratio(small, large))
    ratio = min(ratios)
    assert ratio <= GROWTH_BOUND, f"{make.__name__}: 4x input took {ratio:.1f}x the time"
