"""`left_open` (does a line leave its sentence open on a lower-case function word?) gives the same answer compiled as its
pure twin where the compiled one folds the last word as it reads it (Latin-1, ß, µ, wide characters folding alike or
not), and the answers are the expected ones for made-up lines in several languages."""

from __future__ import annotations

import pytest

from winnow.kernel import lines_py
from winnow.text.words import stoplist

compiled = pytest.importorskip("winnow.kernel._lines", reason="the compiled kernel is not built here (no C compiler)")

OPEN = [
    ("en", "The committee met on Monday and agreed to"),
    ("en", "a"),
    ("de", "Die Feuerwehr rückte gegen Mitternacht aus, weil die"),
    ("de", "Der"),  # an article alone on its line
    ("fr", "Le maire a présenté le projet devant les"),
    ("es", "El tren llegó con retraso por culpa de"),
    ("ru", "Правительство объявило, что и"),
]
CLOSED = [
    ("en", "The committee met on Monday."),
    ("en", "The committee met on Monday and agreed to Brussels"),  # a capitalised last word
    ("en", "It was written by TO"),  # upper case: no function word closing the line
    ("de", "Wir gingen gemeinsam zur Straße"),  # ß in a last word that is no function word
    ("de", "Ein Wort mit µm"),
    ("de", "Die Zahl war 42"),
    ("fr", "Le maire a présenté le projet à Paris"),
    ("ru", "Правительство объявило о реформе"),
    ("en", "Prices rose by 3‰"),  # a character past Latin-1 that folds as it is
    ("en", "a word ending in ǅ"),  # one folding to another character
]


@pytest.mark.parametrize(("lang", "line"), OPEN)
def test_a_line_ending_on_a_function_word_is_open_in_both(lang, line):
    stop = stoplist(lang)
    assert compiled.left_open(line, stop) is True
    assert lines_py.left_open(line, stop) is True


@pytest.mark.parametrize(("lang", "line"), CLOSED)
def test_a_line_ending_otherwise_is_closed_in_both(lang, line):
    stop = stoplist(lang)
    assert compiled.left_open(line, stop) is False
    assert lines_py.left_open(line, stop) is False


@pytest.mark.parametrize(
    "word", ["straße", "strasse", "STRASSE", "µm", "μm", "ǆ", "ǅ", "ﬁx", "fix", "über", "ÜBER", "ça", "ÿes", "σας", "ΣΑΣ", "i̇", "ıi", "wort…"]
)
def test_last_words_folded_in_place_as_by_casefold(word):
    """A made-up stoplist holding some of the words case-folded: the compiled look-up (folded as read) and casefold agree."""
    stop = frozenset({"straße", "strasse", "µm", "μm", "ǆ", "fix", "über", "ça", "σας", "ıi"})
    for line in (word, f"one two {word}", f"One Two {word.lower()}"):
        assert compiled.left_open(line, stop) == lines_py.left_open(line, stop)
