"""One tokenizer: near-duplicate shingles and site-template keys split words as the rules do, so two copies of
a story that differ only in typography (apostrophes, ligatures, full-width forms, case) give the same words."""

from __future__ import annotations

import pytest

from winnow.corpus.shingles import shingle_hashes, words
from winnow.text.words import tokens


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The mayor didn't resign, officials said.", "The Mayor didn’t resign — officials said"),
        ("Die ﬁnanzielle Lage der Stadt", "Die finanzielle Lage der Stadt"),
        ("ＷＨＯ warnt vor Hitze", "WHO warnt vor Hitze"),
        ("L'équipe a gagné 3–1", "L’équipe a gagné 3-1"),
    ],
)
def test_typographic_variants_of_a_text_give_the_same_words_and_shingles(one, other):
    assert words(one) == words(other)
    assert shingle_hashes(words(one), 3).tolist() == shingle_hashes(words(other), 3).tolist()


def test_the_words_are_the_rules_tokens():
    text = "Le conseil municipal a voté l'budget 2024 — 5 voix contre 3."
    assert words(text) == tokens(text)  # nothing to normalise here: exactly the rules' split
    assert words("会议于周一举行") == ["会议于周一举行"]  # an unspaced script stays one run, as for the rules


@pytest.mark.parametrize("size", [1, 2, 3, 5])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "eins",
        "Die Stadt plant neue Radwege",
        "The council voted on the budget on Monday, and the mayor said she would sign it",
        "Le conseil a voté: 5 voix contre 3, l'opposition s'abstient, la séance est levée",
        "会议于周一举行 市长 表示 支持",
    ],
)
def test_shingle_hashes_are_datasketchs_sha1_hash32_of_each_shingle(text, size):
    """Signatures stay comparable with datasketch's own hashing (and with caches made before): each shingle's
    hash is `sha1_hash32` of its words joined by spaces; a text shorter than a shingle is one shingle."""
    from datasketch.hashfunc import sha1_hash32

    tokens = words(text)
    grams = [" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))] if tokens else []
    expected = sorted({sha1_hash32(g.encode("utf-8")) for g in grams})
    assert shingle_hashes(tokens, size).tolist() == expected
