"""The analyse stage's kernel (`winnow.kernel._facts`, Cython) and its pure-Python twin give the same per-line facts,
and both are what the definitions say: a line's words are `WORD.findall` of it, its key `lexicon.key`, its word count
`len(line.split())`, a date is hinted where `DATE_HINT` matches, the content stems are the long non-number words'
first letters; and the walk of py3langid's automaton over a text meets the features the library's own walk meets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import visit_counts

from winnow.kernel import facts_py
from winnow.stages.analyse import PERIOD_LAST, STEM, STEM_SHORTEST
from winnow.text.dates import DATE_HINT
from winnow.text.language import DEEPEST_STATE
from winnow.text.lexicon import key
from winnow.text.sentences import PERIOD_END, ends_with_period
from winnow.text.words import WORD, stoplist

compiled = pytest.importorskip("winnow.kernel._facts", reason="the compiled kernel is not built here (no C compiler)")
HINT_WORDS = 12
BODY_WORDS = 4
STOP = stoplist("de") | stoplist("en") | stoplist("ru")


def defined(lines: list[str], hint_words: int = HINT_WORDS, body_words: int = BODY_WORDS):
    """line_facts of `lines` as the definitions give it, line by line, with the keys."""
    seqs = [tuple(WORD.findall(line.casefold())) for line in lines]
    counts = [len(line.split()) for line in lines]
    nonblank = [i for i, n in enumerate(counts) if n]
    by_first: dict[str, list[int]] = {}
    for i in nonblank:
        by_first.setdefault(seqs[i][0] if seqs[i] else "", []).append(i)
    body = [i for i in nonblank if counts[i] >= body_words]
    hinted = [i for i in nonblank if counts[i] <= hint_words and DATE_HINT.search(lines[i])]
    numbered = [i for i in nonblank if seqs[i] and seqs[i][0][0].isdigit()]
    return (seqs, counts, nonblank, body, hinted, by_first, numbered), dict(enumerate(map(key, lines)))


def run(line_facts, lines, hint_words=HINT_WORDS, body_words=BODY_WORDS, intern_words=False):
    """(the facts, the keys) that `line_facts` gives of `lines`."""
    keys: dict[int, str] = {}
    found = line_facts("\n".join(lines).casefold(), len(lines), keys, intern_words, hint_words, body_words)
    return found, keys


def both(lines: list[str], hint_words: int = HINT_WORDS, body_words: int = BODY_WORDS, intern_words: bool = False):
    """line_facts of the compiled kernel, checked against the twin's and the definitions'."""
    found, keys = run(compiled.line_facts, lines, hint_words, body_words, intern_words)
    assert (found, keys) == run(facts_py.line_facts, lines, hint_words, body_words, intern_words)
    assert (found, keys) == defined(lines, hint_words, body_words)
    folded = "\n".join(lines).casefold()
    assert compiled.words_of_lines(folded) == facts_py.words_of_lines(folded) == found[0]
    for seq in found[0]:
        stems = compiled.content_stems(seq, STOP, STEM_SHORTEST, STEM)
        assert stems == facts_py.content_stems(seq, STOP, STEM_SHORTEST, STEM)
        assert stems == {w[:STEM] for w in seq if len(w) >= STEM_SHORTEST and w not in STOP and not w.isdigit()}
    return found, keys


PAGES = [
    # German: a date, a byline split over two lines, a sharp s, quotes to make plain, a soft hyphen
    ["Startseite", "Stand: 26.10.2021, 14:05 Uhr", "Von", "Julia Müller", "", "Die STRAẞE „Am Ring“ wird ge\u00adsperrt.", "© 2021"],
    # English: curly quotes and apostrophes, edge punctuation, a year, a list bullet, a no-break space
    ["• Home ›", "‘Read more’ »", "The regime’s forces advanced in 2016.", "Posted 3/4 by", "John\u00a0Smith", "  ", "12 comments"],
    # French and Russian, invisible characters alone between spaces (a key loses a word, the count does not)
    ["Accueil", "Le gouvernement a annoncé que la réforme", "Новости — 12. 5", "a \u00ad b", "x\u200by", " \ufeff ", "«Да»"],
    # Arabic (right to left), Chinese and Japanese (no spaces), outside the BMP, combining marks, every kind of space
    [
        "الرئيسية ١٢/٣",
        "这是一个测试句子，没有空格",
        "日本語の文章です。２０２１年",
        "😀 party at 𝔘nion",
        "e\u0301te\u0301 a\u0300",
        "a\u2003b\u3000c\x1cd\x85e\u2028f",
    ],
    # blank lines only, a lone edge character, digits without a date, a date split by a space, a date over a line's end
    ["", "", "-", "—and more—", "3 min", "1. 5", "12.", "5", "1/", "2"],
]


@pytest.mark.parametrize("page", PAGES)
def test_made_up_pages_give_the_defined_facts(page):
    both(page)
    both(page, hint_words=0, body_words=0)
    both(page, intern_words=True)


def test_what_the_facts_are():
    """Words are case-folded runs of letters and digits; a key loses quotes, edge punctuation and spacing; the count is
    of words between spaces; only a year or a day and month hint at a date, and only on a short line."""
    found, keys = both(["„Die STRASSE“ –", "", "Stand: 26.10.2021", "12 Kommentare", "Im Jahr 2021 " + "wort " * 12])
    seqs, counts, nonblank, body, hinted, by_first, numbered = found
    assert seqs == [("die", "strasse"), (), ("stand", "26", "10", "2021"), ("12", "kommentare"), ("im", "jahr", "2021", *["wort"] * 12)]
    assert [keys[i] for i in range(4)] == ["die strasse", "", "stand: 26.10.2021", "12 kommentare"]
    assert counts == [3, 0, 2, 2, 15]
    assert (nonblank, body, hinted) == ([0, 2, 3, 4], [4], [2])
    assert by_first == {"die": [0], "stand": [2], "12": [3], "im": [4]}
    assert numbered == [3]


def test_numbered_lines_start_with_a_digit_of_any_script():
    """A line is numbered when its first word starts with a digit: Arabic-Indic, full-width and superscript digits too,
    after leading punctuation; a digit later in the line or in a later word does not count."""
    lines = ["– 3/12 Bildergalerie", "١٢ تعليقا", "２０２１年", "²³ hoch", "Seite 3", "x2016", "", "(5) Kommentare", "..."]
    found, _ = both(lines)
    assert found[6] == [0, 1, 2, 3, 7]


def test_a_page_of_another_number_of_lines_has_no_facts():
    """A line holding a newline (the page splits into more lines than it has) is left to the caller, line by line."""
    for line_facts in (compiled.line_facts, facts_py.line_facts):
        assert line_facts("a\nb", 1, {}) is None
        assert line_facts("", 0, {}) is None
        assert run(line_facts, [""]) == (([()], [0], [], [], [], {}, []), {0: ""})


def test_a_page_with_thousands_of_words_gives_the_defined_facts_and_makes_a_repeated_word_once():
    """Thousands of different words (German, Russian, Greek, CJK and numbers, some differing only in their last
    letter or in length) each used again on later lines: the same facts as the twin's, and in the compiled kernel a word
    the page repeats is one string (its hash worked out once for the rules' look-ups)."""
    stems = ["straße", "дом", "λόγος", "中文", "x"]
    lines = [" ".join(f"{stem}{n}{'ä' * (n % 3)}" for stem in stems) + f" {n}" for n in range(1500)]
    lines += lines[::7] + ["", "Straße STRASSE straße"]
    found, _ = both(lines)
    seqs = found[0]
    assert seqs[0][0] is seqs[1500][0] and seqs[0][0] == "strasse0" and seqs[7][5] is seqs[1501][5] == "7"
    assert seqs[-1][0] is seqs[-1][2] and seqs[-1][1] == "strasse"
    assert len({id(word) for seq in seqs for word in seq}) == len({word for seq in seqs for word in seq})


def test_big_pages_intern_their_words():
    """Interned, a word used on many lines is one string."""
    folded = "\n".join(["Der Hund läuft"] * 3).casefold()
    for line_facts in (compiled.line_facts, facts_py.line_facts):
        seqs = line_facts(folded, 3, {}, True)[0]
        assert seqs[0][1] is seqs[2][1]


def test_content_stems_leave_out_short_frequent_and_number_words():
    for content_stems in (compiled.content_stems, facts_py.content_stems):
        assert content_stems(("regime", "forces", "advancing", "the", "of", "2016", "x2016", "²³⁴"), stoplist("en"), 3, 5) == {
            "regim",
            "force",
            "advan",
            "x2016",
        }
        assert content_stems((), frozenset(), 3, 5) == set()


# text of any script, with the kinds of characters that trip character loops: outside the BMP, combining marks,
# right-to-left letters, CJK, every kind of space, QUOTES and EDGE characters, digits of other scripts, dates' marks
SPECIAL = list(facts_py.QUOTES) + list(facts_py.EDGE) + list(facts_py.OTHER_SPACES)
ALPHABET = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(
        SPECIAL + list("aZ äöüßẞ éè ñ ё Жж 中文の。！？ ١٢ ٣ عربي \u0301\u0308 0123456789 ./ ²³ ¼ _") + ["😀", "𝔘", "\U0001d7d9", "\udcff"]
    ),  # (and a lone surrogate: a byte a reader kept undecoded)
)
LINES = st.lists(st.text(ALPHABET, max_size=30), max_size=25)


@settings(max_examples=500, deadline=None)
@given(LINES, st.integers(0, 15), st.integers(0, 6))
def test_any_text_gives_the_same_facts(lines, hint_words, body_words):
    lines = [line.replace("\n", " ") for line in lines] or [""]
    both(lines, hint_words, body_words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("0123456789٣./ \t\u00a0a")), max_size=12), min_size=1, max_size=10))
def test_date_hints_are_where_the_pattern_matches(lines):
    """Digits, dots, slashes and spaces in every order: the hint is DATE_HINT's search, never across a line's end."""
    lines = [line.replace("\n", " ") for line in lines]
    both(lines, hint_words=100)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=12), max_size=12))
def test_any_words_give_the_same_stems(words):
    stop = frozenset(w.casefold() for w in words[:3])
    seq = tuple(words)
    assert compiled.content_stems(seq, stop, 3, 5) == facts_py.content_stems(seq, stop, 3, 5)


def test_stems_leave_out_the_stoplists_words_in_any_script():
    """Stopwords of one, two and four bytes a character are left out, the other words kept, whatever else the stoplist
    holds; an empty stoplist leaves every long word in."""
    seqs = [
        ("während", "dessen", "regnete", "es"),
        ("поэтому", "москва", "растёт"),
        ("𝔘𝔘𝔘𝔘𝔘𝔘", "😀😀😀", "因此北京"),
    ]
    stop = frozenset({"während", "dessen", "поэтому", "😀😀😀", "因此北京"})
    wanted = [{"regne"}, {"москв", "растё"}, {"𝔘𝔘𝔘𝔘𝔘"}]
    for stoplist_ in (stop, stop | {7, b"dessen"}, frozenset()):
        for kernel in (compiled, facts_py):
            known: dict[int, set[str]] = {}
            kernel.fill_stems(seqs, [0, 1, 2], known, stoplist_, 3, 5)
            found = [kernel.content_stems(seq, stoplist_, 3, 5) for seq in seqs]
            if stoplist_:
                assert [known[0], known[1], known[2]] == found == wanted
            else:  # (every long word a content word)
                assert known[0] == found[0] == {"währe", "desse", "regne"}


@pytest.mark.parametrize("fill_stems", [compiled.fill_stems, facts_py.fill_stems])
def test_filled_stems_are_each_missing_lines_content_stems(fill_stems):
    seqs = [("regime", "forces", "the", "regime"), ("der", "hund", "läuft", "2016"), ("lo", "x2016", "forces"), ()]
    known: dict[int, set[str]] = {1: {"kept"}}  # (a line already known stays as it is)
    fill_stems(seqs, [0, 1, 2, 3], known, stoplist("en") | stoplist("de"), 3, 5)
    assert known == {0: {"regim", "force"}, 1: {"kept"}, 2: {"x2016", "force"}, 3: set()}
    fill_stems(seqs, (1,), known, frozenset(), 3, 5)  # (known: not made again)
    assert known[1] == {"kept"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(ALPHABET, max_size=12), max_size=8), max_size=6), st.lists(st.integers(0, 5), max_size=8))
def test_any_lines_fill_the_same_stems(lines, wanted):
    """fill_stems, called again with lines known and not, gives each line its content_stems."""
    seqs = [tuple(words) for words in lines]
    stop = frozenset(w.casefold() for words in lines[:1] for w in words[:3])
    wanted = [i for i in wanted if i < len(seqs)]
    found = []
    for fill_stems in (compiled.fill_stems, facts_py.fill_stems):
        known: dict[int, set[str]] = {}
        fill_stems(seqs, wanted[:2], known, stop, 3, 5)
        fill_stems(seqs, wanted, known, stop, 3, 5)
        assert known == {i: facts_py.content_stems(seqs[i], stop, 3, 5) for i in wanted}
        found.append(known)
    assert found[0] == found[1]


def both_lines_of(lines: list[str], asked: frozenset[str], intern_words: bool = False) -> dict[str, list[int]]:
    """The lines of the words `asked` that line_facts puts in `lines_of`, the compiled kernel's checked against the twin's
    and the definition's (each word's lines holding it, in order), the other facts unchanged by the asking."""
    folded = "\n".join(lines).casefold()
    seqs = [tuple(WORD.findall(line.casefold())) for line in lines]
    defined = {w: [i for i, seq in enumerate(seqs) if w in seq] for w in asked}
    found = []
    for line_facts in (compiled.line_facts, facts_py.line_facts):
        keys: dict[int, str] = {}
        lines_of: dict[str, list[int]] = {}
        facts = line_facts(folded, len(lines), keys, intern_words, HINT_WORDS, BODY_WORDS, asked, lines_of)
        assert (facts, keys) == run(line_facts, lines, intern_words=intern_words)
        assert lines_of == {w: held for w, held in defined.items() if held}
        found.append(lines_of)
    return found[0]


@pytest.mark.parametrize("page", PAGES)
def test_the_lines_of_the_words_asked_are_found_with_the_facts(page):
    words = sorted({w for line in page for w in WORD.findall(line.casefold())})
    for asked in (frozenset(words), frozenset(words[::2]) | {"absent", "nicht", "нет"}, frozenset(), frozenset(["", "x y"])):
        both_lines_of(page, asked)
        both_lines_of(page, asked, intern_words=True)


def test_the_lines_of_a_word_asked_are_each_line_once_in_order():
    lines = ["Die Post, die Post", "", "Post und Briefe", "POST · post", "Postamt", "Почта и post"]
    assert both_lines_of(lines, frozenset(["post", "briefe", "почта", "amt", "die"])) == {
        "post": [0, 2, 3, 5],
        "die": [0],
        "briefe": [2],
        "почта": [5],
    }
    for line_facts in (compiled.line_facts, facts_py.line_facts):
        with pytest.raises(TypeError):
            line_facts("a", 1, {}, False, 0, 0, frozenset(["a"]), None)


@settings(max_examples=300, deadline=None)
@given(LINES, st.randoms(use_true_random=False))
def test_any_text_gives_the_same_lines_of_the_words_asked(lines, random):
    lines = [line.replace("\n", " ") for line in lines] or [""]
    words = sorted({w for line in lines for w in WORD.findall(line.casefold())})
    both_lines_of(lines, frozenset(random.sample(words, len(words) // 2)) | {"zz", "ä"})


def shares_defined(lines, counts, seqs, candidates, max_words, stop, others, first_stems, first_body):
    """title_shares as its definition says: the candidates short enough, not ending with a full stop, with how many of
    their content stems the paragraphs have (but for the first paragraph's own line, its stems count too)."""
    found = []
    for i in candidates:
        own = {w[:STEM] for w in seqs[i] if len(w) >= STEM_SHORTEST and w not in stop and not w.isdigit()}
        shared = own & (others if i == first_body else others | first_stems)
        if counts[i] <= max_words and not PERIOD_END.search(lines[i].rstrip()) and shared:
            found.append((i, len(shared)))
    return found


def both_shares(lines, max_words, stop, others, first_stems, first_body, candidates=None):
    seqs = [tuple(WORD.findall(line.casefold())) for line in lines]
    counts = [len(line.split()) for line in lines]
    candidates = list(range(len(lines))) if candidates is None else candidates
    # the paragraphs' stems as the analysis gives them, a set a paragraph (here two, a stem perhaps in both, and an empty one)
    ordered = sorted(others)
    paragraphs = [set(ordered[::2]), set(), set(ordered[1::2]) | set(ordered[:1])]
    asked = (lines, counts, seqs, candidates, max_words, PERIOD_LAST, ends_with_period, stop, STEM_SHORTEST, STEM, paragraphs, first_stems, first_body)
    found = compiled.title_shares(*asked)
    assert found == facts_py.title_shares(*asked)
    assert found == shares_defined(lines, counts, seqs, candidates, max_words, stop, others, first_stems, first_body)
    return found


def test_title_shares_count_the_headlines_stems_the_paragraphs_have():
    """Each stem once however many words give it; stopwords, numbers and short words count for nothing; a line ending
    with a full stop, a long line and a line sharing nothing are left out; the first paragraph's stems count for the
    lines above it, not for itself."""
    lines = [
        "Flooding closes the rivers road",  # 'flood', 'close', 'river', 'road' ('the' a stopword)
        "Rivers and rivers flooding again 2024",  # 'river' twice, 'flood' ('again' a stopword, 2024 a number)
        "Die Brücke über den Fluss ist gesperrt.",  # a full stop: left out whatever it shares
        "Inondations : la route du fleuve est fermée",  # nothing shared
        "Пожар в центре города",  # the first paragraph's 'город' only: one shared
        "flooding " * 21,  # too long
        "Hochwasser und Flooding am Fluss",  # 'fluss', and 'flood' but where it is the first paragraph's own line
    ]
    others, first = {"river", "close", "fluss", "2024"}, {"flood", "город"}
    stop = stoplist("en") | stoplist("de")
    assert both_shares(lines, 20, stop, others, first, 6) == [(0, 3), (1, 2), (4, 1), (6, 1)]
    assert both_shares(lines, 20, stop, others, first, 0) == [(0, 2), (1, 2), (4, 1), (6, 2)]
    assert both_shares(lines, 20, stop, others, first, 0, candidates=[4, 1]) == [(4, 1), (1, 2)]
    assert both_shares(lines, 20, stop, set(), set(), 0) == []
    assert both_shares(["Mr. Smith and J.", "Smith wins 'again.'", "Smith wins again!", "Smith wins ...", "Smith wins . "], 20, stop, {"smith"}, set(), 9) == [
        (0, 1),
        (2, 1),
        (3, 1),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=30), max_size=12), st.integers(0, 8), st.integers(-1, 12), st.randoms(use_true_random=False))
def test_any_lines_give_the_same_title_shares(lines, max_words, first_body, random):
    lines = [line.replace("\n", " ") for line in lines]
    stems = sorted({w[:STEM] for line in lines for w in WORD.findall(line.casefold())})
    stop = frozenset(random.sample(stems, len(stems) // 4))
    others, first = set(random.sample(stems, len(stems) // 2)), set(random.sample(stems, len(stems) // 3))
    both_shares(lines, max_words, stop, others, first, first_body)


def test_long_lines_are_those_of_enough_characters_in_order():
    lines = ["Ein kurzer Satz.", "", "Короткая строка", "这是一个很长的中文句子", "😀" * 9, "short", "Une phrase un peu plus longue."]
    for long_lines in (compiled.long_lines, facts_py.long_lines):
        assert long_lines(lines, 11) == [lines[0], lines[2], lines[3], lines[6]]
        assert long_lines(lines, 9) == [lines[0], lines[2], lines[3], lines[4], lines[6]]
        assert long_lines(lines, 0) == lines
        assert long_lines(lines, 100) == long_lines([], 1) == []


FOLDED = [
    # (a text, what case folding makes of it): German's sharp s folds to two letters, the capital one too
    ("Die STRASSE heißt ẞtraße", "die strasse heisst sstrasse"),
    # Greek: a final sigma and a capital one fold alike; the micro sign is Greek mu
    ("ΟΔΟΣ οδός 5 \u00b5m", "οδοσ οδόσ 5 μm"),
    # Turkish dotted capital I folds to i and a combining dot; the Kelvin sign to k; a ligature to its letters
    ("İstanbul 300 \u212a ﬁnal ŉ", "i\u0307stanbul 300 k final ʼn"),
    # Cyrillic and Armenian capitals (an Armenian ligature folds to its two letters); Cherokee small letters fold to the
    # capitals
    ("МОСКВА Երևան ꭰꭱ", "москва երեւան ᎠᎡ"),
    # outside the BMP: a Deseret capital folds, an emoji stays; NUL and a newline stay
    ("\U00010400 party 😀\x00\nÄ", "\U00010428 party 😀\x00\nä"),
    # negatives: ASCII, Latin-1 without capitals, nothing
    ("plain ascii 123", "plain ascii 123"),
    ("déjà vu ÿ", "déjà vu ÿ"),
    ("", ""),
]


@pytest.mark.parametrize("casefold", [compiled.casefold, facts_py.casefold])
@pytest.mark.parametrize(("text", "folded"), FOLDED)
def test_case_folding_folds_as_unicode_says(casefold, text, folded):
    assert casefold(text) == folded


def test_case_folding_is_pythons_for_every_character():
    """Each character, alone and beside characters of each width (its text's other kinds), and all of them at once."""
    for c in range(0x110000):
        for text in (chr(c), chr(c) + "É", "ā" + chr(c) + "\n", chr(c) * 2 + "😀"):
            assert compiled.casefold(text) == text.casefold(), hex(c)
    everything = "".join(map(chr, range(0x110000)))
    assert compiled.casefold(everything) == everything.casefold()


@settings(max_examples=500, deadline=None)
@given(st.text(ALPHABET, max_size=60) | st.text(max_size=60))
def test_any_text_folds_the_same(text):
    assert compiled.casefold(text) == facts_py.casefold(text) == text.casefold()


@pytest.mark.parametrize("casefold_lines", [compiled.casefold_lines, facts_py.casefold_lines])
def test_lines_fold_as_their_page(casefold_lines):
    texts = [text for text, _ in FOLDED]
    assert casefold_lines(texts) == "\n".join(folded for _, folded in FOLDED)
    # lines of each width (the eta with a circumflex folds to two characters)
    assert casefold_lines(["Ἀθῆναι", "plain", "ÀB"]) == "\u1f00\u03b8\u03b7\u0342\u03bd\u03b1\u03b9\nplain\nàb"
    assert casefold_lines(["ONLY ASCII", "Here"]) == "only ascii\nhere"
    assert casefold_lines([]) == casefold_lines([""]) == ""
    assert casefold_lines(["", ""]) == "\n"


def test_lines_that_are_no_text_fail_as_join_fails():
    with pytest.raises(TypeError):
        compiled.casefold_lines(["Ä", 1])
    with pytest.raises(TypeError):
        facts_py.casefold_lines(["Ä", 1])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=20) | st.text(max_size=20), max_size=8))
def test_any_lines_fold_the_same(lines):
    assert compiled.casefold_lines(lines) == facts_py.casefold_lines(lines) == "\n".join(lines).casefold()


@pytest.fixture(scope="module")
def walk():
    from winnow.text.language import LanguageIdentifier

    found = LanguageIdentifier.shared()._model._walk
    assert found is not None
    return found


def walked(walk, language_visits, text: bytes):
    return language_visits(text, walk.first, walk.after_two, walk.nextmove, walk.rowbase, walk.output, DEEPEST_STATE)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(ALPHABET, max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_language_walk_meets_what_the_librarys_walk_meets(walk, text):
    """Every position's walk at once, in C and in numpy, meets the features py3langid's byte-by-byte walk meets, counted
    alike and in the order first met (the scores sum in it); short texts walk fewer bytes than the deepest state."""
    model = walk.model
    expected = visit_counts(model.tk_nextmove, model._rowbase, model.tk_output, text) or {}
    found = walked(walk, compiled.language_visits, text)
    assert found == walked(walk, facts_py.language_visits, text) == (list(expected), list(expected.values()))


def test_the_language_walk_of_nothing_meets_nothing(walk):
    for language_visits in (compiled.language_visits, facts_py.language_visits):
        assert walked(walk, language_visits, b"") == ([], [])
        assert walked(walk, language_visits, b"Der Hund") != ([], [])


def gathered(language_rows, found: list[int], table) -> bytes:
    import numpy as np

    out = np.empty((len(found), table.shape[1]), dtype=np.uint32)
    language_rows(found, table, out, REBIAS)
    return out.tobytes()


REBIAS = (112 << 23) + 0x80000000 - 0x10000000  # (winnow.text.language's)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 70), st.lists(st.integers(0, 40), max_size=120), st.integers(0, 2**32 - 1))
def test_the_language_rows_are_gathered_and_widened_alike(width, found, seed):
    """Rows of a table of float16 bits, any width (a row of a few bytes, or over several cache lines), in any order,
    repeated or not, shifted into float32 bits by the kernel and by numpy alike; and each value is what the shift says."""
    import numpy as np

    table = np.random.default_rng(seed).integers(0, 1 << 16, size=(41, width), dtype=np.uint16)
    got = gathered(compiled.language_rows, found, table)
    assert got == gathered(facts_py.language_rows, found, table)
    expected = [(int(table[f, c]) << 13) + REBIAS & 0xFFFFFFFF for f in found for c in range(width)]
    assert np.frombuffer(got, dtype=np.uint32).tolist() == expected


def test_the_models_rows_widen_to_its_float32_weights(walk):
    """On py3langid's own table: the rows of a German and a Russian sentence's features, and none, widened to the very
    float32 values numpy's cast gives."""
    import numpy as np

    for text in ("Der Hund läuft über die Straße.".encode(), "Собака бежит через улицу.".encode(), b""):
        found, _ = walked(walk, compiled.language_visits, text)
        expected = walk.model.nb_ptc[np.array(found, dtype=np.intp)].astype(np.float32).tobytes() if found else b""
        for language_rows in (compiled.language_rows, facts_py.language_rows):
            assert gathered(language_rows, found, walk.bits) == expected


def test_the_language_rows_refuse_what_they_cannot_fill():
    import numpy as np

    table = np.zeros((4, 3), dtype=np.uint16)
    for language_rows in (compiled.language_rows, facts_py.language_rows):
        with pytest.raises(ValueError):
            language_rows([0, 1], table, np.empty((1, 3), dtype=np.uint32), REBIAS)
        for outside in (4, -1):
            with pytest.raises(IndexError):
                language_rows([0, outside], table, np.empty((2, 3), dtype=np.uint32), REBIAS)


def featured(walk, kernel, text: bytes, table=None):
    table = walk.bits if table is None else table
    return kernel.language_features(text, walk.first, walk.after_two, walk.nextmove, walk.rowbase, walk.output, DEEPEST_STATE, table, REBIAS)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(ALPHABET, max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_language_features_are_the_walks_rows_and_counts(walk, text):
    """In one call, in C and in numpy alike: the rows language_rows gathers for the features the walk meets, in the order
    first met, with how often each is met as float32 (none for an empty text)."""
    import numpy as np

    found, counted = walked(walk, facts_py.language_visits, text)
    expected = gathered(facts_py.language_rows, found, walk.bits)
    for kernel in (compiled, facts_py):
        rows, counts = featured(walk, kernel, text)
        assert rows.dtype == np.uint32 and rows.shape == (len(found), walk.bits.shape[1]) and rows.tobytes() == expected
        assert counts.dtype == np.float32 and counts.shape == (len(found),) and counts.tolist() == counted


def test_the_language_features_refuse_a_table_without_their_rows(walk):
    import numpy as np

    small = np.zeros((4, 3), dtype=np.uint16)  # (py3langid's features are numbered far beyond 4)
    for kernel in (compiled, facts_py):
        with pytest.raises(IndexError):
            featured(walk, kernel, "Der Hund läuft über die Straße.".encode(), small)
        rows, counts = featured(walk, kernel, b"", small)
        assert rows.shape == (0, 3) and counts.shape == (0,)


@pytest.mark.parametrize(
    "lines",
    [
        ["\u212aELVIN", "STRASSE"],  # not ASCII, folding to ASCII (the Kelvin sign to k)
        ["ÜBER", "Straße"],  # Latin-1, folding to Latin-1 ('ß' to 'ss')
        ["\u00b5m"],  # Latin-1, folding outside it (the micro sign to Greek mu)
        ["ΟΔΟΣ", "Zürich"],  # two bytes a character, folding to two
        ["İ"],  # one character folding to two, one of them combining
        ["Ǆ", ""],  # a title-case digraph, and an empty line
    ],
)
def test_a_folded_text_is_stored_as_python_stores_it(lines):
    """The kernel's folded text is the very string Python makes: equal, and of the same kind (ASCII, one byte a character,
    or two: the same size in memory), whichever kind the text was."""
    import sys

    expected = "\n".join(lines).casefold()
    for found in (compiled.casefold_lines(lines), compiled.casefold("\n".join(lines))):
        assert found == expected
        assert found.isascii() == expected.isascii()
        assert sys.getsizeof(found) == sys.getsizeof(expected)


def test_a_pages_first_words_are_listed_under_each_set_holding_them():
    """Each first word of a page that a numbered set of first words holds is listed under every number of such a set,
    once; words no set holds, and sets holding none of the page's words, are not listed; with more numbered words than
    first words and fewer alike."""
    by_first = {"von": [3], "by": [0, 7], "стенд": [2], "stand": [5], "12": [9], "": [4], "par": [11]}
    numbers = {"by": (0, 2), "von": (0,), "par": (0, 1), "стенд": (3,), "auteur": (1,), "": (4,), "publié": (5,)}
    expected = {0: ["by", "par", "von"], 1: ["par"], 2: ["by"], 3: ["стенд"], 4: [""]}
    for first_sets in (compiled.first_sets, facts_py.first_sets):
        found = first_sets(by_first, numbers)
        assert {n: sorted(words) for n, words in found.items()} == expected
        assert {n: sorted(words) for n, words in first_sets({"von": [1]}, numbers).items()} == {0: ["von"]}
        assert first_sets({}, numbers) == first_sets(by_first, {}) == first_sets({"kein": [0]}, numbers) == {}


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(ALPHABET, max_size=4), st.lists(st.integers(0, 50), min_size=1, max_size=3), max_size=20),
    st.dictionaries(st.text(ALPHABET, max_size=4), st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True).map(tuple), max_size=20),
)
def test_any_first_words_are_listed_alike(by_first, numbers):
    found = [{n: sorted(words) for n, words in kernel.first_sets(by_first, numbers).items()} for kernel in (compiled, facts_py)]
    assert found[0] == found[1]
    assert sum(map(len, found[0].values())) == sum(len(numbers[w]) for w in by_first if w in numbers)
