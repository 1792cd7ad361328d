"""The shortcuts the speed work took must not change a decision: each is checked against the slow way it replaces."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from rules_helpers import BODY, clean
from winnow.core.model import Document, Family
from winnow.rules.base import Context, Rule
from winnow.rules.furniture import FOLDING_ODD, FurnitureWords, PageFurniture, _ascii_keys_pattern
from winnow.stages.analyse import Analyser, Analysis, LazyKeys
from winnow.text.bylines import Bylines
from winnow.text.dates import DATE_HINT, DateReader
from winnow.text.lexicon import _OTHER_SPACES, _PLAIN, Lexicons, PhraseIndex, key, keys_and_counts, words
from winnow.text.lexicon import keys as page_keys
from winnow.text.sentences import is_headline_like
from winnow.text.words import WORD, words_of_lines

MONTHS = ["January", "März", "juillet", "agosto", "Sept.", "dicembre", "mei"]
SEPARATORS = [" ", ".", "/", "-", ". ", ", ", " de ", " of ", "th ", "er "]


@st.composite
def date_like(draw) -> str:
    """Lines built like the dates pages print, and near misses: numbers, month names and separators in any order."""
    parts = draw(
        st.lists(
            st.one_of(st.integers(0, 2100).map(str), st.sampled_from(MONTHS), st.sampled_from(["Published:", "Am", "Mon", "um 10:30 Uhr", "UTC"])),
            min_size=1,
            max_size=5,
        )
    )
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, separators)).strip()


@given(date_like())
def test_every_date_the_reader_finds_passes_the_cheap_hint(line):
    """The hint rules a line out before the date patterns run: it must never rule out a date they would find."""
    reader = DateReader.of(Lexicons.shared())
    for month_first in (False, True):
        if reader.find_date(line, month_first) is not None:
            assert DATE_HINT.search(line), line


@given(st.one_of(date_like(), st.text(alphabet="0123456789-./: hUuMm\u00a0٣", max_size=20)))
@example("2021-03-04")
@example("4.3.21")
@example("4/3/2021")
def test_a_text_without_a_numeric_patterns_mark_holds_no_match_of_it(text):
    # the reader searches each numeric pattern only in texts holding its mark; a time only in texts holding a digit
    from winnow.text.dates import NUMERIC_MARKS, NUMERIC_PATTERNS, TIME

    for pattern, kind in NUMERIC_PATTERNS:
        if pattern.search(text):
            assert NUMERIC_MARKS[kind] in text
    if TIME.search(text):
        assert any(c.isdigit() for c in text)


MONTH_NAMES = sorted(DateReader.of(Lexicons.shared()).months)


@st.composite
def named_date_like(draw) -> str:
    """Dates with month names as pages print them, and near misses: names cut short or run on, any case, odd letters."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(MONTH_NAMES).map(lambda w: draw(st.sampled_from([w, w.upper(), w.title(), w[:-1], w + "e", w[:3] + "."]))),
                st.integers(0, 2100).map(str),
                st.sampled_from(["de", "of", "del", "am", "Stand:", "ı", "İ", "ſ", "K"]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    separators = draw(st.lists(st.sampled_from([*SEPARATORS, "", ",  "]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, separators))


@given(named_date_like())
@example("12. März 2021")
@example("März 3, 2021")
@example("Mär 2021")
@example("Sept. 2021")
@example("3 septiembre de 2021")
def test_the_month_names_as_a_trie_match_as_the_plain_alternation(line):
    lexicons = Lexicons.shared()
    trie = DateReader.of(lexicons)
    plain = DateReader(trie.months, trie.filler, month_trie=False)
    assert [p.pattern for p, _ in plain.patterns] != [p.pattern for p, _ in trie.patterns]
    for (fast, kind), (slow, _) in zip(trie.patterns, plain.patterns):
        found, expected = fast.search(line), slow.search(line)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups())), (kind, line)
    for month_first in (False, True):
        found_date, expected_date = trie.find_date(line, month_first), plain.find_date(line, month_first)
        assert (found_date and (found_date[0], found_date[1].span())) == (expected_date and (expected_date[0], expected_date[1].span()))


def test_month_names_with_letters_a_sibling_matches_keep_the_plain_alternation():
    from winnow.text.dates import month_alternation

    assert month_alternation(["mart", "marı", "mari", "mar"]) == "mart|marı|mari|mar"  # 'i' and 'ı' match each other
    assert month_alternation(["mai", "may", "march", "mar"]) == "ma(?:r(?:ch)?|i|y)"
    assert month_alternation(["sept.", "sept"]) == "sept.|sept"  # not all letters


LEXICON_LISTS = [
    (lexicon, name)
    for lexicon, names in (
        ("furniture", ["counters", "reading", "credit_labels", "agencies", "caption_labels", "photo_labels", "byline_prefixes", "name_particles"]),
        ("boilerplate", ["comment_headings", "comment_counts", "bio_roles", "name_particles"]),
        ("contact", ["labels", "contact_words"]),
    )
    for name in names
]


@st.composite
def lexicon_text(draw) -> tuple[list[str], str]:
    """A lexicon list (or a made-up one) and a text built from its entries as pages print them, and near misses."""
    lexicon, name = draw(st.sampled_from(LEXICON_LISTS))
    items = Lexicons.shared().get(lexicon).items(name) or ["x"]
    if draw(st.booleans()):
        items = draw(st.lists(st.sampled_from(["von", "von der", "van", "by", "photo", "photo credit", "photos", "i", "ı", "K", "a.b", "a*"]), min_size=1))
    entry = st.sampled_from(items).map(lambda w: draw(st.sampled_from([w, w.upper(), w.title(), w[:-1], w + "s", w.replace(" ", "  "), w.replace(" ", "\n")])))
    parts = draw(st.lists(st.one_of(entry, st.sampled_from(["12", ":", "Max Muster", "ſ", "İ", "K", " ", "-"]), st.text(max_size=4)), min_size=1, max_size=5))
    return items, draw(st.sampled_from([" ", "", "\u00a0"])).join(parts)


@given(lexicon_text())
@example((["photo", "photo credit", "photos"], "Photo   Credit: Max"))
@example((["von", "von der"], "Von der Leyen"))
def test_a_lexicon_list_as_a_trie_matches_as_the_plain_alternation(case):
    from winnow.text.lexicon import alternation, plain_alternation

    items, text = case
    for module in (re, regex):
        trie, plain = alternation(items, module.escape), plain_alternation(items, module.escape)
        for after in ("", r"\s*:?\s*(\w+)", r"(?!\w)", r"(\W*)$", r"(\s+\w+)?"):
            fast = module.compile(rf"(?:{trie}){after}", module.IGNORECASE)
            slow = module.compile(rf"(?:{plain}){after}", module.IGNORECASE)
            for found, expected in ((fast.search(text), slow.search(text)), (fast.match(text), slow.match(text))):
                assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups())), (after, text)


def test_a_list_with_entries_a_sibling_matches_alike_stays_plain():
    from winnow.text.lexicon import alternation

    assert alternation(["photo", "photo credit", "photos", "foto"]) == r"(?:photo(?:(?:\s+credit|s))?|foto)"
    assert alternation(["foto", "Foto"]) == "foto|Foto"  # which is tried first decides what a group after it holds
    assert alternation(["mari", "marı"]) == "mari|marı"
    assert alternation(["a b", "a\u00a0c"]) == "a\\s+b|a\u00a0c"


def test_the_hint_rules_out_counters_and_keeps_dates_in_several_languages():
    reader = DateReader.of(Lexicons.shared())
    for line in ("26.10.2021", "5. 3. 21", "3. Februar 2022", "March 4, 2020", "12/06/19", "2024-05-03", "le 5 juillet 2023"):
        assert reader.find_date(line) is not None and DATE_HINT.search(line), line
    for line in ("12 Kommentare", "3 min", "Seite 2 von 40", "5 comments"):
        assert not DATE_HINT.search(line), line


@given(st.lists(st.text(alphabet=st.sampled_from("aZß ’“»\u00a0\u00ad\u200b.:-_|é1\t"), max_size=20), min_size=1, max_size=8))
def test_lazy_keys_are_the_keys_however_often_asked(lines):
    keys = LazyKeys(lines)
    for _ in range(2):
        assert [keys[i] for i in range(len(lines))] == [key(line) for line in lines]
    assert keys[-1] == key(lines[-1])


@given(st.lists(st.text(alphabet=st.sampled_from("aZßİΣ ’‘“»«\u00a0\u2009\u00ad\u200b\ufeff.:-_|é1\t\n\r\x85\u2028\u3000"), max_size=20), max_size=8))
def test_a_pages_keys_worked_out_at_once_are_each_lines_key(lines):
    """Made plain and case-folded over the joined page, then split: the same as keying line by line, whatever the
    characters (ones that expand when case-folded, ones deleted, odd spaces, a newline inside a line)."""
    assert page_keys(lines) == [key(line) for line in lines]
    assert page_keys(lines, "\n".join(lines).casefold()) == [key(line) for line in lines]


@given(
    st.lists(st.text(alphabet=st.sampled_from("aZßİ ’“.-_é1\u00a0\u2009\u3000\u00ad\u200b\ufeff\t\r\x1c\x85\u2028\n"), max_size=20), max_size=8), st.booleans()
)
def test_keys_and_word_counts_worked_out_at_once_are_each_lines(lines, folded_given):
    """The counts read off the single-spaced lines are `str.split`'s, whatever the spaces, with or without characters
    the keys drop (a soft hyphen alone between spaces is a word to `str.split`)."""
    found, counts = keys_and_counts(lines, "\n".join(lines).casefold() if folded_given else None)
    assert found == [key(line) for line in lines]
    assert counts == [len(line.split()) for line in lines]


def test_a_word_of_invisible_characters_alone_still_counts_and_every_split_space_is_made_plain():
    assert keys_and_counts(["a \u00ad b", "x\u200by", " \ufeff "]) == (["a b", "xy", ""], [3, 1, 1])
    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert spaces == {" ", "\n", *_OTHER_SPACES}


def test_making_quotes_plain_commutes_with_case_folding_for_every_character():
    """Why the analysis may key the page it already case-folded: no character `key` replaces has a case, and
    folding no other character yields one."""
    specials = {special for special, _ in _PLAIN}
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        folded = character.casefold()
        assert folded == character if character in specials else specials.isdisjoint(folded), hex(code)
    assert all(plain.casefold() == plain for _, plain in _PLAIN)


@given(
    st.lists(st.text(alphabet=st.sampled_from("aZß ’“»\u00a0\u00ad\u200b\ufeff.:-_|é1\t"), max_size=20), min_size=1, max_size=8),
    st.sets(st.integers(0, 7), max_size=2),
)
def test_the_words_of_each_lines_key_are_those_of_the_key_however_they_are_found(lines, skip):
    """Most pages take the line's own words for its key's words: never where they differ (a soft hyphen, an underscore
    at an edge, a skipped line)."""
    info = Analysis(lines, skip=frozenset(i for i in skip if i < len(lines)))
    assert info.key_words == [words(key(line)) for line in lines]


@given(
    st.lists(st.text(alphabet=st.sampled_from("abAB ßSsİi\u00ad-_.\n"), max_size=12), min_size=1, max_size=8),
    st.sets(st.integers(0, 7), max_size=2),
)
def test_the_lines_that_may_hold_a_phrase_are_found_over_the_page_as_line_by_line(lines, skip):
    """phrase_lines finds candidate lines by searching the case-folded page: exactly the lines holding a phrase's word."""
    index = PhraseIndex(["ab", "ss news", "b", "i̇"])
    info = Analysis(lines, skip=frozenset(i for i in skip if i < len(lines)))
    expected = [i for i, seq in enumerate(info.seqs) if not index.anchors.isdisjoint(seq)]
    assert info.phrase_lines(index) == expected
    assert info.seqs == [tuple(words(line.casefold())) if line and i not in skip else () for i, line in enumerate(lines)]


class Marker(Rule):
    id = "test.marker"
    family = Family.FURNITURE
    name = "Marker"


def test_drops_for_one_reason_share_one_removal_and_the_first_reason_stands():
    lines = ["a", "b", "c"]
    ctx = Context.for_lines(Document(source="t.txt", format="text", content="", lines=lines), lines, Analysis(lines))
    rule = Marker()
    ctx.drop(0, rule, "one")
    ctx.drop(1, rule, "one")
    ctx.drop(2, rule, "two")
    ctx.drop(0, rule, "two")  # already dropped: its reason stands
    assert [r.reason for r in ctx.removals if r] == ["one", "one", "two"]
    assert ctx.removals[0] is ctx.removals[1]
    assert ctx.dropped == [0, 1, 2]


def test_the_first_paragraph_is_the_title_only_when_another_paragraph_shares_its_words():
    # a first paragraph of 14 words without a full stop reads like a headline; it is the title only when
    # the paragraphs after it share one of its words
    unrelated = "Sunny weather with light winds expected across every northern valley during this coming weekend"
    related = "Harbour councillors debate the flood barrier budget again at a public meeting this coming weekend"
    assert "title" not in clean([unrelated, *BODY["en"]]).metadata
    assert clean([related, *BODY["en"]]).metadata["title"] == related


@pytest.mark.parametrize(
    "line, expected",
    [
        ("  »Alle   AKZEPTIEREN« ", "alle akzeptieren"),
        ("Lesen\u00a0Sie auch:", "lesen sie auch"),
        ("Wer\u00adbung", "werbung"),
        ("“Don’t miss” —", "don't miss"),
        ("STRASSE ẞ", "strasse ss"),
        ("» " + "Ein langer Satz " * 20 + "«", ("ein langer satz " * 20).strip()),  # longer than the lines remembered
    ],
)
def test_a_key_is_the_same_asked_once_or_again_short_or_long(line, expected):
    assert key(line) == expected
    assert key(line) == expected  # the second time from memory (short lines)


# ---- the page-wide passes of the analyse stage and the rules' candidate lines, each against the line-by-line way

ODD_TEXT = st.sampled_from("aZß İ’“»«\u00a0\u2009\u3000\u00ad\u200b\ufeff.:-_|é1²٣\t\r\n\x1c\x85\u2028—…©()[]中")
PAGES = st.lists(st.text(alphabet=ODD_TEXT, max_size=16), min_size=1, max_size=10)


@given(st.text(max_size=200))
def test_the_words_of_each_line_found_over_the_page_are_the_tokenizers(page):
    """Any text, surrogates and all: a byte table and a few replaces, then str.split, give what WORD.findall gives."""
    assert words_of_lines(page) == [tuple(WORD.findall(line)) for line in page.split("\n")]


@given(PAGES, st.sets(st.integers(0, 9), max_size=2))
def test_the_counts_and_words_of_a_page_are_those_of_its_lines(lines, skip):
    skip = frozenset(i for i in skip if i < len(lines))
    info = Analysis(lines, skip=skip)
    judged = ["" if i in skip else line for i, line in enumerate(lines)]
    assert info.counts == [len(line.split()) for line in judged]
    assert info.seqs == [tuple(WORD.findall(line.casefold())) for line in judged]
    assert [info.keys[i] for i in range(len(lines))] == [key(line) for line in lines]


@given(PAGES, st.sets(st.integers(0, 9), max_size=2), st.sets(st.sampled_from(["a", "az", "ß", "ss", "1", "é", "中", ""]), max_size=3))
def test_lines_starting_with_a_word_are_the_lines_whose_first_word_it_is(lines, skip, firsts):
    info = Analysis(lines, skip=frozenset(i for i in skip if i < len(lines)))
    expected = [i for i in info.nonblank if (info.seqs[i][0] if info.seqs[i] else "") in firsts]
    assert info.lines_starting(frozenset(firsts)) == expected
    by_first: dict[str, list[int]] = {}
    for i in info.nonblank:
        by_first.setdefault(info.seqs[i][0] if info.seqs[i] else "", []).append(i)
    assert info.by_first == by_first and info.first_words == frozenset(by_first)
    assert info.number_first_words == frozenset(seq[0] for seq in info.seqs if seq and seq[0][0].isdigit())
    assert info.numbered == [i for i in info.nonblank if info.seqs[i] and info.seqs[i][0][0].isdigit()]
    assert info.numbered == info.lines_starting(info.number_first_words)


def test_lines_starting_and_holding_answer_alike_for_sets_asked_again_and_after_the_process_forgets_them(monkeypatch):
    """A set of words asked again is numbered and found by the page's first words' look-up, a set asked once by an
    intersection; either way, on every page, before and after the process starts its numbering (or its words) again."""
    from winnow.stages import analyse

    pages = [
        ["Von Julia Müller", "Stand: 12.05.2021", "von oben gesehen", "", "Par Jean Dupont", "by the river", "© 2021"],
        ["By Anna Smith", "Published: May 3", "Autor: Max", "von", "Par", "nothing here"],
        ["Кратко", "Автор: Иван", "© Иван"],
    ]
    sets = [frozenset(["von", "by", "par"]), frozenset(["von", "stand", "autor"]), frozenset(["", "автор"]), frozenset(["nothing"])]

    def expected(lines, firsts):
        seqs = [tuple(WORD.findall(line.casefold())) for line in lines]
        return [i for i, line in enumerate(lines) if line.split() and (seqs[i][0] if seqs[i] else "") in firsts]

    def holding(lines, wanted):
        return [i for i, line in enumerate(lines) if not wanted.isdisjoint(WORD.findall(line.casefold()))]

    for kept in (analyse.FIRST_SETS_KEPT, 2):
        monkeypatch.setattr(analyse, "FIRST_SETS_KEPT", kept)
        monkeypatch.setattr(analyse, "ASKED_SETS_KEPT", kept)
        for _ in range(3):
            for lines in pages:
                info = Analysis(lines)
                for firsts in [*sets, *reversed(sets)]:
                    assert info.lines_starting(firsts) == expected(lines, firsts)
                    assert info.lines_starting(set(firsts)) == expected(lines, firsts)  # type: ignore[arg-type]
                    assert info.lines_holding(firsts) == holding(lines, firsts)
    assert Analysis(pages[0]).lines_starting(frozenset(["von", "by", "par"])) == [0, 2, 4, 5]
    assert Analysis(pages[2]).lines_starting(frozenset(["", "автор"])) == [1]


@given(PAGES, st.sets(st.integers(0, 9), max_size=2), st.sets(st.sampled_from(["a", "az", "ss", "1", "é", "中", "©", ")", "_"]), max_size=3))
def test_lines_holding_or_showing_a_text_are_found_over_the_page_as_line_by_line(lines, skip, texts):
    skip = frozenset(i for i in skip if i < len(lines))
    info = Analysis(lines, skip=skip)
    wanted = frozenset(texts)
    assert info.lines_holding(wanted) == [i for i, seq in enumerate(info.seqs) if not wanted.isdisjoint(seq)]
    showing = [i for i, line in enumerate(lines) if i not in skip and any(t in line.casefold() for t in wanted)]
    assert info.lines_showing(wanted) == showing


def test_lines_showing_a_text_at_the_ends_of_lines_and_of_the_page_or_twice_in_a_line():
    lines = ["©", "a © b ©", "", "x", "©©", "Ende ©"]
    info = Analysis(lines)
    assert info.lines_showing(frozenset({"©"})) == [0, 1, 4, 5]
    assert info.lines_showing(frozenset({"© b", "x", "ende"})) == [1, 3, 5]
    assert info.lines_showing(frozenset({""})) == [0, 1, 2, 3, 4, 5]  # (as `"" in line`)
    assert info.lines_showing(frozenset({"zz"})) == []


WORD_SETS = st.lists(st.frozensets(st.sampled_from(["a", "az", "ss", "1", "é", "中", "zz", "ß"]), max_size=3), min_size=1, max_size=4)


@given(PAGES, PAGES, st.sets(st.integers(0, 9), max_size=2), WORD_SETS, WORD_SETS)
def test_lines_holding_words_asked_in_any_order_after_another_page_are_the_lines_holding_them(other, lines, skip, before, asked):
    """The page's index of asked words is built at the first question and extended by later ones, and holds the words
    other pages were asked about: whatever was asked before, here or there, each answer is the line-by-line one."""
    earlier = Analysis(other)
    for wanted in before:
        earlier.lines_holding(wanted)
    info = Analysis(lines, skip=frozenset(i for i in skip if i < len(lines)))
    for wanted in [*asked, *before, *asked]:
        assert info.lines_holding(wanted) == [i for i, seq in enumerate(info.seqs) if not wanted.isdisjoint(seq)]


def test_a_standalone_date_asked_again_is_the_same_and_the_order_of_day_and_month_counts(monkeypatch):
    reader = DateReader(DateReader.of(Lexicons.shared()).months, DateReader.of(Lexicons.shared()).filler)
    for remembered in (4096, 1):  # (1: each line forgotten when the next is asked)
        monkeypatch.setattr("winnow.text.dates.DATES_REMEMBERED", remembered)
        for _ in range(2):
            assert reader.standalone_date("Stand: 03/04/2020") == "2020-04-03"
            assert reader.standalone_date("Stand: 03/04/2020", month_first=True) == "2020-03-04"
            assert reader.standalone_date("Stand: 03/04/2020 und mehr") is None
            assert reader.standalone_date("Publié le 5 mars 2019") == "2019-03-05"
            assert reader.standalone_date("12 Kommentare") is None  # (no year, no day and month)
            assert reader.standalone_date("Posted on " + "x" * 80 + " 3/4/2019") is None  # (too long)


def _title_paragraph_by_paragraph(info: Analysis) -> int | None:
    """The title found the slow way: each headline's words looked for in the first 16 paragraphs one by one (not its
    own); the page's first line when it shares two (one when it names its site after a dash or a bar), else the
    headline sharing the most, the last of equals."""
    first_body = info.body[0] if info.body else len(info.lines)
    best, most = None, 0
    for i in [i for i in info.nonblank if i <= first_body]:
        if is_headline_like(info.lines[i], 20) and info.stems(i):
            shared = len([s for s in info.stems(i) if any(s in info.stems(j) for j in info.body[:16] if j != i)])
            if i == info.nonblank[0] and (shared >= 2 or shared and any(sep in info.lines[i] for sep in (" | ", " - ", " – ", " — "))):
                return i
            if shared and shared >= most:
                best, most = i, shared
    return best


TITLE_WORDS = st.sampled_from(["harbour", "council", "flood", "barrier", "budget", "weather", "valley", "the", "and", "news"])


@example(  # a headline sharing no word, then a first paragraph sharing words only with itself: no title
    [
        "Sunny weather expected",
        "Harbour councillors debate the flood barrier budget again at a public meeting this coming weekend",
        "Gardeners across northern valleys report early frost damaging tomatoes and young apple trees badly.",
    ]
)
@given(st.lists(st.lists(TITLE_WORDS, min_size=1, max_size=16).map(" ".join), min_size=1, max_size=12))
def test_the_title_found_with_the_paragraphs_stems_at_once_is_the_one_found_paragraph_by_paragraph(lines):
    info = Analysis(lines, "en")
    assert Analyser._title_line(info, None) == _title_paragraph_by_paragraph(Analysis(lines, "en"))


@given(PAGES, st.sets(st.integers(0, 9), max_size=2))
def test_the_furniture_rules_candidates_are_the_lines_it_tested_one_by_one(lines, rewritten):
    """The candidates found over the page (first words, words, signs; and lines a rule rewrote) are the lines the
    comprehension over every short line found."""
    lexicons = Lexicons.shared()
    info = Analysis(lines, "de", lexicons=lexicons)
    ctx = Context.for_lines(Document(source="t.txt", format="text", content="", lines=lines), lines, info)
    for i in rewritten:
        if i < len(lines):
            ctx.rewrite(i, "© dpa")
    rule, found = PageFurniture(), FurnitureWords.of(lexicons)
    seqs, current = info.seqs, ctx.lines
    expected = [
        i
        for i in info.short_lines(3 * rule["max_credit_words"])
        if not seqs[i]
        or seqs[i][0] in found.starts
        or seqs[i][0][0].isdigit()
        or not found.telling.isdisjoint(seqs[i])
        or "©" in current[i]
        or current[i].rstrip(" .")[-1:] in (")", "]")
    ]
    assert rule._candidates(ctx, found) == expected


WORDLESS_PAGE_LINES = ["•", "—", "* * *", "©", "(", "»", "| |", "…", "(c)", "Foto:", "Von", "Stand:", "dpa", "Julia Müller"]
WORDLESS_PAGE_LINES += ["12.03.2024", "3 min", "© AFP", "[+]", "Der Rat hat heute getagt und", "beschlossen, was kommt.", ""]


@given(st.lists(st.sampled_from(WORDLESS_PAGE_LINES), min_size=1, max_size=12), st.booleans())
def test_lines_of_no_word_left_out_of_the_furniture_tests_are_lines_no_test_passes(lines, html):
    """The furniture rule skips a line of no word ("•", "* * *") unless it is a label alone, shows a digit or a credit's
    mark, starts like a credit or is an enlarge link: with the shortcut off, the same lines go for the same reasons."""
    from dataclasses import replace
    from unittest import mock

    lexicons = Lexicons.shared()
    found = FurnitureWords.of(lexicons)
    assert not found.wordless_start  # (the shortcut is on with the shipped lexicons)
    outcomes = []
    for words in (found, replace(found, wordless_start=True)):
        info = Analysis(lines, "de", lexicons=lexicons)
        document = Document(source="t.html" if html else "t.txt", format="html" if html else "text", content="", lines=lines)
        ctx = Context.for_lines(document, lines, info)
        with mock.patch.object(FurnitureWords, "of", return_value=words):
            PageFurniture().apply(ctx)
        outcomes.append([(r.rule_id, r.reason) if r else None for r in ctx.removals])
    assert outcomes[0] == outcomes[1]


def test_a_label_of_no_word_is_still_tested_and_other_lines_of_no_word_stay():
    lines = ["Der Rat hat heute lange getagt und am Ende beschlossen, was nun kommt.", "•", "©", "dpa", "* * *", "(", "Ende."]
    info = Analysis(lines, "de")
    ctx = Context.for_lines(Document(source="t.txt", format="text", content="", lines=lines), lines, info)
    PageFurniture().apply(ctx)
    assert [i for i, r in enumerate(ctx.removals) if r] == [2, 3]


COUNTERS = Lexicons.shared().get("furniture").items("counters")


@st.composite
def counter_like(draw) -> str:
    """Counters as pages print them and near misses: numbers, counter words in any case, signs and odd spacing."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(COUNTERS).map(lambda w: draw(st.sampled_from([w, w.upper(), w.title()]))),
                st.sampled_from(["12", "1.234", "3k", "5+", "(7)", ":", "»", "Nutzer", "ıİ", "ſ"]),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return draw(st.sampled_from([" ", "", "\t", "\u00a0", "  "])).join(parts)


@given(counter_like())
def test_a_line_the_counter_pattern_matches_is_never_ruled_out_before_it(line):
    found = FurnitureWords.of(Lexicons.shared())
    if found.patterns["counter"].match(line):
        assert found.may_be_counter(line, key(line))


def test_letters_that_match_an_ascii_letter_ignoring_case_are_made_plain_in_the_counters_keys():
    """A Turkish counter ('İzlenme', 'Okunma sayısı') matches 'izlenme' and 'OKUNMA SAYISI' ignoring case."""
    items = ["İzlenme", "okunma sayısı"]
    pattern = regex.compile("|".join(regex.escape(w).replace("\\ ", r"\s+") for w in items), regex.IGNORECASE)
    words_of_keys = _ascii_keys_pattern(items)
    for line in ("12 izlenme", "3 OKUNMA   SAYISI"):
        assert pattern.search(line)
        assert words_of_keys.search(key(line))


FURNITURE = Lexicons.shared().get("furniture")
READING = FURNITURE.items("reading")


def _any_case(draw, word: str) -> str:
    return draw(st.sampled_from([word, word.upper(), word.title(), word.replace("i", "İ"), word.replace("I", "ı")]))


@st.composite
def reading_like(draw) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(READING).map(lambda w: _any_case(draw, w)),
                st.sampled_from(["5", "3-4", "10 bis 12", "min", "MIN.", "Minuten", "minutos", "minuti", "minutes", "mİn", ":", "»"]),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return draw(st.sampled_from([" ", "", "\u00a0"])).join(parts)


@given(reading_like())
@example("Lesezeit: 5 Min.")
@example(f"{READING[0]}: 5 mİn")  # 'İ' matches 'i' ignoring case, yet folds to 'i' and a combining dot
@example("3 minutes read")
def test_a_line_the_reading_pattern_matches_is_never_ruled_out_before_it(line):
    found = FurnitureWords.of(Lexicons.shared())
    if found.patterns["reading"].match(line):
        assert found.may_be_reading_time(line)


def test_every_character_matching_an_ascii_letter_ignoring_case_folds_to_it_but_the_odd_ones():
    # what may_be_reading_time rests on, for every character there is
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for c in regex.findall(regex.escape(letter), every, flags=regex.IGNORECASE):
            assert c.casefold() == letter or c in FOLDING_ODD, (letter, c)


def test_a_byline_asked_again_gives_the_same_author():
    bylines = Bylines(Lexicons.shared().get("furniture"))
    for _ in range(2):
        assert bylines.author("Von Julia Müller und Max Muster") == "Julia Müller und Max Muster"
        assert bylines.author("By Press Trust of India") == "Press Trust of India"
        assert bylines.author("Von der Leyen sagte am Montag, die Kommission werde handeln") is None


def test_a_cleaner_makes_the_collector_run_less_often_never_more_often():
    import gc

    from winnow.pipeline import YOUNG_GENERATION_THRESHOLD, Cleaner
    from winnow.recipe import default_recipe

    before = gc.get_threshold()
    try:
        for young, expected in ((700, YOUNG_GENERATION_THRESHOLD), (5 * YOUNG_GENERATION_THRESHOLD, 5 * YOUNG_GENERATION_THRESHOLD), (0, 0)):
            gc.set_threshold(young, 9, 11)
            Cleaner(default_recipe())
            assert gc.get_threshold() == (expected, 9, 11)
    finally:
        gc.set_threshold(*before)


@given(PAGES, st.sampled_from(["en", "de", "fr", None]))
def test_each_lines_stems_are_its_content_words_stems_however_often_asked(lines, language):
    info = Analysis(lines, language)
    for i, seq in enumerate(info.seqs):
        expected = {w[:5] for w in seq if len(w) >= 3 and not w.isdigit() and w not in info.stop}
        assert info.stems(i) == expected and info.stems(i) == expected
        assert info.content_stems(iter(seq)) == expected


@given(st.text(alphabet=st.sampled_from("aB J.。।۔…!\"'”’“‘»«)] \u00a0\u202f\n1"), max_size=12))
def test_a_full_stop_at_the_end_is_found_as_the_pattern_finds_it(text):
    from winnow.text.sentences import PERIOD_END, ends_with_period

    assert ends_with_period(text.rstrip()) == (PERIOD_END.search(text.rstrip()) is not None)
