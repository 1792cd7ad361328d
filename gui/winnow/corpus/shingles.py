"""Word shingles of a cleaned text, hashed once: the same 32-bit hashes feed the MinHash and the exact check.

Words are the one tokenizer's (winnow.text.words: case-folded runs of letters and digits), so punctuation,
quotes and spacing, which differ between two copies of one story, do not make them look different.
"""

from __future__ import annotations

import hashlib
import unicodedata
from hashlib import sha1
from itertools import accumulate

import numpy as np

from winnow.text import words as tokenizer


def words(text: str) -> list[str]:
    """The text's words by the one tokenizer (winnow.text.words), after NFKC: two copies of a story that differ
    only in typography (ligatures, full-width forms) give the same words."""
    return tokenizer.tokens(unicodedata.normalize("NFKC", text))


def shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """Sorted, distinct 32-bit hashes of the `size`-word shingles (a text shorter than `size` is one shingle).

    The hash is datasketch's `sha1_hash32` (the first four bytes of the SHA-1 of the shingle's UTF-8, read
    little-endian), computed here in one pass: the words are encoded once and each shingle is a slice of the
    encoded text, the digests joined and read by numpy, not unpacked one call at a time."""
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    text = " ".join(tokens).encode("utf-8")
    if len(tokens) <= size:
        digests = sha1(text).digest()[:4]
    else:
        ends = list(accumulate(len(t.encode("utf-8")) + 1 for t in tokens))  # offset after each word's space
        starts = [0, *ends[: len(tokens) - size]]
        digests = b"".join([sha1(text[start : ends[i + size - 1] - 1]).digest()[:4] for i, start in enumerate(starts)])
    return np.unique(np.frombuffer(digests, dtype="<u4").astype(np.uint32))


def content_hash(tokens: list[str]) -> bytes:
    """Equal for two texts with the same words in the same order (exact duplicates up to punctuation)."""
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest()
