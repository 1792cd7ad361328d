"""The compiled block kernel (`winnow.kernel._blocks`, Cython) and its pure-Python twin (`blocks_py`) judge blocks
and find the main text's runs alike: on random block arrays, and through the whole detector on made-up pages."""

from __future__ import annotations

import math
import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import winnow.kernel as kernel
from rules_helpers import clean, only
from test_rules_boilerplate import flattened_page
from winnow.kernel import blocks_py, lines_py
from winnow.text.sentences import CLOSERS, SENTENCE_END, SENTENCE_END_MARKS
from winnow.text.words import LANGUAGES, best_stopword_density
from winnow.text.words import _stoplist_index as stoplist_index

compiled = pytest.importorskip("winnow.kernel._blocks", reason="the compiled kernel is not built here (no C compiler)")
compiled_lines = pytest.importorskip("winnow.kernel._lines", reason="the compiled kernel is not built here (no C compiler)")

FLAG_BITS = (
    blocks_py.IS_REMOVED,
    blocks_py.IS_REMOVED | blocks_py.INSIDE | blocks_py.LEAD,
    blocks_py.IS_REMOVED | blocks_py.LEAD,
    blocks_py.JUNK,
    blocks_py.END,
    blocks_py.END | blocks_py.COMMENTS,
    blocks_py.TICKER,
    blocks_py.MORE,
)


def random_blocks(rng: random.Random, count: int) -> dict:
    """Arrays of a page's block facts: mostly plain blocks, some flagged, lengths from a word to a long paragraph."""
    flags = bytearray(rng.choice(FLAG_BITS) if rng.random() < 0.3 else 0 for _ in range(count))
    chars = array("q", (rng.choice((0, 3, 12, 40, 69, 70, 71, 150, 199, 200, 201, 900)) + rng.randrange(3) for _ in range(count)))
    density = array("d", (math.nan if rng.random() < 0.2 else rng.choice((0.0, 0.15, 0.3, 0.31, 0.5, rng.random())) for _ in range(count)))
    lines = [rng.randrange(1, 4) for _ in range(count)]
    firsts = array("q", [sum(lines[:n]) + rng.randrange(2) * n for n in range(count)])
    lasts = array("q", [first + size - 1 for first, size in zip(firsts, lines)])
    return {
        "flags": flags,
        "bad": bytearray(rng.random() < 0.1 for _ in range(count)),
        "chars": chars,
        "stacked": bytearray(rng.random() < 0.05 for _ in range(count)),
        "density": density,
        "sentence": bytearray(rng.random() < 0.5 for _ in range(count)),
        "wordy": bytearray(rng.random() < 0.5 for _ in range(count)),
        "link": bytearray(rng.choice((0, 0, 0, 1, 2)) for _ in range(count)),
        "colon": bytearray(rng.random() < 0.2 for _ in range(count)),
        "copyright": bytearray(rng.random() < 0.03 for _ in range(count)),
        "firsts": firsts,
        "lasts": lasts,
    }


def judged_by(module, facts: dict, cost: float) -> tuple[bytearray, array]:
    kinds, values = module.judge(
        facts["flags"], facts["bad"], facts["chars"], facts["stacked"], facts["density"], facts["sentence"], facts["wordy"], 70, 0.3, 200, cost
    )
    # the links by block ("link" or a bare "More"), their texts (some ending with a colon), each block's lines
    more = {n: "link" if link == 2 else "word" for n, link in enumerate(facts["link"]) if link}
    texts = ["Mehr:" if colon else "Weiterlesen" for colon in facts["colon"]]
    lines = [list(range(first, last + 1)) for first, last in zip(facts["firsts"], facts["lasts"])]
    module.mark_teasers(kinds, values, facts["flags"], more, texts, lines, facts["chars"], cost)
    module.discount_comments(values, facts["flags"])
    return kinds, values


def kept_by(module, facts: dict, kinds: bytearray, values: array, asked: list) -> bytearray:
    def tail_takes(n: int, start: int, end: int) -> bool:
        asked.append((n, start, end))
        return (n + start + end) % 3 != 0  # (what the block's text says: any answer will do)

    return module.main_text(values, kinds, facts["chars"], facts["flags"], facts["copyright"], 0.2, 200, tail_takes)


@pytest.mark.parametrize("seed", range(300))
def test_random_pages_of_blocks_are_judged_and_kept_alike(seed):
    rng = random.Random(seed)
    facts = random_blocks(rng, rng.choice((0, 1, 2, 5, 30, 120, 400)))
    cost = rng.choice((0.0, 35.0, 12.5))
    kinds, values = judged_by(compiled, facts, cost)
    pure_kinds, pure_values = judged_by(blocks_py, facts, cost)
    assert kinds == pure_kinds
    assert values.tobytes() == pure_values.tobytes()  # the same doubles, bit for bit
    assert compiled.maximal_segments(values) == blocks_py.maximal_segments(values)
    asked: list = []
    pure_asked: list = []
    assert kept_by(compiled, facts, kinds, values, asked) == kept_by(blocks_py, facts, pure_kinds, pure_values, pure_asked)
    assert asked == pure_asked
    keep = bytearray(rng.random() < 0.3 for _ in kinds)
    pure_keep = bytearray(keep)
    compiled.fill_gaps(keep, facts["flags"], facts["copyright"])
    blocks_py.fill_gaps(pure_keep, facts["flags"], facts["copyright"])
    assert keep == pure_keep


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), max_size=60))
def test_maximal_segments_are_the_same_on_any_values(values):
    assert compiled.maximal_segments(values) == blocks_py.maximal_segments(values) == blocks_py.maximal_segments(array("d", values))


def test_the_judge_reads_the_facts_it_is_given():
    """A long block with many common words is good prose worth its length; a junk one is bad; a removed one costs."""
    facts = random_blocks(random.Random(0), 3)
    facts.update(
        flags=bytearray([0, 0, blocks_py.IS_REMOVED]),
        bad=bytearray([0, 1, 0]),
        chars=array("q", [300, 300, 300]),
        stacked=bytearray(3),
        density=array("d", [0.5, 0.5, 0.5]),
    )
    for module in (compiled, blocks_py):
        kinds, values = module.judge(
            facts["flags"], facts["bad"], facts["chars"], facts["stacked"], facts["density"], facts["sentence"], facts["wordy"], 70, 0.3, 200, 35.0
        )
        assert [blocks_py.KINDS[k] for k in kinds] == ["good", "bad", "removed"]
        assert list(values) == [300.0, -35.0 - 0.3 * 300, -35.0]


def test_a_run_of_prose_is_bridged_over_a_byline_and_cut_at_a_closing_marker():
    """Menu, a short lead, byline, three paragraphs, a comment heading, a comment: the lead, byline and paragraphs stay."""
    kinds = bytearray([blocks_py.SHORT, blocks_py.NEAR, blocks_py.SHORT, blocks_py.GOOD, blocks_py.GOOD, blocks_py.GOOD, blocks_py.SHORT, blocks_py.GOOD])
    flags = bytearray([blocks_py.JUNK, 0, 0, 0, 0, 0, blocks_py.END | blocks_py.COMMENTS, 0])
    chars = array("q", [5, 40, 20, 300, 250, 280, 11, 200])
    for module in (compiled, blocks_py):
        values = array("d", [-35.0, 20.0, -35.0, 300.0, 250.0, 280.0, -35.0, 200.0])
        module.discount_comments(values, flags)
        assert values[7] == 200.0 * 0.3 and values[3] == 300.0
        keep = module.main_text(values, kinds, chars, flags, bytearray(8), 0.2, 200, lambda n, start, end: True)
        assert list(keep) == [0, 1, 1, 1, 1, 1, 0, 0]
        flags[2] = blocks_py.JUNK  # a menu link between the lead and the body: no bridge
        assert list(module.main_text(values, kinds, chars, flags, bytearray(8), 0.2, 200, lambda n, start, end: True)) == [0, 0, 0, 1, 1, 1, 0, 0]
        flags[2] = 0


BLOCKS_FUNCTIONS = (
    "ends_sentence",
    "line_flags",
    "amid_words",
    "after_names",
    "last_kept",
    "block_flags",
    "key_facts",
    "judge_facts",
    "judge",
    "mark_teasers",
    "discount_comments",
    "maximal_segments",
    "fill_gaps",
    "main_text",
    "role_candidates",
    "late_prose",
    "menu_candidates",
    "short_lines",
    "prose_asked",
    "outside_lines",
)
LINES_FUNCTIONS = ("join_lines", "left_open", "count_common", "formula_lines", "best_shares", "stop_shares", "link_lines", "strip_lines")
FACTS_FUNCTIONS = (  # the analyse stage's pair (tests/test_kernel_facts.py)
    *("line_facts", "content_stems", "words_of_lines", "language_visits", "language_rows", "casefold", "casefold_lines"),
    *("title_shares", "long_lines", "fill_stems", "language_features", "first_sets"),
)
RULES_FUNCTIONS = (  # the line rules' pair (tests/test_kernel_rules.py)
    *("line_shapes", "ends_with", "phrase_in", "index_words", "kept_lines", "short_kept_lines", "positions_showing"),
    *("later_copies", "keyed_lines", "sized_lines", "first_removed", "drop_lines"),
    *("joins", "fragment", "phrase_lines_in", "phrase_start", "period_end", "unfinished_headline"),
)
FURNITURE_FUNCTIONS = ("furniture_candidates", "furniture_visits", "slide_lines")  # the furniture rule's (tests/test_kernel_furniture.py)


def test_every_kernel_function_is_listed_here():
    exported = {name for name, value in vars(kernel).items() if callable(value) and getattr(value, "__module__", "").startswith("winnow.kernel.")}
    listed = set(BLOCKS_FUNCTIONS) | set(LINES_FUNCTIONS) | set(FACTS_FUNCTIONS) | set(RULES_FUNCTIONS) | set(FURNITURE_FUNCTIONS)
    assert exported - {"sources", "source_hash", "_load"} == listed


PAGES = [
    flattened_page("de", after=("Impressum & Datenschutz", "12 Kommentare", "Max Muster sagt:", "Ein guter Artikel, danke.", "© 2024 Beispiel")),
    flattened_page("en", after=("Read more", "Related stories", "Leave a Reply", "Jane Roe is a senior writer for the magazine.")),
    flattened_page("fr", after=("Lire la suite", "Accueil | Contact", "14:44", "Le maire a parlé.", "14:32", "La ville a voté.", "14:01", "Fin.")),
]


@pytest.mark.parametrize("page", PAGES)
def test_the_detector_keeps_the_same_lines_with_either_twin(page, monkeypatch):
    """The whole detector with the compiled kernel and with the pure twin: the same lines dropped for the same reasons."""
    outcomes = []
    for lines_module, blocks_module in ((compiled_lines, compiled), (lines_py, blocks_py)):
        for name in BLOCKS_FUNCTIONS:
            monkeypatch.setattr(kernel, name, getattr(blocks_module, name))
        for name in LINES_FUNCTIONS:
            monkeypatch.setattr(kernel, name, getattr(lines_module, name))
        result = clean(page, only("boilerplate.main-text"))
        outcomes.append([(line, removal.reason if removal else None) for line, removal in zip(result.lines, result.removals, strict=True)])
    assert outcomes[0] == outcomes[1]
    assert any(reason for _, reason in outcomes[0]) and not all(reason for _, reason in outcomes[0])


# text of any script, and the characters a sentence's end is made of: marks, closing quotes and brackets, the spaces
# before a French », newlines, non-BMP letters, combining marks, right-to-left and CJK text
ENDINGS = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list(SENTENCE_END_MARKS + CLOSERS + " \u00a0\u202f\u2009\n\t»«e\u0301عربي中文") + ["😀", "𝔘"]),
    ),
    max_size=60,
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(ENDINGS, max_size=20))
def test_a_sentence_end_is_found_as_the_pattern_finds_it(texts):
    texts += ["Fin. »", "Fin.\u00a0»\n", "Ende.»»", "Ende »", "Ende\n\n", "!\n", "", "\n", ".'\")]»", "Fin .» »"]
    expected = [SENTENCE_END.search(text) is not None for text in texts]
    assert list(compiled.ends_sentence(texts)) == list(blocks_py.ends_sentence(texts)) == expected


def test_the_compiled_sentence_end_reads_the_marks_the_text_module_defines():
    assert (compiled.SENTENCE_END_MARKS, compiled.CLOSERS) == (SENTENCE_END_MARKS, CLOSERS)


WORDS = st.lists(st.one_of(ENDINGS, st.sampled_from(["the", "Der", "DIE", "le", "и", "STRASSE", "straße", "de", "el", "és"])), max_size=30)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS.map(" ".join), max_size=10))
def test_the_best_stoplists_share_is_the_text_modules(texts):
    index = stoplist_index()
    expected = [best_stopword_density(text.casefold().split()) for text in texts]
    assert compiled_lines.best_shares(texts, index, len(LANGUAGES)) == lines_py.best_shares(texts, index, len(LANGUAGES)) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS.map(" ".join), max_size=12), st.lists(st.integers(0, 11), max_size=8, unique=True), st.booleans(), st.sampled_from([0, 1, 30]))
def test_stop_shares_are_the_common_words_share_or_the_best_stoplists(texts, asked, every, long_enough):
    """The detector's stopword density with either twin: the share of a text's words the page language's stoplist holds,
    or, below `low` in a text long enough, the best share of any language's stoplist if higher (as the text module counts
    them); NaN for the texts not asked."""
    index = stoplist_index()
    stop = frozenset({"the", "der", "die", "de", "le"})
    chosen = None if every else [n for n in asked if n < len(texts)]
    found = compiled_lines.stop_shares(texts, chosen, stop, 0.3, long_enough, index, len(LANGUAGES))
    pure = lines_py.stop_shares(texts, chosen, stop, 0.3, long_enough, index, len(LANGUAGES))
    assert found.tobytes() == pure.tobytes()  # the same doubles (and NaNs), bit for bit
    for n, text in enumerate(texts):
        if chosen is not None and n not in chosen:
            assert math.isnan(found[n])
            continue
        words = text.casefold().split()
        share = sum(w in stop for w in words) / max(len(words), 1)
        if share < 0.3 and len(text) >= long_enough:
            share = max(share, best_stopword_density(words))
        assert found[n] == share


def test_a_passage_in_another_language_is_measured_by_its_own_stoplist():
    """An English sentence on a German page has few German common words but many English ones; a German one, many German
    ones; a list of names, none in any language (made-up sentences)."""
    from winnow.text.words import stoplist

    texts = [
        "The harbour will open in May and the mayor is happy about it.",
        "Der Hafen wird im Mai eröffnet und der Bürgermeister freut sich.",
        "Anna Berg Tom Lind Eva Moor",
    ]
    for module in (compiled_lines, lines_py):
        english, german, names = module.stop_shares(texts, None, stoplist("de"), 0.3, 30, stoplist_index(), len(LANGUAGES))
        assert english >= 0.3 and german >= 0.3 and names == 0.0


CLOSING = ["{\\displaystyle A}", ". And then it rained.", ".  ", " . x", "\t.\u00a0y", ".", "..", ".NET is a framework", "… und dann", ". 雨", "", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(CLOSING), ENDINGS), st.booleans()), max_size=30))
def test_line_flags_are_the_same(lines_removed):
    """A line's own flags before joining: removed by an earlier rule, and opening with a full stop that closes a sentence
    cut off by a link (`closes_sentence`), with either twin."""
    from winnow.core.model import Family, Removal
    from winnow.rules.boilerplate import closes_sentence

    lines = [line for line, _ in lines_removed]
    removals = [Removal("x", Family.ADS, "an ad") if removed else None for _, removed in lines_removed]
    stripped = [line.strip() for line in lines]
    expected = bytearray(
        (lines_py.FLAG_REMOVED if removal is not None else 0) | (lines_py.FLAG_CLOSES if closes_sentence(line) else 0)
        for line, removal in zip(lines, removals, strict=True)
    )
    tex = any("\\" in line for line in stripped)
    assert compiled.line_flags(lines, stripped, removals) == blocks_py.line_flags(lines, stripped, removals) == (expected, tex)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Der Hafen", "wird gebaut,", "mehr", "", "Impressum", "Le maire.", "港"]), st.integers(0, 4)), max_size=30))
def test_block_flags_are_the_same(lines_removed):
    """Each block's flags and the removed blocks' families, the "read more" links' kinds, as the lines were joined: the same
    with either twin, and IS_REMOVED, INSIDE, LEAD and MORE where they belong."""
    from winnow.core.model import Family, Removal
    from winnow.rules.boilerplate import INSIDE_FAMILIES, LEAD_FAMILIES

    families = (None, Family.ADS, Family.FURNITURE, Family.PROMPTS, Family.BOILERPLATE)
    lines = [line for line, _ in lines_removed]
    removals = [None if families[k] is None else Removal("x", families[k], "why") for _, k in lines_removed]  # type: ignore[arg-type]
    flags = bytearray(lines_py.FLAG_REMOVED if r is not None else 0 for r in removals)
    more = {i: "word" for i, line in enumerate(lines) if line == "mehr" and removals[i] is None}
    for i in more:
        flags[i] |= lines_py.FLAG_LINK
    grouped, _, _ = lines_py.join_lines(lines, flags, frozenset(["der"]), SENTENCE_END.search)
    found = compiled.block_flags(grouped, removals, INSIDE_FAMILIES, LEAD_FAMILIES, more)
    assert found == blocks_py.block_flags(grouped, removals, INSIDE_FAMILIES, LEAD_FAMILIES, more)
    family, more_of, block_flags = found
    for n, block in enumerate(grouped):
        removal = removals[block[0]]
        assert bool(block_flags[n] & blocks_py.IS_REMOVED) == (removal is not None) == (n in family)
        assert bool(block_flags[n] & blocks_py.INSIDE) == (removal is not None and removal.family in (Family.ADS, Family.FURNITURE))
        assert bool(block_flags[n] & blocks_py.LEAD) == (removal is not None and removal.family in (Family.ADS, Family.FURNITURE, Family.PROMPTS))
        assert bool(block_flags[n] & blocks_py.MORE) == (n in more_of) == (lines[block[0]] == "mehr" and removal is None)


def test_block_flags_of_a_family_equal_to_one_but_another_object():
    """A removal's family counts as inside or lead when it is one of those families or equal to one (made again): found
    by identity first, by equality only for another object; one equal to none counts as neither."""
    from types import SimpleNamespace

    ads, again = "ads", "".join(["a", "ds"])  # equal, not the same object
    assert ads == again and ads is not again
    removals = [SimpleNamespace(family=f) for f in (again, ads, "prompts", "boilerplate")] + [None]
    grouped = [[0], [1], [2], [3], [4]]
    for module in (compiled, blocks_py):
        family, _, flags = module.block_flags(grouped, removals, ("furniture", ads), ("furniture", ads, "prompts"), {})
        removed, inside, lead = blocks_py.IS_REMOVED, blocks_py.INSIDE, blocks_py.LEAD
        assert list(flags) == [removed | inside | lead, removed | inside | lead, removed | lead, removed, 0]
        assert family == {0: again, 1: ads, 2: "prompts", 3: "boilerplate"} and family[0] is again


def test_no_link_or_closing_marker_is_longer_than_the_longest_looked_up():
    """A key longer than `longest_link` is looked up in neither list: no entry may be longer (an entry as long still is)."""
    import dataclasses

    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import keys

    found = BoilerplateWords.default()
    assert all(len(entry) <= found.longest_link for entry in found.links | found.end_markers)
    assert any(len(entry) == found.longest_link for entry in found.links | found.end_markers)
    long_link = "über die redaktion und das impressum des verlags"  # (made up)
    wider = dataclasses.replace(found, links=found.links | {long_link}, longest_link=len(long_link))
    for module in (compiled, blocks_py):
        for words_found, expected in ((found, 0), (wider, blocks_py.JUNK)):
            flags = bytearray(1)
            key_words = [tuple(long_link.split())]
            anchored = bytes([not words_found.footer.anchors.isdisjoint(key_words[0])])
            module.key_facts(
                [[0]],
                [long_link],
                {},
                {0: long_link},
                key_words,
                key_words,
                anchored,
                keys,
                frozenset(),
                words_found,
                NAV_JOINER_CHARS.search,
                is_junk,
                {},
                flags,
            )
            assert flags[0] == expected


PIECES = ["Lara", "bei", "Title", "Der Hafen wird gebaut.", "12:30", "3 Kommentare", "Yes, then", "©", "港が開く", "Fin .", "a.b", "Ende!\n", ""]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.one_of(st.sampled_from(PIECES), ENDINGS), min_size=1, max_size=7), st.integers(0, 2), st.booleans(), st.booleans()), max_size=25
    )
)
def test_judge_facts_are_the_same(blocks):
    """What judging reads of each block's text (copyright, a stacked list, a wordy short sentence, a digit first) with
    either twin, and as the patterns the detector was written with find it."""
    import re

    prose = [" ".join(pieces) for pieces, _, _, _ in blocks]
    # (a block with formulas: its text holds more than the words measured, a copyright sign among them on some)
    texts = [text if not formula else text + (" ©" if len(pieces) % 2 else " x") for text, (pieces, _, formula, _) in zip(prose, blocks, strict=True)]
    lines, at = [], 0
    for pieces, _, _, _ in blocks:
        lines.append(list(range(at, at + len(pieces))))
        at += len(pieces)
    formulas = [min(glued, len(pieces)) for pieces, glued, _, _ in blocks]
    chars = array("q", map(len, prose))
    flags = bytes(blocks_py.JUNK if n % 5 == 0 else 0 for n in range(len(blocks)))
    sentence = bytes(marked for _, _, _, marked in blocks)
    args = (prose, texts, lines, formulas, chars, flags, sentence, 20)
    found = compiled.judge_facts(*args)
    assert found == blocks_py.judge_facts(*args)
    bad, stacked, wordy, numbered, copyright = found
    any_stop, cjk = re.compile(r"[.!?।॥۔؟。！？](?:\s|$)"), re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
    for n in range(len(blocks)):
        assert bad[n] == bool(flags[n] or "©" in prose[n])
        pieces = len(lines[n]) - formulas[n]
        expected = len(lines[n]) >= 4 and pieces >= 4 and chars[n] >= 20 and len(prose[n].split()) < 3 * pieces and not any_stop.search(prose[n])
        assert stacked[n] == (expected and "," not in prose[n])
        assert wordy[n] == bool(sentence[n] and chars[n] < 20 and (len(texts[n].split()) >= 4 or cjk.search(texts[n])))
        shaped = texts[n][1:2] in (":", ".", "h") or texts[n][2:3] in (":", ".", "h") or texts[n][4:5] == "-"  # (a time's or date's)
        assert (n in numbered) == (len(lines[n]) == 1 and texts[n][:1].isdigit() and shaped)
        assert copyright[n] == ("©" in texts[n])


KEY_LINES = [
    "Impressum",
    "Home | Kontakt",
    "12 Kommentare",
    "3 Antworten",
    "Leave a Reply",
    "Kommentare",
    "Comments",
    "Alle Rechte vorbehalten",
    "Der Minister sagte am Montag, die Stadt baue den Hafen aus.",
    "The mayor said the harbour would open in May",
    "Le maire a parlé de la ville",
    "Lire la suite",
    "Agb & Datenschutz",
    "» | Kontakt",
    "snake_case_name",
    "都市の港が来年に開く",
    "",
    "x" * 90 + " | y",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(KEY_LINES), ENDINGS), min_size=1, max_size=25),
    st.lists(st.integers(1, 4), max_size=25),
    st.sets(st.integers(0, 30), max_size=3),
    st.sets(st.integers(0, 30), max_size=3),
    st.booleans(),
    st.sets(st.integers(0, 30), max_size=5),
)
def test_key_facts_are_the_same(lines, sizes, rewritten, formulas, wordless, other_words):
    """Each block's JUNK, END and COMMENTS flags read off its key: the same with either twin, on blocks of one line and of
    several (keyed at once, or by their lines' words), with formulas, rewritten lines and a wordless link; and the same
    whether a line's footer anchors are read off its own words (marked where its key's words are the same tuple) or
    looked for in its key's words (where the line's own words are others: `other_words`)."""
    import dataclasses

    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import key, keys, words

    found = dataclasses.replace(BoilerplateWords.default(), wordless_links=wordless)
    blocks, at = [], 0
    for size in sizes or [1]:  # the lines cut into blocks of these sizes, the rest one a line
        if at < len(lines):
            blocks.append(list(range(at, min(at + size, len(lines)))))
            at += size
    blocks += [[i] for i in range(at, len(lines))]
    texts = [" ".join(lines[i].strip() for i in block) for block in blocks]
    formula = {n: texts[n] for n in formulas if n < len(blocks)}
    line_keys = dict(enumerate(map(key, lines)))
    key_words = [words(k) for k in line_keys.values()]
    anchors = found.footer.anchors
    looked_through = bytes(not anchors.isdisjoint(seq) for seq in key_words)  # (each line's key words looked through)
    # own words that are others than the key's on some lines (a soft hyphen, an underscore): marked by their own anchors
    # (marked wrongly for the key's words where they hold no anchor, and not where they do)
    seqs = [(("all", "rights", "reserved") if i % 2 else ("plain", "words")) if i in other_words else seq for i, seq in enumerate(key_words)]
    marked = bytes(not anchors.isdisjoint(seq) for seq in seqs)
    outcomes = []
    for module in (compiled, blocks_py):
        for own, anchored in ((key_words, looked_through), (seqs, marked)):
            flags = bytearray(len(blocks))
            asked: list[tuple[str, tuple[str, ...] | None]] = []

            def junk(first, seq, found, asked=asked):
                asked.append((first, seq))
                return is_junk(first, seq, found)

            module.key_facts(blocks, texts, formula, line_keys, key_words, own, anchored, keys, rewritten, found, NAV_JOINER_CHARS.search, junk, {}, flags)
            outcomes.append((flags, sorted(asked, key=repr)))
    assert outcomes[0] == outcomes[1] == outcomes[2] == outcomes[3]


LONG_LINES = [  # pieces of paragraphs, comment headings and counts cut over several lines, footer lines of few words
    "Der Minister sagte am Montag, die Stadt baue den Hafen im kommenden Jahr weiter aus",
    "und die Schiffe legen dort ab Mai an.",
    "The mayor said the new harbour would open in May, after two years of building work on the",
    "old quay near the station",
    "Kommentare zu diesem Artikel über den Hafen der Stadt und seine neuen Anlegestellen im Norden",
    "12 Kommentare zum Hafen der Stadt, die seit Montag mit vielen neuen Schiffen ausgebaut wird",
    "« Alle Rechte vorbehalten » —",
    "— Copyright 2024, all rights reserved by the publisher of the city's daily paper and its",
    "Le maire a parlé de la ville et du port, qui ouvrira en mai après deux ans de travaux",
    "snake_case_name",
    "—",
    "\u00ad",
    "ß",
    "Impressum",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LONG_LINES + KEY_LINES), ENDINGS), min_size=1, max_size=25), st.lists(st.integers(1, 5), max_size=25))
def test_key_facts_key_a_long_block_only_where_asked_and_flag_it_as_keyed(lines, sizes):
    """A block of several lines whose lines' keys add up to more than a link or links joined can be is keyed only where
    a footer phrase or a comment pattern asks for its key: its flags (and what is_junk is asked) are those found by keying
    every block, as they are where its lines' keys say nothing (empty: every block of several lines keyed)."""
    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import key, keys, words

    found = BoilerplateWords.default()
    blocks, at = [], 0
    for size in sizes or [1]:
        if at < len(lines):
            blocks.append(list(range(at, min(at + size, len(lines)))))
            at += size
    blocks += [[i] for i in range(at, len(lines))]
    texts = [" ".join(lines[i].strip() for i in block) for block in blocks]
    line_keys = dict(enumerate(map(key, lines)))
    unknown = {i: ("" if len(block) > 1 else line_keys[i]) for block in blocks for i in block}  # (no block keyed later)
    key_words = [words(k) for k in line_keys.values()]
    anchored = bytes(not found.footer.anchors.isdisjoint(seq) for seq in key_words)
    for module in (compiled, blocks_py):
        outcomes = []
        for known in (line_keys, unknown):
            flags = bytearray(len(blocks))
            asked: list[tuple[str, tuple[str, ...] | None]] = []

            def junk(first, seq, found, asked=asked):
                asked.append((first, seq))
                return is_junk(first, seq, found)

            module.key_facts(blocks, texts, {}, known, key_words, key_words, anchored, keys, set(), found, NAV_JOINER_CHARS.search, junk, {}, flags)
            outcomes.append((flags, sorted(asked, key=repr)))
        assert outcomes[0] == outcomes[1]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LONG_LINES + KEY_LINES), ENDINGS).map(str.strip).filter(bool), min_size=2, max_size=6))
def test_a_blocks_key_holds_its_lines_keys_in_order_and_starts_with_the_first(lines):
    """What `key_facts` reads off a block's lines' keys (`_long_key`): each is a piece of the block's key, in order, a
    space at least between two, and the block's key starts with the first one's."""
    from winnow.text.lexicon import key

    whole = key(" ".join(lines))
    pieces = [key(line) for line in lines]
    at = 0
    for piece in filter(None, pieces):
        found = whole.find(piece, at)
        assert found >= 0
        at = found + len(piece) + 1  # (a space at least before the next)
    assert len(whole) >= sum(map(len, pieces)) + len(list(filter(None, pieces))) - 1
    assert whole.startswith(pieces[0])
    assert blocks_py._long_key(list(range(len(lines))), pieces, 0) == (len(pieces[0]) >= blocks_py.COMMENT_START and any(pieces))


AMID = [
    "Die Stadt baut den neuen Hafen für",
    "und die Schiffe legen dort im Mai an.",
    "the new harbour before the spring came.",
    "le nouveau port de la ville au printemps",
    "El puerto nuevo abre en mayo.",
    "Le conseil municipal a voté pour",
    "help.",
    "downloads",
    "Kontakt",
    "Comment",
    "Ende:",
    "  und  dann  kam  der  Regen  ",
    "  ",
    "",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(AMID), ENDINGS), st.sampled_from([0, 0, 1, 8, 8, 16, 48, 9]), st.integers(1, 2)), max_size=20))
def test_amid_words_clear_the_marks_of_words_inside_a_sentence(blocks):
    """A link word alone on its line loses JUNK where it closes the open sentence before it or sits between two pieces
    of running text, a closing marker alone on its line END and COMMENTS between two pieces of running text: the same with
    either twin, and as `_amid_text` reads the texts around them."""
    from winnow.rules.boilerplate import AT_LEAST_AMID_WORDS, _amid_text

    texts = [text for text, _, _ in blocks]
    lines = [list(range(size)) for _, _, size in blocks]
    flags = bytearray(flag for _, flag, _ in blocks)
    expected = bytearray(flags)
    last = len(texts) - 1
    for n in range(1, len(texts)):
        if flags[n] & blocks_py.JUNK and len(lines[n]) == 1 and not flags[n - 1] & blocks_py.IS_REMOVED:
            before = texts[n - 1]
            closes = texts[n][-1:] in ".!?" and AT_LEAST_AMID_WORDS.match(before) is not None and before.rstrip()[-1:] not in ".!?:…"
            if closes or n < last and not flags[n + 1] & blocks_py.IS_REMOVED and _amid_text(before, texts[n + 1]):
                expected[n] &= ~blocks_py.JUNK
        if flags[n] & blocks_py.END and n < last and len(lines[n]) == 1 and _amid_text(texts[n - 1], texts[n + 1]):
            expected[n] &= ~(blocks_py.END | blocks_py.COMMENTS)
    for module in (compiled, blocks_py):
        found = bytearray(flags)
        module.amid_words(found, texts, lines)
        assert found == expected


def test_a_link_word_closing_a_sentence_is_no_menu_link_but_one_alone_is():
    flags = bytearray([0, blocks_py.JUNK, 0, blocks_py.JUNK, 0])
    texts = ["Mit dem neuen Werkzeug kann die Abdeckung vielleicht", "helfen.", "Impressum und Datenschutz", "Kontakt", "Alle Rechte vorbehalten"]
    for module in (compiled, blocks_py):
        found = bytearray(flags)
        module.amid_words(found, texts, [[0], [1], [2], [3], [4]])
        assert found == bytearray([0, 0, 0, blocks_py.JUNK, 0])


def test_comment_starts_remembered_are_those_of_the_memo_asked_with():
    """The compiled kernel remembers which block starts match the comment patterns in C slots, for one memo at a time:
    pages cleaned in turn with two lexicons (one whose patterns match no start) are flagged as each alone flags them."""
    import dataclasses
    import re

    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import key, keys, words

    lines = ["Kommentare", "12 Kommentare", "Leave a Reply", "Comments", "Der Hafen wird gebaut.", "3 Antworten"]
    blocks = [[i] for i in range(len(lines))]
    line_keys = dict(enumerate(map(key, lines)))
    key_words = [words(k) for k in line_keys.values()]
    anchored = bytes(len(lines))
    plain = BoilerplateWords.default()
    blind = dataclasses.replace(plain, comment_starts=re.compile(r"(?!)"))  # (no start matches: no heading nor count heads comments)

    def flagged(found, memo):
        flags = bytearray(len(blocks))
        compiled.key_facts(blocks, lines, {}, line_keys, key_words, key_words, anchored, keys, set(), found, NAV_JOINER_CHARS.search, is_junk, memo, flags)
        return flags

    alone = {id(found): flagged(found, {}) for found in (plain, blind)}
    assert any(flag & blocks_py.COMMENTS for flag in alone[id(plain)]) and not any(flag & blocks_py.COMMENTS for flag in alone[id(blind)])
    memos = {id(plain): {}, id(blind): {}}
    for found in (plain, blind, plain, plain, blind, blind, plain):
        assert flagged(found, memos[id(found)]) == alone[id(found)]


NAMES = [  # names alone and lines that are none: too many or too few words, lower case, punctuation, scripts, blanks
    "Benjamin Fischer",
    "Anna-Lena O'Neil",
    "Dr. Jan Van Der Berg",
    "Jan van der Berg",
    "Élodie Durand-Lefèvre",
    "Max Muster Mann Frau Kind",
    "Max",
    "Max Muster,",
    "Max\u00a0Muster",
    "  Max  Muster  ",
    "Žofie Nováková",
    "Ölaf Ärger",
    "Der Hafen wird gebaut.",
    "Max Muster_2",
    "Max ’Muster",
    "",
    "   ",
    "\n",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), ENDINGS), min_size=1, max_size=12), st.lists(st.integers(0, 12), max_size=6))
def test_after_names_find_a_name_alone_before_a_line_as_the_pattern_does(lines, starts):
    """A line follows a person's name alone (two to four capitalised words, blank lines between them skipped): the same
    with either twin, and as `rules.boilerplate.after_name` reads it with its pattern."""
    from winnow.rules.boilerplate import after_name

    starts = [i for i in starts if i <= len(lines)]
    expected = bytearray(after_name(lines, i) for i in starts)
    assert compiled.after_names(lines, starts) == blocks_py.after_names(lines, starts) == expected


def test_a_name_alone_is_told_from_a_sentence_and_a_label():
    lines = ["Benjamin Fischer", "Redakteur in der Wirtschaft", "", "Der Hafen wird gebaut.", "Marie Curie", "", "", "Physikerin", "Kontakt"]
    for module in (compiled, blocks_py):
        assert list(module.after_names(lines, [1, 4, 7, 8, 0])) == [1, 0, 1, 0, 0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), max_size=30), st.integers(0, 3))
def test_the_last_lines_kept_are_found_from_the_end(removed, most):
    indices = [i for i in range(len(removed)) if i % 3]  # (the non-blank lines: some numbers left out)
    removals = [object() if gone else None for gone in removed]
    kept = [i for i in indices if removals[i] is None]
    expected = kept[max(len(kept) - most, 0) :]
    assert compiled.last_kept(indices, removals, most) == blocks_py.last_kept(indices, removals, most) == expected


def test_key_facts_mark_links_closing_markers_and_comment_headings():
    """A menu link is junk, a count of comments closes the text, a comment heading too and heads the comments; a
    sentence, alone or over several lines, is none of them (in German, English and French)."""
    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import key, keys, words

    found = BoilerplateWords.default()
    lines = ["Impressum", "3 replies", "Leave a Reply", "Der Minister sagte,", "die Stadt baue den Hafen aus.", "Le maire a parlé."]
    blocks = [[0], [1], [2], [3, 4], [5]]
    texts = [" ".join(lines[i] for i in block) for block in blocks]
    line_keys = dict(enumerate(map(key, lines)))
    key_words = [words(k) for k in line_keys.values()]
    for module in (compiled, blocks_py):
        flags = bytearray(len(blocks))
        memo: dict[str, bool] = {}
        anchored = bytes(not found.footer.anchors.isdisjoint(seq) for seq in key_words)
        module.key_facts(blocks, texts, {}, line_keys, key_words, key_words, anchored, keys, frozenset(), found, NAV_JOINER_CHARS.search, is_junk, memo, flags)
        assert list(flags) == [blocks_py.JUNK, blocks_py.END, blocks_py.END | blocks_py.COMMENTS, 0, 0]
        # (what the comment patterns were asked of, remembered; "Impressum" starts as no heading or count does: not asked)
        assert memo["3 re"] and memo["leav"] and not memo["der "] and "impr" not in memo


def test_comment_firsts_rule_out_only_starts_no_heading_or_count_has():
    """A block's first character rules the comment patterns out only where none of them could match a text starting with
    it: every Latin-1 character, followed by the rest of each heading (German, English, Italian, with a space and an
    upper-case start), a digit's count or nothing, matches `comment_starts` only where `comment_firsts` lets it be asked;
    and the lexicon's own headings and counts are asked."""
    import dataclasses
    import re

    from winnow.rules.boilerplate import BoilerplateWords, comment_firsts

    headings = ["Kommentare", "Leave a Reply", "Ihre Meinung", " discussione", "Écrire un commentaire", "ähnliche Beiträge"]
    starts = "|".join([r"\d+(?:\s|$)", *sorted({re.escape(h[: blocks_py.COMMENT_START]).replace("\\ ", r"\s") for h in headings})])
    found = dataclasses.replace(BoilerplateWords.default(), comment_starts=re.compile(starts, re.IGNORECASE), comment_firsts=comment_firsts(headings))
    for words in (found, BoilerplateWords.default()):
        rests = [h[1:] for h in headings] + ["2 Kommentare"[1:], " comments", "", "ommentare", "EAVE"]
        for c in map(chr, range(256)):
            for rest in rests:
                if words.comment_starts.match((c + rest)[: blocks_py.COMMENT_START]):
                    assert words.comment_firsts[ord(c)], (c, rest)
    allowed = found.comment_firsts
    assert allowed[ord("k")] and allowed[ord("K")] and allowed[ord(" ")] and allowed[ord("\t")] and allowed[ord("é")] and allowed[ord("É")]
    assert allowed[ord("Ä")] and allowed[ord("7")] and not allowed[ord("z")] and not allowed[ord("x")] and not allowed[ord("»")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(ENDINGS, st.sampled_from(["Der Hafen", " Le port ", "\u00a0港\u3000", "\tmehr", "Home\n", "x\u2028", "", " "])), max_size=20))
def test_lines_are_stripped_alike(lines):
    """Each line stripped as `str.strip` strips it, with either twin (the compiled one handing back the lines themselves
    where none has a space at either end)."""
    expected = [line.strip() for line in lines]
    assert compiled_lines.strip_lines(lines) == lines_py.strip_lines(lines) == expected
    assert all(type(line) is str for line in compiled_lines.strip_lines(lines))


def test_lines_with_nothing_to_strip_are_handed_back_and_others_stripped():
    class Line(str):
        pass

    lines = ["Der Hafen wird gebaut.", "Le port", "港が開く", ""]
    assert compiled_lines.strip_lines(lines) is lines
    for changed in (["  Mehr lesen"], ["Read more\u00a0"], ["Lire\tla suite\n"], [Line("Home")]):
        stripped = compiled_lines.strip_lines(lines + changed)
        assert stripped == lines + [changed[0].strip()] and stripped is not lines and type(stripped[-1]) is str


HEADS = [  # comment headings and counts, numbers alone or before other words, in several scripts and spacings
    *("12", "3 ", "0", "2024", "Kommentare", "12 Kommentare", "3 Antworten", "7 replies", "Leave a Reply", "12 Uhr"),
    *("١٢ تعليق", "٣", "12\u00a0Kommentare", "12  comments", "12\tk", " 12 Kommentare", "12 x", "Comments (3)", "k", "Ärger", "ß"),
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HEADS), st.text(st.characters(max_codepoint=0x2200), max_size=4)), max_size=4).map("".join))
def test_a_comment_pattern_is_ruled_out_only_where_it_matches_nothing(text):
    """`may_head` says no only where the comment headings' or counts' pattern matches nothing, as typed and as a key."""
    from winnow.rules.boilerplate import BoilerplateWords
    from winnow.text.lexicon import key

    found = BoilerplateWords.default()
    for candidate in (text, key(text)):
        for firsts, optional in ((found.heading_firsts, True), (found.count_firsts, False)):
            assert compiled.may_head(candidate, firsts, optional) == blocks_py.may_head(candidate, firsts, optional)
        if found.comments.match(candidate) is not None:
            assert blocks_py.may_head(candidate, found.heading_firsts, True), candidate
        if found.counted_end.match(candidate) is not None:
            assert blocks_py.may_head(candidate, found.count_firsts, False), candidate


def test_comment_patterns_are_ruled_out_by_the_character_their_entries_would_start_at():
    from winnow.rules.boilerplate import BoilerplateWords, entry_firsts

    found = BoilerplateWords.default()
    headings, counts = entry_firsts(["Kommentare", "Leave a Reply", "Écrire"]), entry_firsts(["Antworten", "replies"])
    assert headings[ord("k")] and headings[ord("L")] and headings[ord("é")] and headings[ord("É")] and not headings[ord("z")]
    assert not headings[ord(" ")] and not headings[ord("1")] and counts[ord("a")] and counts[ord("R")] and not counts[ord("k")]
    assert entry_firsts(["Kommentare", ""]) == entry_firsts([" Kommentare"]) == entry_firsts([]) == bytes([1]) * 256
    for module in (compiled, blocks_py):
        assert module.may_head("kommentare", headings, True) and module.may_head("12 kommentare", headings, True)
        assert not module.may_head("12", headings, True) and not module.may_head("12 zum", headings, True)
        assert not module.may_head("zum", headings, True) and module.may_head("12 \u6587", headings, True)
        assert module.may_head("3 antworten", counts, False) and not module.may_head("antworten", counts, False)
        assert not module.may_head("3antworten", counts, False) and not module.may_head("3 uhr", counts, False)
        assert module.may_head("3 ", counts, False)  # (nothing after the number: not ruled out)
    assert found.comments.match("12 kommentare") is not None or found.comments.match("kommentare") is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HEADS), ENDINGS), min_size=1, max_size=20))
def test_key_facts_flag_comment_headings_and_counts_as_their_patterns_alone_do(lines):
    """The comment patterns' flags with either twin are those found asking the patterns of every block starting as a
    heading or count does (no block ruled out by the character its entries would start at)."""
    from winnow.rules.boilerplate import NAV_JOINER_CHARS, BoilerplateWords, is_junk
    from winnow.text.lexicon import key, keys, words

    found = BoilerplateWords.default()
    blocks = [[i] for i in range(len(lines))]
    texts = [line.strip() for line in lines]
    line_keys = dict(enumerate(map(key, lines)))
    key_words = [words(k) for k in line_keys.values()]
    anchored = bytes(not found.footer.anchors.isdisjoint(seq) for seq in key_words)
    outcomes = []
    for module, ruled_out in ((compiled, True), (blocks_py, True), (blocks_py, False)):
        flags = bytearray(len(blocks))
        if not ruled_out:
            may_head = blocks_py.may_head
            blocks_py.may_head = lambda *_: True
        try:
            module.key_facts(blocks, texts, {}, line_keys, key_words, key_words, anchored, keys, set(), found, NAV_JOINER_CHARS.search, is_junk, {}, flags)
        finally:
            if not ruled_out:
                blocks_py.may_head = may_head
        outcomes.append(flags)
    assert outcomes[0] == outcomes[1] == outcomes[2]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(["&", "|", "/", "·", "•", ",", " und ", " and ", " et ", " y ", "und", " ", "x", "Y", "\u00a0", "·•"]), max_size=8).map("".join)
)
def test_a_joiner_of_links_is_found_as_its_pattern_finds_it(text):
    from winnow.rules.boilerplate import NAV_JOINER_CHARS, has_joiner

    assert has_joiner(text) == (NAV_JOINER_CHARS.search(text) is not None)


def test_joiners_of_links_in_several_languages():
    from winnow.rules.boilerplate import has_joiner

    assert has_joiner("impressum & datenschutz") and has_joiner("home | kontakt") and has_joiner("agb und datenschutz")
    assert has_joiner("mentions légales et contact") and has_joiner("aviso legal y privacidad") and has_joiner("a, b")
    assert not has_joiner("impressum") and not has_joiner("undercover and") and not has_joiner("y et") and not has_joiner("home\u00a0und kontakt")


LINKS = ["Impressum", "mehr »", "→ Weiterlesen", "Read more", "Der Minister sagte", "", "  ", "Lire la suite", "»", "Home"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LINKS), ENDINGS), max_size=30))
def test_link_lines_are_the_same(lines):
    from winnow.rules.boilerplate import READ_MORE_EDGE, BoilerplateWords
    from winnow.text.lexicon import key

    found = BoilerplateWords.default()
    stripped = [line.strip() for line in lines]
    counts = [len(line.split()) for line in lines]
    keys = dict(enumerate(map(key, lines)))
    flags, pure_flags = bytearray(len(lines)), bytearray(len(lines))
    more = compiled_lines.link_lines(stripped, counts, keys, found.read_more, found.links, READ_MORE_EDGE, flags)
    assert more == lines_py.link_lines(stripped, counts, keys, found.read_more, found.links, READ_MORE_EDGE, pure_flags)
    assert flags == pure_flags


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.sampled_from(PIECES + ["Redakteur in der Wirtschaft", "Éditrice à Paris", "ÄRZTIN", "ǅ", "x " * 13]), ENDINGS), st.booleans()),
        max_size=30,
    ),
    st.integers(0, 2**31),
)
def test_role_candidates_and_late_prose_are_the_same(blocks, seed):
    """The kept blocks that may name the author's job (not removed, a capital first, twelve words at most) and the kept
    prose after 70 % of it: with either twin, as the detector's Python put it."""
    from bisect import bisect_left
    from itertools import accumulate

    rng = random.Random(seed)
    texts = [text for text, _ in blocks]
    keep = bytearray(kept for _, kept in blocks)
    flags = bytearray(rng.choice((0, 0, blocks_py.IS_REMOVED, blocks_py.JUNK)) for _ in blocks)
    kinds = bytearray(rng.randrange(5) for _ in blocks)
    values = array("d", (rng.choice((-35.0, 0.0, 0.1, 12.5, 200.0, rng.random() * 500)) for _ in blocks))
    roles = compiled.role_candidates(keep, flags, texts)
    assert roles == blocks_py.role_candidates(keep, flags, texts)
    assert roles == [n for n in range(len(texts)) if keep[n] and not flags[n] & 1 and texts[n][:1].isupper() and len(texts[n].split()) <= 12]
    late = compiled.late_prose(keep, values, kinds)
    assert late == blocks_py.late_prose(keep, values, kinds)
    kept = [n for n in range(len(texts)) if keep[n]]
    counted = [max(values[n], 0.0) for n in kept]
    first = bisect_left(list(accumulate(counted, initial=0.0)), 0.7 * sum(counted))
    assert late == [n for n in kept[first:] if kinds[n] in (blocks_py.GOOD, blocks_py.NEAR)]


MENU = ["News", "Sport", "Unternehmen & Märkte", "Home", "Der Hafen wird im Mai eröffnet.", "Kontakt", "港", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MENU), st.integers(1, 2), st.booleans(), st.booleans()), max_size=30))
def test_menu_candidates_are_the_same(blocks):
    """Kept one-line labels of a few words that a menu before the main text also lists: with either twin, and those
    `menu_items` finds reading the texts instead of the analysis."""
    from winnow.text.lexicon import key

    lines, texts, at = [], [], 0
    for text, size, _, _ in blocks:
        lines.append(list(range(at, at + size)))
        texts.append(" ".join([text] * size))
        at += size
    line_texts = [text for text, size, _, _ in blocks for _ in range(size)]
    keys = dict(enumerate(map(key, line_texts)))
    counts = [len(text.split()) for text in line_texts]
    keep = bytearray(kept for _, _, kept, _ in blocks)
    flags = bytearray(blocks_py.IS_REMOVED if removed else 0 for _, _, _, removed in blocks)
    found = compiled.menu_candidates(lines, keep, flags, keys, counts)
    assert found == blocks_py.menu_candidates(lines, keep, flags, keys, counts)
    first = keep.index(1) if 1 in keep else len(keep)
    outside = {keys[block[0]] for block in lines[:first] if len(block) == 1 and counts[block[0]] <= 3}
    single = [n for n in range(first, len(lines)) if keep[n] and len(lines[n]) == 1 and not flags[n] & 1 and counts[lines[n][0]] <= 3]
    assert found == [n for n in single if keys[lines[n][0]] in outside]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(PIECES + ["x" * 69, "x" * 70, "Der Hafen wird im Mai eröffnet, sagte der Bürgermeister am Montag."]), ENDINGS),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_short_lines_are_counted_alike(lines_removed):
    """The live lines (non-blank, not removed) and those shorter than a paragraph, with either twin."""
    from winnow.core.model import Family, Removal

    lines = [line for line, _ in lines_removed]
    removals = [Removal("x", Family.ADS, "an ad") if removed else None for _, removed in lines_removed]
    nonblank = [i for i, line in enumerate(lines) if line.split()]
    found = compiled.short_lines(lines, removals, nonblank, 70)
    assert found == blocks_py.short_lines(lines, removals, nonblank, 70)
    live = [i for i in nonblank if removals[i] is None]
    assert found == (len(live), sum(len(lines[i]) < 70 for i in live))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.sampled_from(PIECES + ["x" * 69, "x" * 70, "港" * 30]), ENDINGS), st.booleans(), st.sampled_from([0, 1, 2, 3, 8, 255])),
        max_size=40,
    )
)
def test_the_texts_asked_for_their_common_words_are_the_same(texts_ends_flags):
    """Each text's length, and those a finished sentence or a paragraph's length that no rule removed, with either twin."""
    texts = [text for text, _, _ in texts_ends_flags]
    ends = bytes(end for _, end, _ in texts_ends_flags)
    flags = bytearray(flag for _, _, flag in texts_ends_flags)
    found = compiled.prose_asked(texts, ends, 70, flags)
    assert found == blocks_py.prose_asked(texts, ends, 70, flags)
    asked = [n for n, text in enumerate(texts) if (ends[n] or len(text) >= 70) and not flags[n] % 2]
    assert found == (array("q", map(len, texts)), asked)


def test_a_removed_paragraph_is_not_asked_for_its_common_words():
    texts = ["Ein langer Absatz über die Stadt, den Hafen und die Leute, die dort seit vielen Jahren arbeiten.", "Kurz.", "Menü"]
    for module in (compiled, blocks_py):
        assert module.prose_asked(texts, b"\x01\x01\x00", 70, bytearray([0, 0, 0]))[1] == [0, 1]
        assert module.prose_asked(texts, b"\x01\x01\x00", 70, bytearray([1, 0, 1]))[1] == [1]
        assert module.prose_asked(texts, b"\x01\x01\x00", 70, bytearray([2, 1, 0]))[1] == [0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=30), st.integers(-1, 40))
def test_the_lines_outside_the_main_text_are_the_same(blocks, title):
    """The lines of the blocks outside the main text no rule removed nor the model explained (`skip`): the title's block
    before it, the others before it and those after it, with either twin."""
    lines, at = [], 0
    for size, _, _, _ in blocks:
        lines.append(list(range(at, at + size)))
        at += size + 1  # (a blank line between blocks)
    keep = bytearray(kept for _, kept, _, _ in blocks)
    keep[len(keep) // 2] = 1
    flags = bytearray(blocks_py.IS_REMOVED if removed else 0 for _, _, removed, _ in blocks)
    skip = {n: "the model's reason" for n, (_, _, _, skipped) in enumerate(blocks) if skipped}
    found = compiled.outside_lines(lines, keep, flags, title, skip)
    assert found == blocks_py.outside_lines(lines, keep, flags, title, skip)
    first = keep.index(1)
    gone = [n for n in range(len(lines)) if not keep[n] and not flags[n] and n not in skip]
    titled = [n for n in gone if n < first and lines[n][0] == title]
    assert found == (
        [i for n in titled for i in lines[n]],
        [i for n in gone if n < first and n not in titled for i in lines[n]],
        [i for n in gone if n > first for i in lines[n]],
    )


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789٣:.h- aApPmMUhr\n", max_size=14))
def test_every_time_or_date_a_ticker_reads_is_shaped_as_judge_facts_keeps_them(text):
    """`judge_facts` keeps as a ticker's stamps only one-line blocks shaped as a time or date may be: every text either
    pattern matches is so shaped (digits of any script, marks, spaces, 'Uhr', 'pm')."""
    from winnow.rules.boilerplate import NUMERIC_DATE, TIME_OF_DAY

    if TIME_OF_DAY.match(text) or NUMERIC_DATE.match(text):
        assert blocks_py._stamp_shaped(text)
        assert compiled.judge_facts([text], [text], [[0]], [0], array("q", [len(text)]), b"\0", b"\0", 70)[3] == [0]


def test_a_key_without_a_footer_phrases_anchor_word_is_no_footer_line_however_long():
    """A footer phrase is found in a key's words only where one of its anchor words is a piece of the key: a key holding
    none is no footer line (asked without its words, as for a block with a formula), one holding a phrase is one."""
    from winnow.rules.boilerplate import BoilerplateWords, is_junk
    from winnow.text.lexicon import key

    found = BoilerplateWords.default()
    for text in ("Alle Rechte vorbehalten", "All rights reserved", "Tous droits réservés"):
        assert is_junk(key(text), None, found) and is_junk(key(text), tuple(key(text).split()), found)
    for text in ("Der Hafen wird im Mai eröffnet, sagte der Minister", "The harbour opens in May", "x" * 120, ""):
        assert not is_junk(key(text), None, found)
