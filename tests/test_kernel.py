"""The compiled kernel (`winnow.kernel._lines`, Cython) and its pure-Python twin give the same results, and the
loader uses the binary only when it was built from the sources beside it."""

from __future__ import annotations

import importlib.util
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import winnow.kernel as kernel
from winnow.kernel import lines_py
from winnow.rules.shared import left_open as shared_left_open
from winnow.text.sentences import SENTENCE_END
from winnow.text.words import stoplist

compiled = pytest.importorskip("winnow.kernel._lines", reason="the compiled kernel is not built here (no C compiler)")


def test_the_binary_is_built_from_the_sources():
    """An edited kernel source needs a rebuild (`pip install -e .`); until then the twin runs, and this test says so."""
    assert compiled.SOURCE_HASH == kernel.source_hash(kernel.Path(kernel.__file__).parent), "stale compiled kernel: pip install -e ."


def test_an_edit_to_a_shared_header_makes_the_binaries_stale(tmp_path):
    """The kernels compile the inline functions of `_*.pxd` into themselves: an edited header changes the hash."""
    folder = kernel.Path(kernel.__file__).parent
    for path in kernel.sources(folder):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert any(path.suffix == ".pxd" for path in kernel.sources(tmp_path))
    before = kernel.source_hash(tmp_path)
    assert before == kernel.source_hash(folder)
    header = next(tmp_path.glob("_*.pxd"))
    header.write_text(header.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert kernel.source_hash(tmp_path) != before


STOP = stoplist("de") | stoplist("en") | stoplist("fr") | stoplist("ru")
FLAGS = (0, lines_py.FLAG_REMOVED, lines_py.FLAG_LINK, lines_py.FLAG_FORMULA, lines_py.FLAG_FORMULA_WORD, lines_py.FLAG_CLOSES)

PAGES = [
    # German, a sentence split at links, a menu, a blank line inside a sentence
    ["Startseite", "Politik", "", "Der Minister hat am Montag in", "Berlin", "angekündigt, dass die", "", "neue Regel gilt.", "Impressum"],
    # English, a line ending on a function word, a lone article, an opening quote, a closing full stop
    ["Home | About", "Researchers at", "OpenAI", "in San Francisco revealed the model.", "The", "Committee met.", "He said „", "Yes", ". In addition"],
    # French and Russian
    ["Accueil", "Le gouvernement a annoncé que la", "réforme", "sera votée.", "", "", "Новости", "Правительство объявило, что и", "реформа будет"],
    # Arabic (right to left), Chinese and Japanese (no spaces), an emoji outside the BMP, combining marks
    ["الرئيسية", "قال الوزير إن", "الحكومة ستعلن", "。", "这是一个测试句子，没有空格", "日本語の文章です。", "😀 party at", "e\u0301te\u0301 a\u0300", "ok"],
    ["", "", "", "only", "", "", "blanks", "-", "—and more", "(aside)"],
    # a formula flattened a piece a line, with its TeX source; digits and subscripts that are no letters
    ["A matrix", "A", "Hermitian", "⟺", "a j i", "= a", "{\\displaystyle A^{H}}", "x²y", "x_1", "{\\1}", "⟨ v ,", "αβ", "ℵ"],
]


def twins(stripped: list[str], flags: bytes, stop: frozenset[str]) -> None:
    assert compiled.count_common(stripped, stop) == lines_py.count_common(stripped, stop)
    assert compiled.formula_lines(stripped) == lines_py.formula_lines(stripped)
    assert compiled.join_lines(stripped, flags, stop, SENTENCE_END.search) == lines_py.join_lines(stripped, flags, stop, SENTENCE_END.search)
    for line in filter(None, stripped):
        assert compiled.left_open(line, stop) == lines_py.left_open(line, stop) == shared_left_open(line, stop)


@pytest.mark.parametrize("page", PAGES)
def test_made_up_pages_give_the_same_blocks_under_every_flag_mix(page):
    stripped = [line.strip() for line in page]
    rng = random.Random(len(page))
    twins(stripped, bytes(len(page)), STOP)
    for _ in range(200):
        twins(stripped, bytes(rng.choice(FLAGS) | rng.choice(FLAGS) for _ in page), STOP)


def test_the_blocks_are_what_the_detector_joins():
    """A sentence split at links is one block; a menu and a link flagged as such are blocks of their own (a lower-case "mehr" would be glued)."""
    page = ["Startseite", "Der Minister hat am Montag in", "Berlin", "angekündigt, dass die Regel gilt.", "mehr"]
    flags = bytes([lines_py.FLAG_LINK, 0, 0, 0, lines_py.FLAG_LINK])
    for join in (compiled.join_lines, lines_py.join_lines):
        blocks, formulas, texts = join(page, flags, stoplist("de"), SENTENCE_END.search)
        assert (blocks, formulas) == ([[0], [1, 2, 3], [4]], [0, 0, 0])
        assert texts == ["Startseite", "Der Minister hat am Montag in Berlin angekündigt, dass die Regel gilt.", "mehr"]
    assert lines_py.join_lines(page, bytes(5), frozenset(), SENTENCE_END.search)[0] != [[0], [1, 2, 3], [4]]  # flags matter


# text of any script, with the kinds of characters that trip character loops: outside the BMP, combining marks,
# right-to-left letters, CJK, every kind of space, and the punctuation the joining rules read
ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(list("aZ äöüß éè ñ ё Жж 中文の。！？ ١٢ عربي \u0301\u0308 \u00a0\u2009\u3000\t ,;:)]}»”%…-–—/·.!?(„“«‚‘[") + ["😀", "𝔘"]),
)
LINES = st.lists(st.text(ALPHABET, max_size=30), max_size=25)


@settings(max_examples=400, deadline=None)
@given(LINES, st.data())
def test_any_text_gives_the_same_blocks(lines, data):
    stripped = [line.strip() for line in lines]
    flags = bytes(data.draw(st.lists(st.sampled_from([f | g for f in FLAGS for g in FLAGS]), min_size=len(lines), max_size=len(lines))))
    twins(stripped, flags, STOP | frozenset(w.casefold() for line in stripped for w in line.split()[-1:] if len(w) <= 3))


# Latin-1 letters that fold oddly (ß to 'ss', µ to μ, × not at all), its spaces, and words made of them; ẞ and μ make a
# text wider than Latin-1 (then it is case-folded first)
LATIN_1 = st.lists(st.sampled_from(list("aAsSzZßẞµμÀàÖö×÷ÿ \t\u00a0\u0085\x1c.,-") + ["SS", "Straße", "STRASSE", "strasse"]), max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(LATIN_1, max_size=12), st.lists(LATIN_1, max_size=8))
def test_latin_1_text_folded_as_read_counts_what_case_folding_counts(texts, listed):
    """Latin-1 text is folded character by character as the kernel reads it (ß as 'ss', µ as μ): the same words
    and hits as case-folding it first; the stoplist holds words of the texts, folded and as written."""
    stop = frozenset(w for text in texts + listed for w in text.casefold().split()[:2] + text.split()[:1])
    assert compiled.count_common(texts, stop) == lines_py.count_common(texts, stop)


# wider text: typographic quotes, dashes and the ellipsis (read in place), letters past Latin-1 that fold (Polish, Greek,
# Turkish İ, the long s), spaces past Latin-1, non-BMP letters, and a word longer than any listed
WIDE = st.lists(
    st.sampled_from(list("aAßẞµ„“”’‘–—…€\u2009\u2028 \u3000ŁłĄąΣσςİſ𝔘😀.,") + ["„Die", "Straße“", "ŁÓDŹ", "łódź", "x" * 40, "Die–Straße"]), max_size=20
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(WIDE, max_size=12), st.lists(WIDE, max_size=8))
def test_wider_text_read_in_place_counts_what_case_folding_counts(texts, listed):
    """Text wider than Latin-1 is read word by word in place where its characters fold as Latin-1's or not at all, and
    only its other words are case-folded: the same words and hits as case-folding it first (the twin's way)."""
    stop = frozenset(w for text in texts + listed for w in text.casefold().split()[:3] + text.split()[:1])
    assert compiled.count_common(texts, stop) == lines_py.count_common(texts, stop)
    counted = [len(text.split()) for text in texts]
    assert compiled.count_common(texts, stop)[0] == counted


def test_the_characters_read_in_place_are_kept_by_case_folding():
    """The general punctuation and currency signs the kernel reads in place (U+2000 to U+20CF) case-fold to themselves."""
    assert all(chr(c).casefold() == chr(c) for c in range(0x2000, 0x20D0))
    stop = frozenset({"die", "straße", "strasse", "łódź"})
    texts = ["„Die Straße“ – in ŁÓDŹ …", "DIE\u2009STRASSE—und", "die straße die"]
    for count_common in (compiled.count_common, lines_py.count_common):
        assert count_common(texts, stop) == ([6, 2, 3], [1, 1, 3])  # ("„Die" and "Straße“" are words of their own)


def test_common_words_are_counted_as_words_split_at_spaces_and_case_folded():
    """German sharp s folds to "ss" (STRASSE holds "strasse"); a word is what lies between spaces of any kind."""
    stop = frozenset({"die", "strasse", "und"})
    texts = ["Die STRASSE\u00a0und\u3000der Weg", "", "   ", "dieund die,"]
    for count_common in (compiled.count_common, lines_py.count_common):
        assert count_common(texts, stop) == ([5, 0, 0, 2], [3, 0, 0, 0])


def test_an_edited_source_makes_the_pure_twin_run(monkeypatch):
    """A binary whose compiled-in hash is not the sources' (they were edited since) is never used."""
    monkeypatch.setattr(kernel, "source_hash", lambda folder: "edited")
    modules, how = kernel._load()
    assert modules["_lines"] is lines_py and "stale" in how


def test_the_environment_forces_the_pure_twin(monkeypatch):
    monkeypatch.setenv("WINNOW_PURE_KERNEL", "1")
    assert kernel._load()[0]["_lines"] is lines_py


def test_every_compiled_kernel_has_a_twin_with_the_same_functions():
    """Each `_NAME.pyx` beside the loader is listed with its twin, and the binary offers what the twin offers."""
    folder = kernel.Path(kernel.__file__).parent
    assert sorted(path.stem for path in folder.glob("_*.pyx")) == sorted(kernel.TWINS)
    for name, twin in kernel.TWINS.items():
        built = importlib.import_module(f"winnow.kernel.{name}")
        functions = {key for key, value in vars(twin).items() if callable(value) and getattr(value, "__module__", None) == twin.__name__}
        public = {key for key in functions if not key.startswith("_")}
        assert public and public <= set(dir(built)), name


def test_a_current_binary_is_used():
    assert kernel.IMPLEMENTATION == "compiled" and kernel.join_lines is compiled.join_lines
    assert importlib.util.find_spec("winnow.kernel._lines").origin.endswith((".so", ".pyd"))
