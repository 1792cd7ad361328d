"""The furniture rule's kernel (`winnow.kernel._furniture`, Cython) and its pure-Python twin (`furniture_py`) give the same
results, and their screen changes no decision of the rule: with it off (every candidate visited), the same lines go for
the same reasons."""

from __future__ import annotations

import itertools
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winnow.core.model import Document
from winnow.kernel import furniture_py, rules_py
from winnow.kernel.rules_py import ends_with
from winnow.rules import furniture
from winnow.rules.base import Context
from winnow.rules.furniture import TITLED_COUNTER_WORDS, FurnitureWords, PageFurniture
from winnow.stages.analyse import Analysis
from winnow.text.lexicon import Lexicons
from winnow.text.words import WORD

compiled = pytest.importorskip("winnow.kernel._furniture", reason="the compiled kernel is not built here (no C compiler)")

# invented lines: furniture of every kind the rule drops, in several languages, and near misses (prose that opens with
# a number, a label's word or a month, holds a colon or ends in a bracket), odd characters (a dotted capital I, a
# superscript digit, a combining mark)
LINES = [
    "Foto: dpa",
    "Photo credit : Jane Roe",
    "Der Hafen am Abend. Bildquelle: Stadtarchiv",
    "La digue au printemps (AFP / Jean Martin)",
    "El puerto de noche [EFE]",
    "Die Sperre im Bau (Reuters) .",
    "Le port en hiver © Ville de Brest",
    "The harbour at dawn (c) City Archive",
    "Die Pläne liegen im Rathaus aus (bis Ende Mai).",
    "The council met (again) on Tuesday: nothing was decided.",
    "(Picture alliance / X)",
    "(AFP)",
    "(siehe unten)",
    "(²Foto: dpa)",
    "(©dpa)",
    "© AFP",
    "©",
    "(c)",
    "Von",
    "Julia Müller",
    "By John Smith",
    "Par Jeanne Martin",
    "Stand:",
    "26.10.2021",
    "Veröffentlicht am 3. Februar 2022",
    "Publié le 4 mars 2023",
    "March 2020",
    "Mai 2019 (3)",
    "Lundi 4 mars 2023 à 14h30 CET",
    "12.03.2021, 10:15 Uhr",
    "3rdMarch 2020",
    "March 3rd, 2020 10:00 am EST",
    "Montag, 3. Mai 2021 um 10.15 Uhr",
    "1º de enero de 2020",
    "Posted on March 3, 2020 by Jane Roe",
    "Am 12.03.2021 tagte der Rat",
    "2019",
    "2019 – 2021",
    "1.234.567",
    "Juni 2020",
    "12 Kommentare",
    "Views 1.2k",
    "Kommentare: 12",
    "Comentarios (3)",
    "1,2 k vues",
    "2.500 Aufrufe",
    "12 likes 3",
    "1 2021",
    "12 shares.",
    "3 Kommentare zu 12",
    "12 comments on “Flood barrier”",
    "12 réponses à « La digue »",
    "3 Min. Lesezeit",
    "Reading time: 4 minutes",
    "Lesezeit: weniger als eine Minute",
    "3/12 Die Sperre im Bau",
    "4/12 Der Hafen bei Nacht",
    "5/12 Der Fischmarkt",
    "Photo 3 of 12",
    "[Click to enlarge]",
    "Abbildung 4: Der Hafen",
    "Figure 2. The barrier",
    "CC BY-SA 2.0",
    "12",
    "2019 war ein gutes Jahr für den Hafen, sagte die Ratsfrau.",
    "3 Gründe, warum der Hafen eine Sperre braucht",
    "Mai ist der schönste Monat am Hafen.",
    "Von hier aus sieht man den See.",
    "Das İstanbul-Treffen: 12 Teilnehmer (dpa)",
    "12 comments on İt",
    "Bİld: dpa",
    "Foto\u0301: dpa",
    "Der Rat hat heute lange getagt und am Ende beschlossen, was nun kommt, und das ist gut so für alle hier.",
    "The council met today and decided what comes next: a barrier (Reuters/John Doe)",
    "",
    "•",
    "* * *",
]
pages = st.lists(st.sampled_from(LINES) | st.text(alphabet=st.sampled_from("abcmMiInN ©:()[]İı²12/.-\u00a0\t"), max_size=30), min_size=1, max_size=14)


def screen_inputs(lines: list[str], rewritten: set[int]) -> tuple:
    info = Analysis(lines, "de", lexicons=Lexicons.shared())
    found = FurnitureWords.of(info.lexicons)
    candidates = [i for i in info.nonblank if info.counts[i] <= 36]
    shapes = rules_py.line_shapes(lines, candidates)
    timed = set(info.lines_holding(found.time_words))
    captioned = {*info.lines_starting(found.first_words["caption_labels"]), *info.lines_holding(found.caption_words)}
    return candidates, shapes, lines, info.seqs, info.counts, info.keys, rewritten, timed, captioned, found.screen


@settings(max_examples=300, deadline=None)
@given(pages, st.integers(2, 40), st.booleans(), st.booleans(), st.sets(st.integers(0, 13), max_size=2), st.booleans(), st.booleans())
def test_the_compiled_screen_and_its_twin_agree(lines, short, credits, wordless_start, rewritten, wordless_counter, digit_counter):
    inputs = screen_inputs(lines, {i for i in rewritten if i < len(lines)})
    # (and as for a lexicon with a counter of no word, or one starting or ending with a digit)
    screen = inputs[-1]
    inputs = (*inputs[:-1], (*screen[:-2], None if wordless_counter else screen[-2], digit_counter or screen[-1]))
    assert compiled.furniture_visits(*inputs, short, credits, wordless_start) == furniture_py.furniture_visits(*inputs, short, credits, wordless_start)


@settings(max_examples=300, deadline=None)
@given(pages, st.integers(1, 40), st.sets(st.integers(0, 13), max_size=3), st.sets(st.integers(0, 13), max_size=2))
def test_the_candidates_are_the_lines_the_analysis_finds(lines, longest, removed, rewritten):
    """The candidates, found in one pass over the lines, are those the analysis's indexes find (its first words, its
    numbered lines, the lines holding a telling word) with the lines showing a credit's mark and those rewritten."""
    info = Analysis(lines, "de", lexicons=Lexicons.shared())
    found = FurnitureWords.of(info.lexicons)
    removals: list[object] = [("gone" if i in removed else None) for i in range(len(lines))]
    rewritten = {i for i in rewritten if i < len(lines)}
    marked = set(ends_with(lines, None, " .", (")", "]"))) | {i for i, line in enumerate(lines) if "©" in line}
    wanted = {*info.lines_starting(found.starts), *info.numbered, *info.lines_holding(found.telling), *marked, *rewritten}
    expected = [i for i in sorted(wanted) if removals[i] is None and 0 < info.counts[i] <= longest]
    held = set(info.lines_holding(found.telling))
    for marked in {True, any("©" in line for line in lines)}:  # (whether the page shows "©" anywhere)
        inputs = (info.nonblank, lines, info.seqs, info.counts, removals, rewritten, found.starts, held, marked, longest)
        assert compiled.furniture_candidates(*inputs) == furniture_py.furniture_candidates(*inputs) == expected


def test_the_screen_visits_furniture_and_rules_out_prose():
    lines = [
        "Foto: dpa",
        "The council met (again) on Tuesday: nothing was decided.",
        "12 Kommentare",
        "Mai ist der schönste Monat am Hafen.",
        "Publié le 4 mars 2023",
        "Am 12.03.2021 tagte der Rat",
        "2019",
    ]
    inputs = screen_inputs(lines, set())
    for kernel in (compiled, furniture_py):
        # each with the first test of the chain that could drop it: the counter's, the standalone date's ("Foto: dpa"
        # is a credit: the tests before the credit's may still be asked of it, its step is not asserted)
        visits = kernel.furniture_visits(*inputs, 12, True, False)
        assert [n for n, _ in visits] == [0, 2, 4]
        assert visits[1:] == [(2, furniture_py.STEP_COUNTER), (4, furniture_py.STEP_DATE)]


def every_candidate(candidates, *args):
    return [(n, furniture_py.STEP_ANY) for n in range(len(candidates))]  # (each from the chain's first test)


def decisions(lines: list[str], rule: PageFurniture, screen: bool) -> list[tuple[str, str] | None]:
    info = Analysis(lines, "de", lexicons=Lexicons.shared())
    ctx = Context.for_lines(Document(source="t.txt", format="text", content="", lines=lines), lines, info)
    with mock.patch.object(furniture, "furniture_visits", furniture.furniture_visits if screen else every_candidate):
        rule.apply(ctx)
    return [(r.rule_id, r.reason) if r else None for r in ctx.removals]


@settings(max_examples=300, deadline=None)
@given(pages, st.booleans(), st.integers(2, 20))
def test_the_screen_changes_no_decision(lines, credits, short):
    rule = PageFurniture(credits=credits, max_credit_words=short)
    assert decisions(lines, rule, True) == decisions(lines, rule, False)


def test_the_lines_invented_are_dropped_and_kept_as_without_the_screen():
    rule = PageFurniture()
    found = decisions(LINES, rule, True)
    assert found == decisions(LINES, rule, False)
    assert found[LINES.index("Foto: dpa")] is not None and found[LINES.index("Mai ist der schönste Monat am Hafen.")] is None


def test_the_date_screen_lets_every_standalone_date_by():
    dates = FurnitureWords.of(Lexicons.shared()).dates
    allowed, months = FurnitureWords.of(Lexicons.shared()).screen[7:9]
    standalone = [line for line in LINES if dates.standalone_date(line) is not None]
    assert len(standalone) >= 8
    for line in standalone:
        assert furniture_py._date_words(line, allowed, months), line
    assert not furniture_py._date_words("Posted on March 3, 2020 by Jane Roe", allowed, months)
    assert not furniture_py._date_words("2019", allowed, months)  # (a year alone is no date)
    assert furniture_py.REST_WORD.pattern == furniture.REST_WORD.pattern


def test_the_titled_counter_words_are_the_patterns():
    pattern = FurnitureWords.of(Lexicons.shared()).patterns["titled_counter"].pattern
    listed = re.search(r"\\s\+\(\?:(.*?)\)\\s\+", pattern)
    assert listed is not None
    alternatives = set()
    for item in listed.group(1).split("|"):
        alternatives.update((item[:-2], item[:-1]) if item.endswith("?") else (item,))
    assert alternatives == set(TITLED_COUNTER_WORDS)


SLIDES = ["3/12 Die Sperre im Bau", "- 4 of 12 The harbour", "• 5 von 12", "(6 sur 12)", "7 de 12: El puerto", "8 di 12", "9 z 12", "10 van 12"]
slide_texts = st.lists(
    st.sampled_from(SLIDES + LINES) | st.text(alphabet=st.sampled_from(" -–•*·_/()0123456789١٢oOfFvVsSzZdDſ\u00a0"), max_size=14), max_size=12
)


@settings(max_examples=400, deadline=None)
@given(slide_texts)
def test_the_slide_lines_hold_every_line_the_slide_pattern_matches(lines):
    indices = list(range(len(lines)))
    found = furniture_py.slide_lines(indices, lines)
    assert compiled.slide_lines(indices, lines) == found
    assert [i for i in indices if furniture.SLIDE.match(lines[i])] == [i for i in found if furniture.SLIDE.match(lines[i])]
    assert all(i in found for i in indices if furniture.SLIDE.match(lines[i]))


def test_the_slide_lines_are_few():
    lines = [*SLIDES, "2019 war ein gutes Jahr.", "12 Kommentare", "3 Gründe für die Sperre", "1234/5"]
    assert furniture_py.slide_lines(list(range(len(lines))), lines) == list(range(len(SLIDES)))


COUNTERS = FurnitureWords.of(Lexicons.shared()).patterns["counter"]
counter_lines = st.builds(
    "{}{}{}{}{}{}".format,
    st.sampled_from(["", " ", "• ", "(", "²", "\u0301"]),
    st.sampled_from(["", "12", "1.234", "1,2 k", "3k", "12+", "7 M", "١٢"]),
    st.sampled_from(["", " ", ": ", " (", "\u00a0"]),
    st.sampled_from(["Kommentare", "VIEWS", "likes", "Vues", "ſhares", "visualizações", "Hits", "3", "Mal gelesen", "İt"]),
    st.sampled_from(["", " ", ": ", " (", "5", "12", " 2k", " 9 m"]),
    st.sampled_from(["", ")", ".", " !", "²", "\u0301", "2021"]),
)


@settings(max_examples=500, deadline=None)
@given(counter_lines)
def test_a_line_the_counter_pattern_matches_passes_the_counter_screen(text):
    """_may_count lets by every line the counter pattern matches (by its ends), and rules out dates and prose."""
    found = FurnitureWords.of(Lexicons.shared())
    ends, edges = found.screen[-2:]
    line = text.strip()
    seq = Analysis([line], "de", lexicons=Lexicons.shared()).seqs[0]
    if COUNTERS.match(line):
        assert furniture_py._may_count(line, seq, ends, edges), line


def test_the_counter_screen_rules_out_dates_and_prose():
    found = FurnitureWords.of(Lexicons.shared())
    ends, edges = found.screen[-2:]
    assert edges is False and ends is not None and "kommentare" in ends["e"]
    for line in ["12.03.2021", "12. März 2021", "2021-03-12", "3 reasons for the barrier", "12 angry men", "2019 war gut.", "12 likes 3"]:
        seq = Analysis([line], "de", lexicons=Lexicons.shared()).seqs[0]
        assert not furniture_py._may_count(line, seq, ends, edges), line
    for line in ["12 Kommentare", "Views 1.2k", "Kommentare: 12", "1,2 k vues", "Kommentare5"]:
        seq = Analysis([line], "de", lexicons=Lexicons.shared()).seqs[0]
        assert COUNTERS.match(line) and furniture_py._may_count(line, seq, ends, edges), line


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("([ )]aAdDpPfFßSsİi/ \t"), max_size=20),
    st.sets(st.text(alphabet=st.sampled_from("adpfsßi"), max_size=3), max_size=5),
)
def test_a_bracket_is_compared_with_the_heads_starting_like_it(tail, heads):
    """The agencies' first words by their first character find what comparing every one finds (an empty one too)."""
    by_first = furniture._by_first_character(heads)
    for bracket in "([":
        expected = any(piece.lstrip().casefold().startswith(tuple(heads)) for piece in tail.split(bracket)[1:])
        assert furniture_py._opens_with(tail, bracket, by_first) == expected


def test_the_counters_ends_are_their_last_words_by_last_character():
    assert furniture._counter_edges(["Kommentare", "mal gelesen", "Vues", "ſhares"]) == (
        {"e": ("kommentare",), "n": ("gelesen",), "s": ("shares", "vues")},
        False,
    )
    assert furniture._counter_edges(["views", "♥"]) == (None, False)  # (a counter of no word: every line's end may be one)
    assert furniture._counter_edges(["views", "24h views"])[1] and furniture._counter_edges(["views 24"])[1]


def test_every_built_counter_line_the_pattern_matches_passes_the_counter_screen():
    """As the hypothesis test above, over every line built of these pieces (a number, a separator, a counter, a number or
    not, an end), its words as the analysis finds them (text.words.WORD over the case-folded line)."""
    found = FurnitureWords.of(Lexicons.shared())
    ends, edges = found.screen[-2:]
    pieces = (
        ["", "• ", "²", "\u0301"],
        ["", "12", "1,2 k", "3k", "12+", "١٢"],
        ["", " ", ": ", "\u00a0"],
        ["Kommentare", "VIEWS", "ſhares", "visualizações", "3", "Mal gelesen", "İt"],
        ["", " (", "5", " 2k", " 9 m"],
        ["", ")", " !", "²", "\u0301", "2021"],
    )
    matched = 0
    for parts in itertools.product(*pieces):
        line = "".join(parts).strip()
        if COUNTERS.match(line):
            matched += 1
            assert furniture_py._may_count(line, tuple(WORD.findall(line.casefold())), ends, edges), line
    assert matched > 1000
