"""The main-text detector on flattened pages with formulas: a formula rendered one symbol a line, with its
TeX source after it, keeps its sentence whole instead of cutting it into fragments; the formula's pieces
themselves (its symbols, variables and TeX source) are not words of the text and go."""

import pytest

from rules_helpers import clean, kept, only
from test_rules_boilerplate import flattened_page
from winnow.rules.boilerplate import _in_formula, _words_without_formulas, formula_pieces, is_formula, is_symbols, prose_words

# a sentence with inline formulas, as a naive scraper flattens it: the words, each symbol of a rendered
# formula on its own line (blank lines between), its TeX source, the next words: pieces too short for prose
PIECES = {
    "en": ("If the barrier holds back a water level", "above the old quay, the pressure on each gate", "grows with the square of that height."),
    "de": ("Wenn die Sperre einen Wasserstand", "über dem alten Kai hält, wächst der Druck auf jedes Tor", "mit dem Quadrat dieser Höhe."),
    "fr": ("Si la digue retient un niveau d'eau", "au-dessus de l'ancien quai, la pression sur chaque porte", "croît avec le carré de cette hauteur."),
}
RENDERED = ("h", "", "=", "", "H", "", "−", "", "h", "", "0", "", "≥", "", "2", "")
TEX = r"{\displaystyle h=H-h_{0}\geq 2}"


def formula_sentence(lang: str) -> tuple[str, ...]:
    first, middle, last = PIECES[lang]
    return ("", first, "", *RENDERED, TEX, "", middle, "", *RENDERED, TEX, "", last, "")


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_sentence_cut_by_formulas_stays_with_its_article(lang):
    lines = flattened_page(lang, after=formula_sentence(lang) * 3)
    result = clean(lines, only("boilerplate.main-text"))
    for piece in PIECES[lang]:
        assert kept(result, piece), piece
    for piece in (TEX, "=", "≥", "H"):
        assert not kept(result, piece), piece


INLINE = {
    "en": ("The gate in the", "i", "-th row of the barrier opens first, then the one in the", "j", "-th row."),
    "de": ("Das Tor in der", "i", "-ten Reihe der Sperre öffnet zuerst, dann das in der", "j", "-ten Reihe."),
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_variable_amid_the_text_without_tex_stays(lang):
    # a variable set in italics is a word of its sentence: no TeX source follows it, nothing marks it as a formula
    lines = flattened_page(lang, after=formula_sentence(lang) * 2 + ("", *INLINE[lang], ""))
    result = clean(lines, only("boilerplate.main-text"))
    for piece in INLINE[lang]:
        assert kept(result, piece), piece


def test_a_formulas_pieces_are_its_rendering_and_its_tex():
    lines = ["for all indices", "i", "and", "j", ":", "A", "Hermitian", "⟺", "a", "=", "b", TEX, "or in matrix form:"]
    # the rendering back to the last line of text; the word inside it ('Hermitian') too, the colon before it not
    assert formula_pieces(lines, list(range(len(lines)))) == list(range(5, 12))
    assert formula_pieces(lines[:5], list(range(5))) == []  # variables without TeX after them


@pytest.mark.parametrize(
    "line",
    ["A", "⟨ v ,", "= a j i", "x ≤ y", "¯", r"{\displaystyle A^{\mathsf {H}}}", r"{\frac {1}{2}} of the time"],
)
def test_symbols_and_tex_are_formulas(line):
    assert is_formula(line)


@pytest.mark.parametrize("line", ["", "Home", "Über uns", "12", "2020", "1.1", "|", "© 2020", "Ax = b in words", "{ braces }", "»"])
def test_words_numbers_and_separators_are_not(line):
    assert not is_formula(line)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_tex_after_a_line_another_rule_removed_goes_too(lang):
    # ad labels around a formula's TeX: it is a block of its own, and still a formula
    first, middle, last = PIECES[lang]
    sentence = ("", first, "", "Advertisement", "", TEX, "", "Advertisement", "", middle, "", *RENDERED, TEX, "", last, "")
    result = clean(flattened_page(lang, after=sentence * 3), only("boilerplate.main-text").with_enabled("ads.markers", True))
    assert not kept(result, "Advertisement")
    assert not kept(result, TEX)
    assert kept(result, middle)


def test_short_words_before_a_variable_are_the_sentences():
    # 'of' / 'A' / TeX: the variable and its TeX go, the sentence's 'of' stays; a longer word amid symbols is the formula's
    lines = ["the columns", "of", "A", TEX, "so", "A", "Hermitian", "⟺", "a", TEX]
    assert formula_pieces(lines, list(range(len(lines)))) == [2, 3, 5, 6, 7, 8, 9]


@pytest.mark.parametrize(
    "lines",
    [
        ["the height", "h", "=", "H", "−", "h", TEX, "of the gate grows"],  # symbols, a variable and TeX amid words
        ["la  hauteur\tmonte", "x ≤ y", r"{\frac {1}{2}} du temps", "  et  la_pression ^ baisse  "],  # TeX words, odd spacing
        ["die Höhe wächst", "A", "Hermitian", "⟺", "", "mit dem Quadrat"],  # a word amid symbols, a blank line
        ["no formula here", "at all", "in these lines"],  # no symbols: every word stays
        ["=", "⟨ v ,", "A"],  # nothing but symbols: no words
    ],
)
def test_a_blocks_words_without_formulas_are_its_lines_prose_words_but_symbols(lines):
    # the block's words at once are those of its lines one by one: each line not symbols alone, its words without TeX
    block = list(range(len(lines)))
    formulas = {i for i, line in enumerate(lines) if is_formula(line)}
    expected = " ".join(w for line in lines if not is_symbols(line) for w in prose_words(line))
    assert _words_without_formulas(lines, block, formulas) == expected
    assert _words_without_formulas(lines, block[1:], formulas) == " ".join(w for line in lines[1:] if not is_symbols(line) for w in prose_words(line))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["A", "Hermitian", "", "⟺", "a"], [False, True, False, True, False]),  # a word, a blank line, then a symbol (and the symbol before a variable)
        (["der", "", "", "≥"], [False, False, False, False]),  # the symbol too far after the word
        (["zwei Wörter", "x ≤ y"], [False, False]),  # two words: a sentence's piece
        (["soit", "Texte suivant"], [False, False]),  # words before words
        (["alors", TEX], [True, False]),  # a word before TeX
    ],
)
def test_a_word_alone_right_before_a_formulas_piece_is_in_the_formula(lines, expected):
    stripped = [line.strip() for line in lines]
    formulas = {i for i, line in enumerate(lines) if is_formula(line)}
    assert [_in_formula(stripped, formulas, i) for i in range(len(lines))] == expected
