"""The line rules' compiled kernel (`winnow.kernel._rules`, Cython) and its pure-Python twin (`rules_py`) give the same
results, and the twin asks what the rules asked before it: how a line ends, a date's digits, a credit's marks, a phrase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winnow.kernel import rules_py
from winnow.text.dates import DATE_HINT
from winnow.text.lexicon import PhraseIndex
from winnow.text.sentences import PERIOD_END, ends_with_period

compiled = pytest.importorskip("winnow.kernel._rules", reason="the compiled kernel is not built here (no C compiler)")

# every kind of space, digits of other scripts, the marks the rules look for, non-BMP, combining marks, RTL, CJK
SPACES = " \t\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000\x0b\x0c\x1c\x1d\x1e\x1f\x85"
MARKS = "©:()[]cC. …/-1234567890"
OTHER = "aZßİıé\u0301\u0308ع١٢٣۴߀०٣𝟘𝟙²³½ⅷ日本語😀𐍈"
ALPHABET = SPACES + MARKS + OTHER
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=160) | st.text(max_size=60)

LINES = [
    "",
    "   ",
    "Foto: dpa",
    "© AFP / John Doe",
    "Ein Bild (c) Agentur",
    "Bild (C)",
    "Der Minister (Reuters) .  ",
    "Kurs [Archiv]\u00a0",
    "x" * 200 + ": " + "y" * 130,
    "x" * 130 + " ©",
    "Veröffentlicht am 26.10.2021",
    "3/ 4",
    "3/\u30004",
    "١٢/٣",
    "2023",
    "²³⁴⁵ ½",
    "Read more …",
    "und dann ...   ",
    "..",
    "عاجل: قال الوزير (رويترز)",
    "这是一个测试句子。",
]


def same_shapes(lines: list[str]) -> None:
    indices = list(range(len(lines)))
    assert compiled.line_shapes(lines, indices) == rules_py.line_shapes(lines, indices)
    for line in lines:
        assert compiled.credit_marked(line) == rules_py.credit_marked(line)
        assert compiled.has_digit(line) == rules_py.has_digit(line) == any(map(str.isdigit, line))


def test_the_shapes_are_what_the_rules_asked():
    shapes = rules_py.line_shapes(LINES, list(range(len(LINES))))
    for line, shape in zip(LINES, shapes):
        assert bool(shape & rules_py.SHAPE_DIGIT) == any(map(str.isdigit, line))
        assert bool(shape & rules_py.SHAPE_DATE) == (DATE_HINT.search(line) is not None)
    assert [bool(s & rules_py.SHAPE_CREDIT_MARK) for s in shapes] == [
        False, False, True, True, True, True, True, True, False, True, False, False, False, False, False, False, False, False, False, True, False,
    ]  # fmt: skip
    same_shapes(LINES)


@settings(max_examples=400, deadline=None)
@given(st.lists(texts, max_size=8))
def test_shapes_twins(lines):
    same_shapes(lines)
    shapes = compiled.line_shapes(lines, list(range(len(lines))))
    for line, shape in zip(lines, shapes):
        assert bool(shape & rules_py.SHAPE_DATE) == (DATE_HINT.search(line) is not None)
        assert bool(shape & rules_py.SHAPE_DIGIT) == any(map(str.isdigit, line))


ENDS = [((")", "]"), " ."), (("…", "..."), None), (("a", ""), "x"), ((".",), ""), (("ab",), "b")]


@pytest.mark.parametrize(("ends", "strip"), ENDS)
def test_ends_with_is_rstrip_then_endswith(ends, strip):
    expected = [i for i, line in enumerate(LINES) if line.rstrip(strip).endswith(ends)]
    assert rules_py.ends_with(LINES, None, strip, ends) == compiled.ends_with(LINES, None, strip, ends) == expected
    some = [1, 3, 4, 6, 7, 16, 17]
    assert rules_py.ends_with(LINES, some, strip, ends) == compiled.ends_with(LINES, some, strip, ends) == [i for i in some if i in expected]


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, max_size=8), st.sampled_from(ENDS))
def test_ends_with_twins(lines, case):
    ends, strip = case
    expected = [i for i, line in enumerate(lines) if line.rstrip(strip).endswith(ends)]
    assert compiled.ends_with(lines, None, strip, ends) == rules_py.ends_with(lines, None, strip, ends) == expected


INDEX = PhraseIndex(["share this", "share this article", "follow us", "us", "newsletter", "allow notifications", "a b a", "日本 語", "😀 x"])
WORDS = ["share", "this", "article", "follow", "us", "newsletter", "allow", "notifications", "a", "b", "日本", "語", "😀", "x", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_phrase_in_finds_what_the_index_finds(words):
    seq = tuple(words)
    expected = INDEX.finds(seq)
    if INDEX.anchors.isdisjoint(seq):  # (callers ask only of lines holding an anchor; both say None anyway)
        assert expected is None
    assert rules_py.phrase_in(INDEX.by_anchor, seq) == compiled.phrase_in(INDEX.by_anchor, seq) == expected
    # equal words that are other string objects (not interned) compare the same
    copied = tuple("".join(list(w)) for w in seq)
    assert compiled.phrase_in(INDEX.by_anchor, copied) == expected


PAGE_WORDS = ["cookies", "akzeptieren", "newsletter", "abonnieren", "the", "und", "partager", "подписаться", "日本語", "😀", "é", "", "x" * 300]


def naive_index(seqs: list[tuple[str, ...]], wanted: frozenset[str]) -> dict[str, list[int]]:
    """What index_words adds to an empty dict, by the definition: each wanted word's lines, in order, each once."""
    found: dict[str, list[int]] = {}
    for i, seq in enumerate(seqs):
        for word in sorted(wanted.intersection(seq)):
            found.setdefault(word, []).append(i)
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PAGE_WORDS) | st.text(max_size=6), max_size=12).map(tuple), max_size=10), st.sets(st.sampled_from(PAGE_WORDS)))
def test_index_words_twins(seqs, wanted_words):
    wanted = frozenset(wanted_words)
    expected = naive_index(seqs, wanted)
    for kernel in (compiled, rules_py):
        lines_of: dict[str, list[int]] = {}
        kernel.index_words(seqs, wanted, lines_of)
        assert lines_of == expected
        # words equal to the wanted ones but other string objects are found the same
        copied: dict[str, list[int]] = {}
        kernel.index_words([tuple("".join(list(w)) for w in seq) for seq in seqs], frozenset("".join(list(w)) for w in wanted), copied)
        assert copied == expected


def test_index_words_adds_to_what_is_there_and_follows_a_new_wanted_set():
    seqs = [("share", "this"), (), ("follow", "us", "us"), ("日本語", "share"), ("cookies",)]
    for kernel in (compiled, rules_py):
        lines_of = {"earlier": [0]}
        kernel.index_words(seqs, frozenset({"share", "us"}), lines_of)
        assert lines_of == {"earlier": [0], "share": [0, 3], "us": [2]}
        # another set asked about next (the compiled filter of wanted words is rebuilt), then the first one again
        kernel.index_words(seqs, frozenset({"cookies", "日本語"}), lines_of)
        assert lines_of == {"earlier": [0], "share": [0, 3], "us": [2], "cookies": [4], "日本語": [3]}
        fresh: dict[str, list[int]] = {}
        kernel.index_words(seqs, frozenset({"share", "us"}), fresh)
        assert fresh == {"share": [0, 3], "us": [2]}
        kernel.index_words([], frozenset({"share"}), fresh)
        kernel.index_words(seqs, frozenset(), fresh)
        assert fresh == {"share": [0, 3], "us": [2]}


REMOVED = object()  # stands for a rule's Removal


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, st.integers(0, 30), st.booleans()), max_size=12), st.integers(0, 31), st.lists(st.text(max_size=3), max_size=3))
def test_line_selections_twins(rows, limit, needles):
    lines = [line for line, _, _ in rows]
    counts = [words for _, words, _ in rows]
    removals = [REMOVED if removed else None for _, _, removed in rows]
    indices = [i for i in range(len(rows)) if i % 3 != 1]  # some of the lines, in order
    expected_kept = [i for i in indices if removals[i] is None]
    assert compiled.kept_lines(indices, removals) == rules_py.kept_lines(indices, removals) == expected_kept
    expected_short = [i for i in expected_kept if counts[i] <= limit]
    assert compiled.short_kept_lines(indices, counts, limit, removals) == rules_py.short_kept_lines(indices, counts, limit, removals) == expected_short
    texts_ = tuple(needles)
    expected_showing = [n for n, i in enumerate(indices) if any(t in lines[i] for t in texts_)]
    assert compiled.positions_showing(lines, indices, texts_) == rules_py.positions_showing(lines, indices, texts_) == expected_showing


def test_line_selections_of_made_up_lines():
    lines = ["Wir verwenden Cookies.", "", "ACCEPT COOKIES", "cookie", "Biscuits", "日本語のクッキー", "Ookie"]
    removals = [None, None, REMOVED, None, None, None, None]
    for kernel in (compiled, rules_py):
        assert kernel.positions_showing(lines, [0, 2, 3, 4, 5, 6], ("ookie", "OOKIE")) == [0, 1, 2]  # (not "Ookie")
        assert kernel.positions_showing(lines, [5], ("クッキー",)) == [0]
        assert kernel.positions_showing(lines, [], ("ookie",)) == []
        assert kernel.kept_lines([0, 2, 3, 6], removals) == [0, 3, 6]
        assert kernel.short_kept_lines([0, 2, 3, 6], [3, 0, 2, 1, 1, 1, 1], 1, removals) == [3, 6]
        with pytest.raises(IndexError):
            kernel.kept_lines([7], removals)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), max_size=12), st.lists(st.integers(-12, 11), max_size=15), st.booleans())
def test_drop_lines_twins(removed, lines, lazily):
    """Context.drop_all's loop: each line not removed yet is removed and listed as dropped, in order, once, an index as a
    list reads it (from the end where negative), from a list or a generator; a line already removed keeps its removal."""
    lines = [i for i in lines if -len(removed) <= i < len(removed)]
    expected_removals = [REMOVED if r else None for r in removed]
    expected_dropped = [0]
    for i in lines:
        if expected_removals[i] is None:
            expected_removals[i] = "new"
            expected_dropped.append(i)
    for kernel in (compiled, rules_py):
        removals, dropped = [REMOVED if r else None for r in removed], [0]
        kernel.drop_lines((i for i in lines) if lazily else lines, removals, "new", dropped)
        assert removals == expected_removals and dropped == expected_dropped


def test_drop_lines_of_made_up_lines():
    for kernel in (compiled, rules_py):
        removals, dropped = [None, REMOVED, None, None], []
        kernel.drop_lines([2, 1, 2, 0], removals, "menu", dropped)
        assert removals == ["menu", REMOVED, "menu", None] and dropped == [2, 0]
        kernel.drop_lines([-1], removals, "footer", dropped)
        assert removals[3] == "footer" and dropped == [2, 0, -1]
        with pytest.raises(IndexError):
            kernel.drop_lines([4], removals, "menu", dropped)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(PAGE_WORDS[:6]), max_size=3).map(tuple), st.integers(0, 14)), max_size=14), st.integers(0, 12))
def test_later_copies_twins(rows, shortest):
    seqs = [seq for seq, _ in rows]
    lines = ["x" * length for _, length in rows]
    indices = [i for i in range(len(rows)) if i % 4 != 2]
    expected = []
    for n, i in enumerate(indices):
        if len(lines[i]) >= shortest and seqs[i]:
            first = next(j for j in indices[: n + 1] if seqs[j] == seqs[i] and len(lines[j]) >= shortest)
            if first != i:
                expected.append((i, first))
    assert compiled.later_copies(lines, seqs, indices, shortest) == rules_py.later_copies(lines, seqs, indices, shortest) == expected


def test_later_copies_of_made_up_lines():
    lines = ["Share this article", "Teilen Sie diesen Artikel", "share — this article!", "", "ok", "OK", "Teilen Sie diesen Artikel"]
    seqs = [
        ("share", "this", "article"),
        ("teilen", "sie", "diesen", "artikel"),
        ("share", "this", "article"),
        (),
        ("ok",),
        ("ok",),
        ("teilen", "sie", "diesen", "artikel"),
    ]
    for kernel in (compiled, rules_py):
        assert kernel.later_copies(lines, seqs, list(range(7)), 3) == [(2, 0), (6, 1)]
        assert kernel.later_copies(lines, seqs, list(range(7)), 1) == [(2, 0), (5, 4), (6, 1)]
        assert kernel.later_copies(lines, seqs, [2, 6, 0, 1], 3) == [(0, 2), (1, 6)]


def test_later_copies_tells_apart_lines_alike_at_their_ends():
    """Lines of as many words with the same first and last word (their cheap signature alike) are copies only when every
    word is the same; a page of hundreds of lines, most repeating nothing."""
    seqs = [("der", "minister", "sagte", "heute"), ("der", "präsident", "sagte", "heute"), ("der", "minister", "sagte", "heute")]
    seqs += [("line", str(n), "of", "the", "page") for n in range(300)] + [("der", "präsident", "sagte", "heute"), ("der", "minister", "heute")]
    seqs += [tuple("".join(list(w)) for w in seqs[0])]  # equal words that are other string objects
    lines = [" ".join(seq) for seq in seqs]
    for kernel in (compiled, rules_py):
        assert kernel.later_copies(lines, seqs, list(range(len(seqs))), 3) == [(2, 0), (303, 1), (305, 0)]
        assert kernel.later_copies(lines, seqs, [], 3) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["sign up", "jetzt abonnieren", "s'inscrire", "登録", "", "read more"]), st.integers(0, 25)), max_size=12),
    st.integers(0, 26),
    st.integers(0, 26),
)
def test_keyed_and_sized_lines_twins(rows, limit, high):
    keys = {i: key for i, (key, _) in enumerate(rows)}
    counts = [words for _, words in rows]
    indices = [i for i in range(len(rows)) if i % 3 != 2]
    wanted = frozenset({"sign up", "登録", "read more"})
    expected = [i for i in indices if counts[i] <= limit and keys[i] in wanted]
    assert compiled.keyed_lines(indices, counts, limit, keys, wanted) == rules_py.keyed_lines(indices, counts, limit, keys, wanted) == expected
    sized = bytes(limit <= counts[i] <= high for i in indices)
    assert compiled.sized_lines(indices, counts, limit, high) == rules_py.sized_lines(indices, counts, limit, high) == sized


def test_keyed_lines_asks_a_mapping_for_keys_it_lacks():
    class Keys(dict):
        def __missing__(self, i):
            return "jetzt abonnieren" if i == 2 else ""

    for kernel in (compiled, rules_py):
        assert kernel.keyed_lines([0, 1, 2, 3], [1, 9, 2, 1], 4, Keys({0: "sign up", 3: "later"}), frozenset({"sign up", "jetzt abonnieren"})) == [0, 2]


class Dropped:
    def __init__(self, rule_id, reason):
        self.rule_id, self.reason = rule_id, reason


def test_first_removed_finds_the_first_line_a_rule_removed_for_a_reason():
    byline = Dropped("furniture.page", "byline (Von Julia Müller)")
    date = Dropped("furniture.page", "standalone date (26.10.2021)")
    other = Dropped("furniture.page", "reading time")
    elsewhere = Dropped("ads.markers", "byline (not this rule)")
    removals = [None, other, elsewhere, None, date, byline, None]
    reasons = ("byline (", "standalone date (")
    for kernel in (compiled, rules_py):
        assert kernel.first_removed(removals, 0, 7, "furniture.page", reasons) == 4
        assert kernel.first_removed(removals, 5, 7, "furniture.page", reasons) == 5
        assert kernel.first_removed(removals, 0, 4, "furniture.page", reasons) is None
        assert kernel.first_removed(removals, 0, 4, "ads.markers", reasons) == 2
        assert kernel.first_removed(removals, 5, 5, "furniture.page", reasons) is None
        assert kernel.first_removed(removals, -3, 99, "furniture.page", ("standalone",)) == 4
        assert kernel.first_removed([], 0, 3, "furniture.page", reasons) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([None, ("furniture.page", "byline (x)"), ("furniture.page", "other"), ("x", "byline (y)")]), max_size=10),
    st.integers(-2, 12),
    st.integers(-2, 12),
)
def test_first_removed_twins(kinds, start, stop):
    removals = [None if k is None else Dropped(*k) for k in kinds]
    expected = next(
        (
            i
            for i in range(len(removals))
            if start <= i < stop and removals[i] is not None and removals[i].rule_id == "furniture.page" and removals[i].reason.startswith(("byline (",))
        ),
        None,
    )
    assert (
        compiled.first_removed(removals, start, stop, "furniture.page", ("byline (",))
        == rules_py.first_removed(removals, start, stop, "furniture.page", ("byline (",))
        == expected
    )


# the starts and ends of lines a sentence split at a link leaves: lower case, the marks that carry a sentence on, function
# words of several languages alone or last, quotes that open or close, spaces of every kind
JOIN_WORDS = ["the", "der", "und", "à", "de", "of", "и", "Die", "News", "Lea", "an", "la", "ist", "日本", "İstanbul"]
JOIN_PIECES = [*JOIN_WORDS, ",", ";", ":", ")", "»", "”", "“", "«", "„", "(", "-", "–", "…", "/", "·", ".", "?", "%", "1", " ", "\u00a0", "\u3000"]
join_texts = st.lists(st.sampled_from(JOIN_PIECES), max_size=6).map(" ".join) | st.lists(st.sampled_from(JOIN_PIECES), max_size=4).map("".join) | texts
STOP = frozenset({"the", "der", "und", "à", "de", "of", "и", "die", "an", "la", "ist"})


@settings(max_examples=400, deadline=None)
@given(join_texts, join_texts)
def test_joins_twins(previous, line):
    """rules.shared.continues' question, in C: both lines' ends and starts, then left_open of the stripped line before."""
    for stop in (STOP, frozenset()):
        expected = rules_py.joins(previous, line, stop)
        assert compiled.joins(previous, line, stop) == expected
        p, n = previous.strip(), line.lstrip()
        if not p or not n:
            assert expected is False
        elif n[0].islower() or n[0] in rules_py.CONTINUES:
            assert expected is True


def test_joins_of_made_up_lines():
    for kernel in (compiled, rules_py):
        assert kernel.joins("We met the minister of", "Finance on Monday.", STOP)  # a function word left open
        assert kernel.joins("Die Regierung hat", "am Montag entschieden.", frozenset())  # lower case carries it on
        assert kernel.joins("  Read the report  ", ", which came out today.", frozenset())
        assert kernel.joins("Il a parlé à la", "Présidente hier.", STOP)
        assert not kernel.joins("The minister resigned.", "Another story begins here.", STOP)
        assert not kernel.joins("Mehr zum Thema", "Neue Regeln für Mieter", STOP)
        assert not kernel.joins("", "and then", STOP) and not kernel.joins("Ein Satz der", "   ", STOP)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(join_texts, st.integers(0, 12), st.booleans()), min_size=1, max_size=6), st.data())
def test_fragment_twins(rows, data):
    lines = [line for line, _, _ in rows]
    counts = [words for _, words, _ in rows]
    removals = [REMOVED if removed else None for _, _, removed in rows]
    i = data.draw(st.integers(0, len(rows) - 1))
    assert compiled.fragment(lines, removals, counts, STOP, frozenset(), i, 8) == rules_py.fragment(lines, removals, counts, STOP, frozenset(), i, 8)


def test_fragment_of_made_up_lines():
    lines = ["Sie sprach mit der", "Ministerin", "über den Haushalt.", "", "Neue Regeln für Mieter", "Ein ganz langer Satz über viel und der"]
    counts = [4, 1, 3, 0, 4, 8]
    for kernel in (compiled, rules_py):
        fragment = [kernel.fragment(lines, [None] * 6, counts, STOP | {"der"}, frozenset(), i, 4) for i in range(6)]
        assert fragment == [True, True, True, False, False, False]
        # the line before gone: "Ministerin" is carried on by the line after only
        assert kernel.fragment(lines, [REMOVED, None, None, None, None, None], counts, STOP, frozenset(), 1, 4)
        assert not kernel.fragment(lines, [REMOVED, None, REMOVED, None, None, None], counts, STOP, frozenset(), 1, 4)
        # a short line ending on a frequent word leads on only with the stopwords a long one gets
        assert not kernel.fragment(["Die Wahl der", "Kandidaten"], [None, None], [3, 1], STOP, frozenset(), 0, 8)
        assert kernel.fragment(["Die Wahl der", "Kandidaten"], [None, None], [3, 1], STOP, frozenset(), 0, 3)


# a sentence's ends: full stops of several scripts, ellipses, initials, quotes and brackets that close it, a French » set
# apart by a (no-break) space, letters, digits, underscores, newlines
END_PIECES = [".", "。", "।", "۔", "..", "...", "!", "?", "…", '"', "'", "”", "’", "“", "‘", "»", "«", ")", "]", " »", "\u00a0»", "\u202f»"]
END_PIECES += [" ", "\u00a0", "\n", "J", "Z", "A", "a", "é", "_", "1", "ß", "İ", "日本", "Dr", "U.S", "Mr"]
end_texts = st.lists(st.sampled_from(END_PIECES), max_size=8).map("".join) | texts


@settings(max_examples=1500, deadline=None)
@given(end_texts)
def test_period_end_is_what_the_pattern_finds(text):
    expected = PERIOD_END.search(text) is not None
    assert compiled.period_end(text) == rules_py.period_end(text) == expected


def test_period_end_of_made_up_lines():
    for kernel in (compiled, rules_py):
        assert kernel.period_end("Die Regierung hat entschieden.")
        assert kernel.period_end('He said: "We will win."')
        assert kernel.period_end("Il a dit « oui. »")  # (a French » after a no-break space)
        assert kernel.period_end("これは文です。") and kernel.period_end("यह वाक्य है।")
        assert not kernel.period_end("Written by J.")  # an initial
        assert kernel.period_end("Written by Jo.")
        assert not kernel.period_end("And so on...")  # an ellipsis
        assert not kernel.period_end("Neue Regeln für Mieter") and not kernel.period_end("Why?") and not kernel.period_end("")


@settings(max_examples=500, deadline=None)
@given(end_texts, st.integers(0, 12), st.integers(0, 12))
def test_unfinished_headline_twins(line, words, max_words):
    expected = 0 < words <= max_words and not ends_with_period(line.rstrip())
    assert compiled.unfinished_headline(line, words, max_words) == rules_py.unfinished_headline(line, words, max_words) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), max_size=6), st.integers(0, 8), st.booleans(), st.booleans()), max_size=10), st.integers(0, 8))
def test_phrase_lines_in_twins(rows, limit):
    """The lines of `candidates` that are live, short enough and hold a phrase, each with the phrase phrase_in finds."""
    index = INDEX
    seqs = [tuple(words) for words, _, _, _ in rows]
    lines = [" ".join(words) if not blank else "  " for words, _, blank, _ in rows]
    counts = [words for _, words, _, _ in rows]
    removals = [REMOVED if removed else None for _, _, _, removed in rows]
    candidates = [i for i in range(len(rows)) if i % 4 != 2]
    expected = [
        (i, index.finds(seqs[i])) for i in candidates if counts[i] <= limit and removals[i] is None and lines[i].strip() and index.finds(seqs[i]) is not None
    ]
    assert compiled.phrase_lines_in(candidates, counts, limit, removals, lines, seqs, index.by_anchor) == expected
    assert rules_py.phrase_lines_in(candidates, counts, limit, removals, lines, seqs, index.by_anchor) == expected


def test_phrase_lines_in_of_made_up_lines():
    index = PhraseIndex(["folgen sie uns", "share this article", "abonnez-vous"])
    lines = ["Folgen Sie uns auf Mastodon", "Share this article", "Wir folgen ihnen", "Abonnez-vous à la", "share this article now"]
    seqs = [tuple(line.casefold().replace("-", " ").split()) for line in lines]
    counts = [len(seq) for seq in seqs]
    for kernel in (compiled, rules_py):
        hits = kernel.phrase_lines_in([0, 1, 2, 3, 4], counts, 4, [None, None, None, None, REMOVED], lines, seqs, index.by_anchor)
        assert hits == [(1, ("share", "this", "article")), (3, ("abonnez", "vous"))]  # (the first is too long, the last gone)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_phrase_start_finds_what_the_index_starts_with(words):
    seq = tuple(words)
    expected = INDEX.starts(seq)
    assert compiled.phrase_start(INDEX.by_first, seq) == rules_py.phrase_start(INDEX.by_first, seq) == expected
    copied = tuple("".join(list(w)) for w in seq)  # equal words that are other string objects
    assert compiled.phrase_start(INDEX.by_first, copied) == expected


def test_phrase_start_of_made_up_lines():
    index = PhraseIndex(["lesen sie auch", "lesen sie", "also read", "lire aussi", "te puede interesar"])
    for kernel in (compiled, rules_py):
        assert kernel.phrase_start(index.by_first, ("lesen", "sie", "auch", "wie", "es", "weitergeht")) == ("lesen", "sie", "auch")  # the longest
        assert kernel.phrase_start(index.by_first, ("lesen", "sie", "mehr")) == ("lesen", "sie")
        assert kernel.phrase_start(index.by_first, ("te", "puede")) is None  # too short for its phrase
        assert kernel.phrase_start(index.by_first, ("we", "also", "read")) is None  # not at the start
        assert kernel.phrase_start(index.by_first, ()) is None
