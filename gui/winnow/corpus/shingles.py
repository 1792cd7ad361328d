"""Word shingles of a cleaned text, hashed once: the same 32-bit hashes feed the MinHash and the exact check.

Words are the one tokenizer's (winnow.text.words: case-folded runs of letters and digits), so punctuation,
quotes and spacing, which differ between two copies of one story, do not make them look different.
"""

from __future__ import annotations

import hashlib
import unicodedata

import numpy as np

from winnow.corpus.sketch_library import import_datasketch
from winnow.text import words as tokenizer


def words(text: str) -> list[str]:
    """The text's words by the one tokenizer (winnow.text.words), after NFKC: two copies of a story that differ
    only in typography (ligatures, full-width forms) give the same words."""
    return tokenizer.tokens(unicodedata.normalize("NFKC", text))


def shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """Sorted, distinct 32-bit hashes of the `size`-word shingles (a text shorter than `size` is one shingle)."""
    import_datasketch()  # (imported late: see near_duplicates)
    from datasketch.hashfunc import sha1_hash32  # datasketch's own shingle hash

    if not tokens:
        return np.empty(0, dtype=np.uint32)
    count = max(1, len(tokens) - size + 1)
    grams = (" ".join(tokens[i : i + size]).encode("utf-8") for i in range(count))
    return np.unique(np.fromiter((sha1_hash32(g) for g in grams), dtype=np.uint32, count=count))


def content_hash(tokens: list[str]) -> bytes:
    """Equal for two texts with the same words in the same order (exact duplicates up to punctuation)."""
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest()
